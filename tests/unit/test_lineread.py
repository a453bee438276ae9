"""The reader made for goaltui's own lines gives what tomllib gives, or leaves the text to tomllib."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from goaltui.model.names import DETAIL_FIELDS
from goaltui.model.people import Touch
from goaltui.store import lineread, peoplelog, tapline

CET = timezone(timedelta(hours=1))
KEYS = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(9998, 12, 30)).map(
    lambda at: at.replace(tzinfo=CET).isoformat(timespec="milliseconds")
)
WORDS = st.text(min_size=1, max_size=20)
NUMBERS = st.one_of(st.integers(-(10**9), 10**9), st.floats(-(10**9), 10**9, allow_nan=False, allow_infinity=False))


def tomllib_answer(text: str) -> dict | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


@given(KEYS, st.from_regex(r"[a-z][a-z0-9_-]{0,15}", fullmatch=True), NUMBERS, st.booleans(), st.text(), st.text())
def test_every_tap_line_reads_as_tomllib_reads_it(
    key: str, metric: str, n: float, backfill: bool, note: str, who: str
) -> None:
    day = date(2026, 11, 20).isoformat() if backfill else ""
    who = who if who.strip() and who.isprintable() and len(who) <= 100 else ""
    line = tapline.encode(key, metric, n, day, note, "", who).decode()
    expected = tomllib.loads(line)
    assert lineread.read_doc(line) in (expected, None)
    if "\\" not in line:  # no escape: the reader takes it
        assert lineread.read_doc(line) == expected


@given(KEYS, WORDS, st.sampled_from(["note", "no-answer", "lost", "follow-up", "details"]), st.text(max_size=50))
def test_every_touch_line_reads_as_tomllib_reads_it(key: str, who: str, kind: str, note: str) -> None:
    if not who.strip() or not who.isprintable():
        who = "Ben Ortiz"
    due = date(2027, 2, 28) if kind == "follow-up" else None
    details = ((DETAIL_FIELDS[0], "Acme"),) if kind == "details" else ()
    at = datetime.fromisoformat(key)
    line = peoplelog.encode(key, Touch(at, who, kind, due, note, details)).decode()  # type: ignore[arg-type]
    expected = tomllib.loads(line)
    assert lineread.read_doc(line) in (expected, None)
    if "\\" not in line:
        assert lineread.read_doc(line) == expected


PIECES = [
    '"2026-11-23T09:00:00.000+01:00"',
    '"k"',
    '""',
    " = ",
    "{ ",
    " }",
    ", ",
    "metric = ",
    "n = ",
    "day = ",
    '"prospects"',
    '"a \\" b"',
    "1",
    "-3",
    "1.5",
    "1e5",
    "01",
    "1.",
    "+1",
    "2026-11-20",
    "2027-02-30",
    "2026-11-20T10:00",
    "\n",
    "\t",
    "# comment",
    "x",
    ",",
    "}",
    "{",
    " ",
    "é",
    "\x00",
]


@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_any_text_reads_as_tomllib_reads_it_or_is_left_to_it(text: str) -> None:
    """Built from the pieces of a line: whatever the reader answers, tomllib answers the same."""
    fast = lineread.read_doc(text)
    if fast is not None:
        assert fast == tomllib_answer(text)


def test_what_is_left_to_tomllib() -> None:
    good = '"2026-11-23T09:00:00.000+01:00" = { metric = "prospects", n = 2, day = 2026-11-20 }\n'
    assert lineread.read_doc(good) == tomllib.loads(good)
    for line in [
        good + good,  # a repeated key
        good.replace("n = 2", "n = 02"),
        good.replace("2026-11-20", "2026-11-31"),
        good.replace(", ", ","),
        good.replace('"prospects"', '"pro\\"spects"'),
        "# a comment\n" + good,
        good.replace(" }", ", }"),
    ]:
        assert lineread.read_doc(line) is None, line

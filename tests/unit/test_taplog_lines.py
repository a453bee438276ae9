"""Month files read line by line with the reader made for goaltui's lines: tomllib's answer, on any line.

``lineread.read_line`` reads a line as goaltui writes it and leaves every
other line to tomllib; the tap log reads a month file line by line with it.
Both are checked against tomllib itself: a line (each value's type too), and
a whole month file against the reading the tap log had before it had its own
reader (the whole text as TOML, then line by line with tomllib), kept below as
the reference.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from goaltui.model.names import name_problem
from goaltui.model.numbers import MAX_N
from goaltui.store import lineread, peoplelog, tapline, tapmonth
from goaltui.store.tap import month_of, tap_of

CASES = settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
MONTH = "taps/laptop/2026-11.toml"

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
NAMES = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    lambda t: not name_problem(t)
)
AMOUNTS = st.one_of(
    st.integers(min_value=-MAX_N, max_value=MAX_N),
    st.floats(min_value=-MAX_N, max_value=MAX_N, allow_nan=False),
    st.sampled_from([0.1, 1e-05, 5e-324, 12.5, -0.0, 1e9, 123456789.12345679]),
)
KEYS = st.one_of(
    st.datetimes(min_value=datetime(2026, 10, 30), max_value=datetime(2026, 12, 2)).map(
        lambda d: d.isoformat(timespec="milliseconds") + "+01:00"
    ),
    TEXT,
)
DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat)


def read_as_toml(line: str) -> str | None:
    """tomllib's reading of ``line`` as text that shows each value's type (1 is not 1.0); None if it is not TOML."""
    try:
        return repr(tomllib.loads(line))
    except tomllib.TOMLDecodeError:
        return None


def read_by_reader(line: str) -> str | None:
    try:
        pair = lineread.read_line(line)
    except ValueError:  # a number longer than int() reads: tomllib refuses it too
        return None
    return None if pair is None else repr({pair[0]: pair[1]})


@st.composite
def written(draw: st.DrawFn) -> str:
    """A line as tapline.encode writes it (without its newline)."""
    n = draw(AMOUNTS)
    who = draw(st.one_of(st.just(""), NAMES))
    day = draw(st.one_of(st.just(""), DAYS))
    line = tapline.encode(draw(KEYS), draw(TEXT.filter(bool)), n, day, draw(TEXT), draw(TEXT), who)
    return line.decode()[:-1]


@CASES
@given(written())
@example('"2026-11-23T09:14:03.512+01:00" = { metric = "prospects" }')
@example('"k" = { metric = "a\\"b\\\\c\\u0000\\u007F\\t", n = 12.5, day = 0005-01-01, for = "x", note = "\\u001B" }')
def test_every_line_the_writer_writes_reads_as_tomllib_reads_it(line: str) -> None:
    assert read_by_reader(line) in (read_as_toml(line), None)
    if "\\" not in line:  # no escape: the reader takes it
        assert read_by_reader(line) == read_as_toml(line), line


# Characters the form is made of, and those that break it, for lines a stranger or a torn write could leave.
ODD = st.text(alphabet="\"\\{}=,. -+e0123456789Tnu:#[]'\t\r\x00\x7f\x85\u2028é日\u0662metricdayforwhonote", max_size=60)


@st.composite
def changed(draw: st.DrawFn) -> str:
    """A written line with a piece cut out, put in or replaced."""
    line = draw(written())
    i = draw(st.integers(0, len(line)))
    j = draw(st.integers(i, min(len(line), i + 6)))
    return line[:i] + draw(ODD.map(lambda t: t[:4])) + line[j:]


@CASES
@given(st.one_of(changed(), ODD, TEXT))
@example('"k" = { metric = "p", day = 2026-02-30 }')  # a date that is no date: tomllib says so
@example('"k" = { metric = "p", n = 01 }')
@example('"k" = { metric = "p", n = 1. }')
@example('"k" = { metric = "p", n = 1e }')
@example('"k" = { metric = "p", n = ' + "9" * 5000 + " }")  # more digits than int() reads
@example('"k" = { metric = "p", note = "\\uD800" }')  # an escape that is no character
@example('"k" = { metric = "p", n = 1, n = 2 }')
@example('"k" = { metric = "p", day = 2026-11-20 10:00:00 }')
@example('"k" = { metric = "p" } # a comment')
@example('"k" = { metric = "p", n = 1 , day = 2026-11-20 }')
@example('"k" = { metric = "p", n = 1\u0662 }')  # a digit of another script: not TOML's
@example('"k" = { metric = "p", who = "x", n = \u0661 }')
@example('"k" = { metric = "p", day = 2026-11-2\u0660 }')
def test_the_reader_never_reads_a_line_otherwise_than_tomllib(line: str) -> None:
    ours = read_by_reader(line)
    assert ours is None or ours == read_as_toml(line), line


# --------------------------------------------------------------------------- whole files


def reference_entry(line: str, month: date | None, make: Any) -> tuple[str, Any] | None:
    """taplog.parse_entry as it was: tomllib alone."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"not valid TOML ({err})") from None
    if len(doc) != 1:
        raise ValueError("expected one tap on the line")
    ((key, value),) = doc.items()
    return key, make(key, value, month)


def reference_parse(data: bytes, rel: str, make: Any = tap_of, first_line: int = 1) -> tuple[str, list[str], int]:
    """A month file read as the tap log read it with tomllib alone: the whole text as TOML, else line by line."""
    month = month_of(rel)
    try:
        doc = tomllib.loads(data.decode("utf-8"))
        return repr([make(key, value, month) for key, value in doc.items()]), [], len(data)
    except ValueError:
        pass
    what = "a tap" if make is tap_of else "a touch"
    taps: list[Any] = []
    problems: list[str] = []
    keys: dict[str, int] = {}
    lines = data.split(b"\n")
    last = len(lines) - 1
    consumed = pos = 0
    for i, raw in enumerate(lines):
        lineno = first_line + i
        complete = i < last
        end = pos + len(raw) + complete
        try:
            entry = reference_entry(raw.decode("utf-8"), month, make)
        except UnicodeDecodeError:
            entry, reason = None, "not UTF-8 text"
        except ValueError as err:
            entry, reason = None, str(err)
        else:
            reason = ""
        if reason:
            if complete:
                problems.append(f"{rel}:{lineno}: skipped a line that is not {what}: {reason}")
                consumed = end
            else:
                problems.append(f"{rel}:{lineno}: skipped an incomplete last line (an interrupted write?): {reason}")
        elif entry is not None:
            key, tap = entry
            if key in keys:
                problems.append(
                    f"{rel}:{lineno}: skipped a line that is not {what}: its key {key} repeats line {keys[key]}"
                )
            else:
                keys[key] = lineno
                taps.append(tap)
            consumed = end
        elif complete:
            consumed = end
        pos = end
    return repr(taps), problems, consumed


def ours(data: bytes, rel: str, make: Any = tap_of) -> tuple[str, list[str], int]:
    parsed = tapmonth.parse_month(data, rel, make)
    return repr(parsed.taps), parsed.problems, parsed.consumed


def tap_at(minute: int, **fields: Any) -> str:
    key = (date(2026, 11, 23).isoformat() + f"T09:{minute % 60:02d}:00.000+01:00") if minute >= 0 else "x"
    return tapline.encode(key, fields.pop("metric", "prospects"), **fields).decode()[:-1]


# Lines a month file may hold: the writers' own, and what a hand, a torn write or a stranger leaves.
LINES = st.one_of(
    st.integers(-1, 70).map(tap_at),
    st.integers(0, 70).map(lambda m: tap_at(m, n=250.5, note='say "hi"', day="2026-11-20")),
    st.integers(0, 70).map(lambda m: tap_at(m, who="Ben Ortiz")),
    st.integers(0, 70).map(lambda m: tap_at(m).replace("{ metric", "{ n = 0, metric")),  # another order
    st.integers(0, 70).map(lambda m: tap_at(m, day="2026-11-30")),  # a day after the tap: refused
    st.integers(0, 70).map(lambda m: tap_at(m)[: m % 40]),  # torn
    st.integers(0, 70).map(lambda m: "  " + tap_at(m) + " \r"),
    st.integers(0, 70).map(lambda m: tap_at(m).replace(" = { ", "={").replace(" }", "}")),  # by hand
    st.sampled_from(
        [
            "",
            "# a comment",
            "   ",
            "\x0c" + tap_at(1),
            '"2026-11-23T09:01:00.000+01:00".metric = "leads"',  # dotted keys: one tap over two lines
            '"2026-11-23T09:01:00.000+01:00".n = 3',
            '"2026-11-23T09:02:00.000+01:00" = { metric = "p", note = """a',  # a string over lines
            'b""" }',
            '"2026-11-23T09:03:00.000+01:00" = { metric = "p", n = [',
            "1] }",
            "[table]",
            "junk",
            '"1900-01-01T00:00:00.000+01:00" = { metric = "p" }',  # far from the file's month
            "\udcff",  # stands for bytes that are not UTF-8 (see the file below)
        ]
    ),
    changed(),
)


@st.composite
def month_files(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(LINES, max_size=12))
    end = draw(st.sampled_from(["\n", "", "\r\n"]))
    text = "\n".join(lines) + (end if lines else "")
    return text.encode("utf-8", "surrogateescape")


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(month_files())
@example(b'"2026-11-23T09:01:00.000+01:00" = { metric = "p" }\n# no newline')
@example(b'"2026-11-23T09:01:00.000+01:00".metric = "leads"\n"2026-11-23T09:01:00.000+01:00".n = 3\n')
@example(b'"2026-11-23T09:01:00.000+01:00" = { metric = "p" }\n"2026-11-23T09:01:00.000+01:00" = { metric = "p" }\n')
def test_a_month_file_reads_as_it_did_with_tomllib_alone(data: bytes) -> None:
    assert ours(data, MONTH) == reference_parse(data, MONTH)


def test_the_people_log_reads_as_it_did_with_tomllib_alone() -> None:
    touch = '"2026-11-23T09:30:00.000+01:00" = { who = "Ben Ortiz", touch = "follow-up", due = 2026-11-27 }'
    for data in [f"{touch}\n".encode(), f"{touch}\njunk\n{tap_at(1)}\n".encode()]:
        rel = "people/laptop/2026-11.toml"
        assert ours(data, rel, peoplelog._touch) == reference_parse(data, rel, peoplelog._touch)


def test_a_long_month_in_the_writers_form_is_read_without_tomllib(monkeypatch: Any) -> None:
    lines = [tap_at(m % 60).replace("T09:", f"T{8 + m // 60:02d}:") for m in range(600)]
    data = ("\n".join(lines) + "\n").encode()

    def no_toml(text: str) -> None:
        raise AssertionError("tomllib was asked")

    monkeypatch.setattr(tomllib, "loads", no_toml)
    parsed = tapmonth.parse_month(data, MONTH)
    assert len(parsed.taps) == 600 and parsed.problems == [] and parsed.consumed == len(data)
    assert parsed.taps[-1].at - parsed.taps[0].at == timedelta(hours=9, minutes=59)

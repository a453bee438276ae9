"""Reading on from where the summary cache stopped: a month file that only grew is parsed from there.

Every read is checked against a reading of the whole file with no cache: the
counts, the problems (line numbers too) and how far the file was taken. And a
burst of taps appended in one write makes the file one tap at a time makes.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from goaltui import lang
from goaltui.store import files, locations, tapcache, tapmonth
from goaltui.store.forget import forget
from goaltui.store.tap import Tap, tap_fields
from goaltui.store.taplog import TapLog

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=CET)
TODAY = NOW.date()
REL = "taps/laptop/2026-11.toml"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """What each parse the tap log made was given: (bytes, number of its first line)."""
    calls: list[tuple[int, int]] = []
    real = tapmonth.parse_bytes

    def counting(data: bytes, rel: str, first_line: int = 1, make: Any = None) -> tapmonth.Parsed:
        calls.append((len(data), first_line))
        return real(data, rel, first_line, make)

    monkeypatch.setattr(tapmonth, "parse_bytes", counting)
    return calls


def line(minute: int, metric: str = "prospects", **fields: Any) -> bytes:
    return Tap(NOW + timedelta(minutes=minute), metric, **fields).to_line().encode()


def cached_entry(data_dir: Path, rel: str = REL) -> dict[str, Any]:
    entry: dict[str, Any] = json.loads(locations.summary_cache_path(data_dir).read_bytes())["files"][rel]
    return entry


def whole_reading(data_dir: Path, rel: str = REL) -> dict[str, Any]:
    """The file's cache entry as a reading of all of it, with no cache, makes it."""
    data, st = files.read_file(data_dir, rel, files.TAP_FILE_LIMIT)
    return tapcache.make_entry(tapmonth.parse_bytes(data, rel, make=tap_fields), data, st)


def month_read(data_dir: Path, data: bytes) -> Path:
    """The month file holding ``data``, read once (so the cache holds it)."""
    path = data_dir / REL
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    TapLog(data_dir, device="reader").read()
    return path


def test_a_file_that_grew_is_read_from_where_the_last_read_stopped(
    data_dir: Path, parsed: list[tuple[int, int]]
) -> None:
    log = TapLog(data_dir, device="laptop")
    for minute in range(3):
        log.append("prospects", now=NOW + timedelta(minutes=minute))
    log.read()
    size = log.month_path(TODAY).stat().st_size
    parsed.clear()
    log.append("leads", 2, now=NOW + timedelta(minutes=5))
    result = TapLog(data_dir, device="reader").read()
    assert parsed == [(len(line(5, "leads", n=2)), 4)]  # only the new line, as line 4
    assert result.counts.on(TODAY) == {"prospects": 3, "leads": 2}
    assert cached_entry(data_dir) == whole_reading(data_dir)
    assert cached_entry(data_dir)["end"] == size + len(line(5, "leads", n=2))


def test_a_rewritten_or_shrunk_file_is_read_again_whole(data_dir: Path, parsed: list[tuple[int, int]]) -> None:
    log = TapLog(data_dir, device="laptop")
    log.append("leads", now=NOW, who="Ben Ortiz", note="Acme")
    log.append("prospects", now=NOW + timedelta(minutes=1))
    log.read()
    parsed.clear()
    forget(data_dir, "Ben Ortiz", "laptop", NOW + timedelta(minutes=2))  # rewrites the file, shorter
    result = TapLog(data_dir, device="reader").read()
    size = log.month_path(TODAY).stat().st_size
    assert parsed == [(size, 1)]
    assert result.counts.on(TODAY) == {"prospects": 1, "leads": 1}
    assert cached_entry(data_dir) == whole_reading(data_dir)


def test_a_cache_written_in_another_language_is_read_again_whole(
    data_dir: Path, parsed: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file's problems are kept in the cache in words: words of another language are never shown."""
    data = line(0) + b"not a tap\n"
    month_read(data_dir, data)  # in English: the cache names no language
    assert "lang" not in json.loads(locations.summary_cache_path(data_dir).read_bytes())
    parsed.clear()
    TapLog(data_dir, device="reader").read()
    assert parsed == []  # the cache of the language in use is used
    monkeypatch.setattr(lang, "CURRENT", lang.Language("sv", "sv_SE"))
    result = TapLog(data_dir, device="reader").read()
    assert parsed == [(len(data), 1)]
    assert result.counts.on(TODAY) == {"prospects": 1} and len(result.problems) == 1
    assert json.loads(locations.summary_cache_path(data_dir).read_bytes())["lang"] == "sv"
    TapLog(data_dir, device="reader").read()
    assert parsed == [(len(data), 1)]  # read once in this language, then from its cache
    lang.use()
    TapLog(data_dir, device="reader").read()
    assert parsed == [(len(data), 1)] * 2


def test_a_changed_byte_before_where_the_read_stopped_means_a_whole_read(
    data_dir: Path, parsed: list[tuple[int, int]]
) -> None:
    path = month_read(data_dir, line(0) + line(1))
    with path.open("r+b") as f:  # the same file, one count changed in place, then a line appended
        f.write(line(0, "customers"))  # as long as "prospects"
        f.seek(0, os.SEEK_END)
        f.write(line(2))
    parsed.clear()
    result = TapLog(data_dir, device="reader").read()
    assert parsed == [(path.stat().st_size, 1)]
    assert result.counts.on(TODAY) == {"customers": 1, "prospects": 2}


def test_a_torn_last_line_completed_later_is_read_from_its_start(data_dir: Path, parsed: list[tuple[int, int]]) -> None:
    torn = line(1, "leads", note="half")
    path = month_read(data_dir, line(0) + torn[:25])  # a sync tool or a writer caught half way
    first = TapLog(data_dir, device="reader").read()
    assert len(first.problems) == 1 and first.problems[0].startswith(f"{REL}:2: skipped an incomplete last line")
    assert first.counts.on(TODAY) == {"prospects": 1}
    with path.open("ab") as f:
        f.write(torn[25:] + line(2))
    parsed.clear()
    again = TapLog(data_dir, device="reader").read()
    assert parsed == [(len(torn) + len(line(2)), 2)]
    assert again.problems == []
    assert again.counts.on(TODAY) == {"prospects": 2, "leads": 1}
    assert cached_entry(data_dir) == whole_reading(data_dir)


def test_a_new_key_not_after_every_earlier_one_means_a_whole_read(
    data_dir: Path, parsed: list[tuple[int, int]]
) -> None:
    path = month_read(data_dir, line(5) + line(6))
    with path.open("ab") as f:
        f.write(line(5, "leads"))  # the same key as line 1: a repeat, which only the whole file shows
    parsed.clear()
    result = TapLog(data_dir, device="reader").read()
    assert parsed == [(len(line(5, "leads")), 3), (path.stat().st_size, 1)]
    key = line(5).decode()[1:30]
    assert result.problems == [f"{REL}:3: skipped a line that is not a tap: its key {key} repeats line 1"]
    assert cached_entry(data_dir) == whole_reading(data_dir)


# Pieces appended to a month file: whole lines of the writers, odd lines, and a line without its newline.
ODD = [
    b"# a comment\n",
    b"junk\n",
    b"\n",
    b"[t]\n",
    b"\xff\n",
    b'"2026-11-23T12:00:00.000+01:00".metric = "p"\n',  # a tap over two lines, with the next
    b'"2026-11-23T12:00:00.000+01:00".n = 2\n',
    b'"2026-11-23T12:01:00.000+01:00" = { metric = "p", note = """a\n',  # a string over two lines
    b'b""" }\n',
]


def _piece(minute: int, kind: int) -> bytes:
    if kind == 3:
        return ODD[minute % len(ODD)]
    if kind == 4:
        return line(minute)[:-1]  # the next piece goes on on its line
    return line(minute, note='say "hi"') if kind == 1 else line(minute, "leads", n=2.5) if kind == 2 else line(minute)


PIECES = st.lists(st.tuples(st.integers(0, 90), st.integers(0, 4), st.integers(0, 80)), min_size=1, max_size=14)


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
@given(PIECES, st.integers(0, 6))
@example([(0, 4, 0), (1, 0, 0)], 99)  # a tap without its newline, then a line goes on after it
@example([(1, 3, 0), (5, 3, 0), (6, 3, 0)], 99)  # junk, then a tap over two lines: each line is bad
@example([(1, 0, 0), (5, 3, 0), (6, 3, 0)], 99)  # a tap, then a tap over two lines: the whole file is TOML
@example([(1, 3, 0), (7, 3, 0), (8, 3, 0)], 99)  # junk, then a string over two lines
@example([(1, 0, 0), (7, 3, 0), (8, 3, 0)], 99)
@example([(5, 3, 0), (6, 3, 0), (1, 3, 0)], 99)  # a tap over two lines, then junk: now each line is bad
def test_every_read_on_from_the_cache_is_a_whole_reading(pieces: list[tuple[int, int, int]], rewrite: int) -> None:
    """Pieces appended, each in two writes cut anywhere (a torn write, a sync tool mid-copy), read after each write."""
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        path = data_dir / REL
        path.parent.mkdir(parents=True)
        path.touch()
        for i, (minute, kind, cut) in enumerate(pieces):
            piece = _piece(minute, kind)
            split = cut % (len(piece) + 1)
            for part in (piece[:split], piece[split:]):
                with path.open("ab") as f:
                    f.write(part)
                check_read(data_dir)
            if i == rewrite:  # the file replaced by a shorter one, as `goaltui forget` does
                path.with_suffix(".new").write_bytes(path.read_bytes()[: path.stat().st_size // 2])
                os.replace(path.with_suffix(".new"), path)
                check_read(data_dir)


def check_read(data_dir: Path) -> None:
    result = TapLog(data_dir, device="reader").read()
    whole = whole_reading(data_dir)
    assert cached_entry(data_dir) == whole
    assert result.problems == whole["problems"]
    days = {date.fromisoformat(d): c for d, c in whole["counts"].items()}
    assert {d: result.counts.on(d) for d in days} == days


# --------------------------------------------------------------------------- a burst in one write


@st.composite
def bursts(draw: st.DrawFn) -> list[Tap]:
    """Taps as a burst of keys makes them: moments in order or not (a clock set back), some the same."""
    found = []
    for _ in range(draw(st.integers(1, 12))):
        at = NOW.replace(day=draw(st.sampled_from([29, 30]))) + timedelta(
            hours=draw(st.sampled_from([0, 14, 14.999999])), milliseconds=draw(st.integers(0, 3))
        )
        day = draw(st.one_of(st.none(), st.just(date(2026, 11, 20))))
        metric = draw(st.sampled_from(["prospects", "leads"]))
        found.append(Tap(at, metric, draw(st.sampled_from([1, -1, 2.5])), day, draw(st.sampled_from(["", "Acme"]))))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(bursts(), st.booleans())
def test_a_burst_in_one_write_is_the_file_one_tap_at_a_time_makes(taps: list[Tap], torn: bool) -> None:
    outcomes = []
    for one_by_one in (True, False):
        with tempfile.TemporaryDirectory() as tmp:
            log = TapLog(Path(tmp), device="laptop")
            log.append("prospects", now=NOW.replace(day=30, hour=23, minute=59, second=59))  # later than all
            if torn:
                with log.month_path(TODAY).open("ab") as f:
                    f.write(b'"2026-11-3')
            if one_by_one:
                made = [log.append(t.metric, t.n, now=t.at, day=t.day, note=t.note) for t in taps]
            else:
                made = log.append_all(taps)
            outcomes.append((made, log.month_path(TODAY).read_bytes()))
    assert outcomes[0] == outcomes[1]

"""The tap log: the line format, durable appends, reading, the summary cache, polling."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from goaltui.model.counts import DailyCounts
from goaltui.store import files, locations, tapcache, tapmonth
from goaltui.store.tap import Tap, parse_line
from goaltui.store.taplog import TapLog

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 23, 9, 14, 3, 512000, tzinfo=CET)
TODAY = NOW.date()


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def keys_of(path: Path) -> list[datetime]:
    return [parse_line(line).at for line in lines_of(path)]


@pytest.fixture
def log(data_dir: Path) -> TapLog:
    return TapLog(data_dir, device="laptop-1a2b3c")


# --------------------------------------------------------------------------- the line format


@pytest.mark.parametrize(
    ("tap", "line"),
    [
        (Tap(NOW, "prospects"), '"2026-11-23T09:14:03.512+01:00" = { metric = "prospects" }\n'),
        (Tap(NOW, "prospects", -1), '"2026-11-23T09:14:03.512+01:00" = { metric = "prospects", n = -1 }\n'),
        (
            Tap(NOW, "revenue", 250.0, note="Acme"),
            '"2026-11-23T09:14:03.512+01:00" = { metric = "revenue", n = 250, note = "Acme" }\n',
        ),
        (Tap(NOW, "revenue", 12.5), '"2026-11-23T09:14:03.512+01:00" = { metric = "revenue", n = 12.5 }\n'),
        (
            Tap(NOW, "leads", day=date(2026, 11, 20)),
            '"2026-11-23T09:14:03.512+01:00" = { metric = "leads", day = 2026-11-20 }\n',
        ),
    ],
)
def test_lines_are_written_exactly_as_designed(tap: Tap, line: str) -> None:
    assert tap.to_line() == line
    assert parse_line(line) == tap


@pytest.mark.parametrize("note", ['say "hi"', "back\\slash", "naïve café 日本 😀", "tab\tnew\nline\r\x00\x1f\x7f", "'"])
def test_notes_round_trip_through_toml(note: str) -> None:
    tap = Tap(NOW, "revenue", 99.95, day=date(2026, 11, 1), note=note)
    line = tap.to_line()
    assert line.count("\n") == 1 and line.endswith("\n")
    assert parse_line(line) == tap
    assert tomllib.loads(line)[tap.key]["note"] == note


def test_amounts_and_counts_keep_their_value() -> None:
    for n in (1, -1, 3, 250, 0.1, -12.75, 1e-05, 123456789.5, 1_000_000_000, -999_999_999.5):
        assert parse_line(Tap(NOW, "m", n).to_line()).n == n


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), True, "3", 2**63, 1_000_000_001, -1e308])
def test_a_tap_that_toml_cannot_hold_is_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        Tap(NOW, "m", bad).to_line()  # type: ignore[arg-type]


def test_counts_for_is_the_backfill_day_else_the_local_date_of_the_key() -> None:
    late = datetime(2026, 11, 23, 23, 59, 0, tzinfo=CET)
    assert Tap(late, "p").counts_for == date(2026, 11, 23)  # 22:59 UTC, but the 23rd where it was tapped
    assert Tap(late, "p", day=date(2026, 11, 20)).counts_for == date(2026, 11, 20)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("garbage", "not valid TOML"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = "prosp', "not valid TOML"),
        ('"yesterday" = { metric = "p" }', "not a timestamp"),
        ('"2026-11-23T09:14:03.512" = { metric = "p" }', "no UTC offset"),
        ('"2026-11-23T09:14:03.512+01:00" = 3', "not a table"),
        ('"2026-11-23T09:14:03.512+01:00" = { n = 2 }', "metric"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = 7 }', "metric"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = "p", n = "2" }', "n is not a number"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = "p", n = true }', "n is not a number"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = "p", n = nan }', "n is not a number"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = "p", day = "2026-11-20" }', "day"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = "p", day = 2026-11-20T10:00:00 }', "day"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = "p", note = 5 }', "note"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = "p", n = 1e308 }', "out of range"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = "p", n = -1_000_000_001 }', "out of range"),
        ('"9999-12-31T23:59:59.999+01:00" = { metric = "p" }', "out of range"),
        ('"0001-01-01T00:00:00.000+01:00" = { metric = "p" }', "out of range"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = "p", day = 0001-01-01 }', "day = 0001-01-01 is out of range"),
        ('"2026-11-23T09:14:03.512+01:00" = { metric = "p", day = 2026-11-30 }', "day = 2026-11-30 is out of range"),
        ("# a comment", "blank or a comment"),
    ],
)
def test_parse_line_says_why_a_line_is_not_a_tap(line: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_line(line)


# --------------------------------------------------------------------------- appending


def test_append_writes_the_designed_file(log: TapLog) -> None:
    log.append("prospects", now=NOW)
    log.append("prospects", -1, now=NOW + timedelta(minutes=6, seconds=37.495))
    log.append("revenue", 250, now=datetime(2026, 11, 23, 11, 2, 10, 300999, tzinfo=CET), note="Acme")
    log.append("leads", now=datetime(2026, 11, 24, 8, tzinfo=CET), day=date(2026, 11, 20))
    assert log.month_path(TODAY).read_text(encoding="utf-8") == (
        '"2026-11-23T09:14:03.512+01:00" = { metric = "prospects" }\n'
        '"2026-11-23T09:20:41.007+01:00" = { metric = "prospects", n = -1 }\n'
        '"2026-11-23T11:02:10.300+01:00" = { metric = "revenue", n = 250, note = "Acme" }\n'
        '"2026-11-24T08:00:00.000+01:00" = { metric = "leads", day = 2026-11-20 }\n'
    )


def test_an_append_makes_the_lock_folder_when_it_is_gone(log: TapLog, tmp_path: Path) -> None:
    """The lock's folder is made when missing (owner only), not looked for at each tap: a state folder
    removed while the app runs costs no tap."""
    log.append("prospects", now=NOW)
    locks = tmp_path / "state" / "locks"
    assert locks.is_dir()
    for lock in locks.iterdir():
        lock.unlink()
    locks.rmdir()
    log.append("prospects", now=NOW + timedelta(seconds=1))
    assert stat.S_IMODE(locks.stat().st_mode) == 0o700
    assert len(lines_of(log.month_path(TODAY))) == 2


def test_append_returns_the_tap_as_written(log: TapLog) -> None:
    tap = log.append("revenue", 12.5, now=NOW + timedelta(microseconds=999), note='"x"')
    assert tap == Tap(NOW, "revenue", 12.5, note='"x"')
    assert lines_of(log.month_path(TODAY)) == [tap.to_line().rstrip("\n")]


def test_keys_strictly_increase_when_the_clock_stands_still_or_goes_back(log: TapLog) -> None:
    taps = [log.append("prospects", now=NOW) for _ in range(5)]
    taps.append(log.append("leads", now=NOW - timedelta(hours=2)))  # the clock was set back
    taps.append(log.append("leads", now=NOW + timedelta(seconds=10)))
    at = [t.at for t in taps]
    assert at[:6] == [NOW + timedelta(milliseconds=i) for i in range(6)]
    assert at[6] == NOW + timedelta(seconds=10)
    assert keys_of(log.month_path(TODAY)) == at
    assert len(tomllib.loads(log.month_path(TODAY).read_text(encoding="utf-8"))) == 7


def test_a_bumped_key_keeps_the_offset_of_now(log: TapLog) -> None:
    log.append("p", now=NOW)
    utc_earlier = (NOW - timedelta(seconds=1)).astimezone(UTC)
    tap = log.append("p", now=utc_earlier)
    assert tap.key == "2026-11-23T08:14:03.513+00:00"
    assert tap.at == NOW + timedelta(milliseconds=1)


def test_later_in_absolute_time_is_later_even_when_the_local_clock_went_back(log: TapLog) -> None:
    summer = datetime(2026, 10, 25, 2, 30, tzinfo=timezone(timedelta(hours=2)))  # 00:30 UTC
    winter = datetime(2026, 10, 25, 2, 10, tzinfo=timezone(timedelta(hours=1)))  # 01:10 UTC: later
    log.append("p", now=summer)
    assert log.append("p", now=winter).at == winter


def test_a_naive_now_is_taken_as_local_time(log: TapLog) -> None:
    tap = log.append("p", now=datetime(2026, 11, 23, 9, 0))
    assert tap.at.utcoffset() is not None
    assert tap.at == datetime(2026, 11, 23, 9, 0).astimezone()


def test_a_new_month_starts_a_new_file(log: TapLog) -> None:
    log.append("p", now=datetime(2026, 11, 30, 23, 59, 59, 999000, tzinfo=CET))
    log.append("p", now=datetime(2026, 12, 1, 0, 0, tzinfo=CET))
    assert len(lines_of(log.month_path(date(2026, 11, 1)))) == 1
    assert len(lines_of(log.month_path(date(2026, 12, 1)))) == 1
    expected = DailyCounts({date(2026, 11, 30): {"p": 1}, date(2026, 12, 1): {"p": 1}})
    assert log.read().counts == expected


def test_files_are_0600_and_folders_0700(log: TapLog, data_dir: Path) -> None:
    old = os.umask(0o022)
    try:
        log.append("p", now=NOW)
    finally:
        os.umask(old)
    assert stat.S_IMODE(log.month_path(TODAY).stat().st_mode) == 0o600
    assert stat.S_IMODE(log.device_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "taps").stat().st_mode) == 0o700
    lock = locations.lock_path(data_dir)
    assert not lock.is_relative_to(data_dir)
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600


def test_a_bad_tap_is_refused_before_the_file_is_touched(log: TapLog) -> None:
    with pytest.raises(ValueError):
        log.append("p", float("nan"), now=NOW)
    with pytest.raises(ValueError):
        log.append("", now=NOW)
    assert not log.month_path(TODAY).exists()


def test_a_short_write_leaves_no_partial_line(log: TapLog, monkeypatch: pytest.MonkeyPatch) -> None:
    log.append("p", now=NOW)
    before = log.month_path(TODAY).read_bytes()
    real_write = os.write

    def short_write(fd: int, data: bytes) -> int:
        return real_write(fd, bytes(data[: len(data) // 2]))

    monkeypatch.setattr(os, "write", short_write)
    with pytest.raises(OSError, match="disk full"):
        log.append("p", now=NOW + timedelta(seconds=1))
    monkeypatch.setattr(os, "write", real_write)
    assert log.month_path(TODAY).read_bytes() == before
    log.append("p", now=NOW + timedelta(seconds=2))
    assert len(keys_of(log.month_path(TODAY))) == 2


def test_another_device_name_must_be_a_plain_folder_name(data_dir: Path) -> None:
    for bad in ("", ".", "..", "a/b", ".hidden", "x.sync-conflict-1"):
        with pytest.raises(ValueError):
            TapLog(data_dir, device=bad)


def test_the_device_defaults_to_this_machines_id(data_dir: Path) -> None:
    assert TapLog(data_dir).device == locations.device_id()


# --------------------------------------------------------------------------- reading


def test_a_torn_last_line_is_reported_and_the_next_append_starts_a_new_line(log: TapLog) -> None:
    log.append("p", now=NOW)
    path = log.month_path(TODAY)
    torn = b'"2026-11-23T09:14:04.000+01:00" = { metric = "pro'
    with path.open("ab") as f:
        f.write(torn)
    result = log.read()
    assert result.counts.get(TODAY, "p") == 1
    assert result.problems == [
        f"taps/laptop-1a2b3c/2026-11.toml:2: skipped an incomplete last line (an interrupted write?): "
        f"not valid TOML ({_toml_error(torn.decode())})"
    ]
    tap = log.append("leads", now=NOW + timedelta(seconds=1))
    assert tap.at == NOW + timedelta(seconds=1)
    data = path.read_bytes()
    assert data.startswith(b'"2026-11-23T09:14:03.512+01:00" = { metric = "p" }\n' + torn + b"\n")  # nothing deleted
    assert data.endswith(tap.to_line().encode())
    result = log.read()
    assert result.counts == DailyCounts({TODAY: {"p": 1, "leads": 1}})
    assert len(result.problems) == 1
    assert result.problems[0].startswith("taps/laptop-1a2b3c/2026-11.toml:2: skipped a line that is not a tap: ")


def test_a_torn_line_that_holds_a_later_key_still_keeps_keys_increasing(log: TapLog) -> None:
    log.append("p", now=NOW)
    with log.month_path(TODAY).open("ab") as f:
        f.write(b'"2026-11-23T10:00:00.000+01:00" = { metr')
    assert log.append("p", now=NOW + timedelta(seconds=1)).at == datetime(2026, 11, 23, 10, 0, 0, 1000, tzinfo=CET)


def test_a_whole_last_line_without_its_newline_counts(log: TapLog) -> None:
    path = log.month_path(TODAY)
    path.parent.mkdir(parents=True)
    path.write_text(Tap(NOW, "p").to_line().rstrip("\n"), encoding="utf-8")
    assert log.read().counts.get(TODAY, "p") == 1
    log.append("p", now=NOW + timedelta(seconds=1))
    result = log.read()
    assert result.counts.get(TODAY, "p") == 2
    assert result.problems == []
    assert len(tomllib.loads(path.read_text(encoding="utf-8"))) == 2


def test_junk_lines_are_reported_with_their_line_numbers(log: TapLog) -> None:
    path = log.month_path(TODAY)
    path.parent.mkdir(parents=True)
    good = [Tap(NOW + timedelta(seconds=i), "p").to_line() for i in range(4)]
    path.write_text(
        "# written by hand\n"
        + good[0]
        + "<<<<<<< HEAD\n"
        + good[1]
        + '"2026-11-23T09:30:00.000+01:00" = { metric = "p", n = "many" }\n'
        + "\n"
        + good[2]
        + good[1]  # a repeated key
        + good[3],
        encoding="utf-8",
    )
    result = log.read()
    assert result.counts.get(TODAY, "p") == 4
    rel = "taps/laptop-1a2b3c/2026-11.toml"
    assert [p.split(": skipped")[0] for p in result.problems] == [f"{rel}:3", f"{rel}:5", f"{rel}:8"]
    assert "n is not a number" in result.problems[1]
    assert "repeats line 4" in result.problems[2]


def test_an_unknown_metric_is_counted_under_its_name(log: TapLog) -> None:
    log.append("coffee-chats", 2, now=NOW)
    assert log.read().counts.on(TODAY) == {"coffee-chats": 2}


def test_whole_files_stay_valid_toml(log: TapLog) -> None:
    notes = ["", 'with "quotes"', "a\\b", "é", "x\ny"]
    for i in range(50):
        log.append(
            "revenue" if i % 3 else "prospects",
            (i % 7) - 3 or 1.5,
            now=NOW + timedelta(seconds=i // 3),
            day=date(2026, 11, 20) if i % 11 == 0 else None,
            note=notes[i % len(notes)],
        )
    doc = tomllib.loads(log.month_path(TODAY).read_text(encoding="utf-8"))
    assert len(doc) == 50
    assert list(doc) == sorted(doc)


def test_every_device_is_merged_exactly(data_dir: Path) -> None:
    laptop = TapLog(data_dir, device="laptop")
    phone = TapLog(data_dir, device="phone")
    for i in range(3):
        laptop.append("prospects", now=NOW + timedelta(minutes=i))
    phone.append("prospects", now=NOW)  # the same instant on another device is another tap
    phone.append("leads", now=NOW, day=date(2026, 11, 20))
    phone.append("revenue", 99.5, now=datetime(2026, 10, 31, 12, tzinfo=CET))
    result = laptop.read()
    assert result.problems == [] and result.conflicts == []
    assert result.counts == DailyCounts(
        {
            TODAY: {"prospects": 4},
            date(2026, 11, 20): {"leads": 1},
            date(2026, 10, 31): {"revenue": 99.5},
        }
    )
    assert phone.read().counts == result.counts


def test_sync_conflict_copies_are_reported_not_counted_never_deleted(log: TapLog) -> None:
    log.append("p", now=NOW)
    folder = log.device_dir
    copies = [
        folder / "2026-11.sync-conflict-20261123-101010-ABCDEFG.toml",
        folder / "2026-11 (laptop's conflicted copy 2026-11-23).toml",
        folder / "2026-11 (conflicted copy).toml",
    ]
    for copy in copies:
        copy.write_bytes(log.month_path(TODAY).read_bytes())
    result = log.read()
    assert result.counts.get(TODAY, "p") == 1
    assert sorted(result.conflicts) == sorted(copies)
    assert all(copy.exists() for copy in copies)


def test_files_that_are_not_month_files_are_ignored(log: TapLog) -> None:
    log.append("p", now=NOW)
    for name in ("notes.toml", ".2026-11.toml.swp", "2026-11.toml.bak", "2026-1.toml", "README"):
        (log.device_dir / name).write_text("junk\n", encoding="utf-8")
    (log.taps_dir / ".stfolder").mkdir()
    (log.taps_dir / ".stfolder" / "2026-11.toml").write_text("junk\n", encoding="utf-8")
    result = log.read()
    assert result.problems == [] and result.conflicts == []
    assert result.counts.get(TODAY, "p") == 1


def test_an_empty_data_dir_reads_as_nothing(log: TapLog) -> None:
    result = log.read()
    assert result.counts == DailyCounts() and result.problems == [] and result.conflicts == []
    assert log.poll() == []
    assert log.day_total("p", TODAY, TODAY) == 0


# --------------------------------------------------------------------------- the summary cache


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed from disk (not taken from the cache), in order."""
    calls: list[str] = []
    real = tapmonth.parse_bytes

    def counting(data: bytes, rel: str, first_line: int = 1, make: Any = None) -> tapmonth.Parsed:
        calls.append(rel)
        return real(data, rel, first_line, make)

    monkeypatch.setattr(tapmonth, "parse_bytes", counting)
    return calls


def test_unchanged_files_come_from_the_cache(log: TapLog, parses: list[str]) -> None:
    log.append("p", now=datetime(2026, 10, 5, 9, tzinfo=CET))
    log.append("p", now=NOW)
    first = log.read()
    assert sorted(parses) == ["taps/laptop-1a2b3c/2026-10.toml", "taps/laptop-1a2b3c/2026-11.toml"]
    parses.clear()
    again = TapLog(log.data_dir, device="other").read()
    assert parses == []
    assert again == first
    cache = json.loads(locations.summary_cache_path(log.data_dir).read_bytes())
    assert cache["files"]["taps/laptop-1a2b3c/2026-11.toml"]["counts"] == {"2026-11-23": {"p": 1}}


def test_a_changed_file_is_parsed_again(log: TapLog, parses: list[str]) -> None:
    log.append("p", now=datetime(2026, 10, 5, 9, tzinfo=CET))
    log.append("p", now=NOW)
    log.read()
    parses.clear()
    log.append("p", 2, now=NOW + timedelta(seconds=1))  # the size changes
    assert log.read().counts.get(TODAY, "p") == 3
    assert parses == ["taps/laptop-1a2b3c/2026-11.toml"]
    parses.clear()
    path = log.month_path(TODAY)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))  # only the mtime changes
    assert log.read().counts.get(TODAY, "p") == 3
    assert parses == ["taps/laptop-1a2b3c/2026-11.toml"]


def test_problems_are_remembered_by_the_cache(log: TapLog, parses: list[str]) -> None:
    log.append("p", now=NOW)
    with log.month_path(TODAY).open("a", encoding="utf-8") as f:
        f.write("junk\n")
    first = log.read().problems
    parses.clear()
    assert log.read().problems == first and len(first) == 1
    assert parses == []


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"schema": 1, "files": []}',
        b'{"schema": 99, "files": {}}',
        b'{"schema": 1, "files": {"taps/laptop-1a2b3c/2026-11.toml": {"size": 0}}}',
    ],
)
def test_a_corrupt_cache_is_rebuilt(log: TapLog, junk: bytes) -> None:
    log.append("p", now=NOW)
    cache = locations.summary_cache_path(log.data_dir)
    cache.write_bytes(junk)
    assert log.read().counts.get(TODAY, "p") == 1
    assert json.loads(cache.read_bytes())["schema"] == tapcache.CACHE_SCHEMA


def test_a_lying_cache_entry_with_bad_counts_is_rebuilt(log: TapLog) -> None:
    log.append("p", now=NOW)
    log.read()
    cache = locations.summary_cache_path(log.data_dir)
    doc = json.loads(cache.read_bytes())
    doc["files"]["taps/laptop-1a2b3c/2026-11.toml"]["counts"] = {"not a day": {"p": 1}}
    cache.write_text(json.dumps(doc), encoding="utf-8")
    assert log.read().counts == DailyCounts({TODAY: {"p": 1}})


def test_a_cache_that_cannot_be_written_is_no_error(log: TapLog, monkeypatch: pytest.MonkeyPatch) -> None:
    log.append("p", now=NOW)

    def fail(path: str, data: bytes) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr("goaltui.store.quickstate.replace", fail)
    assert log.read().counts.get(TODAY, "p") == 1


def test_a_file_that_cannot_be_read_is_reported(log: TapLog, monkeypatch: pytest.MonkeyPatch) -> None:
    log.append("p", now=NOW)

    def denied(root: Path, rel: str, limit: int, start: int) -> tuple[bytes, os.stat_result]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "read_file", denied)  # works as root too
    result = log.read()
    assert result.problems == ["taps/laptop-1a2b3c/2026-11.toml: could not read the file: Permission denied"]
    assert result.counts == DailyCounts()


# --------------------------------------------------------------------------- polling and day totals


def test_poll_returns_only_what_is_new(log: TapLog, data_dir: Path) -> None:
    log.append("p", now=NOW)
    log.read()
    assert log.poll() == []
    mine = log.append("leads", now=NOW + timedelta(seconds=1))
    cli = TapLog(data_dir, device=log.device).append("p", 3, now=NOW + timedelta(seconds=2))  # `goaltui log` elsewhere
    assert log.poll() == [mine, cli]
    assert log.poll() == []
    phone = TapLog(data_dir, device="phone")  # another device's file appears (synced)
    taps = [phone.append("customers", now=NOW), phone.append("p", now=NOW, day=date(2026, 11, 2))]
    assert log.poll() == taps
    assert log.poll() == []


def test_poll_leaves_a_line_being_written_for_later(log: TapLog) -> None:
    log.append("p", now=NOW)
    log.read()
    line = Tap(NOW + timedelta(seconds=1), "leads").to_line().encode()
    with log.month_path(TODAY).open("ab") as f:
        f.write(line[:20])
        f.flush()
        assert log.poll() == []
        f.write(line[20:])
    assert log.poll() == [Tap(NOW + timedelta(seconds=1), "leads")]
    assert log.poll() == []


def test_poll_after_a_sync_tool_replaced_the_file_returns_only_later_taps(log: TapLog, data_dir: Path) -> None:
    phone = TapLog(data_dir, device="phone")
    phone.append("p", now=NOW)
    log.read()
    path = phone.month_path(TODAY)
    newer = Tap(NOW + timedelta(minutes=1), "leads")
    replacement = path.with_name(".syncthing.2026-11.toml.tmp")
    replacement.write_bytes(path.read_bytes() + newer.to_line().encode())
    os.replace(replacement, path)
    assert log.poll() == [newer]
    assert log.poll() == []


def test_poll_agrees_with_read(log: TapLog, data_dir: Path) -> None:
    reader = TapLog(data_dir, device="reader")
    reader.read()
    counts = DailyCounts()
    for i in range(30):
        log.append("p", 1 if i % 5 else -1, now=NOW + timedelta(seconds=i), day=TODAY - timedelta(days=i % 3))
        if i % 4 == 0:
            for tap in reader.poll():
                counts.add(tap.counts_for, tap.metric, tap.n)
    for tap in reader.poll():
        counts.add(tap.counts_for, tap.metric, tap.n)
    assert counts == reader.read().counts


def test_day_total_counts_every_device_and_backfills(data_dir: Path) -> None:
    laptop = TapLog(data_dir, device="laptop")
    phone = TapLog(data_dir, device="phone")
    day = date(2026, 10, 30)
    laptop.append("p", 2, now=datetime(2026, 10, 30, 9, tzinfo=CET))
    laptop.append("p", -1, now=datetime(2026, 10, 30, 10, tzinfo=CET))
    laptop.append("leads", now=datetime(2026, 10, 30, 10, 1, tzinfo=CET))
    phone.append("p", now=datetime(2026, 10, 30, 11, tzinfo=CET))
    phone.append("p", 5, now=NOW, day=day)  # backfilled from November
    laptop.append("p", now=NOW, note="2026-10-30 was a good day")  # mentions the day, counts for today
    assert laptop.day_total("p", day, TODAY) == 7
    assert laptop.day_total("p", day, TODAY) == laptop.read().counts.get(day, "p")
    assert laptop.day_total("p", TODAY, TODAY) == 1
    assert laptop.day_total("leads", day, TODAY) == 1


def _toml_error(text: str) -> str:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return str(err)
    raise AssertionError("expected a TOML error")


def test_a_failed_fsync_takes_the_line_back_so_a_retry_counts_once(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = TapLog(data_dir, device="dev")
    now = datetime(2026, 11, 25, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    log.append("prospects", now=now)
    real_fsync = os.fsync
    calls = {"n": 0}

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="Input/output error"):
        log.append("prospects", now=now + timedelta(seconds=1))
    log.append("prospects", now=now + timedelta(seconds=2))  # the retry
    assert log.read().counts.get(now.date(), "prospects") == 2

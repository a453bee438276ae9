"""The spill file: taps kept when the app ended before the disk took them, replayed into the tap log once."""

from __future__ import annotations

import errno
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.store import spill
from goaltui.store.spill import Kept, keep, replay, spill_path, waiting
from goaltui.store.tap import Tap
from goaltui.store.taplog import TapLog
from tests.factories import tap_lines

ZONE = timezone(timedelta(hours=1))
NINE = datetime(2026, 11, 25, 9, 0, tzinfo=ZONE)


def log_of(data_dir: Path) -> TapLog:
    return TapLog(data_dir, device="test-device")


def kept(minute: int, metric: str = "prospects", n: float = 1, **fields: object) -> Kept:
    return Kept(Tap(NINE + timedelta(minutes=minute), metric, n, **fields))  # type: ignore[arg-type]


def test_kept_taps_are_replayed_with_their_own_times_days_and_notes(data_dir: Path) -> None:
    keep(data_dir, [kept(0), kept(1, "revenue", 250, note="Acme"), kept(2, "leads", day=date(2026, 11, 24))])
    assert waiting(data_dir) == 3
    result = replay(log_of(data_dir))
    assert len(result.written) == 3 and result.left == 0 and result.error is None
    assert tap_lines(data_dir) == [
        '"2026-11-25T09:00:00.000+01:00" = { metric = "prospects" }',
        '"2026-11-25T09:01:00.000+01:00" = { metric = "revenue", n = 250, note = "Acme" }',
        '"2026-11-25T09:02:00.000+01:00" = { metric = "leads", day = 2026-11-24 }',
    ]
    assert not spill_path(data_dir).exists()
    assert waiting(data_dir) == 0
    assert replay(log_of(data_dir)).written == []  # nothing twice


def test_the_file_is_appended_to_never_overwritten_with_fewer(data_dir: Path) -> None:
    keep(data_dir, [kept(0), kept(1)])
    keep(data_dir, [kept(2)])
    assert waiting(data_dir) == 3
    assert os.stat(spill_path(data_dir)).st_mode & 0o777 == 0o600
    assert spill_path(data_dir).parent != data_dir  # device-local, never in the synced folder


def test_a_refused_write_leaves_the_rest_waiting_and_the_next_replay_writes_each_once(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keep(data_dir, [kept(0), kept(1), kept(2)])
    log = log_of(data_dir)
    real_append = TapLog.append
    calls = {"n": 0}

    def append(self: TapLog, *args: object, **kwargs: object) -> Tap:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_append(self, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:
        patched.setattr(TapLog, "append", append)
        result = replay(log)
    assert (len(result.written), result.left) == (1, 2)
    assert result.error is not None and result.error.errno == errno.ENOSPC
    assert waiting(data_dir) == 2
    assert len(replay(log).written) == 2
    assert len(tap_lines(data_dir)) == 3
    assert not spill_path(data_dir).exists()


def test_a_crash_after_the_writes_and_before_the_trim_counts_nothing_twice(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when a later tap moved the replayed keys on: the marks say where to look."""
    log = log_of(data_dir)
    log.append("prospects", now=NINE + timedelta(hours=1))  # another process, after the app ended
    keep(data_dir, [kept(0), kept(1), kept(2, "leads")])

    class Crash(BaseException):
        pass

    def crash(self: Path, *args: object, **kwargs: object) -> None:
        raise Crash

    with monkeypatch.context() as patched, pytest.raises(Crash):
        patched.setattr(Path, "unlink", crash)
        replay(log)
    assert len(tap_lines(data_dir)) == 4  # written, with keys after 10:00; the file still holds them
    assert waiting(data_dir) == 3
    again = replay(TapLog(data_dir, device="test-device"))
    assert again.written == [] and again.left == 0
    assert len(tap_lines(data_dir)) == 4
    assert not spill_path(data_dir).exists()


def test_a_like_tap_made_later_elsewhere_is_not_taken_for_a_kept_one(data_dir: Path) -> None:
    """A tap never tried (no mark) is looked for by its exact key only."""
    keep(data_dir, [kept(0)])
    log_of(data_dir).append("prospects", now=NINE + timedelta(minutes=5))
    assert len(replay(log_of(data_dir)).written) == 1
    assert len(tap_lines(data_dir)) == 2


def test_a_tap_whose_write_may_have_finished_is_found_after_its_mark(data_dir: Path) -> None:
    log = log_of(data_dir)
    log.append("prospects", now=NINE - timedelta(minutes=1))
    since = spill.month_size(log, NINE)
    log.append("prospects", now=NINE)  # the write that was under way when the app ended
    keep(data_dir, [Kept(Tap(NINE, "prospects"), since)])
    assert replay(log).written == []
    assert len(tap_lines(data_dir)) == 2


def test_a_line_that_is_not_a_tap_is_kept_and_reported(data_dir: Path) -> None:
    keep(data_dir, [kept(0)])
    with spill_path(data_dir).open("a") as f:
        f.write("not a tap\n")
    result = replay(log_of(data_dir))
    assert len(result.written) == 1
    assert result.problems and "not a tap" in result.problems[0]
    assert "not a tap" in spill_path(data_dir).read_text()
    assert waiting(data_dir) == 0


def test_a_spill_file_that_is_a_symlink_is_not_followed(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.toml"
    target.write_text('"2026-11-25T09:00:00.000+01:00" = { metric = "prospects" }\n')
    path = spill_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    assert waiting(data_dir) == 0
    with pytest.raises(OSError):
        replay(log_of(data_dir))
    assert tap_lines(data_dir) == []


def test_a_kept_reading_and_its_take_back_are_replayed_as_readings(data_dir: Path) -> None:
    first = Tap(NINE, "downline", 0, level=57)
    keep(data_dir, [Kept(first), kept(1, "downline", 0, undo=first.key), kept(2, "downline", 0, level=58)])
    replay(log_of(data_dir))
    assert tap_lines(data_dir) == [
        '"2026-11-25T09:00:00.000+01:00" = { metric = "downline", n = 0, level = 57 }',
        '"2026-11-25T09:01:00.000+01:00" = { metric = "downline", n = 0, undo = "2026-11-25T09:00:00.000+01:00" }',
        '"2026-11-25T09:02:00.000+01:00" = { metric = "downline", n = 0, level = 58 }',
    ]
    assert log_of(data_dir).read().counts.level("downline", NINE.date()) == 58


def test_a_reading_is_not_taken_for_another_value_read_at_the_same_moment(data_dir: Path) -> None:
    log = log_of(data_dir)
    log.append("downline", 0, now=NINE, level=99)
    keep(data_dir, [Kept(Tap(NINE, "downline", 0, level=57), spill.month_size(log, NINE) - 1)])
    assert len(replay(log).written) == 1

"""`goaltui log METRIC =VALUE` and `goaltui set`: readings of a level, as a user types them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.command import run as main
from goaltui.store.taplog import TapLog

TZ = timezone(timedelta(hours=1))
MONDAY = datetime(2027, 1, 4, 9, 0, tzinfo=TZ)
GOALS = """\
schema = 1
[metrics.prospects]
key = "p"
funnel = 1
[metrics.downline]   # a size looked up, not tapped
key = "d"
kind = "level"

[goals.team]
title = "A downline of 200 by the end of the year"
metric = "downline"
target = 200
start = 2027-01-04
deadline = 2027-12-31
why = "residual income"
"""


def run(capsys: pytest.CaptureFixture[str], *args: str, now: datetime = MONDAY) -> tuple[int, str, str]:
    code = main(list(args), clock=lambda: now)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(data_dir: Path) -> Path:
    (data_dir / "goals.toml").write_text(GOALS)
    return data_dir


def test_readings_over_three_weeks_show_as_a_level(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    assert run(capsys, "log", "downline", "=57") == (0, "downline: 57 today\n", "")
    week = timedelta(days=7)
    out = run(capsys, "set", "d", "63", now=MONDAY + week)[1]
    assert out == "downline: 63 today (was 57 on Mon 4 Jan 2027)\n"
    assert run(capsys, "log", "down", "=70", now=MONDAY + 2 * week)[1].startswith("downline: 70 today (was 63")
    out = run(capsys, "status", "--json", now=MONDAY + 2 * week + timedelta(days=1))[1]
    status = json.loads(out)
    assert status["counts"]["downline"] == 70
    (goal,) = status["goals"]
    assert (goal["progress"], goal["status"], goal["buffer_days"]) == (70, "ahead", 12)
    out = run(capsys, "status", now=MONDAY + 2 * week + timedelta(days=1))[1]
    assert "team: 70/200 by Fri 31 Dec 2027, ahead" in out and "heading for 364" in out
    assert TapLog(data).read().counts.total("downline", MONDAY.date(), MONDAY.date() + 3 * week) == 13


def test_a_reading_for_a_past_day_and_the_same_day_twice(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    run(capsys, "log", "d", "=57", "--date", "yesterday", now=MONDAY + timedelta(days=1))
    out = run(capsys, "log", "d", "=60", now=MONDAY + timedelta(days=1))[1]
    assert out == "downline: 60 today (was 57 on Mon 4 Jan 2027)\n"
    out = run(capsys, "log", "d", "=61", now=MONDAY + timedelta(days=1, hours=2))[1]
    assert out == "downline: 61 today (was 60)\n"  # the latest reading of the day counts, never their sum


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("log", "downline"),
            "downline is a level, read off rather than counted: record what it stands at now, "
            "like goaltui log downline =57 (or goaltui set downline 57)",
        ),
        (("log", "d", "5"), "downline is a level"),
        (
            ("log", "prospects", "=5"),
            "prospects is counted, not read off: count it like goaltui log prospects 3; "
            'to record what it stands at instead, make it a level: kind = "level" under [metrics.prospects]',
        ),
        (("set", "p", "5"), "prospects is counted, not read off"),
        (("log", "d", "=lots"), "downline =lots: 'lots' is not a number"),
        (("log", "d", "="), "downline =: type a number"),
        (("log", "d", "=2e9"), "a level goes up to 1,000,000,000"),
        (("log", "d", "=5", "--who", "Ann"), "a reading of downline is about no one"),
    ],
)
def test_mistakes_are_one_line_and_write_nothing(
    capsys: pytest.CaptureFixture[str], data: Path, args: tuple[str, ...], said: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert said in err and len(err.splitlines()) == 1
    assert not (data / "taps").exists()


def test_a_balance_can_be_below_zero(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    (data / "goals.toml").write_text(GOALS + '[metrics.bank]\nkey = "b"\nkind = "level"\nunit = "EUR"\n')
    assert run(capsys, "set", "bank", "--", "-120.5")[1] == "bank: -120.50 EUR today\n"  # money as money
    assert run(capsys, "log", "bank", "=1,250")[1] == "bank: 1,250.00 EUR today (was -120.50 EUR)\n"


def test_the_quick_path_leaves_a_level_to_the_full_way(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    run(capsys, "log", "p")  # the full way: keeps the state the quick path trusts
    code, _, err = run(capsys, "log", "d", now=MONDAY + timedelta(minutes=1))
    assert code == 2 and "downline is a level" in err
    assert run(capsys, "log", "p", now=MONDAY + timedelta(minutes=2))[1] == "prospects: 2 today\n"

"""The command line, as a user types it: real files, an injected clock."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.command import run as main

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 25, 10, 30, tzinfo=TZ)  # a Wednesday


def run(capsys: pytest.CaptureFixture[str], *args: str, now: datetime = NOW) -> tuple[int, str, str]:
    code = main(list(args), clock=lambda: now)
    out, err = capsys.readouterr()
    return code, out, err


def taps_text(data: Path) -> str:
    return "".join(p.read_text() for p in sorted((data / "taps").rglob("*.toml")))


def test_first_log_writes_starter_and_counts(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, "log", "p")
    assert code == 0
    assert out == "prospects: 1 today\n"
    assert "wrote starter goals to" in err and str(data_dir / "goals.toml") in err
    assert run(capsys, "log", "l", "2")[1] == "leads: 2 today\n"
    assert run(capsys, "log", "prosp")[1] == "prospects: 2 today\n"
    assert run(capsys, "log", "prospects", "-1")[1] == "prospects: 1 today\n"
    lines = taps_text(data_dir).splitlines()
    assert len(lines) == 4
    assert lines[1].endswith('= { metric = "leads", n = 2 }')


def test_status_json_shows_the_right_numbers(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    run(capsys, "init", now=NOW - timedelta(days=2))  # goals start on Monday
    for _ in range(12):
        run(capsys, "log", "p")
    run(capsys, "log", "c")
    code, out, _ = run(capsys, "status", "--json")
    assert code == 0
    status = json.loads(out)
    assert status["date"] == "2026-11-25"
    assert status["counts"] == {"prospects": 12, "leads": 0, "customers": 1}
    goals = {g["id"]: g for g in status["goals"]}
    daily = goals["daily-prospects"]
    assert (daily["progress"], daily["target"], daily["stretch"]) == (12, 30, 50)
    assert daily["quota_today"] == 18
    assert daily["window"] == {"start": "2026-11-25", "end": "2026-11-25"}
    weekly = goals["weekly-customers"]
    assert weekly["window"] == {"start": "2026-11-23", "end": "2026-11-29"}
    assert weekly["progress"] == 1
    assert set(daily) == {
        "id",
        "metric",
        "target",
        "stretch",
        "progress",
        "expected",
        "quota_today",
        "status",
        "buffer_days",
        "window",
    }


def test_status_text(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    run(capsys, "log", "p", "5")
    code, out, _ = run(capsys, "status")
    assert code == 0
    assert out.startswith("Wednesday 25 November 2026\n")
    assert "prospects: 5  leads: 0  customers: 0" in out
    assert "daily-prospects: 5/30 today" in out and "25 more today" in out


def test_backfill_a_past_day(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, "log", "p", "3", "--date", "2026-11-20", "--note", 'fair "Expo"')
    assert (code, out) == (0, "prospects: 3 on Fri 20 Nov 2026\n")
    assert "day = 2026-11-20" in taps_text(data_dir)
    assert run(capsys, "log", "p")[1] == "prospects: 1 today\n"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["log", "x"], "unknown metric 'x': choose one of prospects (p), leads (l), customers (c)"),
        (["log", "p", "two"], "N 'two' is not a number"),
        (["log", "p", "1.5"], "whole number"),
        (["log", "p", "0"], "N is 0"),
        (["log", "p", "--date", "2026-13-01"], "is not a day: write YYYY-MM-DD (like 2026-11-25), today, yesterday"),
        (["log", "p", "--date", "2026-11-26"], "is in the future"),
        (["log", "p", "--date", "tomorrow"], "is not a day"),
        (["log", "p", "--date", "1900-01-01"], "long before anything you track (it begins Wed 25 Nov 2026): a typo?"),
        (["log", "p", "--date", "2025-01-01"], "Add --force to count it anyway"),
        (["log", "c", "-100"], "customers today stands at 0: -100 would take it below zero (take back at most 0)"),
        (["log", "p", "-1", "--date", "yesterday"], "prospects on Tue 24 Nov 2026 stands at 0"),
        (["log"], "the following arguments are required: METRIC"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_usage_exits_2_with_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], words: str
) -> None:
    run(capsys, "init")
    try:
        code, _out, err = run(capsys, *args)
    except SystemExit as exit:  # argparse's own errors
        code, err = int(exit.code or 0), capsys.readouterr().err
    assert code == 2
    assert words in err
    assert err.count("\n") == 1
    assert not (data_dir / "taps").exists()


def test_ambiguous_prefix(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    (data_dir / "goals.toml").write_text('[metrics.calls]\nkey = "a"\n[metrics.customers]\nkey = "c"\n')
    code, _, err = run(capsys, "log", "c")
    assert code == 0  # a key wins over a prefix
    code, _, err = run(capsys, "log", "cu")
    assert code == 0
    (data_dir / "goals.toml").write_text('[metrics.calls]\nkey = "a"\n[metrics.calendar]\nkey = "b"\n')
    code, _, err = run(capsys, "log", "ca")
    assert code == 2 and "'ca' could mean calls, calendar" in err


def test_broken_goals_file_is_reported_and_left_alone(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    path = data_dir / "goals.toml"
    path.write_text("schema = 1\n[goals.a]\ntarget = 3o\n")
    before = path.read_bytes()
    for command in (["log", "p"], ["status"], ["check"]):
        code, _out, err = run(capsys, *command)
        assert code == 1
        assert err.startswith(f"goaltui: {path}:3:")
        assert err.count("\n") == 1
    assert path.read_bytes() == before


def test_check_passes_on_starter_and_names_what_a_vague_goal_lacks(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "init")
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert "fail" not in out
    path = data_dir / "goals.toml"
    path.write_text(path.read_text() + '\n[goals.more-sales]\ntitle = "More sales"\nmetric = "customers"\n')
    code, out, err = run(capsys, "check")
    assert code == 1
    vague = [line for line in out.splitlines() if line.startswith("more-sales:")]
    assert len(vague) == 5
    assert any(" M fail: " in line and "target" in line for line in vague)
    assert any(" T fail: " in line and ("deadline" in line or "every" in line) for line in vague)
    assert "1 goal failed the check" in err


def test_init_keeps_an_existing_file(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert run(capsys, "init")[0] == 0
    path = data_dir / "goals.toml"
    path.write_text(path.read_text() + "# mine\n")
    code, out, _ = run(capsys, "init")
    assert code == 0 and "already exists" in out
    assert path.read_text().endswith("# mine\n")


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0 and capsys.readouterr().out.startswith("goaltui 0.")
    for sub in ("log", "status", "check", "init"):
        with pytest.raises(SystemExit) as exit:
            main([sub, "--help"])
        assert exit.value.code == 0
        assert f"usage: goaltui {sub}" in capsys.readouterr().out


def test_data_dir_flag_and_env(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "elsewhere"
    run(capsys, "--data-dir", str(other), "log", "p")
    assert (other / "goals.toml").exists()
    env = tmp_path / "from-env"
    monkeypatch.setenv("GOALTUI_DATA_DIR", str(env))
    run(capsys, "log", "p")
    assert (env / "goals.toml").exists()


def test_days_in_words(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    run(capsys, "init", now=NOW - timedelta(days=30))
    assert run(capsys, "log", "p", "--date", "today")[1] == "prospects: 1 today\n"
    assert run(capsys, "log", "p", "--date", "yesterday")[1] == "prospects: 1 on Tue 24 Nov 2026\n"
    assert run(capsys, "log", "p", "--date", "-3")[1] == "prospects: 1 on Sun 22 Nov 2026\n"
    assert run(capsys, "log", "p", "--date", "2025-11-01")[0] == 0  # within a year of the goals' start
    code, out, _ = run(capsys, "export", "--format", "csv", "--from", "-1", "--to", "today")
    assert code == 0 and out.splitlines()[1].startswith("2026-11-24,")


def test_a_typo_date_is_written_only_with_force(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    run(capsys, "init")
    assert run(capsys, "log", "p", "--date", "1900-01-01")[0] == 2
    assert not (data_dir / "taps").exists()
    assert run(capsys, "log", "p", "--date", "1900-01-01", "--force")[1] == "prospects: 1 on Mon 1 Jan 1900\n"
    assert "day = 1900-01-01" in taps_text(data_dir)


def test_a_count_never_goes_below_zero(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    run(capsys, "log", "p", "2")
    run(capsys, "log", "p", "1", "--date", "2026-11-23")
    before = taps_text(data_dir)
    code, _, err = run(capsys, "log", "p", "-3")
    assert code == 2 and "prospects today stands at 2: -3 would take it below zero (take back at most 2)" in err
    code, _, err = run(capsys, "log", "p", "-2", "--date", "2026-11-23")
    assert code == 2 and "prospects on Mon 23 Nov 2026 stands at 1" in err
    assert taps_text(data_dir) == before  # nothing written
    assert run(capsys, "log", "p", "-2")[1] == "prospects: 0 today\n"  # down to zero is fine


def test_a_closed_pipe_ends_quietly(data_dir: Path) -> None:
    """`goaltui export | head -1`: the reader goes away mid-output; no traceback, no complaint."""
    env = {**os.environ, "GOALTUI_NOW": NOW.isoformat()}
    goaltui = [sys.executable, "-m", "goaltui", "--data-dir", str(data_dir)]
    subprocess.run([*goaltui, "init"], env=env, check=True, capture_output=True)
    # Twenty years of daily rows: far more than a pipe holds, so the writer meets the closed end.
    export = shlex.join([*goaltui, "export", "--format", "csv", "--from", "2007-01-01"])
    done = subprocess.run(["sh", "-c", f"{export} | head -1"], env=env, capture_output=True, text=True, timeout=120)
    assert done.stdout == "date,weekday,metric,count,unit,workday\n"
    assert done.stderr == ""


REVENUE_GOALS = """[metrics.prospects]
key = "p"
funnel = 1
[metrics.revenue]
key = "v"
unit = "EUR"

[goals.weekly-revenue]
metric = "revenue"
target = 60000
every = "week"
start = 2026-11-23
"""


def test_money_shows_as_money_and_json_keeps_the_numbers(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    (data_dir / "goals.toml").write_text(REVENUE_GOALS)
    assert run(capsys, "log", "v", "249.9")[1] == "revenue: 249.90 EUR today\n"
    assert run(capsys, "log", "v", "45337.2", "--force")[1] == "revenue: 45,587.10 EUR today\n"
    code, _, err = run(capsys, "log", "v", "-50000")
    assert code == 2 and "revenue today stands at 45,587.10 EUR: -50,000.00 EUR would take it below zero" in err
    out = run(capsys, "status")[1]
    assert "prospects: 0  revenue: 45,587.10 EUR" in out
    assert "weekly-revenue: 45,587.10/60,000.00 EUR this week, ahead," in out
    assert "needs 4,804.30 EUR a day" in out  # 14,412.90 EUR over the three working days left
    status = json.loads(run(capsys, "status", "--json")[1])
    assert status["counts"]["revenue"] == 45587.1
    assert status["goals"][0]["progress"] == 45587.1

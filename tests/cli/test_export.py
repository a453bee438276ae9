"""`goaltui export` and `goaltui review` argument errors, as a user types them."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.command import run as main
from goaltui.model.decisions import Decision
from goaltui.model.review import build_review, parse_week
from goaltui.store.goalsfile import load, starter_text, write_new
from goaltui.store.reviews import save_review
from goaltui.store.taplog import TapLog
from synthetic import generate_history

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=timezone(timedelta(hours=1)))  # a Wednesday


@pytest.fixture
def history(data_dir: Path) -> Path:
    write_new(data_dir / "goals.toml", starter_text(date(2026, 10, 26)))
    generate_history(data_dir, start=date(2026, 10, 26), end=date(2026, 11, 24), seed=3)
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args), clock=lambda: NOW)
    out, err = capsys.readouterr()
    return code, out, err


def test_csv_has_one_row_per_day_and_metric(capsys, history: Path) -> None:
    code, out, err = run(capsys, "export", "--format", "csv", "--from", "2026-11-20", "--to", "2026-11-22")
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3 * 3
    assert rows[0].keys() == {"date", "weekday", "metric", "count", "unit", "workday"}
    assert [r["metric"] for r in rows[:3]] == ["prospects", "leads", "customers"]
    counts = TapLog(history).read().counts
    assert all(float(r["count"]) == counts.get(date.fromisoformat(r["date"]), r["metric"]) for r in rows)
    assert {r["workday"] for r in rows if r["weekday"] == "Sat"} == {"no"}


def test_csv_defaults_to_all_history(capsys, history: Path) -> None:
    rows = run(capsys, "export", "--format", "csv")[1].splitlines()
    assert rows[1].startswith("2026-10-26,Mon,prospects,") and rows[-1].startswith("2026-11-25,Wed,customers,0")


def test_markdown_report_reads_like_a_report(capsys, history: Path) -> None:
    plan = load(history / "goals.toml").plan
    counts = TapLog(history).read().counts
    review = build_review(plan, counts, parse_week("2026-W47", plan.settings), NOW.date())
    notes = {
        "went_well": "Booked every call within a day",
        "went_badly": "Monday was slow",
        "to_change": "Prospect before 10",
    }
    save_review(
        history,
        review,
        notes,
        {
            "weekly-customers": Decision("weekly-customers", "lower", 2),
            "daily-leads": Decision("daily-leads", "raise", 6),
        },
        NOW.date(),
    )
    code, out, _ = run(capsys, "export", "--format", "md")
    assert code == 0
    assert out.startswith("# Weekly report\n\nMon 16 Nov 2026 to Sun 22 Nov 2026 · 1 week\n")
    assert "## Week 2026-W47 (Mon 16 Nov 2026 to Sun 22 Nov 2026)" in out
    # The week keeps the titles and targets it ran on, whatever was decided after.
    assert "| Sign 3 new customers every week | 3 (stretch 5) | 4 | hit |" in out
    assert "| Find 5 interested leads every working day | 25 (stretch 50) | 39 | hit, 4 of 5 days on target |" in out
    assert "| Prospects | 172 |" in out and "| prospects → leads | 23 % |" in out
    assert "### What went well\n\nBooked every call within a day" in out
    assert "- Sign 3 new customers every week: lower to 2 from Mon 30 Nov 2026" in out
    assert "- Find 5 interested leads every working day: raise to 6" in out
    several = run(capsys, "export", "--format", "md", "--from", "2026-11-02", "--to", "2026-11-22")[1]
    assert several.count("## Week ") == 3 and several.count("has not been reviewed yet") == 2


def test_on_friday_the_report_covers_the_week_it_closes(capsys, history: Path) -> None:
    code = main(["export", "--format", "md"], clock=lambda: NOW + timedelta(days=2, hours=6))
    out = capsys.readouterr().out
    assert code == 0 and "## Week 2026-W48 (Mon 23 Nov 2026 to Sun 29 Nov 2026)" in out


def test_week_names_the_week_of_the_report(capsys, history: Path) -> None:
    code, out, _err = run(capsys, "export", "--format", "md", "--week", "2026-W45")
    assert code == 0 and "## Week 2026-W45 (Mon 2 Nov 2026 to Sun 8 Nov 2026)" in out and "W47" not in out


def test_month_is_one_report_of_the_month(capsys, history: Path) -> None:
    code, out, err = run(capsys, "export", "--format", "md", "--month", "2026-11")
    assert code == 0 and err == ""
    assert out.startswith("# Monthly report: November 2026\n\nSun 1 Nov 2026 to Mon 30 Nov 2026 · 21 working days")
    assert "## Week" not in out and "## Best and worst week" in out and "| Prospects |" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--format", "csv", "--from", "last week"], "--from 'last week' is not a day"),
        (["export", "--format", "md", "--from", "2026-11-20", "--to", "2026-11-01"], "is after --to"),
        (["export", "--format", "pdf"], "invalid choice"),
        (["review", "--week", "47"], "is not a week: write it as YYYY-Www"),
        (["review", "--week", "2026-W60"], "does not exist"),
        (["review", "--week", "2026-W48"], "has not reached its last working day"),
        (["export", "--format", "csv", "--week", "2026-W47"], "--week goes with --format md"),
        (["export", "--format", "md", "--week", "2026-W47", "--from", "-3"], "either --week or --from/--to"),
        (["export", "--format", "md", "--week", "W47"], "is not a week: write it as YYYY-Www"),
        (["export", "--format", "md", "--month", "2026-1"], "--month: month '2026-1' is not a month: write it as"),
        (["export", "--format", "md", "--month", "2026-00"], "the month is 01 to 12"),
        (["export", "--format", "csv", "--month", "2026-11"], "--month goes with --format md"),
        (["export", "--format", "taps", "--month", "2026-11"], "--month goes with --format md"),
        (["export", "--format", "md", "--month", "2026-11", "--week", "2026-W47"], "give --month alone"),
        (["export", "--format", "md", "--month", "2026-11", "--from", "-3"], "give --month alone"),
        (["export", "--format", "md", "--month", "2026-11", "--to", "today"], "give --month alone"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(capsys, history: Path, args: list[str], message: str) -> None:
    code, _out, err = run(capsys, *args) if args[1] != "--format" or args[2] != "pdf" else _argparse(capsys, args)
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err


def _argparse(capsys, args: list[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args, clock=lambda: NOW)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_export_does_not_import_textual(history: Path) -> None:
    code = (
        "import sys; from goaltui.command import run as main; main(['export', '--format', 'md']); "
        "sys.exit(1 if any(m.startswith('textual') for m in sys.modules) else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={
            "GOALTUI_DATA_DIR": str(history),
            "GOALTUI_NOW": NOW.isoformat(),
            "PATH": "/usr/bin:/bin",
            "HOME": str(history.parent / "home"),
        },
    )
    assert done.returncode == 0, done.stderr


def test_taps_export_has_one_row_per_tap_with_its_note(capsys, history: Path) -> None:
    log = TapLog(history, device="laptop")
    tap = log.append("leads", now=NOW)
    log.add_note(tap, "Anna, Acme, by phone", now=NOW + timedelta(seconds=3))
    code, out, err = run(capsys, "--data-dir", str(history), "export", "--format", "taps", "--from", "today")
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert rows == [
        {
            "time": "2026-11-25T10:30:00.000+01:00",
            "day": "2026-11-25",
            "metric": "leads",
            "n": "1",
            "note": "Anna, Acme, by phone",
            "device": "laptop",
            "who": "",
        }
    ]
    code, out, _ = run(capsys, "--data-dir", str(history), "export", "--format", "taps")
    assert code == 0 and len(out.splitlines()) > 100  # a month of generated taps, one row each

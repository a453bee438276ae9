"""The status line for a prompt, its device-local file, and the afternoon reminder."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.command import run as main
from goaltui.model.statusline import MetricFigure, render
from goaltui.store.statusline import line_path
from tests.factories import Clock, wait_until

TZ = timezone(timedelta(hours=1))
WEDNESDAY = datetime(2026, 11, 25, 16, 30, tzinfo=TZ)


def run(capsys: pytest.CaptureFixture[str], *args: str, now: datetime = WEDNESDAY) -> tuple[int, str, str]:
    code = main(list(args), clock=lambda: now)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def started(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Path:
    run(capsys, "init", now=WEDNESDAY - timedelta(days=2))  # goals from Monday
    return data_dir


def test_the_line_shows_each_goal_in_numbers_and_symbols(capsys: pytest.CaptureFixture[str], started: Path) -> None:
    run(capsys, "log", "p", "12")
    run(capsys, "log", "c")
    code, out, err = run(capsys, "status", "--line")
    assert (code, err) == (0, "")
    assert out == "p 12/30 ● on pace · l 0/5 ● on pace · c 1/3 ▼ behind\n"
    assert "\x1b" not in out  # piped: plain text


def test_the_line_fits_80_columns_dropping_words_first() -> None:
    items = [MetricFigure(k, m, 12345, 123456, 1000000, "behind") for k, m in zip("plc", ("a", "b", "c"), strict=True)]
    line = render(items)
    assert len(line) <= 80 and "behind" not in line and line.count("▼") == 3
    assert render(items[:1]) == "p 123,456/1,000,000 ▼ behind"


def test_colour_in_a_terminal_and_none_in_a_pipe() -> None:
    item = MetricFigure("p", "prospects", 3, 3, 30, "behind")
    assert render([item], colour=True) == "\x1b[33mp 3/30 ▼ behind\x1b[0m"
    assert render([item]) == "p 3/30 ▼ behind"


def test_a_format_of_ones_own(capsys: pytest.CaptureFixture[str], started: Path) -> None:
    run(capsys, "log", "l", "2")
    code, out, _ = run(capsys, "status", "--line", "--format", "{date} {l}/{leads_target} {l_symbol} {l_status}")
    assert (code, out) == (0, "2026-11-25 2/5 ● on pace\n")
    code, _, err = run(capsys, "status", "--line", "--format", "{nope}")
    assert code == 2 and "no placeholder {nope}" in err and err.count("\n") == 1
    code, _, err = run(capsys, "status", "--line", "--format", "{p")
    assert code == 2 and "--format '{p'" in err


def test_a_broken_goals_file_gives_a_short_marker_and_exit_1(capsys: pytest.CaptureFixture[str], started: Path) -> None:
    (started / "goals.toml").write_text("schema = = 1\n")
    code, out, err = run(capsys, "status", "--line")
    assert code == 1 and out.count("\n") == 1 and len(out) < 80 and err == ""
    assert "Traceback" not in out + err


def test_a_cli_tap_rewrites_the_line_file(capsys: pytest.CaptureFixture[str], started: Path) -> None:
    code, out, _ = run(capsys, "status", "--line-file")
    path = Path(out.strip())
    assert code == 0 and path == line_path(started)
    assert str(path).startswith(os.environ["GOALTUI_STATE_DIR"])  # device-local, never the synced folder
    run(capsys, "log", "p", "5")
    assert path.read_text() == "p 5/30 ● on pace · l 0/5 ● on pace · c 0/3 ▼ behind\n"
    run(capsys, "log", "l")
    assert path.read_text().startswith("p 5/30 ● on pace · l 1/5")


async def test_an_app_tap_and_midnight_rewrite_the_line_file(new_app, clock: Clock, data_dir: Path) -> None:
    clock.now = clock.now.replace(hour=23, minute=59, second=50)
    app = new_app()
    path = line_path(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "p")
        assert await wait_until(pilot, lambda: path.exists() and path.read_text().startswith("p 2/30"))
        clock.advance(seconds=15)  # Thursday
        assert await wait_until(pilot, lambda: path.read_text().startswith("p 0/30"))


def test_remind_in_the_afternoon_once_per_goal_per_day(
    capsys: pytest.CaptureFixture[str], started: Path, notify_send: Path
) -> None:
    run(capsys, "log", "p", "12")
    run(capsys, "log", "l", "5")  # leads are done for today: no reminder for them
    assert run(capsys, "remind", now=WEDNESDAY.replace(hour=9)) == (0, "", "")
    assert not notify_send.exists()
    code, out, _ = run(capsys, "remind", "--dry-run")
    assert code == 0 and out.count("would send:") == 2 and not notify_send.exists()  # a dry run sends nothing
    assert run(capsys, "remind")[0] == 0
    sent = notify_send.read_text().splitlines()
    assert sent == [
        "--app-name=goaltui goaltui Talk to 30 new people every working day: 18 more today",
        "--app-name=goaltui goaltui Sign 3 new customers every week: 2 more today",
    ]
    assert run(capsys, "remind", now=WEDNESDAY.replace(hour=17)) == (0, "", "")
    assert len(notify_send.read_text().splitlines()) == 2  # once per goal per day
    code, out, _ = run(capsys, "remind", "--dry-run", now=WEDNESDAY.replace(hour=17))
    assert "already reminded today" in out


def test_no_reminder_on_a_weekend_or_a_break(
    capsys: pytest.CaptureFixture[str], started: Path, notify_send: Path
) -> None:
    saturday = WEDNESDAY + timedelta(days=3)
    assert run(capsys, "remind", now=saturday) == (0, "", "")
    goals = started / "goals.toml"
    goals.write_text(goals.read_text().replace("breaks = []", "breaks = [2026-11-26]"))
    assert run(capsys, "remind", now=WEDNESDAY + timedelta(days=1)) == (0, "", "")
    assert not notify_send.exists()


def test_without_notify_send_the_reminder_is_printed(
    capsys: pytest.CaptureFixture[str], started: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, out, _ = run(capsys, "remind")
    assert code == 0 and "Talk to 30 new people every working day: 30 more today" in out


def test_remind_after_is_checked(capsys: pytest.CaptureFixture[str], started: Path) -> None:
    goals = started / "goals.toml"
    goals.write_text(goals.read_text().replace("[settings]\n", '[settings]\nremind_after = "5pm"\n'))
    code, _, err = run(capsys, "remind")
    assert code == 1 and "remind_after = '5pm': write a time of day as \"HH:MM\"" in err


def test_a_prompt_reads_the_kept_line_while_nothing_changed(capsys: pytest.CaptureFixture[str], started: Path) -> None:
    """The quick path: a fresh kept line is printed as it is; a newer tap, goals edit or another day recomputes."""
    run(capsys, "log", "p", "2")
    path = line_path(started)
    path.write_text("kept line\n")  # what the quick path prints is the file, not a new computation
    assert run(capsys, "status", "--line")[1] == "kept line\n"
    assert run(capsys, "--data-dir", str(started), "status", "--line")[1] == "kept line\n"
    assert run(capsys, "status", "--line", now=WEDNESDAY + timedelta(days=1))[1].startswith("p 0/30")  # a new day
    path.write_text("kept line\n")
    (started / "taps" / "elsewhere").mkdir()
    (started / "taps" / "elsewhere" / "2026-11.toml").write_text('"2026-11-26T09:00:00+01:00" = { metric = "leads" }\n')
    thursday = WEDNESDAY + timedelta(days=1)
    assert run(capsys, "status", "--line", now=thursday)[1].startswith("p 0/30 ● on pace · l 1/5")  # a synced tap
    assert run(capsys, "status", "--line", now=thursday)[1].startswith("p 0/30 ● on pace · l 1/5")  # kept again
    goals = started / "goals.toml"
    goals.write_text(goals.read_text().replace("target = 30", "target = 40"))
    assert run(capsys, "status", "--line", now=thursday)[1].startswith("p 0/40")

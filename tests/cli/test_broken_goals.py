"""A typo in goals.toml never stops a tap: counting goes on with the last good goals, and the mistake is said."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.command import run as main
from goaltui.store import goalsfile
from goaltui.tui.app import GoalApp
from goaltui.tui.widgets.counter import MetricCounter
from tests.factories import Told, wait_until

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 3, 10, 30, 0, tzinfo=TZ)

# What goals.toml becomes: a line of it changed (old, new), or the whole file (None, new).
BREAKS: dict[str, tuple[str | None, str]] = {
    "a broken quote": ('title = "Talk to 30 new', 'title = "Talk to 30" new'),
    "an unknown metric": ('metric = "prospects"', 'metric = "prospect"'),
    "a day that does not exist": ("start = 2026-12-01", "start = 2027-02-30"),
    "a negative target": ("target = 30", "target = -3"),
    "a duplicate key": ("target = 30", "target = 30\ntarget = 31"),
    "an unknown period": ('every = "day"', 'every = "weekly"'),
    "a target in words": ("target = 30", 'target = "20K"'),
    "emptied, as an editor leaves it between emptying and writing, or when it stops there": (None, ""),
}


def run(capsys: pytest.CaptureFixture[str], *args: str, now: datetime = NOW) -> tuple[int, str, str]:
    code = main(list(args), clock=lambda: now)
    out, err = capsys.readouterr()
    return code, out, err


def prospects(capsys: pytest.CaptureFixture[str]) -> int:
    code, out, _err = run(capsys, "status", "--json")
    assert code == 0
    return int(json.loads(out)["counts"]["prospects"])


def break_goals(data: Path, how: str) -> None:
    path = data / "goals.toml"
    old, new = BREAKS[how]
    text = path.read_text()
    if old is None:
        path.write_text(new)
        return
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize("how", list(BREAKS))
def test_a_typo_in_goals_toml_never_stops_a_tap(capsys: pytest.CaptureFixture[str], data_dir: Path, how: str) -> None:
    goals = goalsfile.starter_text(NOW.date() - timedelta(days=2))
    (data_dir / "goals.toml").write_text(goals)
    assert run(capsys, "log", "p")[:2] == (0, "prospects: 1 today\n")  # read good once: kept on this device
    mended = (data_dir / "goals.toml").read_text()
    break_goals(data_dir, how)
    for i in range(2, 5):  # the full way, and again (the quick way must not skip the warning)
        code, out, err = run(capsys, "log", "p", now=NOW + timedelta(seconds=i))
        assert (code, out) == (0, f"prospects: {i} today\n"), err
        assert err.count("\n") == 1 and "goals.toml:" in err and "counting with the last good goals" in err
    code, out, _err = run(capsys, "status", "--line")
    assert code == 0 and out.startswith("p 4/30")
    assert run(capsys, "check")[0] == 1  # the check itself still fails on the mistake
    code, _out, err = run(capsys, "log", "zzz")
    assert code == 2 and "unknown metric 'zzz'" in err  # only what the last good goals do not know is refused
    (data_dir / "goals.toml").write_text(mended)
    assert run(capsys, "log", "p", now=NOW + timedelta(minutes=1)) == (0, "prospects: 5 today\n", "")
    assert prospects(capsys) == 5


def test_with_no_good_goals_ever_read_it_says_what_to_do(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    (data_dir / "goals.toml").write_text('schema = 1\n[metrics.prospects]\nkey = "p"\ntarget = "\n')
    code, _out, err = run(capsys, "log", "p")
    assert code == 1 and "fix the file" in err and "no earlier good goals.toml on this device" in err
    assert not (data_dir / "taps").exists()


async def test_the_app_opens_on_a_broken_goals_toml_and_counts(
    capsys: pytest.CaptureFixture[str], data_dir: Path, new_app: Callable[..., GoalApp]
) -> None:
    (data_dir / "goals.toml").write_text(goalsfile.starter_text(NOW.date()))
    assert run(capsys, "status")[0] == 0  # read good once
    break_goals(data_dir, "a broken quote")
    app = new_app()
    told = Told()
    async with app.run_test(size=(100, 40), message_hook=told) as pilot:
        shown = [n.message for n in told.notes]
        assert any("goals.toml:" in m for m in shown)
        banner = app.screen.query_one("#goals-banner")
        assert banner.has_class("-shown") and "goals.toml:" in str(banner.render())
        await pilot.press("p")
        counter = app.screen.query_one("#counter-prospects", MetricCounter)
        assert await wait_until(pilot, lambda: counter.value == "1")
        (data_dir / "goals.toml").write_text(goalsfile.starter_text(NOW.date()))  # mended
        assert await wait_until(pilot, lambda: not banner.has_class("-shown"))
        break_goals(data_dir, "a negative target")  # broken again while it runs: the banner comes back
        assert await wait_until(pilot, lambda: banner.has_class("-shown") and "target = -3" in str(banner.render()))
        break_goals(data_dir, "emptied, as an editor leaves it between emptying and writing, or when it stops there")
        assert await wait_until(pilot, lambda: "is empty" in str(banner.render()))
        await pilot.press("p")  # still counted, with the last good goals
        assert await wait_until(pilot, lambda: counter.value == "2")
        assert app.tracker.plan.goals  # the empty file was never taken for goals
    [tap_file] = (data_dir / "taps").rglob("*.toml")
    assert 'metric = "prospects"' in tap_file.read_text()


def test_an_unknown_key_is_said_with_the_nearest_known_one(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    text = goalsfile.starter_text(NOW.date()).replace("target = 30", "targt = 30", 1)
    (data_dir / "goals.toml").write_text(text.replace("week_starts", "week_start", 1) + 'colour = "red"\n')
    lines = text.splitlines()
    targt = next(i for i, line in enumerate(lines, 1) if line.startswith("targt"))
    for command in ("check", "status"):
        _code, _out, err = run(capsys, command)
        assert f"goals.toml:{targt}: [goals.daily-prospects] 'targt': unknown key; did you mean target?" in err
        assert "[settings] 'week_start': unknown key; did you mean week_starts?" in err
        assert "[goals.weekly-customers] 'colour': unknown key; goaltui does not read it (known: changes," in err


async def test_the_app_says_an_unknown_key_as_it_opens(data_dir: Path, new_app: Callable[..., GoalApp]) -> None:
    text = goalsfile.starter_text(NOW.date()).replace("target = 30", "targt = 30", 1)
    (data_dir / "goals.toml").write_text(text)
    app = new_app()
    told = Told()
    async with app.run_test(size=(100, 40), message_hook=told):
        assert any("did you mean target?" in n.message for n in told.notes)


async def test_the_goal_form_and_detail_name_an_unknown_key_of_the_goal(
    data_dir: Path, new_app: Callable[..., GoalApp]
) -> None:
    from textual.widgets import Static

    from goaltui.tui.screens.goal_form import GoalForm

    text = goalsfile.starter_text(NOW.date()).replace("target = 30", "targt = 30", 1)
    (data_dir / "goals.toml").write_text(text)
    app = new_app()
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        from tests.tui.test_goals import select

        await select(pilot, "daily-prospects")
        assert "'targt': unknown key; did you mean target?" in str(app.screen.query_one("#detail", Static).render())
        await pilot.press("e")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GoalForm))
        assert "'targt': unknown key; did you mean target?" in str(app.screen.query_one("#smart", Static).render())

"""Text from files on every screen: escape sequences shown as text, markup never read, files left as written."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

import pytest

from goaltui.cli.team import team_rows
from goaltui.model.team import team_view
from goaltui.tui.app import GoalApp
from goaltui.tui.screens.goal_form import GoalForm
from goaltui.tui.screens.goals import GoalsScreen
from goaltui.tui.screens.history import HistoryScreen
from goaltui.tui.screens.review import ReviewScreen
from goaltui.tui.screens.team import MemberDailyScreen, TeamScreen
from goaltui.tui.team import TeamApp
from tests.factories import TZ, Clock, wait_until
from tests.hostile import HOSTILE_GOALS, HOSTILE_REVIEW, OSC_TITLE, RAW


def drawn(app: GoalApp) -> str:
    """Every character on the screen, as the terminal would get it: the screenshot's text, tags and entities undone."""
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot()).replace("&#160;", " "))


def safe(app: GoalApp, *visible: str) -> None:
    text = drawn(app)
    assert not [c for c in RAW if c in text], f"raw control characters drawn on {type(app.screen).__name__}"
    for words in visible:
        assert words in text, f"{words!r} not on {type(app.screen).__name__}"


def hostile_folder(data_dir: Path) -> None:
    (data_dir / "goals.toml").write_text(HOSTILE_GOALS)
    (data_dir / "reviews").mkdir()
    (data_dir / "reviews" / "2026-W47.toml").write_text(HOSTILE_REVIEW)
    taps = data_dir / "taps" / "test-device"
    taps.mkdir(parents=True)
    (taps / "2026-11.toml").write_text(
        '"2026-11-24T10:00:00.000+01:00" = { metric = "prospects", note = "Ann \\u001b]0;note\\u0007" }\n'
    )


@pytest.fixture
def hostile_app(new_app, data_dir: Path, clock: Clock) -> GoalApp:
    """The app on a folder a stranger wrote, on a Wednesday afternoon of the week after its review."""
    hostile_folder(data_dir)
    clock.now = datetime(2026, 11, 25, 16, 0, tzinfo=TZ)
    return new_app()


async def test_every_screen_shows_text_from_files_escaped_and_never_as_markup(
    hostile_app: GoalApp, data_dir: Path
) -> None:
    app = hostile_app
    before = (data_dir / "goals.toml").read_bytes()
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await pilot.pause()
        safe(app, "\\x1b]0;pwned\\x07to people [bold red]red[/]", "EUR[b]x[/b]")
        await pilot.press("v")  # the amount prompt names the unit
        assert await wait_until(pilot, lambda: "Add revenue" in drawn(app))
        safe(app, "Add revenue (EUR[b]x[/b])")
        await pilot.press("escape", "question_mark")
        assert await wait_until(pilot, lambda: "take back an amount" in drawn(app))
        safe(app, "count an amount of revenue (EUR[b]x[/b])")
        await pilot.press("escape", "g")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GoalsScreen))
        await pilot.pause()
        safe(app, "\\u202eevil", "why \\x1b]52;c;cHduZWQ=\\x07 clip", "how \\x1b[2J clear")
        await pilot.press("down")
        assert await wait_until(pilot, lambda: "(q1-customers)" in drawn(app))
        safe(app, "Sign 40 [link=https://evil.example]click[/link]", "First 10 \\x1b]0;milestone\\x07")
        await pilot.press("m")
        assert await wait_until(pilot, lambda: "Milestones of" in drawn(app))
        safe(app, "[ ] First 10 \\x1b]0;milestone\\x07")
        await pilot.press("escape", "d")
        assert await wait_until(pilot, lambda: "0 of 40 customers" in drawn(app))
        safe(app, "Sign 40 [link=https://evil.example]click[/link] · ")
        await pilot.press("escape", "up", "e")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GoalForm))
        await pilot.pause()
        safe(app, "Talk \\x1b]0;pwned\\x07to people")
        await pilot.press("escape", "escape", "r")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.pause()
        safe(app, "good \\x1b]0;review\\x07 week [b]bold[/b]")
        await pilot.press("h")
        assert await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("w")
        assert await wait_until(pilot, lambda: "Notes, last 7 days" in drawn(app))
        safe(app, "Ann \\x1b]0;note\\x07")
        await pilot.press("escape", "escape", "ctrl+p")
        await pilot.press(*"revenue")
        assert await wait_until(pilot, lambda: "Ask how much revenue" in drawn(app))
        safe(app, "Count an amount of revenue (EUR[b]x[/b])")
        await pilot.press("escape")
        # A notice quoting a file: a goals.toml broken on disk shows its offending line.
        (data_dir / "goals.toml").write_text(HOSTILE_GOALS.replace('key = "p"', 'key = "p" \x1b[2J [bold]'))
        assert await wait_until(pilot, lambda: "goals.toml has a mistake" in drawn(app))
        safe(app)
        (data_dir / "goals.toml").write_bytes(before)
    assert (data_dir / "goals.toml").read_bytes() == before


async def test_a_form_saved_with_an_escaped_title_unedited_keeps_the_title_as_written(
    hostile_app: GoalApp, data_dir: Path
) -> None:
    app = hostile_app
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("g")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GoalsScreen))
        await pilot.press("e")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GoalForm))
        await pilot.press("tab", "tab", "tab", "end", "0", "ctrl+s")  # the target only: 30 -> 300
        assert await wait_until(pilot, lambda: "target = 300" in (data_dir / "goals.toml").read_text())
    text = (data_dir / "goals.toml").read_text()
    assert f'title = "Talk {OSC_TITLE}to people [bold red]red[/] \\u009b31m\\u202eevil"' in text


async def test_review_notes_saved_unedited_stay_as_written(hostile_app: GoalApp, data_dir: Path) -> None:
    app = hostile_app
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("r")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("tab", "tab", *"calls", "ctrl+s")
        review = data_dir / "reviews" / "2026-W47.toml"
        assert await wait_until(pilot, lambda: 'went_badly = "calls"' in review.read_text())
    assert 'went_well = "good \\u001b]0;review\\u0007 week [b]bold[/b]"' in review.read_text()


async def test_the_team_view_shows_names_escaped(tmp_path: Path, data_dir: Path, clock: Clock) -> None:
    hostile_folder(data_dir)
    config = tmp_path / "config"
    config.mkdir()
    (config / "team.toml").write_text(
        f'[members.anna]\nname = "Anna {OSC_TITLE}[bold]B[/bold]"\nfolder = "{data_dir}"\n'
        f'[members.bob]\nname = "Bob \\u001b[2J"\nfolder = "{tmp_path / "missing"}"\n'
    )
    view = team_view(team_rows([], clock()), clock().date())
    app = TeamApp(view, clock=clock, theme=None, keymap={})
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        assert await wait_until(pilot, lambda: isinstance(app.screen, TeamScreen))
        await pilot.pause()
        safe(app, "Anna \\x1b]0;pwned\\x07[bold]B[/bold]", "Bob \\x1b[2J: ")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MemberDailyScreen))
        await pilot.pause()
        safe(app, "Anna \\x1b]0;pwned\\x07[bold]B[/bold] · read-only")

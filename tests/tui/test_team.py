"""The Team screen: whoever needs help first, a broken folder as one row, a member's day read-only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable

from goaltui.cli.team import team_rows
from goaltui.model.team import team_view
from goaltui.store.goalsfile import starter_text, write_new
from goaltui.tui.screens.goals import GoalsScreen
from goaltui.tui.screens.team import MemberDailyScreen, TeamScreen
from goaltui.tui.team import TeamApp
from goaltui.tui.widgets.counter import MetricCounter
from synthetic import generate_history
from tests.factories import Clock, Told, wait_until


def member(root: Path, name: str, *, seed: int, busy: float) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    write_new(folder / "goals.toml", starter_text(date(2026, 10, 26)))
    metrics = {"prospects": (busy, 0), "leads": (busy / 5, 0), "customers": (busy / 30, 0)}
    generate_history(folder, start=date(2026, 10, 26), end=date(2026, 11, 24), seed=seed, metrics=metrics)
    return folder


def snapshot(folders: list[Path]) -> dict[Path, bytes]:
    return {p: p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


@pytest.fixture
def folders(tmp_path: Path) -> list[Path]:
    root = tmp_path / "team"
    return [member(root, "anna", seed=1, busy=40), member(root, "ben", seed=2, busy=6)]


def team_app(folders: list[Path], clock: Clock) -> TeamApp:
    view = team_view(team_rows([str(f) for f in folders], clock()), clock().date())
    return TeamApp(view, clock=clock, theme=None, keymap={})


async def test_whoever_needs_help_first_and_a_broken_folder_is_one_row(
    folders: list[Path], clock: Clock, tmp_path: Path
) -> None:
    broken = tmp_path / "team" / "cleo"
    broken.mkdir()
    (broken / "goals.toml").write_text("[goals.x]\ntarget = = 1\n")
    app = team_app([*folders, broken], clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        table = app.screen.query_one(DataTable)
        names = [str(table.get_row_at(i)[0]).split(" ·")[0] for i in range(table.row_count)]
        assert names == ["ben", "anna", "cleo"]
        assert "goals.toml:2:" in str(table.get_row_at(2)[1])
        totals = str(app.screen.query_one("#team-totals").render())
        assert "Team of 3" in totals and "1 could not be read" in totals and "cleo: " in totals


async def test_a_members_day_opens_read_only_and_nothing_is_written(folders: list[Path], clock: Clock) -> None:
    before = snapshot(folders)
    app = team_app(folders, clock)
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # ben: the one who needs help is first
        assert await wait_until(pilot, lambda: isinstance(app.screen, MemberDailyScreen))
        counter = app.screen.query_one("#counter-prospects", MetricCounter)
        shown = counter.value
        await pilot.press("p", "P", "u")
        await pilot.pause()
        assert counter.value == shown
        assert any("ben's numbers are read-only here" in n.message for n in told.notes)
        await pilot.press("g")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GoalsScreen))
        await pilot.press("n")  # no form opens on someone else's goals
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        await pilot.press("escape", "escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, TeamScreen))
        assert app.sub_title == ""
    assert snapshot(folders) == before


def test_team_screen(snap_compare, folders: list[Path], clock: Clock) -> None:
    assert snap_compare(team_app(folders, clock), terminal_size=(120, 30))


def test_team_screen_80x24(snap_compare, folders: list[Path], clock: Clock) -> None:
    assert snap_compare(team_app(folders, clock), terminal_size=(80, 24))


async def test_on_80x24_each_figure_has_a_line_and_every_column_fits(folders: list[Path], clock: Clock) -> None:
    app = team_app(folders, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        labels = [str(column.label) for column in table.ordered_columns]
        assert labels == ["Member", "Today", "This week", "Goals (days of buffer)", "Conversion"]
        assert table.virtual_size.width <= 80, "no column off the edge"
        assert str(table.get_row_at(0)[4]).split("\n") == ["p→l 28 %", "l→c 12 %"]
        await pilot.resize_terminal(120, 30)  # wide enough again: one line a member
        await pilot.pause()
        assert "Goals (buffer in working days)" in [str(column.label) for column in table.ordered_columns]

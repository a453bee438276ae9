"""A user whose goals began today: no screen judges a week before the goals began, or projects from no history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Label, Static

from goaltui.model.goals import Goal
from goaltui.store.goalsfile import starter_text, write_new
from goaltui.tui.screens.goal_words import goal_label
from goaltui.tui.screens.review import ReviewScreen
from goaltui.tui.widgets.gauge import PacePanel
from goaltui.tui.widgets.history import HistoryStrip

TODAY = date(2026, 11, 25)  # the clock's Wednesday


def plain(widget: Widget) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


async def test_goals_begun_today_judge_no_earlier_week(new_app, data_dir: Path) -> None:
    write_new(data_dir / "goals.toml", starter_text(TODAY))
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        gauge = app.screen.query_one(PacePanel).gauge_text("weekly-customers")
        assert "0/2" in gauge  # this week from Wednesday: 3 of 5 working days
        assert "too little history to project" in gauge and "heading for" not in gauge
        strip = plain(app.screen.query_one(HistoryStrip))
        assert "(aim 90 from Wed 25 Nov)" in strip

        await pilot.press("h")
        await pilot.pause()
        summary = plain(app.screen.query_one("#history-summary", Static))
        assert "no week to judge yet (90 from Wed 25 Nov)" in summary
        assert "weeks on target" not in summary  # not "0/11 weeks on target"
        await pilot.press("escape")

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.review.label == "2026-W47" and app.screen.review.goals == ()
        assert plain(app.screen.query_one("#review-hint", Label)) == "No goal with a target ran this week."
        funnel = plain(app.screen.query_one("#review-funnel", Static))
        assert "Too little activity" not in funnel and "target" not in funnel


def test_a_stretch_equal_to_the_target_prints_as_one_number() -> None:
    equal = Goal("w", title="Sign 5 a week", metric="customers", target=5, stretch=5, every="week")
    assert "  5 customers a week" in goal_label(equal, None, smart="ok", today=date(2026, 11, 25)).plain
    ranged = Goal("w", title="Sign 5 a week", metric="customers", target=5, stretch=8, every="week")
    assert "  5–8 customers a week" in goal_label(ranged, None, smart="ok", today=date(2026, 11, 25)).plain


async def test_a_week_begun_part_way_says_from_when_it_counts(new_app, data_dir: Path) -> None:
    from textual.widgets import DataTable

    write_new(data_dir / "goals.toml", starter_text(date(2026, 11, 18)))
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        targets = {goal: str(table.get_cell(goal, "target")) for goal in ("daily-prospects", "weekly-customers")}
        assert targets == {"daily-prospects": "90*", "weekly-customers": "2*"}  # starred, and told beneath
        beneath = str(app.screen.query_one("#review-targets").render())
        assert "daily-prospects 90 from Wed 18 Nov · " in beneath and "weekly-customers 2 from Wed 18 Nov" in beneath
        assert str(table.get_cell("daily-prospects", "result")).endswith("missed 0/3d")  # 3 working days from Wed

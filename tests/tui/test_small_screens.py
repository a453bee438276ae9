"""Six metrics on 80 x 24, and a phone's width: every word whole, the screen scrolls, the key bar in sight."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input

from goaltui.store.goalsfile import starter_text, write_new
from goaltui.tui.app import GoalApp
from goaltui.tui.sizes import counter_columns
from goaltui.tui.text import fitted
from goaltui.tui.widgets.counter import MetricCounter
from goaltui.tui.widgets.gauge import PacePanel
from goaltui.tui.widgets.history import HistoryStrip
from goaltui.tui.widgets.keybar import KeyBar
from synthetic import generate_history
from tests.factories import Clock, settle, wait_until

# Each metric: its key, and what else its table says (a funnel stage, a unit).
METRICS = {
    "prospects": ("p", "funnel = 1"),
    "leads": ("l", "funnel = 2"),
    "customers": ("c", "funnel = 3"),
    "calls": ("k", ""),
    "meetings": ("m", ""),
    "revenue": ("v", 'unit = "EUR"'),
}
GOALS = [
    ("daily-prospects", "Talk to 30 new people every working day", "prospects", 30, 50, "day"),
    ("daily-leads", "Find 5 interested leads every working day", "leads", 5, 10, "day"),
    ("weekly-customers", "Sign 3 new customers every week", "customers", 3, 5, "week"),
    ("daily-calls", "Make 40 calls every working day", "calls", 40, None, "day"),
    ("weekly-meetings", "Hold 8 meetings every week", "meetings", 8, None, "week"),
    ("monthly-revenue", "Bring in 5000 EUR every month", "revenue", 5000, None, "month"),
]
RATES = {
    "prospects": (30.0, 2.0),
    "leads": (6.0, 0.5),
    "customers": (0.6, 0.0),
    "calls": (35.0, 1.0),
    "meetings": (1.5, 0.0),
    "revenue": (200.0, 0.0),
}


def six_goals() -> str:
    text = "schema = 1\n"
    for metric, (key, more) in METRICS.items():
        text += f'[metrics.{metric}]\nkey = "{key}"\n{more}\n'
    for goal_id, title, metric, target, stretch, every in GOALS:
        text += f'[goals.{goal_id}]\ntitle = "{title}"\nmetric = "{metric}"\ntarget = {target}\n'
        text += f'every = "{every}"\nwhy = "the income"\nstart = 2026-11-02\n'
        text += f"stretch = {stretch}\n" if stretch else ""
    return text


@pytest.fixture
def six_app(data_dir: Path, clock: Clock, new_app) -> GoalApp:
    """Six metrics, each with a goal, and three weeks of history."""
    (data_dir / "goals.toml").write_text(six_goals())
    generate_history(data_dir, start=date(2026, 11, 2), end=date(2026, 11, 24), seed=3, metrics=RATES)
    clock.now = clock.now.replace(hour=11, minute=15)
    return new_app(poll_interval=0)


def test_a_line_too_long_breaks_at_its_dots_then_between_words() -> None:
    assert fitted("✔ done · 17 to stretch", 22) == ["✔ done · 17 to stretch"]
    assert fitted("✔ done · 17 to stretch", 17) == ["✔ done", "17 to stretch"]
    assert fitted("▼ 1,250/5,000 this month", 20) == ["▼ 1,250/5,000 this", "month"]


def test_counters_side_by_side_as_many_as_keep_their_words_whole() -> None:
    assert counter_columns(3, 80) == 3
    assert counter_columns(6, 80) == 3, "two rows of three"
    assert counter_columns(4, 80) == 2, "two by two rather than three and one"
    assert counter_columns(6, 160) == 6
    assert counter_columns(6, 42) == 2, "a phone: two by two"
    assert counter_columns(3, 30) == 1


def words_whole(counter: MetricCounter) -> None:
    """Every line of the counter fits its width, and its count and status are there in full."""
    lines = [line.plain for line in counter.lines(counter.size.width)]
    assert all(cell_len(line) <= counter.size.width for line in lines), lines
    view = counter.view
    assert view is not None and view.pace is not None
    words = " ".join(lines)
    assert view.pace.status in words or (view.goal and view.goal.every == "day"), words
    assert counter.value and counter.region.height >= 3


@pytest.mark.parametrize("size", [(80, 24), (48, 40)], ids=["80x24", "phone"])
async def test_six_counters_show_their_words_whole(six_app: GoalApp, size: tuple[int, int]) -> None:
    async with six_app.run_test(size=size) as pilot:
        await settle(pilot)
        counters = list(six_app.screen.query(MetricCounter))
        assert len(counters) == 6
        for counter in counters:
            words_whole(counter)
            assert counter.region.right <= size[0], "no sideways scrolling"
        if size[0] < 60:  # a phone: each gauge's words wrap rather than run off the edge
            pace = six_app.screen.query_one(PacePanel)
            lines = pace.render().plain.split("\n")
            assert all(cell_len(line) <= pace.content_size.width for line in lines), lines
        bar = six_app.screen.query_one(KeyBar)
        assert bar.region.bottom == size[1], "the key bar at the bottom, in sight"
        for key in (" Undo ", " Note ", " Today ", " Goals ", " Review "):
            assert key in bar.render().plain, f"{key} can be touched"


async def test_down_and_page_down_scroll_the_daily_screen_without_tab(six_app: GoalApp) -> None:
    async with six_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        area = six_app.screen.query_one("#daily", VerticalScroll)
        assert area.max_scroll_y > 0 and six_app.focused is None
        await pilot.press("down")
        assert await wait_until(pilot, lambda: area.scroll_y == 1)
        await pilot.press("pagedown")
        assert await wait_until(pilot, lambda: area.scroll_y > 5)
        await pilot.press("pageup", "up")
        assert await wait_until(pilot, lambda: area.scroll_y == 0)
        await pilot.press("p")  # the keys still count
        await settle(pilot)
        assert area.scroll_y == 0


async def test_the_mouse_wheel_scrolls_the_daily_screen(six_app: GoalApp) -> None:
    async with six_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        area = six_app.screen.query_one("#daily", VerticalScroll)
        counter = six_app.screen.query_one("#counter-calls", MetricCounter)
        x, y = counter.region.x + 4, counter.region.y + 2
        wheel = events.MouseScrollDown(None, x, y, 0, 1, 0, False, False, False, screen_x=x, screen_y=y)
        six_app.post_message(wheel)
        assert await wait_until(pilot, lambda: area.scroll_y > 0)
        assert counter.view is not None and counter.view.count == 0, "a turn of the wheel counts nothing"


async def test_the_review_on_80x24_shows_every_decision_and_the_notes(six_app: GoalApp) -> None:
    async with six_app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("down", "down", "o", "down", "a")  # carry over; archive: achieved
        await pilot.pause()
        table = six_app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width, "no column off the edge"
        decisions = [str(table.get_cell(g, "decision")) for g in ("weekly-customers", "daily-calls")]
        assert decisions == ["carry over", "archive: achieved"]
        assert "5,000.00 EUR from Mon 2 Nov" in str(six_app.screen.query_one("#review-targets").render())
        for note in six_app.screen.query(Input):
            assert note.region.bottom < 23, f"{note.id} in sight above the key bar"


@pytest.mark.parametrize("size", [(80, 24), (48, 40)], ids=["80x24", "phone"])
def test_six_metrics_snapshot(snap_compare, six_app: GoalApp, size: tuple[int, int]) -> None:
    assert snap_compare(six_app, terminal_size=size)


def test_six_goals_reviewed_on_80x24_snapshot(snap_compare, six_app: GoalApp) -> None:
    assert snap_compare(six_app, terminal_size=(80, 24), press=["r", "down", "down", "o", "down", "a"])


async def test_on_a_phone_the_weeks_wrap_rather_than_lose_their_words(new_app, data_dir: Path) -> None:
    write_new(data_dir / "goals.toml", starter_text(date(2026, 11, 25)))  # "(aim 90 from Wed 25 Nov)": long
    app = new_app()
    async with app.run_test(size=(48, 40)) as pilot:
        await pilot.pause()
        strip = app.screen.query_one(HistoryStrip)
        assert strip.region.height > 4, "the title and three metrics, each longer than a line"
        assert strip.region.right <= 48

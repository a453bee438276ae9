"""Keys typed in one burst (a slow SSH link, a fast typist, a paste) land where they were typed, in order."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from goaltui.tui.screens.daily import DailyScreen
from goaltui.tui.screens.goals import GoalsScreen
from goaltui.tui.widgets.counter import MetricCounter
from tests.factories import burst, tap_lines, wait_until


def field(app, name: str) -> str:
    return app.screen.query_one(f"#{name}", Input).value


async def test_a_new_goal_typed_in_one_burst_fills_each_field(new_app) -> None:
    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "g", "n", *"my-goal", "tab", *"Sign 5 customers", "tab", *"customers", "tab", "tab", "5")
        assert await wait_until(pilot, lambda: app.screen.query("#f-target") and field(app, "f-target") == "5")
        assert field(app, "f-id") == "my-goal"
        assert field(app, "f-title") == "Sign 5 customers"
        assert field(app, "f-metric") == "customers"
        assert field(app, "f-key") == ""


async def test_keys_after_a_screen_change_go_to_the_new_screen(new_app, data_dir: Path) -> None:
    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        # p on the goals screen is no tap; after escape, p counts on the daily screen again
        burst(app, "g", "p", "escape", "p", "p")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DailyScreen) and app.disk.idle)
        await pilot.pause()
        assert app.screen.query_one("#counter-prospects", MetricCounter).value == "2"
    assert len(tap_lines(data_dir)) == 2


async def test_a_milestone_typed_in_one_burst(new_app) -> None:
    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "g")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GoalsScreen))
        burst(app, "m", *"First 10 customers", "enter", *"2026-12-31")
        assert await wait_until(pilot, lambda: app.screen.query("#m-due") and field(app, "m-due") == "2026-12-31")
        assert field(app, "m-title") == "First 10 customers"


async def test_keys_after_enter_closes_a_prompt_go_to_the_screen_below(new_app, data_dir: Path) -> None:
    """An amount, its note, enter, then taps, all in one burst: each lands where it was typed."""
    goals = data_dir / "goals.toml"
    new_app()  # writes the starter goals
    goals.write_text(goals.read_text() + '\n[metrics.revenue]\nkey = "v"\nunit = "EUR"\n')
    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "v", *"250", "enter", *"Acme", "enter", "p", "p")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DailyScreen) and len(tap_lines(data_dir)) == 3)
        assert await wait_until(pilot, lambda: app.disk.idle)
    lines = tap_lines(data_dir)
    assert lines[0].endswith('{ metric = "revenue", n = 250, note = "Acme" }')
    assert [line.endswith('{ metric = "prospects" }') for line in lines[1:]] == [True, True]

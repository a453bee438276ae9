"""Count with a click or a touch: a counter counts one, its − takes one back, as the keys do."""

from __future__ import annotations

from pathlib import Path

from goaltui.tui.app import GoalApp
from goaltui.tui.widgets.counter import TAKE_BACK, MetricCounter
from tests.factories import Told, settle, tap_lines
from tests.tui.test_daily import WITH_REVENUE, shown


def minus(app: GoalApp, metric: str) -> tuple[int, int]:
    """Where the counter's − is, from the counter's top left corner."""
    counter = app.screen.query_one(f"#counter-{metric}", MetricCounter)
    left, top = counter.content_region.x - counter.region.x, counter.content_region.y - counter.region.y
    return left + counter.size.width - len(TAKE_BACK) + 1, top


async def test_a_click_on_a_counter_counts_one_and_its_minus_takes_one_back(new_app, data_dir: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click("#counter-prospects", offset=(4, 2))  # on the digits
        await pilot.click("#counter-prospects", offset=(4, 5))
        await pilot.click("#counter-leads")  # on its border
        await settle(pilot)
        assert (shown(app, "prospects"), shown(app, "leads")) == ("2", "1")
        await pilot.click("#counter-prospects", offset=minus(app, "prospects"))
        await settle(pilot)
        assert shown(app, "prospects") == "1"
        await pilot.press("u")  # undo takes back the last tap, made by the click
        await settle(pilot)
        assert shown(app, "prospects") == "2"
    lines = [line.split("= ", 1)[1] for line in tap_lines(data_dir)]
    assert lines == [
        '{ metric = "prospects" }',
        '{ metric = "prospects" }',
        '{ metric = "leads" }',
        '{ metric = "prospects", n = -1 }',
        '{ metric = "prospects", note = "undo" }',
    ]


async def test_the_minus_never_takes_a_count_below_zero(new_app, data_dir: Path) -> None:
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.click("#counter-leads", offset=minus(app, "leads"))
        await settle(pilot)
        assert shown(app, "leads") == "0"
        assert any("leads today stands at 0: nothing to take back" in n.message for n in told.notes)
    assert not (data_dir / "taps").exists() or tap_lines(data_dir) == []


async def test_a_click_counts_the_digits_typed_before_it(new_app, data_dir: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "2")
        await pilot.click("#counter-prospects", offset=(4, 2))
        await settle(pilot)
        assert shown(app, "prospects") == "12"


async def test_a_click_on_an_amount_asks_how_much_unless_it_was_typed_first(new_app, data_dir: Path) -> None:
    (data_dir / "goals.toml").write_text(WITH_REVENUE)
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click("#counter-revenue", offset=(4, 2))
        await pilot.pause()
        await pilot.press(*"250", "enter", "enter")
        await settle(pilot)
        assert shown(app, "revenue") == "250.00"
        await pilot.press(*"100", "v")  # no prompt: the amount was typed before the key
        await settle(pilot)
        assert shown(app, "revenue") == "350.00"


async def test_a_click_counts_for_the_day_being_backfilled(new_app, data_dir: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("left")
        await pilot.click("#counter-prospects", offset=(4, 2))
        await settle(pilot)
        assert shown(app, "prospects") == "1"
    assert "day = 2026-11-24" in tap_lines(data_dir)[0]

"""A call block in one key press: digits before a metric's key count that many (`35p`), as vim's count."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from goaltui.model.entry import CountPrefix
from goaltui.tui.app import GoalApp
from tests.factories import Told, burst, settle, tap_lines
from tests.tui.test_daily import shown


def day_bar(app: GoalApp) -> str:
    return str(app.screen.query_one("#day-bar", Label).render())


async def test_35p_counts_35_in_one_tap_and_one_undo_takes_them_back(new_app, data_dir: Path) -> None:
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("3", "5")
        await pilot.pause()
        assert "35" in day_bar(app) and "esc clears" in day_bar(app), "the digits show as they are typed"
        assert shown(app, "prospects") == "0"
        await pilot.press("p")
        await settle(pilot)
        assert shown(app, "prospects") == "35"
        assert "esc clears" not in day_bar(app), "the count was used"
        assert tap_lines(data_dir)[-1].endswith('= { metric = "prospects", n = 35 }')
        await pilot.press("u")
        await settle(pilot)
        assert shown(app, "prospects") == "0"
        assert "prospects +35" in told.text
    lines = tap_lines(data_dir)
    assert len(lines) == 2, "one line for the 35, one for their undo"
    assert 'metric = "prospects", n = -35, note = "undo"' in lines[1]


async def test_3P_takes_back_three_and_never_below_zero(new_app, data_dir: Path) -> None:
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("1", "0", "p", "3", "P")
        await settle(pilot)
        assert shown(app, "prospects") == "7"
        await pilot.press("8", "P")
        await settle(pilot)
        assert shown(app, "prospects") == "7"
        assert "prospects today stands at 7: take back at most 7" in told.text
    lines = tap_lines(data_dir)
    assert [line.split("= ", 1)[1] for line in lines] == [
        '{ metric = "prospects", n = 10 }',
        '{ metric = "prospects", n = -3 }',
    ]


async def test_escape_clears_the_digits_and_backspace_takes_one_off(new_app, data_dir: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "escape")
        await pilot.pause()
        assert "esc clears" not in day_bar(app)
        await pilot.press("p", "2", "5", "backspace", "l")
        await settle(pilot)
        assert (shown(app, "prospects"), shown(app, "leads")) == ("1", "2")


async def test_another_key_drops_the_digits(new_app, data_dir: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7", "t", "p")  # t: back to today, with nothing typed before it
        await settle(pilot)
        assert shown(app, "prospects") == "1"


async def test_a_count_far_above_the_best_day_asks_first_as_goaltui_log_does(new_app, data_dir: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"100", "p")  # up to 100 is taken as typed
        await settle(pilot)
        assert shown(app, "prospects") == "100"
        await pilot.press(*"1200", "p")
        await pilot.pause()
        asked = str(app.screen.query_one(Label).render())
        assert "Count 1,200 prospects? That is over ten times a day: your best day so far is 100" in asked
        await pilot.press("escape")  # not sure: nothing counted
        await settle(pilot)
        assert shown(app, "prospects") == "100"
        await pilot.press(*"1200", "p", "y", "enter")
        await settle(pilot)
        assert shown(app, "prospects") == "1,300"
    assert len(tap_lines(data_dir)) == 2


async def test_zero_and_too_many_are_refused_as_they_are_typed(new_app, data_dir: Path) -> None:
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("0")
        await pilot.pause()
        assert "A count starts with 1 to 9" in told.text
        await pilot.press(*"99999999999")
        await pilot.pause()
        assert "One tap counts at most 1,000,000,000: 9999999999 is too many" in told.text
        assert "999999999 " in day_bar(app), "the digits stay as they were before the refused one"
        await pilot.press("escape", "p")
        await settle(pilot)
        assert shown(app, "prospects") == "1"


async def test_digits_typed_in_one_burst_keep_their_order(new_app, data_dir: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, *"12p3lp")
        await settle(pilot)
        assert (shown(app, "prospects"), shown(app, "leads")) == ("13", "3")


def test_the_count_prefix_alone() -> None:
    prefix = CountPrefix()
    assert not prefix and prefix.take() == 1
    assert prefix.add("0") is not None and not prefix
    assert prefix.add("3") is None and prefix.add("0") is None and prefix.digits == "30"
    prefix.back()
    assert prefix.take() == 3 and not prefix

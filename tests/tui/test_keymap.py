"""Every screen and modal: `?` lists that screen's keys, the palette lists each action once, and a keymap shows."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from goaltui.model import keymap as c
from goaltui.store.goalsfile import starter_text, write_new
from goaltui.tui.screens.help import HelpScreen
from tests.factories import START, settle

BEGAN = START.date() - timedelta(days=14)  # last week had goals to review

REVENUE = '\n[metrics.revenue]\nkey = "v"\nunit = "EUR"\n'
MILESTONE = '\n[[goals.weekly-customers.milestones]]\ntitle = "First 10 customers"\n'


@pytest.fixture
def app(data_dir: Path, new_app):
    text = starter_text(BEGAN).replace("[goals.daily-prospects]", REVENUE + "\n[goals.daily-prospects]")
    write_new(data_dir / "goals.toml", text + MILESTONE)
    return new_app(poll_interval=0)


def help_text(app) -> str:
    assert isinstance(app.screen, HelpScreen), app.screen
    return str(app.screen.query_one("#help-keys").render())


# The keys that open each screen from the daily screen, and a command only that screen has.
SCREENS = [
    ((), c.UNDO),
    (("g",), c.NEW_GOAL),
    (("r",), c.SAVE_REVIEW),
    (("h",), c.NEXT_METRIC),
    (("g", "n"), c.SAVE_GOAL),
    (("g", "m"), c.TICK),
    (("v",), c.CANCEL_PROMPT),
    (("r", "plus"), c.CANCEL_PROMPT),
]


@pytest.mark.parametrize(("keys", "own"), SCREENS, ids=[" ".join(k) or "daily" for k, _ in SCREENS])
async def test_question_mark_lists_the_screens_keys(app, keys: tuple[str, ...], own: c.Command) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        screen = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        text = help_text(app)
        for command in screen.COMMANDS_TABLE:
            assert command.help in text
        assert own.help in text
        assert "question_mark" not in text and "\n? f1 " in f"\n{text}"
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is screen, "? closes the keys again"
        titles = [command.title for command in app.get_system_commands(screen)]
        assert len(titles) == len(set(titles)), f"an action listed twice: {titles}"


async def test_in_a_free_text_field_question_mark_types_and_f1_opens_the_keys(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g", "n")
        await pilot.pause()
        title = app.screen.query_one("#f-title", Input)
        title.focus()
        await pilot.press(*"Why not?")
        assert title.value == "Why not?"
        await pilot.press("f1")
        await pilot.pause()
        assert "Save the goal" in help_text(app)


async def test_a_keymap_shows_in_help_and_hints_on_every_screen(data_dir: Path, new_app) -> None:
    write_new(data_dir / "goals.toml", starter_text(BEGAN) + MILESTONE)
    keymap = {"help": "f2", "new-goal": "plus", "milestones": "i", "milestone-tick": "enter", "goal-form-save": "f5"}
    app = new_app(poll_interval=0, keymap=keymap | {"review-save": "f6", "history-next-metric": "f3"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert "f2 " in help_text(app) and "? f1" not in help_text(app)
        await pilot.press("escape", "g")
        await pilot.pause()
        detail = str(app.screen.query_one("#detail").render())
        assert "(i to add, tick, remove)" in detail
        await pilot.press("i")
        await pilot.pause()
        assert "⏎ tick/untick" in str(app.screen.query_one("#milestones-keys").render())
        await pilot.press("escape", "plus")
        await pilot.pause()
        assert "f5 save" in str(app.screen.query_one("#form-heading").render())
        await pilot.press("escape", "escape", "r")
        await pilot.pause()
        assert "f6 to save" in str(app.screen.query_one("#notes-title").render())
        await pilot.press("escape", "h")
        await pilot.pause()
        assert "(f3: next · w: when)" in str(app.screen.query_one("#history-title").render())


async def test_the_day_bar_names_the_review_key_a_keymap_gives(data_dir: Path, new_app) -> None:
    """The day bar's hint keeps the key it names between taps, and names the keymap's from the start."""
    write_new(data_dir / "goals.toml", starter_text(BEGAN))
    app = new_app(poll_interval=0, keymap={"review": "f7"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # last week's review is looked for after the first frame
        bar = app.screen.query_one("#day-bar")
        assert "not reviewed yet: f7" in str(bar.render())
        await pilot.press("p", "p")
        await settle(pilot)
        assert "not reviewed yet: f7" in str(bar.render())
        app.update_keymap({"review": "f8"})
        await pilot.press("p")
        await settle(pilot)
        assert "not reviewed yet: f8" in str(bar.render())

"""The key bar at the bottom of every screen: the keys it shows, a keymap, a narrow screen, a click."""

from __future__ import annotations

from goaltui.tui.screens.goals import GoalsScreen
from goaltui.tui.widgets.keybar import KeyBar


def bar_text(app) -> str:
    return app.screen.query_one(KeyBar).render().plain


async def test_daily_keys_in_order_with_the_palette_on_the_right(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert text.startswith(" u Undo  ⏎ Note  t Today  g Goals  r Review  ? Keys  q Quit ")
        assert text.rstrip().endswith("^p palette")
        assert len(text) == 100, "the palette's key sits at the right edge"
        assert "Day before" not in text, "keys marked show=False stay in help and the palette"


async def test_a_keymap_shows_the_new_key(new_app) -> None:
    app = new_app(keymap={"goals": "o"})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert " o Goals " in bar_text(app) and " g Goals " not in bar_text(app)
        in_table_order = " u Undo  ⏎ Note  t Today  o Goals  r Review "
        assert bar_text(app).startswith(in_table_order), "in the order of the command table"
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)


async def test_a_narrow_screen_keeps_keys_and_quit(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(48, 24)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert len(text) <= 48
        assert " ? Keys " in text and " q Quit " in text
        assert "Review" not in text, "the last other key gives way first"


async def test_clicking_a_key_presses_it(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        x = bar_text(app).index(" g Goals") + 1
        assert await pilot.click(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        assert " n New " in bar_text(app), "the goals screen's own keys"
        assert bar_text(app).index(" esc Back ") < bar_text(app).index(" q Quit ")


async def test_the_bar_follows_the_focus(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert " h History " in bar_text(app)
        await pilot.press("tab")  # into the first note: typing h there writes an h
        await pilot.pause()
        assert " h History " not in bar_text(app)

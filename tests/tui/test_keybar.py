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
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g")  # the goals screen has more keys than 60 columns hold
        await pilot.pause()
        text = bar_text(app)
        assert "\n" not in text and len(text) <= 60, "one line from 60 columns on"
        assert " ? Keys " in text and " q Quit " in text
        assert "Milestones" not in text or "Archive" not in text, "the last other key gives way first"


async def test_on_a_phone_the_bar_takes_two_lines_and_every_key_is_there_to_touch(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(44, 30)) as pilot:
        await pilot.pause()
        lines = bar_text(app).split("\n")
        assert len(lines) == 2 and all(len(line) <= 44 for line in lines)
        for key in (" u Undo ", " ⏎ Note ", " t Today ", " g Goals ", " r Review ", " ? Keys ", " q Quit "):
            assert key in bar_text(app)
        assert lines[1].rstrip().endswith("^p palette")
        assert app.screen.query_one(KeyBar).region.height == 2
        x = lines[1].index(" q Quit") + 1
        assert await pilot.click(KeyBar, offset=(x, 1))  # a key on the second line presses that key
        await pilot.pause()
        assert app.return_code == 0


async def test_on_a_tiny_screen_the_bar_keeps_keys_and_quit(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(30, 24)) as pilot:
        await pilot.pause()
        lines = bar_text(app).split("\n")
        assert len(lines) <= 2 and all(len(line) <= 30 for line in lines)
        assert " ? Keys " in bar_text(app) and " q Quit " in bar_text(app)
        assert "Review" not in bar_text(app), "the last other key gives way first"


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

"""Themes in the app, as a user meets them: the palette, a restart, a broken file, NO_COLOR."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.text import Text
from textual.color import Color

from goaltui.store.config import load_config
from goaltui.tui.app import GoalApp
from tests.factories import Told, settle


def config_text(tmp_path: Path) -> str:
    return (tmp_path / "config" / "config.toml").read_text(encoding="utf-8")


async def test_the_default_theme_is_goaltui_dark_and_only_goaltui_themes_are_offered(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "goaltui-dark"
        assert {"goaltui-dark", "goaltui-light", "goaltui-high-contrast"} <= set(app.available_themes)
        assert "textual-dark" not in app.available_themes
        assert app.screen.styles.background == Color.parse("#15181E")
        assert app.theme_variables["pace-ahead"] == "#3CC8C0"


async def test_switching_to_light_in_the_palette_is_kept_after_a_restart(new_app, tmp_path: Path) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")
        await settle(pilot)
        await pilot.press("enter")  # "Theme: change the current theme"
        await settle(pilot)
        await pilot.press(*"goaltui-light")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "goaltui-light"
        assert app.screen.styles.background == Color.parse("#F7F6F2")
    assert 'theme = "goaltui-light"' in config_text(tmp_path)

    again = new_app(theme=load_config().theme)  # what `goaltui` does on the next start
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "goaltui-light"
        assert again.screen.styles.background == Color.parse("#F7F6F2")


async def test_the_theme_given_with_the_flag_is_remembered(new_app, tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('# mine\ntheme = "goaltui-dark"\n[keymap]\nundo = "u"\n')
    app = new_app(theme="goaltui-high-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "goaltui-high-contrast"
    assert config_text(tmp_path) == '# mine\ntheme = "goaltui-high-contrast"\n[keymap]\nundo = "u"\n'


async def test_a_broken_user_theme_gives_one_notice_and_the_app_starts_with_the_default(
    new_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "config" / "themes"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('name = "broken"\nprimary = "#12345"\n')
    (tmp_path / "config" / "config.toml").write_text('theme = "broken"\n')
    app = new_app(theme=load_config().theme)
    told = Told()
    async with app.run_test(size=(80, 24), message_hook=told) as pilot:
        await settle(pilot)
        assert app.theme == "goaltui-dark"
        assert "broken" not in app.available_themes
    theme_notices = [n for n in told.notes if "theme" in n.title.lower()]
    assert len(theme_notices) == 1
    assert theme_notices[0].severity == "warning"
    assert f"{folder / 'broken.toml'}: missing colours" in theme_notices[0].message
    assert theme_notices[0].message.endswith("Using goaltui-dark.")
    assert 'theme = "broken"' in config_text(tmp_path)  # the user's choice is kept for when the file is fixed


async def test_a_named_colour_textual_does_not_know_is_reported(
    new_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "config" / "themes"
    folder.mkdir(parents=True)
    dark = (Path(__file__).parents[2] / "themes" / "goaltui-dark.toml").read_text()
    (folder / "odd.toml").write_text(dark.replace('"goaltui-dark"', '"odd"').replace('"#FFB454"', '"blurple"'))
    app = new_app(theme="odd")
    told = Told()
    async with app.run_test(size=(80, 24), message_hook=told) as pilot:
        await settle(pilot)
        assert app.theme == "goaltui-dark"
    [message] = [n.message for n in told.notes if "theme" in n.title.lower()]
    assert f"{folder / 'odd.toml'}: accent = 'blurple' is not a colour Textual knows" in message


async def test_a_user_theme_without_variables_takes_them_from_its_colours(new_app, tmp_path: Path) -> None:
    folder = tmp_path / "config" / "themes"
    folder.mkdir(parents=True)
    light = (Path(__file__).parents[2] / "themes" / "goaltui-light.toml").read_text()
    (folder / "plain.toml").write_text(light.replace('"goaltui-light"', '"plain"').split("[variables]")[0])
    app = new_app(theme="plain")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "plain"
        assert app.theme_variables["pace-on"] == "#2457C5"  # its primary
        assert app.theme_variables["gauge-line"] == "#1E2430"  # its foreground: dark on a light page


async def test_a_theme_that_cannot_be_saved_is_reported(
    new_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text("theme = [\n")
    app = new_app()
    told = Told()
    async with app.run_test(size=(80, 24), message_hook=told) as pilot:
        await settle(pilot)
        app.theme = "goaltui-light"
        await settle(pilot)
    assert [n.title for n in told.notes] == ["Theme not saved"]
    assert "not saved" in told.notes[0].message
    assert config_text(tmp_path) == "theme = [\n"  # the user's file is left as it was


GREY = re.compile(r"#([0-9a-f]{2})\1\1")
WINDOW_FRAME = {"#ff5f57", "#febc2e", "#28c840", "#c5c8c6"}  # the SVG export's window buttons and title


async def test_no_color_gives_a_monochrome_screen(new_app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "p")
        await settle(pilot)
        svg = app.export_screenshot()
    colours = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", svg)} - WINDOW_FRAME
    assert colours
    assert [c for c in colours if not GREY.fullmatch(c)] == []
    for words in ("on pace", "behind", "prospects"):  # status stays readable in words
        assert words.replace(" ", "&#160;") in svg or words in svg


async def test_a_new_theme_redraws_the_colours_drawn_into_the_ladder(new_app) -> None:
    """Tree labels hold Rich colours, not variables: a theme change draws them again."""
    from textual.widgets import Tree

    def ladder_colours(app: GoalApp) -> set[str]:
        nodes, seen = list(app.screen.query_one(Tree).root.children), set()
        while nodes:
            node = nodes.pop()
            nodes += node.children
            assert isinstance(node.label, Text)  # a Tree keeps every label as Rich Text
            seen |= {str(span.style).lower() for span in node.label.spans}
        return seen

    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        before = ladder_colours(app)
        assert app.theme_variables["pace-on"].lower() in before, "on pace, in the theme's colour"
        app.theme = "goaltui-light"
        await settle(pilot)
        after = ladder_colours(app)
        assert app.theme_variables["pace-on"].lower() in after and after != before

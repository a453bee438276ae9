"""The page `goaltui serve` sends: made for a phone, its font from its own origin, the theme's colours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from goaltui.serve.guard import Guard
from goaltui.serve.page import PageColours, page_colours
from tests.serve.conftest import TOKEN

# Every address the page names: in src= and href= attributes, and in CSS url(...).
ADDRESSES = re.compile(r'(?:src|href)="([^"]*)"|url\("([^"]*)"\)')


async def page(client: TestClient) -> str:
    response = await client.get(f"/?token={TOKEN}")
    assert response.status == 200
    return await response.text()


async def test_the_page_is_laid_out_at_a_phones_width(client: TestClient) -> None:
    text = await page(client)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1' in text
    assert "<title>goaltui</title>" in text
    assert "touch-action: manipulation" in text, "a quick second tap counts; it does not zoom"


async def test_the_page_names_no_other_host_and_its_font_comes_from_its_own_origin(
    client: TestClient, guard: Guard
) -> None:
    text = await page(client)
    named = [a or b for a, b in ADDRESSES.findall(text)]
    assert f"{guard.secret}/own/fonts/DejaVuSansMono.ttf" in named
    assert f"{guard.secret}/static/js/textual.js" in named
    assert all(not re.match(r"[a-z][a-z0-9+.-]*:|//", address) for address in named), named
    assert "googleapis" not in text
    font = await client.get(f"/{guard.secret}/own/fonts/DejaVuSansMono.ttf")
    assert font.status == 200 and (await font.read())[:4] == b"\x00\x01\x00\x00", "a TrueType font"
    licence = await client.get(f"/{guard.secret}/own/fonts/LICENSE.txt")
    assert licence.status == 200 and "Bitstream" in await licence.text()
    assert (await client.get("/own/fonts/DejaVuSansMono.ttf")).status == 403, "not without the secret path"


async def test_the_page_wears_the_themes_colours(client: TestClient) -> None:
    text = await page(client)
    dark = page_colours("goaltui-dark")
    assert f'<meta name="theme-color" content="{dark.background}" />' in text
    assert f"background: {dark.background};" in text and f"color: {dark.foreground};" in text


def test_the_colours_are_those_of_the_theme_given_else_the_configs(tmp_path: Path) -> None:
    assert page_colours("goaltui-light") == PageColours("#F7F6F2", "#1E2430", "#2457C5")
    assert page_colours(None) == page_colours("goaltui-dark")
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "config.toml").write_text('theme = "goaltui-light"\n')
    assert page_colours(None) == page_colours("goaltui-light")
    assert page_colours("no-such-theme") == page_colours("goaltui-dark")


@pytest.mark.parametrize("colour", ["red", 'x"; } body { background: url(//evil', "dark_blue"])
def test_a_colour_the_page_cannot_take_as_written_is_the_defaults(tmp_path: Path, colour: str) -> None:
    themes = tmp_path / "config" / "themes"
    themes.mkdir(parents=True)
    light = (Path(__file__).parents[2] / "themes" / "goaltui-light.toml").read_text()
    (themes / "odd.toml").write_text(
        light.replace('name = "goaltui-light"', 'name = "odd"').replace("#F7F6F2", colour.replace('"', '\\"'))
    )
    colours = page_colours("odd")
    assert colours.background == PageColours().background and "evil" not in repr(colours)
    # A name Textual knows is kept for the app: the page takes the theme's other colours still.
    assert colours.foreground == ("#DDE3EC" if "evil" in colour else "#1E2430")

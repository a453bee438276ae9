"""`goaltui serve` on a phone: headless Chromium emulating one (412 x 915 CSS pixels, touch), a finger on a counter.

The touch is a touch (CDP Input.dispatchTouchEvent), not a mouse click: the browser turns
it into what the terminal reports, as a phone's browser does. Where to touch is asked of
the app itself: the same goaltui, on the same folder and clock, at the size the page's
terminal has, says where its prospects counter is.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from textual.geometry import Region

from goaltui.tui.app import make_app
from goaltui.tui.widgets.keybar import KeyBar
from tests.serve.served import NOW, Served, block_until
from tests.serve.test_browser import chrome, open_app, prospects

if TYPE_CHECKING:
    from selenium.webdriver import Chrome

# One device pixel per CSS pixel: with an emulated ratio (2.625, say) headless Chromium leaves xterm.js's
# canvas at one pixel per CSS pixel and draws into it magnified; a real one (--force-device-scale-factor)
# draws right. The CSS pixels, the touch and the layout are a phone's either way.
PHONE = {"width": 412, "height": 915, "pixelRatio": 1, "touch": True}
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
)
# The terminal's grid as the page draws it: where its screen is, in CSS pixels, and its columns and rows.
GRID = """
const screen = document.querySelector(".xterm-screen").getBoundingClientRect();
const probe = document.createElement("span");
probe.style.font = `${document.getElementById("terminal").dataset.fontSize}px "Roboto Mono"`;
probe.style.position = "absolute";
probe.textContent = "W".repeat(50);
document.body.appendChild(probe);
const cell = {width: probe.getBoundingClientRect().width / 50};
probe.remove();
return {
    left: screen.left, top: screen.top, right: screen.right, bottom: screen.bottom,
    width: screen.width, height: screen.height, cell: cell.width,
    innerWidth: innerWidth, innerHeight: innerHeight,
    scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight,
};
"""


@pytest.fixture
def phone(tmp_path: Path, served: Served) -> Iterator[Chrome]:
    """Made after the server, so it closes first (see test_browser's ``browser``)."""
    yield from chrome(tmp_path, mobileEmulation={"deviceMetrics": PHONE, "userAgent": PHONE_AGENT})


@pytest.fixture
def served(data_dir: Path) -> Iterator[Served]:
    server = Served(data_dir)
    yield server
    server.stop()


def where(data_dir: Path, size: tuple[int, int]) -> dict[str, Region]:
    """Where the app, at ``size``, draws the prospects counter and the key bar (cells)."""

    async def ask() -> dict[str, Region]:
        now = datetime.fromisoformat(NOW)
        app = make_app(data_dir, clock=lambda: now, poll_interval=0, device="layout-reader")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            return {
                "prospects": app.screen.query_one("#counter-prospects").region,
                "keys": app.screen.query_one(KeyBar).region,
            }

    return asyncio.run(ask())


def touch(driver: Chrome, x: float, y: float) -> None:
    """A finger down and up at (x, y) CSS pixels of the page."""
    point = [{"x": x, "y": y, "radiusX": 4, "radiusY": 4, "force": 1, "id": 0}]
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point})
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def asked(driver: Chrome) -> list[str]:
    """Every address the page asked for (its websocket included), not the browser's own chrome:// pages."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return [url for url in urls if urlsplit(url).scheme in ("http", "https", "ws", "wss")]


def test_a_touch_on_the_prospects_counter_counts_one_on_a_phone(
    phone: Chrome, served: Served, data_dir: Path, tmp_path: Path
) -> None:
    open_app(phone, served.url)
    block_until(lambda: len(served.app_processes()) == 1, "the tab's app process")
    grid = phone.execute_script(GRID)
    # The page is laid out at the phone's own width, and the terminal fits it: nothing to scroll sideways.
    assert (grid["innerWidth"], grid["innerHeight"]) == (412, 915)
    assert grid["scrollWidth"] <= 412 and grid["scrollHeight"] <= 915
    assert grid["left"] >= 0 and grid["right"] <= 412 and grid["bottom"] <= 915
    columns = round(grid["width"] / grid["cell"])
    assert 40 <= columns <= 60, f"{columns} columns: a phone's layout"
    assert grid["right"] + grid["cell"] > 412, "the terminal takes the whole width"
    cell_width = grid["width"] / columns
    rows = round(grid["height"] / (cell_width * 2))  # a first guess: cells are about twice as tall as wide
    for guess in range(rows - 8, rows + 8):  # the rows whose height makes the screen's
        if abs(grid["height"] / guess - round(grid["height"] / guess)) < 0.01:
            rows = guess
            break
    cell_height = grid["height"] / rows
    places = where(data_dir, (columns, rows))
    assert places["keys"].bottom == rows, "the key bar on the phone's screen"
    counter = places["prospects"]
    x = grid["left"] + (counter.x + counter.width / 2) * cell_width
    y = grid["top"] + (counter.y + 2.5) * cell_height  # on the big digits, well away from the −
    phone.save_screenshot(str(tmp_path / "phone-before.png"))
    touch(phone, x, y)
    block_until(lambda: prospects(data_dir) == 1, "the touch's prospect on disk")
    phone.save_screenshot(str(tmp_path / "phone.png"))
    urls = asked(phone)
    assert {urlsplit(url).netloc for url in urls} == {f"127.0.0.1:{served.port}"}, "no other host, for anything"
    assert any(url.endswith("/fonts/DejaVuSansMono.ttf") for url in urls), "the font, from the page's own origin"
    assert any(url.startswith("ws://") for url in urls)
    assert phone.execute_script("return document.fonts.check('16px \"Roboto Mono\"')"), "the font is there to draw with"

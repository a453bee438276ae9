"""A real browser on `goaltui serve`: headless Chromium through chromium-driver and selenium.

CI installs both (.ci/run); elsewhere these tests say they did not run, and how to make them run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from goaltui.store.taplog import TapLog
from tests.serve.served import OtherSite, Served, block_until, pinned_env

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):  # one line in the summary for the whole file, saying how to make it run
    pytest.skip("the browser tests need Chromium: apt-get install chromium chromium-driver", allow_module_level=True)
# Chromium on a machine with no network, quiet: no first-run, sync or update traffic.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1200,800",
    "--host-resolver-rules=MAP rebound.test 127.0.0.1",  # a name an attacker's DNS points at this machine
)
RELIABILITY = Path(__file__).parent.parent / "reliability"

if TYPE_CHECKING:
    from selenium.webdriver import Chrome


def chrome(tmp_path: Path, **extra: dict[str, object]) -> Iterator[Chrome]:
    """Headless Chromium with its own profile in ``tmp_path``; ``extra``: experimental options (a phone's)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path)}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})  # every request, for a look at the hosts
    for name, value in extra.items():
        options.add_experimental_option(name, value)
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(tmp_path: Path, served: Served) -> Iterator[Chrome]:
    """Made after the server, so it closes before the server stops: with a tab still open, the server's stop
    waited about 23 s for it, in every test."""
    yield from chrome(tmp_path)


@pytest.fixture
def served(data_dir: Path) -> Iterator[Served]:
    server = Served(data_dir)
    yield server
    server.stop()


def prospects(data_dir: Path) -> float:
    counts = TapLog(data_dir, device="reader").read().counts
    return sum(day.get("prospects", 0) for _, day in counts.items())


def has_prospects(data_dir: Path, n: float) -> bool:
    return prospects(data_dir) == n


def open_app(driver: Chrome, url: str) -> None:
    """Open the page and wait for the app's first frame."""
    from selenium.webdriver.common.by import By

    driver.get(url)
    body = driver.find_element(By.TAG_NAME, "body")
    block_until(lambda: "-first-byte" in (body.get_attribute("class") or ""), "the app's first frame")


def press(driver: Chrome, key: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(key)


def test_taps_in_the_browser_are_counted_on_disk(browser: Chrome, served: Served, data_dir: Path) -> None:
    open_app(browser, served.url)
    assert browser.title == "goaltui"
    assert browser.get_cookies() == []  # a cookie would go to every other port of this host too
    for n in (1, 2, 3):
        press(browser, "p")
        block_until(partial(has_prospects, data_dir, n), f"{n} prospects on disk")
    status = subprocess.run(
        [sys.executable, "-m", "goaltui", "--data-dir", str(data_dir), "status", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env=pinned_env(),
    )
    assert json.loads(status.stdout)["counts"]["prospects"] == 3
    assert len(served.app_processes()) == 1  # this tab's own goaltui


def test_without_the_token_the_browser_gets_403_and_no_app_starts(browser: Chrome, served: Served) -> None:
    browser.get(served.base + "/")
    assert "the token" in browser.page_source
    assert browser.title != "goaltui"
    assert served.get("/")[0] == 403
    assert served.app_processes() == []


def test_two_tabs_and_the_terminal_app_at_once_are_all_counted(browser: Chrome, served: Served, data_dir: Path) -> None:
    first = browser.current_window_handle
    open_app(browser, served.url)
    browser.switch_to.new_window("tab")
    second = browser.current_window_handle
    open_app(browser, served.url)
    block_until(lambda: len(served.app_processes()) == 2, "one app process per tab")
    terminal = subprocess.Popen(
        [sys.executable, str(RELIABILITY / "app_driver.py"), str(data_dir), "p", "30"],
        stdout=subprocess.PIPE,
        text=True,
        env=pinned_env(),
    )
    for _ in range(15):
        for tab in (first, second):
            browser.switch_to.window(tab)
            press(browser, "p")
    out, _ = terminal.communicate(timeout=240)
    assert out.splitlines()[-1] == "done"
    block_until(lambda: prospects(data_dir) >= 60, "every tap on disk", limit=120)
    assert prospects(data_dir) == 60


def test_an_export_downloads_in_the_browser(browser: Chrome, served: Served, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    open_app(browser, served.url)
    press(browser, "p")
    block_until(lambda: prospects(served.data_dir) == 1, "the tap on disk")
    # A browser keeps ctrl+p (print) for itself: a tap on the key bar's "^p palette" opens the palette.
    screen = browser.find_element(By.CSS_SELECTOR, ".xterm-screen")
    before = browser.get_screenshot_as_png()
    corner = (screen.size["width"] // 2 - 30, screen.size["height"] // 2 - 8)
    ActionChains(browser).move_to_element_with_offset(screen, *corner).click().perform()
    block_until(lambda: browser.get_screenshot_as_png() != before, "the palette to open")
    press(browser, "Export counts")
    csv = downloads / "goaltui-counts-2026-11-25-to-2026-11-25.csv"
    for _ in range(30):  # enter runs the first match once the palette has found it
        press(browser, Keys.ENTER)
        try:
            block_until(csv.exists, "the CSV in the browser's downloads", limit=2)
            break
        except AssertionError:
            continue
    block_until(csv.exists, "the CSV in the browser's downloads")
    assert csv.read_text().splitlines()[1].startswith("2026-11-25,Wed,prospects,1,")


# From a page of another site: a websocket, a picture and a fetch, each aimed at an address of goaltui's own page.
ATTACK = """
const [websocketUrl, pictureUrl, pageUrl, done] = arguments;
const outcome = {};
const settle = (what, how) => {
    if (!(what in outcome)) outcome[what] = how;
    if (Object.keys(outcome).length === 3) done(outcome);
};
const socket = new WebSocket(websocketUrl);
socket.onopen = () => { settle("websocket", "open"); socket.close(); };
socket.onerror = () => settle("websocket", "refused");
const picture = new Image();
picture.onload = () => settle("picture", "loaded");
picture.onerror = () => settle("picture", "refused");
picture.src = pictureUrl;
fetch(pageUrl, {credentials: "include"}).then(r => settle("fetch", r.status), () => settle("fetch", "failed"));
"""


@pytest.fixture
def other_site() -> Iterator[OtherSite]:
    site = OtherSite()
    yield site
    site.stop()


def test_another_local_site_can_neither_drive_the_app_nor_read_the_token(
    browser: Chrome, served: Served, other_site: OtherSite
) -> None:
    open_app(browser, served.url)
    websocket = browser.execute_script("return document.getElementById('terminal').dataset.sessionWebsocketUrl")
    script = browser.execute_script("return document.querySelector('script[src$=\"textual.js\"]').src")
    picture = script.replace("js/textual.js", "images/background.png")
    block_until(lambda: len(served.app_processes()) == 1, "the owner's app process")
    browser.switch_to.new_window("tab")
    browser.get(other_site.base + "/a-page-on-another-port")
    browser.set_script_timeout(60)
    outcome = browser.execute_async_script(ATTACK, websocket, picture, served.url)
    assert outcome == {"websocket": "refused", "picture": "refused", "fetch": "failed"}
    block_until(lambda: "refused GET / from 127.0.0.1: Origin" in served.output, "the fetch refused as cross-origin")
    assert len(served.app_processes()) == 1  # the owner's tab, and nothing the other site started
    browser.get(other_site.base + "/another-page")  # after the owner's visit: what does this server hear?
    secret = websocket.split("/")[3]  # the path of this server start's own routes
    assert other_site.headers_holding(served.url.split("?token=")[1]) == []
    assert other_site.headers_holding(secret) == []
    assert [path for path, headers in other_site.heard if any(n.lower() == "cookie" for n, _ in headers)] == []
    # DNS rebinding: a name that resolves to this machine is not an address goaltui answers as.
    browser.get(served.url.replace("127.0.0.1", "rebound.test"))
    assert "goaltui: this server answers" in browser.page_source
    assert len(served.app_processes()) == 1

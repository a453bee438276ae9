"""A tab's websocket: screen sizes held to what a screen can be, messages read or dropped, at most --max-tabs apps."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from aiohttp import ClientWebSocketResponse
from aiohttp.test_utils import TestClient

from goaltui.serve.guard import Guard
from goaltui.serve.server import GoalServer
from goaltui.serve.tabs import MAX_COLUMNS, MAX_ROWS, Message, Tabs, read_message, screen_size
from tests.serve.conftest import lines, until

RESIZED = 'M {"type": "resize", "width": %d, "height": %d}'


async def open_tab(client: TestClient, guard: Guard, query: str = "") -> ClientWebSocketResponse:
    return await client.ws_connect(f"/{guard.secret}/ws{query}", origin=f"http://127.0.0.1:{client.port}")


async def told(tab: ClientWebSocketResponse) -> str:
    """The next screen the server sends the tab (asyncio's timeout: aiohttp's own restarts at every ping)."""
    return (await asyncio.wait_for(tab.receive_bytes(), 60)).decode()


async def test_a_huge_screen_is_held_to_what_a_screen_can_be(client: TestClient, guard: Guard, record: Path) -> None:
    tab = await open_tab(client, guard, "?width=30000&height=30000")
    await until(lambda: lines(record)[:1] == [f"size {MAX_COLUMNS}x{MAX_ROWS}"], "the app, at most a screen's size")
    await tab.send_json(["resize", {"width": 30000, "height": 30000}])
    await tab.send_json(["resize", {"width": 0, "height": -5}])
    await tab.send_json(["resize", {"width": 120, "height": 40}])
    await until(lambda: RESIZED % (120, 40) in lines(record), "the last resize")
    assert lines(record)[1:] == [RESIZED % (MAX_COLUMNS, MAX_ROWS), RESIZED % (1, 1), RESIZED % (120, 40)]
    await tab.close()


async def test_messages_the_app_has_no_use_for_never_reach_it(client: TestClient, guard: Guard, record: Path) -> None:
    tab = await open_tab(client, guard)
    await until(lambda: lines(record) == ["size 80x24"], "the app")
    for junk in (
        "not json",
        "[" * 30_000,
        "[" * 20_000 + "]" * 20_000,  # deeper than Python's JSON reader recurses
        '{"stdin": "p"}',
        "[]",
        '["resize", {"width": "wide", "height": 24}]',
        '["resize", {"width": true, "height": 24}]',
        '["resize", {"width": 1.5e300, "height": 24}]',
        '["resize", [80, 24]]',
        '["stdin", 5]',
        '["stdin", "\\ud800"]',
        '["ping", "' + "x" * 1000 + '"]',
        '["quit"]',
    ):
        await tab.send_str(junk)
    await tab.send_str('["ping", "1700000000000"]')
    assert json.loads(await asyncio.wait_for(tab.receive_str(), 60)) == [
        "pong",
        "1700000000000",
    ]  # and not the long one
    await tab.send_json(["stdin", "p"])
    await until(lambda: "D p" in lines(record), "the key")
    assert lines(record) == ["size 80x24", "D p"]
    await tab.close()


async def test_a_message_longer_than_a_paste_closes_the_tab(client: TestClient, guard: Guard, record: Path) -> None:
    tab = await open_tab(client, guard)
    await until(lambda: lines(record) == ["size 80x24"], "the app")
    await tab.send_json(["stdin", "p" * 100_000])
    await asyncio.wait_for(tab.receive(), 60)  # the close
    assert tab.closed
    await until(lambda: any('"quit"' in line for line in lines(record)), "the app told to quit")
    assert "D p" not in "\n".join(lines(record))


async def test_past_max_tabs_a_tab_says_why_and_starts_when_a_place_is_free(
    client: TestClient, guard: Guard, record: Path, server: GoalServer
) -> None:
    first = await open_tab(client, guard)
    await until(lambda: lines(record) == ["size 80x24"], "the first tab's app")
    second = await open_tab(client, guard, "?width=100&height=30")
    screen = await told(second)
    assert "1 tab has the app open already" in screen and "--max-tabs" in screen
    assert "press any key here to try again" in screen
    await second.send_json(["stdin", "x"])  # still full: told again
    assert "tab has the app open already" in await told(second)
    assert [line for line in lines(record) if line.startswith("size")] == ["size 80x24"]
    await first.close()
    await until(lambda: server.tabs.open == 0, "the first tab's app to end")
    await second.send_json(["resize", {"width": 90, "height": 28}])
    await second.send_json(["stdin", "x"])
    await until(lambda: "size 90x28" in lines(record), "the second tab's app, at its own size")
    assert "D x" not in lines(record)  # the key that asked again is not a tap
    await second.close()


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ('["stdin", "p"]', Message("stdin", keys=b"p")),
        ('["resize", {"width": 5000, "height": 40}]', Message("resize", size=(MAX_COLUMNS, 40))),
        ('["ping", "12"]', Message("ping", ping="12")),
        ('["focus"]', Message("focus")),
        ('["blur"]', Message("blur")),
        ('["resize", {"width": 80}]', None),
        ('"stdin"', None),
        ("[1, 2]", None),
    ],
)
def test_read_message(text: str, read: Message | None) -> None:
    assert read_message(text) == read


def test_a_screen_size_from_the_address_is_held_too() -> None:
    assert screen_size("30000", "30000") == (MAX_COLUMNS, MAX_ROWS)
    assert screen_size("120", "40") == (120, 40)
    assert screen_size("0", "24") == (1, 24)
    assert screen_size("1e9", "24") is None and screen_size("9" * 5000, "24") is None and screen_size("-3", "4") is None


def test_tabs_are_taken_and_given_back() -> None:
    tabs = Tabs(2)
    assert tabs.take() and tabs.take() and not tabs.take()
    tabs.give_back()
    assert tabs.take()
    assert "2 tabs have the app open" in tabs.full_screen().decode()

"""The token check on textual-serve's own application, in this process: 403 starts nothing, the cookie, the limit."""

from __future__ import annotations

import asyncio
import io
import logging
import shlex
import sys
from pathlib import Path

import pytest
from aiohttp import WSServerHandshakeError
from aiohttp.test_utils import TestClient, TestServer

from goaltui.serve.guard import SHORTEST_TOKEN, FailedAttempts, Guard, HideToken, TokenError, checked_token, new_token
from goaltui.serve.server import GoalServer

TOKEN = "a-token-long-enough-for-tests-0123456789"
COOKIE = "goaltui-token-8000"


class Ticks:
    """A clock for the rate limit that the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "app-started"


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
async def client(marker: Path, ticks: Ticks):
    # The "app" each websocket starts only leaves a mark: whether a process started is all that matters here.
    command = shlex.join([sys.executable, "-c", f"open({str(marker)!r}, 'a').write('started\\n')"])
    guard = Guard(TOKEN, cookie=COOKIE, secure=False, attempts=FailedAttempts(clock=ticks))
    server = GoalServer(
        command, host="127.0.0.1", port=8000, url="http://127.0.0.1:8000", guard=guard, banner="", out=io.StringIO()
    )
    async with TestClient(TestServer(await server._make_app())) as client:
        yield client


async def test_without_the_token_every_route_is_refused(client: TestClient) -> None:
    for path in ("/", "/static/js/textual.js", "/download/abc", "/ws", "/nothing-here"):
        response = await client.get(path)
        assert response.status == 403, path
        assert "token" in await response.text()


async def test_a_websocket_without_the_token_starts_no_app(client: TestClient, marker: Path) -> None:
    for query in ("", "?token=wrong", f"?token={TOKEN[:-1]}"):
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect(f"/ws{query}")
        assert refused.value.status == 403
    client.session.cookie_jar.update_cookies({COOKIE: "a-stale-token-from-an-earlier-start"})
    with pytest.raises(WSServerHandshakeError):
        await client.ws_connect("/ws")
    assert not marker.exists()


async def test_the_token_opens_the_page_and_sets_a_strict_http_only_cookie(client: TestClient, marker: Path) -> None:
    response = await client.get(f"/?token={TOKEN}")
    assert response.status == 200
    page = await response.text()
    assert "<title>goaltui</title>" in page
    cookie = response.cookies[COOKIE]
    assert cookie.value == TOKEN
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    # The page's own requests carry the cookie, not the token.
    assert (await client.get("/static/js/textual.js")).status == 200
    socket = await client.ws_connect("/ws?width=80&height=24")
    for _ in range(1200):  # a minute at most
        if marker.exists():
            break
        await asyncio.sleep(0.05)
    await socket.close()
    assert marker.read_text() == "started\n"


async def test_failed_attempts_from_one_address_are_limited(client: TestClient, ticks: Ticks) -> None:
    for _ in range(10):
        assert (await client.get("/?token=guess")).status == 403
    refused = await client.get(f"/?token={TOKEN}")
    assert refused.status == 429  # even the right token waits: guessing on is pointless
    assert 0 < int(refused.headers["Retry-After"]) <= 61
    ticks.now += 61
    assert (await client.get(f"/?token={TOKEN}")).status == 200


def test_attempts_are_counted_per_address_over_a_sliding_minute() -> None:
    ticks = Ticks()
    attempts = FailedAttempts(limit=3, clock=ticks)
    for _ in range(3):
        attempts.record("10.0.0.1")
        ticks.now += 10
    assert attempts.wait("10.0.0.1") == pytest.approx(30)
    assert attempts.wait("10.0.0.2") == 0
    ticks.now += 31  # the first attempt is over a minute old
    assert attempts.wait("10.0.0.1") == 0


def test_a_new_token_is_long_and_random() -> None:
    tokens = {new_token() for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(t) >= 43 for t in tokens)  # 32 bytes


@pytest.mark.parametrize("token", ["", "   ", "x" * (SHORTEST_TOKEN - 1)])
def test_an_empty_or_short_token_is_refused(token: str) -> None:
    with pytest.raises(TokenError, match="--token"):
        checked_token(token)


def test_log_lines_never_hold_the_token(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("tests.serve.hide")
    caplog.handler.addFilter(HideToken(TOKEN))
    logger.warning('"GET /?token=%s HTTP/1.1" 200 "http://127.0.0.1:8000/?token=%s"', TOKEN, TOKEN)
    logger.warning("GET /?fontsize=20&token=%s-typo&x=1", TOKEN)
    logger.warning("cookie %s", TOKEN)
    assert caplog.messages
    assert not [m for m in caplog.messages if TOKEN in m]
    assert "fontsize=20&token=(hidden)&x=1" in caplog.messages[1]

"""The guard on textual-serve's own application, in this process: the token, this start's secret path,
Host and Origin, bad bytes, the limit, and what the log shows."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from aiohttp import WSServerHandshakeError
from aiohttp.test_utils import TestClient, TestServer

from goaltui.serve.guard import (
    SHORTEST_TOKEN,
    FailedAttempts,
    Guard,
    TokenError,
    checked_token,
    chosen_token,
    new_token,
    read_token_file,
)
from goaltui.serve.logs import LogLines, shown
from goaltui.serve.origin import AddressError, Addresses, checked_public_url, host_name
from tests.serve.conftest import TOKEN, Ticks, goal_server, lines, until


def own(client: TestClient) -> str:
    """The Origin of a page this test server served."""
    return f"http://127.0.0.1:{client.port}"


async def test_without_the_token_every_route_is_refused(client: TestClient, guard: Guard) -> None:
    wrong = "x" * len(guard.secret)
    for path in (
        "/",
        "/static/js/textual.js",
        "/download/abc",
        "/ws",
        "/nothing-here",
        f"/{wrong}/static/js/textual.js",
    ):
        response = await client.get(path)
        assert response.status == 403, path
        assert "token" in await response.text()


async def test_a_websocket_without_the_token_or_the_secret_starts_no_app(
    client: TestClient, guard: Guard, record: Path
) -> None:
    for path in ("/ws", "/ws?token=wrong", f"/{guard.secret[:-1]}/ws", f"/ws?token={TOKEN[:-1]}"):
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect(path)
        assert refused.value.status == 403
    client.session.cookie_jar.update_cookies({"goaltui-token-8000": TOKEN})  # a cookie opens nothing
    with pytest.raises(WSServerHandshakeError):
        await client.ws_connect("/ws")
    assert lines(record) == []


async def test_the_token_opens_the_page_whose_own_requests_carry_the_secret_and_no_cookie(
    client: TestClient, guard: Guard, record: Path
) -> None:
    response = await client.get(f"/?token={TOKEN}")
    assert response.status == 200
    page = await response.text()
    assert "<title>goaltui</title>" in page
    assert f'href="{guard.secret}/static/css/xterm.css"' in page
    assert f'data-session-websocket-url="{guard.secret}/ws"' in page
    assert "Set-Cookie" not in response.headers
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    assert (await client.get(f"/{guard.secret}/static/js/textual.js")).status == 200
    socket = await client.ws_connect(f"/{guard.secret}/ws?width=100&height=30", origin=own(client))
    await until(lambda: "size 100x30" in lines(record), "the tab's app process")
    await socket.close()
    await until(lambda: any('"quit"' in line for line in lines(record)), "the app told to quit")


async def test_a_page_of_another_origin_is_refused_even_with_the_token(
    client: TestClient, guard: Guard, record: Path
) -> None:
    assert client.port is not None  # the test server listens
    other = f"http://127.0.0.1:{client.port + 1}"  # any other local server's page
    for origin in (other, "null", "http://localhost.evil.example", f"https://127.0.0.1:{client.port}x"):
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect(f"/{guard.secret}/ws", origin=origin)
        assert refused.value.status == 403, origin
        response = await client.get(f"/?token={TOKEN}", headers={"Origin": origin})
        assert response.status == 403, origin
        assert "only goaltui's own page" in await response.text()
    # An <img> or <script> on another page names no Origin, but the browser says who asked.
    picture = {"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"}
    assert (await client.get(f"/{guard.secret}/static/images/background.png", headers=picture)).status == 403
    assert lines(record) == []
    # The user's own ways in: a link from anywhere, the address typed, and the page itself.
    link = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}
    assert (await client.get(f"/?token={TOKEN}", headers=link)).status == 200
    assert (await client.get(f"/?token={TOKEN}", headers={"Sec-Fetch-Site": "none"})).status == 200
    mine = {"Origin": own(client), "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"}
    assert (await client.get(f"/{guard.secret}/static/js/textual.js", headers=mine)).status == 200


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost:80@evil", "", "a b", "[::1"])
async def test_a_host_this_server_does_not_answer_as_is_refused(client: TestClient, guard: Guard, host: str) -> None:
    # DNS rebinding: another site's name pointed at 127.0.0.1 reaches the server with that name as Host.
    response = await client.get(f"/?token={TOKEN}", headers={"Host": f"{host}:{client.port}"})
    assert response.status == 403
    assert "answers only at the address" in await response.text()
    with pytest.raises(WSServerHandshakeError):
        await client.ws_connect(f"/{guard.secret}/ws", headers={"Host": host})


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "LOCALHOST.", "127.0.0.2"])
async def test_every_loopback_name_is_answered(client: TestClient, host: str) -> None:
    response = await client.get(f"/?token={TOKEN}", headers={"Host": f"{host}:{client.port}"})
    assert response.status == 200


def test_the_names_a_server_answers_as() -> None:
    loopback = Addresses("127.0.0.1")
    assert all(loopback.answers_as(n) for n in ("127.0.0.1", "localhost", "::1", "127.9.9.9"))
    assert not any(loopback.answers_as(n) for n in ("192.168.1.20", "laptop", "evil.example"))
    lan = Addresses("192.168.1.20")
    assert lan.answers_as("192.168.1.20") and not lan.answers_as("localhost") and not lan.answers_as("10.0.0.1")
    everywhere = Addresses("0.0.0.0")
    assert everywhere.answers_as("192.168.1.20") and everywhere.answers_as("localhost")
    assert not everywhere.answers_as("evil.example")  # a name can be rebound; an address typed as digits cannot
    proxied = Addresses("127.0.0.1", "https://laptop.example.ts.net")
    assert proxied.answers_as("laptop.example.ts.net") and proxied.public == "https://laptop.example.ts.net"
    assert host_name("[::1]:8000") == "::1" and host_name("Laptop.:8000") == "laptop" and host_name("a/b") is None


async def test_behind_a_proxy_the_public_url_is_the_page_s_origin(record: Path, ticks: Ticks) -> None:
    public = "https://laptop.example.ts.net"
    guard = Guard(TOKEN, Addresses("127.0.0.1", public), attempts=FailedAttempts(clock=ticks))
    async with TestClient(TestServer(await goal_server(record, guard, public)._make_app())) as client:
        rewritten = {"Origin": public}  # a proxy that sends its own Host (127.0.0.1:port)
        assert (await client.get(f"/{guard.secret}/static/js/textual.js", headers=rewritten)).status == 200
        kept = {"Origin": public, "Host": "laptop.example.ts.net"}  # a proxy that keeps the browser's
        assert (await client.get(f"/{guard.secret}/static/js/textual.js", headers=kept)).status == 200
        assert (await client.get(f"/?token={TOKEN}", headers={"Origin": "https://evil.example"})).status == 403


@pytest.mark.parametrize(
    "public", ["laptop.example.ts.net", "ftp://laptop", "https://", "https://a:99999", "https://a/?x=1"]
)
def test_a_public_url_that_is_no_address_is_refused(public: str) -> None:
    with pytest.raises(AddressError, match="--public-url"):
        checked_public_url(public)
    assert checked_public_url("https://laptop.example.ts.net/") == "https://laptop.example.ts.net"


async def test_a_valid_token_or_secret_passes_while_its_address_is_over_the_limit(
    client: TestClient, guard: Guard, ticks: Ticks, caplog: pytest.LogCaptureFixture
) -> None:
    # Fifteen <img> tags on any local page: all from 127.0.0.1, as the owner's own browser.
    for _ in range(15):
        assert (await client.get("/?token=guess")).status in (403, 429)
    refused = await client.get("/?token=another-guess")
    assert refused.status == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 61
    assert (await client.get(f"/?token={TOKEN}")).status == 200  # the owner is never locked out
    assert (await client.get(f"/{guard.secret}/static/js/textual.js")).status == 200
    assert len([m for m in caplog.messages if m.startswith("refused")]) == 10  # the flood is said once
    assert len([m for m in caplog.messages if "refused requests in a minute" in m]) == 1
    ticks.now += 61
    assert (await client.get("/?token=guess")).status == 403


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


@pytest.mark.parametrize(
    "path",
    ["/%1b%5bH%1b%5bJ", "/%ff%fe", "/?token=%ff", "/?token=%1b%5b2J", "/%00", "/?x=%c2%9b", "/%e2%80%ae"],
)
async def test_bad_bytes_in_a_path_or_query_are_a_400_and_count(
    client: TestClient, guard: Guard, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    response = await client.get(path)
    assert response.status == 400
    assert "bytes" in await response.text()
    assert len(guard.attempts.by_address["127.0.0.1"]) == 1
    (line,) = [m for m in caplog.messages if m.startswith("refused")]
    assert line.isprintable()


async def test_an_escape_in_a_path_is_logged_escaped(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    await client.get("/%1b%5bH%1b%5bJ")
    assert "refused GET /\\x1b[H\\x1b[J from 127.0.0.1: a control character" in caplog.messages


async def test_cookies_are_never_read_so_bad_ones_do_no_harm(client: TestClient) -> None:
    # Any local page or server may set a cookie for 127.0.0.1: goaltui neither needs nor reads one.
    for cookie in ("goaltui-token-8000=\udcff\udcfe", "a=\udcc3(", f"goaltui={TOKEN}"):
        headers = {"Cookie": cookie.encode("utf-8", "surrogateescape").decode("latin-1")}
        assert (await client.get("/", headers=headers)).status == 403
        assert (await client.get(f"/?token={TOKEN}", headers=headers)).status == 200


async def test_a_request_too_malformed_for_the_guard_is_one_line_and_counts(
    client: TestClient, guard: Guard, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for raw in (
        b"GET / HTTP/1.1\r\nHost: x\r\nCookie: a=\x1b[H\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\r\n\r\n",
    ):
        reader, writer = await asyncio.open_connection("127.0.0.1", client.port)
        writer.write(raw)
        await writer.drain()
        answer = await reader.read()
        writer.close()
        assert answer.split(b"\r\n")[0].endswith(b" 400 Bad Request"), answer[:40]
    refusals = [r for r in caplog.records if r.getMessage().startswith("refused a malformed request from 127.0.0.1")]
    assert len(refusals) == 2
    assert not [r for r in caplog.records if r.exc_info]  # no traceback
    assert all(r.getMessage().isprintable() for r in refusals)
    assert len(guard.attempts.by_address["127.0.0.1"]) == 2


def test_a_new_token_is_long_and_random() -> None:
    tokens = {new_token() for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(t) >= 43 for t in tokens)  # 32 bytes


@pytest.mark.parametrize(
    "token", ["", "   ", "x" * (SHORTEST_TOKEN - 1), "a-long-token-with\x1b[2J-inside", "tab\tin-a-long-token"]
)
def test_an_empty_short_or_unprintable_token_is_refused(token: str) -> None:
    with pytest.raises(TokenError, match="--token"):
        checked_token(token)


def test_the_token_comes_from_the_flag_a_file_or_the_environment(tmp_path: Path) -> None:
    file = tmp_path / "token"
    file.write_text("from-the-file-0123456789  \nsecond line\n")
    env = {"GOALTUI_TOKEN": "from-the-environment-0123"}
    assert chosen_token("from-the-flag-0123456789", None, env) == "from-the-flag-0123456789"
    assert chosen_token(None, str(file), env) == "from-the-file-0123456789"
    assert chosen_token(None, None, env) == "from-the-environment-0123"
    assert len(chosen_token(None, None, {})) >= 43
    with pytest.raises(TokenError, match=r"^GOALTUI_TOKEN is 5 characters"):
        chosen_token(None, None, {"GOALTUI_TOKEN": "short"})


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "No such file"), (b"", "is empty"), (b"\xff\xfe" * 10, "not UTF-8"), (b"x" * 5000, "over 4096 bytes")],
)
def test_a_token_file_that_holds_no_token_says_why(tmp_path: Path, content: bytes | None, message: str) -> None:
    file = tmp_path / "token"
    if content is not None:
        file.write_bytes(content)
    with pytest.raises(TokenError, match=f"^--token-file {file}.*{message}"):
        read_token_file(str(file))


def test_log_lines_hold_no_secret_and_no_control_character(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("tests.serve.lines")
    caplog.handler.addFilter(LogLines(TOKEN, "the-secret-path"))
    logger.warning('"GET /?token=%s HTTP/1.1" 200 "http://127.0.0.1:8000/?token=%s"', TOKEN, TOKEN)
    logger.warning("GET /?fontsize=20&token=%s-typo&x=1", TOKEN)
    logger.warning("cookie %s", TOKEN)
    logger.warning('"GET /the-secret-path/ws HTTP/1.1" 101')
    logger.warning('"GET / HTTP/1.1" 403 "-" "\x1b]0;pwned\x07\x1b[2J\u202e\x9b31m\udcff"')
    assert not [m for m in caplog.messages if TOKEN in m or "the-secret-path" in m]
    assert "fontsize=20&token=(hidden)&x=1" in caplog.messages[1]
    assert caplog.messages[4] == '"GET / HTTP/1.1" 403 "-" "\\x1b]0;pwned\\x07\\x1b[2J\\u202e\\x9b31m\\xff"'
    assert all(m.isprintable() for m in caplog.messages)


def test_shown_is_printable_and_the_same_twice() -> None:
    text = "a\x00b\x1bc\x7fd\x85e\u200bf\udc80 g\\x1b"
    once = shown(text)
    assert once.isprintable() and shown(once) == once
    assert shown("x" * 300, 200) == "x" * 200 + "..."

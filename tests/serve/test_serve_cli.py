"""`goaltui serve` as a user starts it: the printed URL and QR code, refusals, and what it never loads or logs."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from goaltui.command import run as main
from goaltui.serve.origin import is_loopback
from goaltui.serve.server import app_command, banner
from tests.serve.served import Served, block_until
from tests.unit.test_import_hygiene import loaded_after
from tests.unit.test_layers import offending


@pytest.fixture
def served(data_dir: Path):
    server = Served(data_dir)
    yield server
    server.stop()


def test_it_prints_one_url_with_a_fresh_token_and_serves_the_page_with_it(served: Served, data_dir: Path) -> None:
    assert served.output.count("?token=") == 1
    token = served.url.split("?token=")[1]
    assert len(token) >= 43
    assert served.url.startswith(f"http://127.0.0.1:{served.port}/")
    status, page = served.get(served.url.removeprefix(served.base))
    assert status == 200 and "<title>goaltui</title>" in page
    assert (data_dir / "goals.toml").exists()  # the first tab finds goals to show


def page_secret(served: Served) -> str:
    """This start's secret path, as the page holds it."""
    _, page = served.get(served.url.removeprefix(served.base))
    return page.split('data-session-websocket-url="')[1].split("/ws")[0]


def test_without_the_token_it_refuses_and_starts_no_app(served: Served) -> None:
    ws = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13"}
    ws["Sec-WebSocket-Key"] = "dGhlIHNhbXBsZSBub25jZQ=="
    for path, headers in [("/", {}), ("/?token=guess", {}), ("/ws", ws), ("/ws?token=nope", ws), ("/static/", {})]:
        assert served.get(path, headers)[0] == 403, path
    assert served.get("/", {"Cookie": f"goaltui-token-{served.port}=stale"})[0] == 403
    assert served.app_processes() == []
    block_until(lambda: "refused GET /ws" in served.output, "the refusal in the log")
    token = served.url.split("?token=")[1]
    secret = page_secret(served)
    assert served.get(f"/{secret}/static/js/textual.js")[0] == 200
    block_until(lambda: 'textual.js HTTP/1.1" 200' in served.output, "the access log line")
    assert served.output.count(token) == 1  # the printed URL, and no log line
    assert secret not in served.output


def test_a_second_start_gets_another_token(data_dir: Path) -> None:
    first = Served(data_dir)
    first.stop()
    second = Served(data_dir)
    second.stop()
    assert first.url != second.url


def test_a_given_token_is_printed_as_an_address_that_works(data_dir: Path) -> None:
    server = Served(data_dir, "--token", "my own+token&for the fair")
    try:
        assert server.url.endswith("/?token=my%20own%2Btoken%26for%20the%20fair")
        status, page = server.get(server.url.removeprefix(server.base))
        assert status == 200 and "<title>goaltui</title>" in page
    finally:
        server.stop()


def test_the_token_comes_from_a_file_or_the_environment(data_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "token"
    file.write_text("token-from-a-file-0123456789\n")
    file.chmod(0o600)
    from_file = Served(data_dir, "--token-file", str(file))
    from_file.stop()
    assert from_file.url.endswith("/?token=token-from-a-file-0123456789")
    assert "warning" not in from_file.output
    from_env = Served(data_dir, env={"GOALTUI_TOKEN": "token-from-the-environment-01"})
    from_env.stop()
    assert from_env.url.endswith("/?token=token-from-the-environment-01")


def test_bad_bytes_are_a_400_and_one_escaped_line_never_a_traceback(served: Served) -> None:
    for target, header, status in [
        (b"/%1b%5bH%1b%5bJ", b"", b"400"),
        (b"/?token=%ff", b"", b"400"),
        (b"/", b"Cookie: goaltui=\xff\xfe\r\n", b"403"),  # a cookie is read by no one
        (b"/", b"User-Agent: \x1b[2J\x9b\r\n", b"400"),  # too malformed to reach the guard
    ]:
        host = f"Host: 127.0.0.1:{served.port}\r\n".encode()
        answer = served.raw(b"GET " + target + b" HTTP/1.1\r\n" + host + header + b"Connection: close\r\n\r\n")
        assert answer.split(b"\r\n")[0].split(b" ")[1] == status, (target, header, answer[:200])
    block_until(lambda: served.output.count("refused") >= 4, "a line per refusal")
    assert "refused GET /\\x1b[H\\x1b[J from 127.0.0.1" in served.output
    assert "refused a malformed request from 127.0.0.1" in served.output
    assert "\x1b" not in served.output and "\x9b" not in served.output
    assert "Traceback" not in served.output and "Error handling request" not in served.output
    assert " 500 " not in served.output


def test_a_page_of_bad_requests_never_locks_the_owner_out(served: Served) -> None:
    for _ in range(15):  # what fifteen <img> tags on any local page send
        served.get("/?token=guess")
    assert served.get("/?token=another-guess")[0] == 429
    status, page = served.get(served.url.removeprefix(served.base))
    assert status == 200 and "<title>goaltui</title>" in page
    assert served.get(f"/{page_secret(served)}/static/js/textual.js")[0] == 200
    assert served.output.count("refused GET") == 10  # the rest of the flood is one line


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--token", ""], "goaltui: --token is empty"),
        (["--token", "short"], "goaltui: --token is 5 characters"),
        (["--token", "a-long-token-with\x1b[2J"], "goaltui: --token holds control characters"),
        (["--token-file", "no-such-file"], "goaltui: --token-file no-such-file: No such file"),
        (["--max-tabs", "0"], "goaltui: --max-tabs 0: give 1 or more"),
        (["--public-url", "laptop.example.ts.net"], "goaltui: --public-url laptop.example.ts.net is not an address"),
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2(args: list[str], error: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(error) and err.count("\n") == 1


def test_help_says_where_else_the_token_can_come_from(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--token-file PATH" in text and "$GOALTUI_TOKEN" in text and "(ps)" in text and "--max-tabs N" in text


def test_a_token_file_others_can_read_is_warned_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started = {}
    monkeypatch.setattr("goaltui.serve.server.serve", lambda data, **kw: started.update(kw))
    monkeypatch.setattr("goaltui.serve.server.cannot_listen", lambda host, port: None)
    file = tmp_path / "token"
    file.write_text("token-from-a-file-0123456789\n")
    file.chmod(0o644)
    assert main(["serve", "--token-file", str(file), "--max-tabs", "2"]) == 0
    assert started["token"] == "token-from-a-file-0123456789" and started["max_tabs"] == 2
    assert f"other users of this machine can read --token-file {file}: chmod 600" in capsys.readouterr().err


def test_another_host_warns_to_put_tls_in_front(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    started = {}
    monkeypatch.setattr("goaltui.serve.server.serve", lambda data, **kw: started.update(kw))
    monkeypatch.setattr("goaltui.serve.server.cannot_listen", lambda host, port: None)  # nothing binds here
    assert main(["--theme", "goaltui-light", "serve", "--host", "0.0.0.0", "--token", "x" * 20]) == 0
    assert started["host"] == "0.0.0.0" and started["theme"] == "goaltui-light" and started["token"] == "x" * 20
    err = capsys.readouterr().err
    assert "warning: --host 0.0.0.0" in err and "TLS" in err
    assert main(["serve", "--token", "x" * 20]) == 0
    assert capsys.readouterr().err == ""  # loopback: no warning


def test_loopback_addresses() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.20", "::", "laptop.example.ts.net"))


def test_each_tab_runs_goaltui_itself_on_the_same_folder_and_theme(tmp_path: Path) -> None:
    command = app_command(tmp_path / "my data", "nord")
    assert command.startswith(sys.executable)
    assert command.endswith(f"-m goaltui --data-dir '{tmp_path / 'my data'}' --theme nord")


def test_the_url_comes_with_a_qr_code_when_the_terminal_has_room(tmp_path: Path) -> None:
    url = "https://laptop.example.ts.net/?token=" + "t" * 43
    roomy = banner(url, tmp_path, (120, 60))
    small = banner(url, tmp_path, (60, 20))
    assert f"    {url}\n" in roomy and f"    {url}\n" in small
    assert "▀" in roomy and "█" in roomy
    assert "▀" not in small and "█" not in small
    assert len(roomy.splitlines()) > 20 and len(small.splitlines()) == 5


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_a_loopback_address_gets_no_qr_code_but_how_to_reach_it_from_a_phone(tmp_path: Path, host: str) -> None:
    url = f"http://{host}:8000/?token=" + "t" * 43
    text = banner(url, tmp_path, (200, 80))
    assert f"    {url}\n" in text
    assert "▀" not in text and "█" not in text, "a phone that scanned it would find nothing"
    assert "a phone cannot reach it" in text and "--host" in text and "tailscale serve" in text
    assert "README, 'In a browser'" in text


def test_log_and_status_never_load_the_server(tmp_path: Path) -> None:
    for command in ("['log', 'p']", "['status']"):
        run = (
            "import contextlib, io\n"
            "from goaltui.command import run as main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['--data-dir', {str(tmp_path / 'd')!r}, *{command}]) == 0\n"
            "print(','.join(m for m in sys.modules if m.split('.')[0] in ('textual_serve', 'aiohttp', 'segno')))\n"
        )
        out = subprocess.run([sys.executable, "-c", "import sys\n" + run], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "", command
    assert loaded_after("import goaltui.cli") == []


def test_a_taken_port_is_one_line_and_no_url(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--data-dir", str(data_dir), "serve", "--port", str(port)]) == 1
    out, err = capsys.readouterr()
    assert "token" not in out
    assert err == f"goaltui: cannot listen on 127.0.0.1:{port}: Address already in use (choose another with --port)\n"


def test_the_server_runs_the_app_as_a_process_and_never_imports_it() -> None:
    assert offending(("goaltui.serve",), forbidden=("goaltui.tui", "textual")) == []


def test_the_command_line_loads_the_server_only_to_serve() -> None:
    """Only `goaltui serve`'s own module imports the server: the loader imports it for that command alone."""
    web = ("goaltui.serve", "textual_serve", "aiohttp", "segno")
    found = offending(("goaltui.cli",), forbidden=web, at_import_only=True)
    assert found and all(line.startswith("goaltui.cli.serve:") for line in found)


def test_what_an_app_process_wrote_to_stderr_is_shown_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from textual_serve.server import Server

    from goaltui.serve.guard import Guard
    from goaltui.serve.origin import Addresses
    from goaltui.serve.server import GoalServer

    def crashed_app(self: Server, debug: bool = False) -> None:
        sys.stdout.write("Traceback: goal '\x1b]0;pwned\x07\x1b[2J' \udcff\nline two\n")  # as textual-serve copies it

    monkeypatch.setattr(Server, "serve", crashed_app)
    guard = Guard("x" * 20, Addresses("127.0.0.1"))
    GoalServer(
        "true", host="127.0.0.1", port=8000, url="http://127.0.0.1:8000", guard=guard, banner="", out=sys.stdout
    ).serve()
    assert capsys.readouterr().out == "Traceback: goal '\\x1b]0;pwned\\x07\\x1b[2J' \\xff\nline two\n"


def test_ctrl_c_with_a_tab_open_closes_the_tab_and_the_server_stops(served: Served) -> None:
    """The tab is told the server is going (1001), its app process quits, and the server exits cleanly.

    Before, aiohttp waited for each open tab's websocket to end by itself: about 23 s with a browser's tab.
    """
    secret = page_secret(served)

    async def a_tab_then_ctrl_c() -> int | None:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(f"{served.base}/{secret}/ws?width=80&height=24", origin=served.base) as tab,
        ):
            first = await tab.receive(timeout=60)  # the app's first bytes: its process is running
            assert first.type == aiohttp.WSMsgType.BINARY, first
            assert len(served.app_processes()) == 1
            served.process.send_signal(signal.SIGINT)
            async for _message in tab:  # the rest of the app's output, until the server closes the tab
                pass
            return tab.close_code

    assert asyncio.run(asyncio.wait_for(a_tab_then_ctrl_c(), timeout=120)) == aiohttp.WSCloseCode.GOING_AWAY
    assert served.process.wait(timeout=60) == 0

"""`goaltui serve` as a user starts it: the printed URL and QR code, refusals, and what it never loads or logs."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from goaltui.cli import main
from goaltui.serve.server import app_command, banner, is_loopback
from tests.serve.served import Served, wait_until
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


def test_without_the_token_it_refuses_and_starts_no_app(served: Served) -> None:
    ws = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13"}
    ws["Sec-WebSocket-Key"] = "dGhlIHNhbXBsZSBub25jZQ=="
    for path, headers in [("/", {}), ("/?token=guess", {}), ("/ws", ws), ("/ws?token=nope", ws), ("/static/", {})]:
        assert served.get(path, headers)[0] == 403, path
    assert served.get("/", {"Cookie": f"goaltui-token-{served.port}=stale"})[0] == 403
    assert served.app_processes() == []
    wait_until(lambda: "refused GET /ws" in served.output, "the refusal in the log")
    token = served.url.split("?token=")[1]
    served.get(served.url.removeprefix(served.base))
    wait_until(lambda: "200" in served.output.split("refused GET /ws")[-1], "the access log line")
    assert served.output.count(token) == 1  # the printed URL, and no log line


def test_a_second_start_gets_another_token(data_dir: Path) -> None:
    first = Served(data_dir)
    first.stop()
    second = Served(data_dir)
    second.stop()
    assert first.url != second.url


def test_a_given_token_is_used(data_dir: Path) -> None:
    server = Served(data_dir, "--token", "my-own-token-for-the-fair")
    try:
        assert server.url.endswith("/?token=my-own-token-for-the-fair")
    finally:
        server.stop()


@pytest.mark.parametrize("token", ["", "short"])
def test_an_empty_or_short_token_is_refused_with_exit_2(token: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--token", token]) == 2
    err = capsys.readouterr().err
    assert err.startswith("goaltui: --token") and err.count("\n") == 1


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
    url = "http://127.0.0.1:8000/?token=" + "t" * 43
    roomy = banner(url, tmp_path, (120, 60))
    small = banner(url, tmp_path, (60, 20))
    assert f"    {url}\n" in roomy and f"    {url}\n" in small
    assert "▀" in roomy and "█" in roomy
    assert "▀" not in small and "█" not in small
    assert len(roomy.splitlines()) > 20 and len(small.splitlines()) == 5


def test_log_and_status_never_load_the_server(tmp_path: Path) -> None:
    for command in ("['log', 'p']", "['status']"):
        run = (
            "import contextlib, io\n"
            "from goaltui.cli import main\n"
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
    web = ("goaltui.serve", "textual_serve", "aiohttp", "segno")
    assert offending(("goaltui.cli",), forbidden=web, at_import_only=True) == []

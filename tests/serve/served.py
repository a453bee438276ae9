"""`goaltui serve` in a subprocess on a free loopback port, for the tests that talk to it over HTTP."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

NOW = "2026-11-25T10:00:00+01:00"  # a Wednesday
URL = re.compile(r"^\s+(http://\S+/\?token=\S+)$")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pinned_env() -> dict[str, str]:
    env = {**os.environ, "GOALTUI_NOW": NOW, "COLUMNS": "200", "LINES": "60"}
    env.pop("GOALTUI_TOKEN", None)
    return env


def block_until(check: Callable[[], bool], what: str, limit: float = 60.0) -> None:
    """Wait for ``check`` to hold, up to a generous ``limit`` in seconds."""
    deadline = time.monotonic() + limit
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {limit:.0f} s for {what}")
        time.sleep(0.05)


class Served:
    """A running `goaltui serve`: its URL, its output so far, its app processes."""

    def __init__(self, data_dir: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "goaltui", "--data-dir", str(data_dir), "serve", "--port", str(self.port), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**pinned_env(), **(env or {})},
        )
        threading.Thread(target=self._read, daemon=True).start()
        block_until(lambda: self._printed_url() is not None or self.process.poll() is not None, "the printed URL")
        url = self._printed_url()
        assert url is not None, self.output
        self.url: str = url  # the first URL printed: the one the user is told to open
        self.base = f"http://127.0.0.1:{self.port}"
        block_until(self.listening, "the server to listen")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def _printed_url(self) -> str | None:
        found = (URL.match(line) for line in list(self.lines))
        return next((m.group(1) for m in found if m), None)

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def listening(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except OSError:
            return False
        return True

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        """(status, body) of a GET on the server."""
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode()

    def raw(self, request: bytes) -> bytes:
        """The answer to bytes sent as they are, as no HTTP library would send them."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as connection:
            connection.sendall(request)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        return answer

    def app_processes(self) -> list[int]:
        """The processes the server started (one per open browser tab)."""
        found = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            found += [int(pid) for pid in (task / "children").read_text().split()]
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


class OtherSite:
    """Another local web server (any dev server on this machine): it serves a blank page and keeps every header."""

    def __init__(self) -> None:
        import http.server

        heard: list[tuple[str, list[tuple[str, str]]]] = []
        self.heard = heard

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                heard.append((self.path, list(self.headers.items())))
                body = b"<!DOCTYPE html><html><head><title>another site</title></head><body></body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def headers_holding(self, secret: str) -> list[str]:
        """Every header this server received that holds ``secret``."""
        return [f"{path}: {name}" for path, headers in self.heard for name, value in headers if secret in value]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

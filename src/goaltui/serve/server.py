"""`goaltui serve`: the app in a browser through textual-serve, behind the token.

textual-serve starts one app process per websocket (one per browser tab), each
running ``goaltui`` itself on the same data folder; they all write through the
tap log and its lock, as a terminal app beside them does. The token check is
middleware added to textual-serve's own aiohttp application.
"""

from __future__ import annotations

import io
import ipaddress
import logging
import shlex
import socket
import sys
from pathlib import Path
from typing import TextIO

from aiohttp import web
from textual_serve.server import Server

from goaltui.serve.guard import Guard, HideToken

TITLE = "goaltui"


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def public_url(host: str, port: int) -> str:
    """Where a browser finds the server: a wildcard address is named by this machine's name."""
    if host in ("", "0.0.0.0", "::"):
        host = socket.gethostname()
    elif ":" in host:
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{port}"


def cannot_listen(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host``:``port`` (taken, or no such address), else None.

    Asked before anything is printed, so a taken port is one line, not a URL that leads nowhere.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself will
            probe.bind(address)
    except OSError as err:
        return f"cannot listen on {host}:{port}: {err.strerror or err}"
    return None


def app_command(data_dir: Path, theme: str | None) -> str:
    """The shell command each tab's app process runs: goaltui itself, on the same folder and theme."""
    words = [sys.executable, "-m", "goaltui", "--data-dir", str(data_dir.resolve())]
    if theme:
        words += ["--theme", theme]
    return shlex.join(words)


def qr_code(url: str, columns: int, lines: int) -> str | None:
    """The URL as a QR code drawn in half blocks, or None when it would not fit the terminal."""
    import segno

    code = segno.make(url, error="l")
    width, height = code.symbol_size()
    if width > columns or (height + 1) // 2 + 3 > lines:  # room for the URL and a line of words too
        return None
    out = io.StringIO()
    code.terminal(out=out, compact=True)
    return out.getvalue()


class GoalServer(Server):
    """textual-serve's server with the token check in front of every route."""

    def __init__(self, command: str, *, host: str, port: int, url: str, guard: Guard, banner: str, out: TextIO):
        super().__init__(command, host=host, port=port, title=TITLE, public_url=url)
        self.guard = guard
        self.banner = banner
        self.out = out

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard.middleware)
        return app

    def initialize_logging(self) -> None:
        super().initialize_logging()
        # On the handlers, so that every logger's lines pass through it (aiohttp's access log too).
        hide = HideToken(self.guard.token.decode())
        for handler in logging.getLogger().handlers:
            handler.addFilter(hide)

    async def on_startup(self, app: web.Application) -> None:
        self.out.write(self.banner)
        self.out.flush()

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        response = await super().handle_index(request)
        # textual-serve's page has no <title>: a tab, a bookmark and the history say goaltui.
        if isinstance(response, web.Response) and response.text is not None:
            response.text = response.text.replace("<head>", f"<head>\n    <title>{TITLE}</title>", 1)
        return response


def banner(url: str, data_dir: Path, size: tuple[int, int]) -> str:
    """What the terminal shows at start: the URL, the same as a QR code when it fits, and how to stop."""
    code = qr_code(url, *size)
    lines = [f"goaltui in a browser, on {data_dir}:", "", f"    {url}", ""]
    if code:
        lines += [code.rstrip("\n"), ""]
    lines.append("Anyone with this address can count in your folder: keep it to yourself. Ctrl+C stops.")
    return "\n".join(lines) + "\n"


def serve(data_dir: Path, *, theme: str | None, host: str, port: int, token: str, url: str | None, out: TextIO) -> None:
    """Serve the app until Ctrl+C."""
    import shutil

    base = (url or public_url(host, port)).rstrip("/")
    guard = Guard(token, cookie=f"goaltui-token-{port}", secure=base.startswith("https:"))
    size = shutil.get_terminal_size()
    text = banner(f"{base}/?token={token}", data_dir, (size.columns, size.lines))
    server = GoalServer(app_command(data_dir, theme), host=host, port=port, url=base, guard=guard, banner=text, out=out)
    server.serve()

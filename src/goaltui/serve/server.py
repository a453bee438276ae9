"""`goaltui serve`: the app in a browser through textual-serve, behind the token.

textual-serve starts one app process per websocket (one per browser tab), each
running ``goaltui`` itself on the same data folder; they all write through the
tap log and its lock, as a terminal app beside them does. GoalServer keeps
textual-serve's scripts, app processes and downloads, and lays its own page
(page.py: a phone's viewport, its own font, the theme's colours), its own routes
(the page's scripts and websocket under this start's secret path, see guard.py),
its own websocket loop (tabs.py: bounded sizes and messages, at most --max-tabs
app processes) and its own log lines (logs.py) over them.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import shlex
import socket
import sys
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from rich.console import Console
from rich.logging import RichHandler
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

import goaltui.lang
from goaltui.lang import _
from goaltui.serve.guard import FailedAttempts, Guard
from goaltui.serve.logs import EscapedLines, LogLines, ServerLog, access_log
from goaltui.serve.origin import Addresses
from goaltui.serve.page import OWN_STATIC, TEMPLATES, TEXTUAL_STATIC, page_colours
from goaltui.serve.tabs import DEFAULT_MAX_TABS, DEFAULT_SIZE, LONGEST_MESSAGE, Message, Tabs, read_message, screen_size

TITLE = "goaltui"
log = logging.getLogger("goaltui.serve")


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
        family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself will
            probe.bind(address)
    except OSError as err:
        return _("cannot listen on {host}:{port}: {error}").format(host=host, port=port, error=err.strerror or err)
    return None


def app_command(data_dir: Path, theme: str | None) -> str:
    """The shell command each tab's app process runs: goaltui itself, on the same folder and theme."""
    words = [sys.executable, "-m", "goaltui", "--data-dir", str(data_dir.resolve())]
    if theme:
        words += ["--theme", theme]
    if goaltui.lang.CURRENT.code != goaltui.lang.SOURCE:  # the language the server speaks, --lang too
        words += ["--lang", goaltui.lang.CURRENT.locale]
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
    """textual-serve's server with the guard in front of every route and goaltui's own websocket loop."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        url: str,
        guard: Guard,
        banner: str,
        out: TextIO,
        max_tabs: int = DEFAULT_MAX_TABS,
        theme: str | None = None,
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title=TITLE,
            public_url=url,
            statics_path=TEXTUAL_STATIC,
            templates_path=TEMPLATES,
        )
        self.colours = page_colours(theme)
        self.guard = guard
        guard.download_ready = self.download_ready
        self.banner = banner
        self.out = out
        self.tabs = Tabs(max_tabs)
        self.sockets: set[web.WebSocketResponse] = set()  # the open tabs, to close when the server stops

    # Past textual-serve's public API: Server._make_app, where its aiohttp app is made, has no hook for a
    # middleware: without the guard any page may drive the app. Shown without goaltui: docs/upstream/serve_any_origin.py
    async def _make_app(self) -> web.Application:
        attempts = self.guard.attempts
        app = web.Application(
            middlewares=[self.guard.middleware],
            handler_args={"logger": ServerLog(attempts.record), "access_log_class": access_log(attempts.wait)},
        )
        loader = jinja2.FileSystemLoader(self.templates_path)
        aiohttp_jinja2.setup(app, loader=loader, autoescape=jinja2.select_autoescape(["html"]))
        prefix = self.guard.prefix
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get(f"{prefix}/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static(f"{prefix}/static", self.statics_path, name="static"),
                web.static(f"{prefix}/own", OWN_STATIC, name="own"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def serve(self, debug: bool = False) -> None:
        # textual-serve copies what an app process wrote to its stderr (a crash) onto sys.stdout as it is,
        # and that may quote a file of the shared data folder: it is shown escaped. Rich's own colours,
        # and the banner, go to the terminal as they are.
        self.console = Console(file=sys.stdout)
        with contextlib.redirect_stdout(EscapedLines(sys.stdout)):
            super().serve(debug)

    def initialize_logging(self) -> None:
        super().initialize_logging()
        lines = LogLines(self.guard.token, quote(self.guard.token, safe=""), self.guard.secret)
        for handler in logging.getLogger().handlers:
            # On the handlers, so that every logger's lines pass through it (aiohttp's access log too).
            handler.addFilter(lines)
            if isinstance(handler, RichHandler):
                handler.tracebacks_show_locals = False  # a local may be the token

    async def on_startup(self, app: web.Application) -> None:
        self.out.write(self.banner)
        self.out.flush()

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: every open tab is told the server is going, so its loop ends and its app quits now.

        Without it aiohttp waits for each tab's websocket to end by itself (about 23 s with a browser's tab open).
        """
        for websocket in list(self.sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"goaltui serve stopped")

    async def download_ready(self, key: str) -> bool:
        """True while the app has a file waiting under this key for the page to fetch."""
        try:
            await self.download_manager.get_download_metadata(key)
        except KeyError:
            return False
        return True

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        # Addresses on the page are relative to it: the page never names a host the guard would
        # refuse, whatever name (localhost, a proxy's) the browser reached it by.
        context = {
            "title": TITLE,
            "lang": goaltui.lang.CURRENT.code,
            "ended": _("Session ended."),
            "again": _("Start again"),
            "colours": self.colours,
            "font_size": min(max(to_int(request.query.get("fontsize", "16"), 16), 6), 64),
            "app_websocket_url": f"{self.guard.secret}/ws",
            "config": {"static": {"url": f"{self.guard.secret}/static/"}},
            "own_static": f"{self.guard.secret}/own/",
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"  # the page holds this start's secret path
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A tab: its app process, started now or, past --max-tabs, once the tab asks again with a free place."""
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=LONGEST_MESSAGE)
        size = screen_size(request.query.get("width", "80"), request.query.get("height", "24")) or DEFAULT_SIZE
        await websocket.prepare(request)
        self.sockets.add(websocket)
        app: AppService | None = None
        try:
            app = await self.open_app(websocket, size)
            async for message in websocket:
                read = read_message(message.data) if message.type == WSMsgType.TEXT else None
                if read is None:
                    continue
                if read.kind == "resize":
                    size = read.size
                if app is None:
                    if read.kind == "stdin":
                        app = await self.open_app(websocket, size)
                    continue
                await self.tell_app(app, websocket, read)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            self.sockets.discard(websocket)
            if app is not None:
                await app.stop()
                self.tabs.give_back()
        return websocket

    async def open_app(self, websocket: web.WebSocketResponse, size: tuple[int, int]) -> AppService | None:
        """This tab's app process, or None (and the tab says why) when --max-tabs are open already."""
        if not self.tabs.take():
            log.warning("a tab was told to wait: as many tabs as --max-tabs allows (%d) have the app", self.tabs.most)
            await websocket.send_bytes(self.tabs.full_screen())
            return None

        async def close() -> None:
            await websocket.close()

        app = AppService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        try:
            await app.start(*size)
        except BaseException:
            self.tabs.give_back()
            raise
        return app

    async def tell_app(self, app: AppService, websocket: web.WebSocketResponse, message: Message) -> None:
        if message.kind == "stdin":
            await app.send_bytes(message.keys)
        elif message.kind == "resize":
            await app.set_terminal_size(*message.size)
        elif message.kind == "ping":
            await websocket.send_json(["pong", message.ping])
        elif message.kind == "blur":
            await app.blur()
        elif message.kind == "focus":
            await app.focus()


def banner(url: str, data_dir: Path, size: tuple[int, int]) -> str:
    """What the terminal shows at start: the URL, the same as a QR code when a phone can use it, and how to stop.

    A loopback address is this machine alone: a phone that scanned it would find nothing, so instead of a
    code the banner says how to reach the page from a phone.
    """
    from urllib.parse import urlsplit

    from goaltui.serve.origin import is_loopback

    lines = [_("goaltui in a browser, on {folder}:").format(folder=data_dir), "", f"    {url}", ""]
    if is_loopback(urlsplit(url).hostname or ""):
        lines += [
            *_(
                "This address opens on this machine only; a phone cannot reach it. For a phone, serve on\n"
                "your network with --host and put TLS in front, or use a tunnel (tailscale serve, a reverse\n"
                "proxy): see the README, 'In a browser'. The address to scan is then printed as a QR code."
            ).splitlines(),
            "",
        ]
    elif code := qr_code(url, *size):
        lines += [code.rstrip("\n"), ""]
    lines.append(_("Anyone with this address can count in your folder: keep it to yourself. Ctrl+C stops."))
    return "\n".join(lines) + "\n"


def serve(
    data_dir: Path,
    *,
    theme: str | None,
    host: str,
    port: int,
    token: str,
    url: str | None,
    out: TextIO,
    max_tabs: int = DEFAULT_MAX_TABS,
) -> None:
    """Serve the app until Ctrl+C."""
    import shutil

    base = (url or public_url(host, port)).rstrip("/")
    guard = Guard(token, Addresses(host, url), attempts=FailedAttempts())
    size = shutil.get_terminal_size()
    # The token as a URL holds it: a "+", "&" or space in it would be read as something else.
    text = banner(f"{base}/?token={quote(token, safe='')}", data_dir, (size.columns, size.lines))
    command = app_command(data_dir, theme)
    server = GoalServer(
        command, host=host, port=port, url=base, guard=guard, banner=text, out=out, max_tabs=max_tabs, theme=theme
    )
    server.serve()

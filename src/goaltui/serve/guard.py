"""Nobody in without the token: an aiohttp middleware in front of every route of textual-serve's application.

What a request must hold, and why no cookie:

- The page, ``/``, wants ``?token=`` (the address ``goaltui serve`` printed).
- Everything the page then loads (scripts, fonts, the websocket that starts an
  app process) lives under a random path made at each start, ``/<secret>/``,
  that only the page knows. Nothing is kept in a cookie: a browser sends a
  host's cookies to every port of that host, so any other local server would
  receive one, and any local page could make requests that carry it.
- A download, which textual-serve's page fetches from ``/download/<key>``, is let
  through by its key: a random one the app made for this file, told only to
  the page over its websocket, and gone once the file is sent.

Before any of that, the Host and Origin checks (`origin.Addresses`) refuse what
comes from another site's page, and bad bytes are a 400. Every refusal counts
against its address; past the limit an address waits, but a request that holds
the token or the secret always passes: a page of other requests from the same
address (all local ones share 127.0.0.1) cannot lock the owner out. Guessing is
stopped by the token's length (``SHORTEST_TOKEN``, 43 random characters by
default), not by the limit, which keeps a flood short and quiet.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from urllib.parse import unquote_to_bytes

from aiohttp import web

from goaltui.lang import _, ngettext
from goaltui.serve.logs import LONGEST_SHOWN, shown
from goaltui.serve.origin import Addresses

TOKEN_BYTES = 32
SHORTEST_TOKEN = 16  # characters: a token short enough to guess is refused
LONGEST_TOKEN_FILE = 4096  # bytes
ATTEMPTS_PER_MINUTE = 10
TOKEN_ENV = "GOALTUI_TOKEN"

log = logging.getLogger("goaltui.serve")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class TokenError(ValueError):
    """A token given to `goaltui serve` that cannot protect anything."""


def new_token() -> str:
    """A fresh random token for one start of the server."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def checked_token(token: str, source: str = "--token") -> str:
    """The token as given, or TokenError when it is empty, too short to keep anyone out, or holds control characters."""
    if not token.strip():
        raise TokenError(
            _("{source} is empty: give a long random one, or leave it out to get one").format(source=source)
        )
    if len(token) < SHORTEST_TOKEN:
        raise TokenError(
            ngettext(
                "{source} is {n} character: give at least {least}, or leave it out to get one",
                "{source} is {n} characters: give at least {least}, or leave it out to get one",
                len(token),
            ).format(source=source, n=len(token), least=SHORTEST_TOKEN)
        )
    if not token.replace(" ", "").isprintable():
        raise TokenError(
            _("{source} holds control characters: use letters, digits and punctuation").format(source=source)
        )
    return token


def read_token_file(path: str) -> str:
    """The token in a file (its first line, spaces around it dropped); a pipe such as ``<(pass show x)`` does too."""
    try:
        with open(path, "rb") as file:
            data = file.read(LONGEST_TOKEN_FILE + 1)
    except OSError as err:
        raise TokenError(f"--token-file {path}: {err.strerror or err}") from None
    if len(data) > LONGEST_TOKEN_FILE:
        raise TokenError(
            _("--token-file {path} is over {n} bytes: it should hold the token alone").format(
                path=path, n=LONGEST_TOKEN_FILE
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TokenError(
            _("--token-file {path} is not UTF-8 text: write the token in it as plain text").format(path=path)
        ) from None
    lines = text.splitlines()
    return checked_token(lines[0].strip() if lines else "", f"--token-file {path}")


def others_can_read(path: str) -> bool:
    """True when the token file is a plain file that other users of the machine may read."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    return os.path.isfile(path) and bool(status.st_mode & 0o044)


def chosen_token(given: str | None, file: str | None, environ: Mapping[str, str]) -> str:
    """The token to ask for: ``--token``, else ``--token-file``, else $GOALTUI_TOKEN, else a new random one."""
    if given is not None:
        return checked_token(given)
    if file is not None:
        return read_token_file(file)
    if TOKEN_ENV in environ:
        return checked_token(environ[TOKEN_ENV], TOKEN_ENV)
    return new_token()


def bad_bytes(request: web.Request) -> str | None:
    """What is wrong with the request's path and query, or None: escapes, control characters, bytes not UTF-8.

    None of goaltui's addresses needs any of them, so such a request is a 400.
    """
    target = request.raw_path
    if not (target.isascii() and target.isprintable()) or " " in target:
        return "bytes that are not a URL"
    for part in target.split("?", 1):
        try:
            text = unquote_to_bytes(part).decode("utf-8")
        except UnicodeDecodeError:
            return "an escape that is not UTF-8"
        if not text.replace(" ", "").isprintable():
            return "a control character"
    return None


class FailedAttempts:
    """Refused requests per address over the last minute; past the limit the address waits."""

    def __init__(
        self, limit: int = ATTEMPTS_PER_MINUTE, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.by_address: dict[str, deque[float]] = {}

    def _recent(self, address: str) -> deque[float]:
        times = self.by_address.get(address, deque())
        cutoff = self.clock() - self.window
        while times and times[0] <= cutoff:
            times.popleft()
        if not times:
            self.by_address.pop(address, None)  # forgotten addresses cost no memory
        return times

    def wait(self, address: str) -> float:
        """Seconds this address must wait before it may try again (0: it may)."""
        times = self._recent(address)
        if len(times) < self.limit:
            return 0.0
        return max(times[0] + self.window - self.clock(), 0.0)

    def record(self, address: str) -> bool:
        """Count a refusal; True when it should be logged (the address was not over the limit already)."""
        if len(self.by_address) > 10_000:  # many addresses at once: forget those with no recent failure
            for known in list(self.by_address):
                self._recent(known)
        times = self._recent(address)
        told = len(times) < self.limit
        times.append(self.clock())
        self.by_address[address] = times
        if len(times) == self.limit:  # said once; the refusals that follow are not logged one by one
            log.warning(
                "%s: %d refused requests in a minute; more without the token wait, and are not logged",
                address,
                self.limit,
            )
        return told


async def no_download(key: str) -> bool:
    return False


class Guard:
    """The checks in front of every route, as aiohttp middleware."""

    def __init__(
        self,
        token: str,
        addresses: Addresses,
        *,
        attempts: FailedAttempts | None = None,
        download_ready: Callable[[str], Awaitable[bool]] = no_download,
    ) -> None:
        self.token = token
        self.secret = secrets.token_urlsafe(TOKEN_BYTES)  # this start's path for the page's own requests
        self.prefix = f"/{self.secret}"
        self.addresses = addresses
        self.attempts = attempts or FailedAttempts()
        self.download_ready = download_ready

    async def holds_key(self, request: web.Request) -> bool:
        """The token, this start's secret path, or a download's key."""
        given = request.query.get("token")
        if given is not None and hmac.compare_digest(_bytes(given), _bytes(self.token)):
            return True
        first, _sep, rest = request.path.lstrip("/").partition("/")
        if hmac.compare_digest(_bytes(first), _bytes(self.secret)):
            return True
        return first == "download" and "/" not in rest and await self.download_ready(rest)

    def refuse(self, request: web.Request, error: type[web.HTTPError], why: str, text: str) -> web.HTTPError:
        address = request.remote or "unknown"
        if self.attempts.record(address):
            # The path alone: a query string may hold a near miss of the token.
            path = shown(request.path, LONGEST_SHOWN)
            log.warning("refused %s %s from %s: %s", request.method, path, address, why)
        return error(text=f"goaltui: {text}\n", headers={"Referrer-Policy": "no-referrer"})

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        address = request.remote or "unknown"
        wait = self.attempts.wait(address)
        if wait and not await self.holds_key(request):
            raise web.HTTPTooManyRequests(
                text=_("goaltui: too many attempts without the token: try again in {n} seconds.").format(
                    n=f"{wait:.0f}"
                )
                + "\n",
                headers={"Retry-After": str(int(wait) + 1)},
            )
        bad = bad_bytes(request)
        if bad:
            text = _("this address holds bytes no address of goaltui has.")
            raise self.refuse(request, web.HTTPBadRequest, bad, text)
        foreign = self.addresses.foreign(request)
        if foreign:
            text = _("only goaltui's own page, at the address 'goaltui serve' printed, may ask for this.")
            if foreign.startswith("Host"):
                text = _("this server answers only at the address that 'goaltui serve' printed: open that one.")
            raise self.refuse(request, web.HTTPForbidden, foreign, text)
        if not await self.holds_key(request):
            text = _("open the address that 'goaltui serve' printed; it has the token.")
            raise self.refuse(request, web.HTTPForbidden, "no valid token", text)
        response = await handler(request)
        if not response.prepared:  # a websocket or a download has sent its headers already
            response.headers["Referrer-Policy"] = "no-referrer"  # no address of ours, secret or token, goes elsewhere
            response.headers["X-Frame-Options"] = "DENY"  # no other site's page shows ours in a frame
            # Every use asks again (a 304 when unchanged): another site's page cannot get from the browser's
            # cache what the guard would refuse it.
            response.headers.setdefault("Cache-Control", "no-cache")
        return response


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a byte that was not UTF-8 stays one no token has

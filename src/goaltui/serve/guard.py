"""Nobody in without the token: an aiohttp middleware for textual-serve's application.

Every request (the page, its scripts and fonts, the websocket that starts an app
process, a download) must carry the token, as ``?token=`` or as the cookie the
first such request sets. A refused request gets 403 before any handler runs, so
it starts nothing. An address that keeps failing is told to wait.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable

from aiohttp import web

TOKEN_BYTES = 32
SHORTEST_TOKEN = 16  # characters: a token short enough to guess is refused
ATTEMPTS_PER_MINUTE = 10

log = logging.getLogger("goaltui.serve")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class TokenError(ValueError):
    """A token given on the command line that cannot protect anything."""


def new_token() -> str:
    """A fresh random token for one start of the server."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def checked_token(token: str) -> str:
    """The token as given, or TokenError when it is empty or too short to keep anyone out."""
    if not token.strip():
        raise TokenError("--token is empty: give a long random one, or leave --token out to get one")
    if len(token) < SHORTEST_TOKEN:
        raise TokenError(
            f"--token is {len(token)} characters: give at least {SHORTEST_TOKEN}, or leave --token out to get one"
        )
    return token


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

    def record(self, address: str) -> None:
        if len(self.by_address) > 10_000:  # many addresses at once: forget those with no recent failure
            for known in list(self.by_address):
                self._recent(known)
        self.by_address.setdefault(address, deque()).append(self.clock())


class Guard:
    """The token check, as aiohttp middleware."""

    def __init__(self, token: str, *, cookie: str, secure: bool, attempts: FailedAttempts | None = None) -> None:
        self.token = token.encode()
        self.cookie = cookie
        self.secure = secure  # the browser reaches us over https (a TLS proxy in front)
        self.attempts = attempts or FailedAttempts()

    def allows(self, request: web.Request) -> bool:
        given = request.query.get("token", request.cookies.get(self.cookie))
        return given is not None and hmac.compare_digest(given.encode(), self.token)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        address = request.remote or "unknown"
        wait = self.attempts.wait(address)
        if wait:
            log.warning("refused %s %s from %s: too many failed attempts", request.method, request.path, address)
            raise web.HTTPTooManyRequests(
                text=f"Too many attempts without the token: try again in {wait:.0f} seconds.\n",
                headers={"Retry-After": str(int(wait) + 1)},
            )
        if not self.allows(request):
            self.attempts.record(address)
            # The path alone: a query string may hold a near miss of the token.
            log.warning("refused %s %s from %s: no valid token", request.method, request.path, address)
            raise web.HTTPForbidden(text="goaltui: open the address that 'goaltui serve' printed; it has the token.\n")
        response = await handler(request)
        if not response.prepared:  # a websocket or a download has sent its headers already
            response.headers["Referrer-Policy"] = "no-referrer"
            if "token" in request.query:
                response.set_cookie(
                    self.cookie,
                    self.token.decode(),
                    httponly=True,
                    samesite="Strict",
                    secure=self.secure,
                    path="/",
                )
        return response


class HideToken(logging.Filter):
    """Takes the token out of every log line, and any ``token=`` value with it."""

    QUERY = re.compile(r"token=[^&\s\"']*")

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = self.QUERY.sub("token=(hidden)", message.replace(self.token, "(hidden)"))
        if hidden != message:
            record.msg, record.args = hidden, None
        return True

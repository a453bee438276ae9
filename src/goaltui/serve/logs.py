"""What the server's terminal shows: no secret, no control character from a request, no traceback for bad input.

Every log line passes through `LogLines` on the log handlers (aiohttp's access log
too), so a path, a header or a query someone sent is shown escaped: a request for
``/%1b%5bH%1b%5bJ`` is logged as ``/\\x1b[H\\x1b[J``, never run by the terminal.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from typing import Any, TextIO

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_log import AccessLogger

from goaltui.model.shown import shown as escaped

LONGEST_SHOWN = 200  # characters of a path or header in a log line: a long one is cut


def shown(text: str, limit: int | None = None) -> str:
    """``text`` safe for a terminal (model/shown.py), cut to ``limit`` characters first.

    Backslashes stay as they are, so escaping twice changes nothing.
    """
    if limit is not None and len(text) > limit:
        text = text[:limit] + "..."
    return escaped(text)


class LogLines(logging.Filter):
    """On every handler: takes the secrets and any ``token=`` value out of a line, and escapes the rest."""

    QUERY = re.compile(r"token=[^&\s\"']*")

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for secret in self.secrets:
            message = message.replace(secret, "(hidden)")
        record.msg, record.args = shown(self.QUERY.sub("token=(hidden)", message)), None
        return True


class EscapedLines(io.TextIOBase):
    """A text stream that writes each line of what it is given with `shown`, its line ends kept."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        self.out.write("\n".join(shown(line) for line in text.split("\n")))
        return len(text)

    def flush(self) -> None:
        self.out.flush()


class ServerLog(logging.LoggerAdapter[logging.Logger]):
    """aiohttp's own error log, for a request too malformed to reach the guard (a raw escape in a header).

    aiohttp answers it 400 by itself and would log a traceback; here it is one line,
    and counts as a refusal from its address like any other (``refused`` counts it,
    and says whether to log it).
    """

    def __init__(self, refused: Callable[[str], bool]) -> None:
        super().__init__(logging.getLogger("aiohttp.server"), {})
        self.refused = refused

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        error = kwargs.get("exc_info")
        if isinstance(error, HttpProcessingError):
            address = str(args[0]) if args else "unknown"
            if self.refused(address):
                why = " ".join(line.strip() for line in (error.message or "").splitlines() if line.strip())
                self.logger.warning("refused a malformed request from %s: %s", address, shown(why, LONGEST_SHOWN))
            return
        super().log(level, msg, *args, **kwargs)


def access_log(waits: Callable[[str], float]) -> type[AccessLogger]:
    """aiohttp's access log, quiet about an address over the limit: a flood is said once, not once per request."""

    class AccessLog(AccessLogger):
        def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
            if response.status < 400 or not waits(request.remote or "unknown"):
                super().log(request, response, time)

    return AccessLog

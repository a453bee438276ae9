"""What a tab's websocket may ask for: bounded screens, well-formed messages, a limited number of app processes.

textual-serve's page speaks JSON lists over the websocket: ``["stdin", text]``,
``["resize", {"width": W, "height": H}]``, ``["ping", text]``, ``["focus"]``,
``["blur"]``. Each is read here into a `Message`, or dropped: anything else, or
a value of the wrong kind, never reaches the app process. A screen size is held
to what a screen can be (``MAX_COLUMNS`` x ``MAX_ROWS``): one resize to 30000 x
30000 cells would otherwise take an app process past gigabytes in seconds.
"""

from __future__ import annotations

import json
from typing import Literal

from goaltui.lang import _, ngettext
from goaltui.model.record import record

MAX_COLUMNS = 1000
MAX_ROWS = 1000
DEFAULT_SIZE = (80, 24)
LONGEST_MESSAGE = 64 * 1024  # bytes: a typed key or a paste; a longer message closes the websocket
LONGEST_PING = 64  # characters: the page sends a timestamp
DEFAULT_MAX_TABS = 4

Kind = Literal["stdin", "resize", "ping", "focus", "blur"]


@record(slots=False)
class Message:
    kind: Kind
    keys: bytes = b""
    size: tuple[int, int] = DEFAULT_SIZE
    ping: str = ""


def cells(value: object, most: int) -> int | None:
    """A count of columns or rows held to 1..most, from an int or its digits; None for anything else."""
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit() or len(value) > 6:
            return None
        value = int(value)
    if type(value) is not int:  # not a bool, a float or a list
        return None
    return min(max(value, 1), most)


def screen_size(width: object, height: object) -> tuple[int, int] | None:
    """A screen size held to what a screen can be, or None when either is not a number of cells."""
    columns, rows = cells(width, MAX_COLUMNS), cells(height, MAX_ROWS)
    return None if columns is None or rows is None else (columns, rows)


def read_message(text: str) -> Message | None:
    """One websocket message from the page, or None when it is not one goaltui acts on."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python recurses
        return None
    if not isinstance(envelope, list) or not envelope:
        return None
    kind, value = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin" and isinstance(value, str):
        try:
            return Message("stdin", keys=value.encode("utf-8"))
        except UnicodeEncodeError:  # a lone surrogate: no key makes one
            return None
    if kind == "resize" and isinstance(value, dict):
        size = screen_size(value.get("width"), value.get("height"))
        return None if size is None else Message("resize", size=size)
    if kind == "ping" and isinstance(value, str) and len(value) <= LONGEST_PING:
        return Message("ping", ping=value)
    if kind in ("focus", "blur"):
        return Message(kind)
    return None


class Tabs:
    """How many tabs have an app process now, up to the most allowed (``--max-tabs``)."""

    def __init__(self, most: int = DEFAULT_MAX_TABS) -> None:
        self.most = most
        self.open = 0

    def take(self) -> bool:
        """Count one more tab with an app, or False when that many are open already."""
        if self.open >= self.most:
            return False
        self.open += 1
        return True

    def give_back(self) -> None:
        self.open -= 1

    def full_screen(self) -> bytes:
        """What a tab shows instead of the app when the limit is reached: why, and what to do."""
        lines = [
            ngettext(
                "goaltui: {n} tab has the app open already, the most this server allows (goaltui serve --max-tabs).",
                "goaltui: {n} tabs have the app open already, the most this server allows (goaltui serve --max-tabs).",
                self.most,
            ).format(n=self.most),
            "",
            _("Close one of them, then press any key here to try again."),
        ]
        return ("\x1b[2J\x1b[H" + "\r\n".join(lines) + "\r\n").encode()

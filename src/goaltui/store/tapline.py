"""One line of the tap log: how it is written, for `goaltui log`'s quick path and everything else alike.

```
"2026-11-23T09:14:03.512+01:00" = { metric = "prospects" }
"2026-11-23T11:02:10.300+01:00" = { metric = "revenue", n = 250, note = "Acme" }
"2026-11-23T11:05:00.000+01:00" = { metric = "leads", who = "Ben Ortiz" }
"2026-11-23T11:07:00.000+01:00" = { metric = "downline", n = 0, level = 57 }
"2026-11-23T11:08:00.000+01:00" = { metric = "downline", n = 0, undo = "2026-11-23T11:07:00.000+01:00" }
```

A reading of a level (``level``) and its take-back (``undo``, naming the
reading's key) count ``n = 0``: a goaltui that knows no levels adds nothing.

:func:`encode` makes the line and :func:`write` appends it durably; nothing
else writes a tap. Two writers of one format drift apart (a quote escaped in
one and not the other), so there is one of each. This module sits on the
quick path: it imports only what Python has loaded before it runs a line of ours.
"""

from __future__ import annotations

import os

from goaltui.lang import _
from goaltui.model.names import name_problem
from goaltui.model.numbers import MAX_N, count

_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if c not in _ESCAPES})


def quote(text: str) -> str:
    """``text`` as a TOML basic string; ``ValueError`` when it is not text that UTF-8 can hold."""
    if not isinstance(text, str):
        raise ValueError(f"expected text, got {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(_("the text is not valid Unicode")) from None
    return '"' + text.translate(_ESCAPES) + '"'


def number(n: float) -> str:
    """``n`` as TOML: an integer when it is whole, else a float; ``ValueError`` past what one tap may count."""
    if isinstance(n, bool) or not isinstance(n, int | float):
        raise ValueError(f"n must be a number, not {type(n).__name__}")
    if not abs(n) <= MAX_N:  # also NaN and the infinities
        raise ValueError(_("n must be a finite number of at most {most} for one tap").format(most=count(MAX_N)))
    if isinstance(n, int):
        return str(n)
    if n.is_integer():
        return str(int(n))
    return repr(n)


def encode(
    key: str,
    metric: str,
    n: float = 1,
    day: str = "",
    note: str = "",
    for_key: str = "",
    who: str = "",
    level: float | None = None,
    undo: str = "",
) -> bytes:
    """The tap as one line of UTF-8 TOML ending in a newline; ``day`` (ISO) only for a tap counted for another day.

    ``who``: the person the tap was about (checked by :func:`name_problem`). ``level``: a reading of a level;
    ``undo``: the key of a reading taken back (either counts ``n = 0``).
    """
    if not isinstance(metric, str) or not metric:
        raise ValueError(_("a tap needs a metric name"))
    if who and name_problem(who):
        raise ValueError(name_problem(who))
    if (level is not None or undo) and n != 0:
        raise ValueError(_("a reading, or its take-back, counts nothing: n must be 0"))
    parts = [f"metric = {quote(metric)}"]
    amount = number(n)
    if amount != "1":
        parts.append(f"n = {amount}")
    if level is not None:
        parts.append(f"level = {number(level)}")
    if undo:
        parts.append(f"undo = {quote(undo)}")
    if day:
        parts.append(f"day = {day}")
    if for_key:
        parts.append(f"for = {quote(for_key)}")
    if who:
        parts.append(f"who = {quote(who)}")
    if note:
        parts.append(f"note = {quote(note)}")
    return f"{quote(key)} = {{ {', '.join(parts)} }}\n".encode()


def end_torn_line(fd: int, size: int) -> int:
    """End a torn last line (no newline) with one, so the next line starts on its own; the size after.

    It only ever adds: the torn bytes stay, as a line of their own that readers skip and report.
    """
    if size and os.pread(fd, 1, size - 1) != b"\n":
        write_all(fd, b"\n")
        return size + 1
    return size


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write(fd: int, line: bytes, size: int) -> None:
    """Append ``line`` (``fd`` opened with O_APPEND, ``size`` bytes long) in one ``os.write``, then fsync.

    On any failure, whatever part of it landed is taken back: a tap is
    acknowledged only after fsync, so a line whose fsync failed is retried by
    the caller and must not then count twice. Bytes that were there before are
    never touched.
    """
    try:
        written = os.write(fd, line)
        if written != len(line):
            raise OSError(
                _("only {written} of {size} bytes of the tap could be written (is the disk full?)").format(
                    written=written, size=len(line)
                )
            )
        os.fsync(fd)
    except BaseException:
        try:
            if os.fstat(fd).st_size > size:
                os.ftruncate(fd, size)  # our own partial line, never anything that was there
        except OSError:
            pass
        raise

"""Appending to a month file: the key a line gets, and one durable write of whole lines under the lock.

A line's key strictly increases within its file: ``at``, or the file's last
key plus 1 ms if ``at`` is not later. A torn last line is ended first; no
byte is ever deleted (store/tapline.py writes the bytes).

On the path of `goaltui log`: it imports only the standard library it needs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from goaltui.store import files, locations, tapline
from goaltui.store.durable import locked
from goaltui.store.tap import near

_KEY_AT_LINE_START = re.compile(rb'^[ \t]*(["\'])([^"\'\n]*)\1[ \t]*=', re.MULTILINE)
_ONE_MS = timedelta(milliseconds=1)
_TAIL = 512  # bytes read back to find the last key; doubled while it holds no whole line


def key_time(now: datetime) -> datetime:
    """``now`` as a line's key: aware (the local zone if naive), whole milliseconds, a fixed UTC offset."""
    if now.utcoffset() is None:
        now = now.astimezone()
    offset = now.utcoffset()
    assert offset is not None
    return now.replace(microsecond=now.microsecond - now.microsecond % 1000).astimezone(timezone(offset))


def append_line(
    data_dir: Path, folders: list[str], at: datetime, line_at: Callable[[datetime], bytes], notices: list[str]
) -> datetime:
    """Append the line ``line_at(key)`` to the month file of ``at`` in ``folders`` durably; the key it got.

    The key is ``at``, or the file's last key plus 1 ms if ``at`` is not later.
    Under the data folder's lock; a torn last line is ended first; a link or a
    pipe where the file belongs is removed (said in ``notices``).
    """
    return append_lines(data_dir, folders, [at], lambda _, key: line_at(key), notices)[0]


def append_lines(
    data_dir: Path,
    folders: list[str],
    ats: Sequence[datetime],
    line_at: Callable[[int, datetime], bytes],
    notices: list[str],
) -> list[datetime]:
    """Append ``line_at(i, key)`` for each of ``ats`` (one month's) in one write and one fsync; the keys they got.

    As :func:`append_line` one after another: each key is its ``at``, or the
    key before it plus 1 ms if ``at`` is not later.
    """
    month = date(ats[0].year, ats[0].month, 1)
    if any((at.year, at.month) != (month.year, month.month) for at in ats):
        raise ValueError("taps of one month's file at a time")
    with locked(locations.lock_path(data_dir)):
        name = f"{month:%Y-%m}.toml"
        try:
            fd, size = files.open_append(data_dir, folders, name)
        except files.Refused:
            # A link or a pipe where this device's own file belongs holds nothing of ours: it goes, the line stays.
            notices.extend(files.remove_odd(data_dir, [*folders, name]))
            fd, size = files.open_append(data_dir, folders, name)
        try:
            last = None
            if size:
                last, torn = _tail(fd, size, month)
                if torn:
                    size = tapline.end_torn_line(fd, size)
            keys, lines = [], []
            for i, at in enumerate(ats):
                key = at if last is None or at > last else (last + _ONE_MS).astimezone(at.tzinfo)
                keys.append(key)
                lines.append(line_at(i, key))
                last = key
            tapline.write(fd, b"".join(lines), size)
        finally:
            os.close(fd)
    return keys


def _tail(fd: int, size: int, month: date) -> tuple[datetime | None, bool]:
    """The latest key near the end of the file, and whether its last line is torn (no newline).

    Only keys that belong in the file of ``month`` count: a key far from it is no tap of ours.
    """
    window = _TAIL
    while True:
        start = max(0, size - window)
        chunk = os.pread(fd, size - start, start)
        torn = not chunk.endswith(b"\n")
        if start:
            cut = chunk.find(b"\n")
            chunk = b"" if cut < 0 or cut == len(chunk) - 1 else chunk[cut + 1 :]  # drop the partial first line
        latest = None
        for match in _KEY_AT_LINE_START.finditer(chunk):
            try:
                at = datetime.fromisoformat(match.group(2).decode("ascii"))
            except (ValueError, UnicodeDecodeError):
                continue
            if at.utcoffset() is not None and near(at, month) and (latest is None or at > latest):
                latest = at
        if latest is not None or start == 0:
            return latest, torn
        window *= 4

"""Taps that were not on disk when the app ended, kept on this device until the tap log takes them.

The app writes a tap only once the disk takes it; while a disk is full, taps
wait in memory. When the app ends then (quit anyway, a signal, a crash of the
app), they are appended here: one file per data folder in the device-local
state folder, written durably (a temp file, fsync, an atomic replace), each
time with every tap it held before and the new ones. The next start of the
app, `goaltui log` or `goaltui status` replays them into the tap log with
their own times, notes and days, then removes the file.

The file is a tap file in all but name, one tap per line, so it can be read
by eye and its lines go through the tap log's own reader and writer::

    "2026-11-25T09:14:03.512+01:00" = { metric = "prospects" }
    "2026-11-25T09:14:04.120+01:00" = { metric = "prospects" }  # since 1234

A tap is never counted twice. A line ending in ``# since N`` may already be
in the tap log: a write of it began when its month file (this device's, the
month of its key) held N bytes. Before a replay appends anything it marks
every line so, durably; a tap whose mark is found is looked for after byte N,
as a line with the same metric, amount, note and day and a key no earlier
than its own (a key is moved on by 1 ms when the file already holds a later
one); found, it is not written again. A line without a mark was never
written, unless its exact key is in the file. One replay at a time holds the
spill file's lock; the tap log's own lock is taken inside it, by each append.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import field
from datetime import datetime
from pathlib import Path

from goaltui.lang import _
from goaltui.model.record import record
from goaltui.store import locations, quickstate
from goaltui.store.durable import atomic_write, fsync_dir, locked
from goaltui.store.tap import Tap, parse_line
from goaltui.store.taplog import TapLog

_SINCE = re.compile(r"#\s*since\s+(\d+)\s*$")
_LIMIT = 64 * 1024 * 1024  # bytes: a spill file or the part of a month file read back; far above any real one
HEADER = (
    "# Taps goaltui could not write to the tap log of {data} before it ended (a full disk?).\n"
    "# The next start of goaltui (or goaltui log, goaltui status) writes them there once and removes this file.\n"
)


@record
class Kept:
    """One tap in the spill file; ``since``: a write of it may have begun when its month file held so many bytes."""

    tap: Tap
    since: int | None = None

    def line(self) -> str:
        text = self.tap.to_line().rstrip("\n")
        return f"{text}  # since {self.since}\n" if self.since is not None else f"{text}\n"


@record(frozen=False)
class Replayed:
    """What a replay did: the taps it wrote, how many still wait (and why), and lines it could not read."""

    written: list[Tap] = field(default_factory=list)
    left: int = 0
    error: OSError | None = None
    problems: list[str] = field(default_factory=list)


def spill_path(data: Path) -> Path:
    """Where the taps of ``data`` wait: in this device's state folder, never in the synced data folder."""
    return locations.state_dir() / f"waiting-taps-{locations.data_key(data)}.toml"


def _lock_path(data: Path) -> Path:
    return locations.state_dir() / "locks" / f"{locations.data_key(data)}.spill.lock"


def waiting(data: Path) -> int:
    """How many taps the spill file of ``data`` holds (0 without one: a single stat)."""
    path = spill_path(data)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return 0
    if not stat.S_ISREG(st.st_mode):
        return 0
    return sum(isinstance(item, Kept) for item in _read(path)[0])


def keep(data: Path, taps: list[Kept]) -> Path:
    """Append ``taps`` to the spill file of ``data``, durably; it keeps every line it held. Returns its path.

    ``OSError`` passes through (the file is then as it was). Also makes the next
    `goaltui log` take the full path, which replays the file first.
    """
    path = spill_path(data)
    locations.ensure_dir(path.parent)
    with locked(_lock_path(data)):
        items, _problems = _read(path)
        _write(path, data, [*items, *taps])
    with suppress(OSError):  # the quick path's state: without it, the next tap goes the full way
        os.unlink(quickstate.state_file(str(path.parent), locations.data_key(data)))
    return path


def replay(log: TapLog) -> Replayed:
    """Write the spilled taps of ``log``'s data folder into the tap log, each once; remove what was written.

    Stops at the first write the disk refuses: what is left stays in the file
    (``left``, ``error``). A line that cannot be read stays in the file too,
    and is reported in ``problems``.
    """
    data = log.data_dir
    path = spill_path(data)
    result = Replayed()
    try:
        os.lstat(path)
    except FileNotFoundError:
        return result
    with locked(_lock_path(data)):
        items, result.problems = _read(path)
        bad = [item for item in items if isinstance(item, str)]
        kept = [item for item in items if isinstance(item, Kept)]
        todo = _not_written(log, kept)
        if todo:
            # Marked before the first append: after a crash from here on, the next replay looks for them.
            todo = [Kept(k.tap, month_size(log, k.tap.at)) for k in todo]
            _write(path, data, [*bad, *todo])
        for i, item in enumerate(todo):
            tap = item.tap
            try:
                written = log.append(
                    tap.metric,
                    tap.n,
                    now=tap.at,
                    day=tap.day,
                    note=tap.note,
                    who=tap.who,
                    level=tap.level,
                    undo=tap.undo,
                )
                result.written.append(written)
            except ValueError as err:
                bad.append(item.line())
                result.problems.append(
                    _("{file}: cannot write {key}: {error}").format(file=path.name, key=tap.key, error=err)
                )
            except OSError as err:
                # The one refused keeps its mark; those after it were never tried.
                rest = [item, *(Kept(k.tap) for k in todo[i + 1 :])]
                with suppress(OSError):  # else the file keeps every mark: the next replay looks, and finds
                    _write(path, data, [*bad, *rest])
                result.left, result.error = len(rest), err
                return result
        if bad:
            if todo:
                _write(path, data, bad)
        else:
            path.unlink()
            fsync_dir(path.parent)
    return result


def _read(path: Path) -> tuple[list[Kept | str], list[str]]:
    """The taps of the spill file in order, each line that is not one as it is (a str), and what was wrong."""
    data = _read_file(path)
    if data is None:
        return [], []
    items: list[Kept | str] = []
    problems: list[str] = []
    for number, raw in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        try:
            tap = parse_line(text)
        except ValueError as err:
            items.append(raw + "\n")
            problems.append(
                _("{file}:{line}: kept a line that is not a tap: {error}").format(
                    file=path.name, line=number, error=err
                )
            )
            continue
        mark = _SINCE.search(text)
        items.append(Kept(tap, int(mark.group(1)) if mark else None))
    return items, problems


def _write(path: Path, data: Path, items: Sequence[Kept | str]) -> None:
    lines = [item if isinstance(item, str) else item.line() for item in items]
    atomic_write(path, (HEADER.format(data=data) + "".join(lines)).encode("utf-8"))


def month_size(log: TapLog, at: datetime) -> int:
    """The size of this device's month file a tap made at ``at`` goes to: a write of it begins after this."""
    try:
        return os.stat(log.month_path(at)).st_size
    except FileNotFoundError:
        return 0


def _not_written(log: TapLog, kept: list[Kept]) -> list[Kept]:
    """The spilled taps not found in this device's tap files (see the module's notes)."""
    files: dict[Path, list[tuple[int, Tap]]] = {}
    used: set[tuple[Path, int]] = set()
    todo = []
    for item in kept:
        tap = item.tap
        path = log.month_path(tap.at)
        if path not in files:
            files[path] = _taps_at(path)
        found = None
        for offset, there in files[path]:
            if (path, offset) in used or not _same(there, tap):
                continue
            if there.at == tap.at or (item.since is not None and offset >= item.since and there.at > tap.at):
                found = offset
                break
        if found is None:
            todo.append(item)
        else:
            used.add((path, found))
    return todo


def _same(there: Tap, tap: Tap) -> bool:
    mine = (tap.metric, tap.n, tap.note, tap.counts_for, "", tap.who, tap.level, tap.undo)
    there_is = (there.metric, there.n, there.note, there.counts_for, there.for_key, there.who, there.level, there.undo)
    return there_is == mine


def _read_file(path: Path) -> bytes | None:
    """A regular file's bytes (up to the limit), None when there is none; a symlink or a FIFO is an OSError."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(_("{path}: not a regular file").format(path=path))
        chunks = []
        left = min(st.st_size, _LIMIT)
        while left > 0 and (chunk := os.read(fd, left)):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _taps_at(path: Path) -> list[tuple[int, Tap]]:
    """Each tap of a month file with the offset of its line; unreadable lines are left out."""
    try:
        data = _read_file(path) or b""
    except OSError:
        return []
    found = []
    offset = 0
    for raw in data.split(b"\n"):
        with suppress(ValueError):
            found.append((offset, parse_line(raw.decode("utf-8"))))
        offset += len(raw) + 1
    return found

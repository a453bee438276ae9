"""The quick path: `goaltui log KEY [N]` and `goaltui status --line` in little more than Python's own start.

`goaltui log p` is typed all day and a prompt runs `status --line` at every
command: neither should pay for loading goals.toml, the model and the heavier
parts of the standard library. This module (with store/quickstate.py) imports
only what Python has loaded before it runs a line of ours (os, sys, time) and
two small C modules (fcntl, zlib). It answers from the state file the last
full run left for the data folder (beside the status line, device-local; its
format is in store/quickstate.py), and only when that file proves nothing has
changed since: the same day, the same folders, and the same goals.toml and
tap files (their stamp). Anything it cannot do for certain it leaves to the
full command, and it decides that before it writes a byte.
"""

from __future__ import annotations

import fcntl
import os
import time

from goaltui.lang import _
from goaltui.model import standing
from goaltui.model.numbers import SURE_N, quantity
from goaltui.store import quickstate, tapline
from goaltui.store.files import open_file

TYPE_CHECKING = False  # typing itself is not loaded here: it costs more than this module
if TYPE_CHECKING:
    from datetime import datetime

_TAIL = 512  # bytes read back for the latest keys; a longer last line goes the full way


# --------------------------------------------------------------------------- the quick commands


class Folder:
    """A data folder whose state file the quick path may trust: resolved as the full run that wrote it did."""

    __slots__ = ("data", "key", "saved", "state")

    def __init__(self, data: str, state: str, key: str, saved: quickstate.State) -> None:
        self.data, self.state, self.key, self.saved = data, state, key, saved


def folder(override: str | None) -> Folder | None:
    data, state = quickstate.folder_of("data", override), quickstate.folder_of("state")
    if data is None or state is None:
        return None
    data = os.path.realpath(data)
    key = quickstate.data_key(data)
    saved = quickstate.read_state(state, key)
    if saved is None or saved.data != data or saved.where != quickstate.where():
        return None
    return Folder(data, state, key, saved)


def _split(argv: list[str], command: list[str]) -> tuple[str | None, list[str]] | None:
    """``[--data-dir DIR] COMMAND...``: the folder given and the rest, if ``argv`` starts so; else None."""
    override = None
    if len(argv) >= 2 and argv[0] == "--data-dir":
        override, argv = argv[1], argv[2:]
    if argv[: len(command)] != command:
        return None
    return override, argv[len(command) :]


def line(argv: list[str], today: str | None = None) -> str | None:
    """`goaltui [--data-dir DIR] status --line`: the kept line, if it was computed today from the files as they are.

    ``today``: the date (YYYY-MM-DD), by default from ``now_key``.
    """
    split = _split(argv, ["status", "--line"])
    if split is None or split[1]:
        return None
    today = today or now_key()[1]
    place = folder(split[0])
    if place is None or place.saved.day != today or place.saved.line_stamp != quickstate.data_stamp(place.data):
        return None  # a tap, a goals edit or a new day since: the pace has moved
    try:
        with open(quickstate.line_file(place.state, place.key), encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        return None


class Logged:
    """A tap the quick path saved: what to print, and what the status line's refresh needs (``drawn``: none)."""

    __slots__ = ("counts", "day", "drawn", "message", "place")

    def __init__(self, message: str, place: Folder, day: str, counts: str, drawn: bool = False) -> None:
        self.message, self.place, self.day, self.counts, self.drawn = message, place, day, counts, drawn


def log(argv: list[str], now: tuple[str, str] | None = None) -> Logged | None:
    """`goaltui [--data-dir DIR] log KEY [N]` with a whole N of 1 or more, today: saved, or None before any write.

    ``now`` is the tap's key and today's date (see ``now_key``). The tap is
    written as the full path writes it: one line, O_APPEND, fsync, under the
    data folder's lock, with a key later than every key near the end of the
    file.
    """
    split = _split(argv, ["log"])
    if split is None or not 1 <= len(split[1]) <= 2:
        return None
    override, (wanted, *amount) = split
    if wanted.startswith("-") or (amount and not (amount[0].isascii() and amount[0].isdigit())):
        return None
    n = int(amount[0]) if amount else 1
    if not 1 <= n <= SURE_N:  # more than a handful at once: the full path compares it with the user's best day
        return None
    place = folder(override)
    if place is None or place.saved.counts is None:
        return None
    key, today = now or now_key()
    if not "1900" <= key[:4] <= "9998":
        return None  # the full path says what is wrong with the clock
    saved = place.saved
    metric = _metric(saved.metrics, wanted.strip().lower())
    if metric is None or saved.day != today or not _is_device(place.state, saved.device):
        return None
    try:
        lock = os.open(quickstate.lock_file(place.state, place.key), os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        counts = _append(place, metric, n, key, today)
    finally:
        os.close(lock)  # closing releases the lock
    if counts is None:
        return None
    drawn = place.saved.line_stamp == counts
    said = _("{metric}: {total} today").format(metric=metric.id, total=quantity(metric.total, metric.unit))
    return Logged(f"{said}\n", place, today, counts, drawn)


def _metric(metrics: list[quickstate.Metric], wanted: str) -> quickstate.Metric | None:
    """By id, else by key, as the full path looks first (a prefix of an id goes the full way)."""
    for metric in metrics:
        if metric.id == wanted:
            return metric
    for metric in metrics:
        if metric.key == wanted:
            return metric
    return None


def _is_device(state: str, device: str) -> bool:
    try:
        with open(os.path.join(state, "device"), encoding="utf-8") as f:
            return f.read().strip() == device
    except (OSError, UnicodeDecodeError):
        return False


def _append(place: Folder, metric: quickstate.Metric, n: int, key: str, today: str) -> str | None:
    """Under the lock: write the tap if nothing changed since the counts were kept; the new counts stamp."""
    saved = place.saved
    try:
        goals = os.stat(os.path.join(place.data, "goals.toml"))
        newest, size, files = quickstate.tap_files(place.data)
    except OSError:
        return None
    if quickstate.stamp_of(goals, newest, size, files) != saved.counts:
        return None  # a tap or an edit since the counts were kept: the full path counts again
    try:  # never through a link; a new month's file, or anything odd, goes the full way
        fd, st = open_file(place.data, f"taps/{saved.device}/{key[:7]}.toml", os.O_RDWR | os.O_APPEND)
    except OSError:
        return None
    try:
        before = st.st_size
        at = _later_key(fd, before, key)
        if at is None:
            return None
        # Moved past midnight by a later line, it still counts for today.
        line = tapline.encode(at, metric.id, n, today if at[:10] != today else "")
        try:
            tapline.write(fd, line, before)
        except OSError:
            return None  # nothing saved: the full path tries again and says what is wrong
        after = os.fstat(fd)
    finally:
        os.close(fd)
    # Saved. The state now says so, counted from the stamp checked above plus this one line.
    metric.total += n
    saved.counts = quickstate.stamp_of(goals, max(newest, after.st_mtime_ns), size + after.st_size - before, files)
    saved.line_stamp = "-"  # the kept line does not show this tap yet
    drawn = _line_after(saved.figures, metric, n)
    if drawn is not None:
        try:
            quickstate.replace(quickstate.line_file(place.state, place.key), (drawn + "\n").encode("utf-8"))
            saved.line_stamp = saved.counts
        except OSError:
            pass  # the refresh after the tap writes it
    try:  # noqa: SIM105
        quickstate.write_state(place.state, place.key, saved)
    except OSError:
        pass  # the old state's stamp no longer matches: the next command counts in full
    return saved.counts


def _line_after(figures: list[quickstate.Figure] | None, metric: quickstate.Metric, n: int) -> str | None:
    """The status line with ``n`` more of ``metric`` today, from the figures kept; None when it cannot be sure.

    Whole counts only: a sum of whole numbers is the same in any order, so the
    progress is what counting every tap again would give.
    """
    if figures is None or not metric.whole:
        return None
    for figure in figures:
        if figure.metric == metric.id and figure.counts_today:
            if not figure.progress.is_integer():
                return None
            figure.progress += n
    if not figures:
        return standing.NO_GOALS
    return standing.SEPARATOR.join(standing.line_parts([_standing(f) for f in figures]))


def _standing(figure: quickstate.Figure) -> tuple[str, float, float, str]:
    """``(key, progress, target, status)`` of one goal for the line."""
    f = figure
    status = standing.status(f.progress, f.target, f.expected, f.next_line, f.over)
    return f.key, f.progress, f.target, status


def _later_key(fd: int, size: int, key: str) -> str | None:
    """``key``, or 1 ms after the latest key near the file's end if that is not earlier; None when unsure."""
    if size == 0:
        return key
    start = max(0, size - _TAIL)
    chunk = os.pread(fd, size - start, start).decode("utf-8", "replace")
    if not chunk.endswith("\n"):
        return None  # a torn last line: the full path ends it first
    lines = chunk.split("\n")[1 if start else 0 : -1]
    latest = ""
    for text in lines:
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        other = text[1 : text.find('"', 1)] if text.startswith('"') else ""
        if len(other) != len(key) or other[23:] != key[23:] or other[10] != "T" or other[:7] != key[:7]:
            return None  # another form, UTC offset or month: the full path compares them as times
        latest = max(latest, other)
    if not latest:
        return None
    return key if key > latest else _one_ms_after(latest)


def _one_ms_after(key: str) -> str:
    from datetime import datetime, timedelta  # only when the clock did not move on (or went back)

    return (datetime.fromisoformat(key) + timedelta(milliseconds=1)).isoformat(timespec="milliseconds")


def now_key() -> tuple[str, str]:
    """Now as a tap's key (local time to the millisecond, with its UTC offset) and today's date.

    ``$GOALTUI_NOW`` (ISO) pins the clock, as for the full command.
    """
    pinned = os.environ.get("GOALTUI_NOW")
    if pinned:
        from datetime import datetime

        return key_of(datetime.fromisoformat(pinned).astimezone())
    ns = time.time_ns()
    local = time.localtime(ns // 1_000_000_000)
    offset = local.tm_gmtoff
    if offset % 60:
        from datetime import datetime  # a zone offset in seconds: written as the full path writes it

        return key_of(datetime.fromtimestamp(ns / 1e9).astimezone())
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset) // 60, 60)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", local)
    return f"{stamp}.{ns // 1_000_000 % 1000:03d}{sign}{hours:02d}:{minutes:02d}", stamp[:10]


def key_of(now: datetime) -> tuple[str, str]:
    """A tap's key and day for an aware datetime (as TapLog.append makes it)."""
    at = now.replace(microsecond=now.microsecond // 1000 * 1000)
    return at.isoformat(timespec="milliseconds"), at.date().isoformat()

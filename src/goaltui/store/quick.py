"""The quick path: `goaltui log KEY [N]` and `goaltui status --line` in little more than Python's own start.

`goaltui log p` is typed all day and a prompt runs `status --line` at every
command: neither should pay for loading goals.toml, the model and the heavier
parts of the standard library. This module imports only what Python has
loaded before it runs a line of ours (os, sys, time) and two small C modules
(fcntl, zlib). It answers from the state file the last full run left for the
data folder (beside the status line, device-local), and only when that file
proves nothing has changed since: the same day, the same folders, and the same
goals.toml and tap files (their stamp). Anything it cannot do for certain it
leaves to the full command, and it decides that before it writes a byte.

The state file, one per data folder::

    2026-11-25 <stamp the kept line was computed at, or - once a tap came after it>
    where <the environment the folders were resolved in>
    data /home/you/.local/share/goaltui
    device laptop-3f2a1c
    counts <stamp the totals below were counted at>
    metric prospects p 1 12
    metric revenue v 0 250.5 EUR
    figures
    figure prospects p 12 30 18.0 24.0 1 0

``metric`` lines give id, key, whether counts are whole, today's total, and
the unit. ``figure`` lines give each goal on the status line, in its order:
the metric, its key, progress, target, the line at the start and at the end
of today, whether a tap today adds to the progress, and whether the window
has ended (model/statusline.MetricFigure): with them a tap rewrites the line
itself (model/standing.py), with no pace worked out again. Only a full run of
`goaltui log` or `status --line` writes the counts and the figures; the app
keeps the line and its stamp only.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
import zlib

from goaltui.model import standing
from goaltui.model.numbers import SURE_N, quantity
from goaltui.store import tapline
from goaltui.store.files import open_file

TYPE_CHECKING = False  # typing itself is not loaded here: it costs more than this module
if TYPE_CHECKING:
    from datetime import datetime

APP = "goaltui"
FILE_MODE = 0o600
VERSION = "goaltui-state 3"
_TAIL = 512  # bytes read back for the latest keys; a longer last line goes the full way


# --------------------------------------------------------------------------- where things are


XDG = {  # platformdirs' user folders on Linux: the variable, and the folder under HOME without it
    "data": ("XDG_DATA_HOME", ".local/share"),
    "config": ("XDG_CONFIG_HOME", ".config"),
    "state": ("XDG_STATE_HOME", ".local/state"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
}


def user_dir(kind: str) -> str | None:
    """goaltui's user folder of ``kind`` by the XDG rule, where every platformdirs release agrees; else None.

    That is on Linux, with the variable an absolute path, or unset or empty and
    HOME absolute. Anything else (another platform, a relative value) is for
    platformdirs itself, which costs more to load than the rest of a tap.
    """
    if not sys.platform.startswith("linux") or "ANDROID_DATA" in os.environ:
        return None
    variable, under_home = XDG[kind]
    base = os.environ.get(variable, "")
    if not base:
        home = os.environ.get("HOME", "")
        base = os.path.join(home, under_home) if home.startswith("/") else ""
    return os.path.join(base, APP) if base.startswith("/") else None


def folder_of(kind: str, override: str | None = None) -> str | None:
    """goaltui's folder of ``kind``: ``override``, else ``$GOALTUI_<KIND>_DIR``, else the XDG rule.

    None: only platformdirs can say (see ``user_dir``). store.locations asks here first.
    """
    chosen = override or os.environ.get(f"GOALTUI_{kind.upper()}_DIR")
    return os.path.expanduser(chosen) if chosen else user_dir(kind)


def where() -> str:
    """What the folders were resolved from; a state file written under other settings is not used."""
    names = ("HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "GOALTUI_DATA_DIR", "GOALTUI_STATE_DIR")
    text = "|".join([sys.platform, *(os.environ.get(name, "") for name in names)])
    return text if text.isprintable() else "-"


def data_key(resolved: str) -> str:
    """A short stable name for a data folder (its resolved path); crc32 keeps OpenSSL out of the quick path."""
    return f"{zlib.crc32(resolved.encode()):08x}{len(resolved):04x}"


def line_file(state: str, key: str) -> str:
    return os.path.join(state, f"status-line-{key}.txt")


def state_file(state: str, key: str) -> str:
    return os.path.join(state, f"status-line-{key}.state")


def lock_file(state: str, key: str) -> str:
    return os.path.join(state, "locks", f"{key}.lock")


# --------------------------------------------------------------------------- the stamp


def data_stamp(data: str) -> str | None:
    """goals.toml's identity and the newest change, total size and number of the tap files; None without goals.

    Take it before reading: what was read is then at least as new as the stamp.
    """
    try:
        goals = os.stat(os.path.join(data, "goals.toml"))
        newest, size, files = _taps(data)
    except OSError:
        return None
    return _stamp(goals, newest, size, files)


def _stamp(goals: os.stat_result, newest: int, size: int, files: int) -> str:
    return f"{goals.st_ino}:{goals.st_mtime_ns}:{goals.st_size}/{newest}:{size}:{files}"


def _taps(data: str) -> tuple[int, int, int]:
    newest = size = files = 0
    for device in _entries(os.path.join(data, "taps")):
        if device.is_dir(follow_symlinks=False):
            for entry in _entries(device.path):
                st = entry.stat(follow_symlinks=False)
                newest, size, files = max(newest, st.st_mtime_ns), size + st.st_size, files + 1
    return newest, size, files


def _entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except FileNotFoundError:
        return []


# --------------------------------------------------------------------------- the state file


class Metric:
    """One metric as the state file keeps it: enough to log it and say its total."""

    __slots__ = ("id", "key", "total", "unit", "whole")

    def __init__(self, id: str, key: str, whole: bool, total: float, unit: str) -> None:
        self.id, self.key, self.whole, self.total, self.unit = id, key, whole, total, unit


class Figure:
    """One goal on the status line as the state file keeps it: enough to draw it again after a tap today."""

    __slots__ = ("counts_today", "expected", "key", "metric", "next_line", "over", "progress", "target")

    def __init__(
        self,
        metric: str,
        key: str,
        progress: float,
        target: float,
        expected: float,
        next_line: float,
        counts_today: bool,
        over: bool,
    ) -> None:
        self.metric, self.key, self.progress, self.target = metric, key, progress, target
        self.expected, self.next_line, self.counts_today, self.over = expected, next_line, counts_today, over

    def encode(self) -> str:
        numbers = " ".join(repr(float(x)) for x in (self.progress, self.target, self.expected, self.next_line))
        return f"figure {self.metric} {self.key} {numbers} {int(self.counts_today)} {int(self.over)}"

    @classmethod
    def decode(cls, rest: str) -> Figure:
        """``ValueError`` for a line that is not one."""
        metric, key, progress, target, expected, next_line, today, over = rest.split(" ")
        numbers = [float(x) for x in (progress, target, expected, next_line)]
        return cls(metric, key, numbers[0], numbers[1], numbers[2], numbers[3], today == "1", over == "1")

    def standing(self) -> tuple[str, float, float, str]:
        """``(key, progress, target, status)`` for the line."""
        status = standing.status(self.progress, self.target, self.expected, self.next_line, self.over)
        return self.key, self.progress, self.target, status


class State:
    """The state file's fields (see the module's docstring); ``counts`` None: no totals kept, ``figures`` None: none."""

    __slots__ = ("counts", "data", "day", "device", "figures", "line_stamp", "metrics", "where")

    def __init__(
        self,
        day: str,
        line_stamp: str,
        where: str,
        data: str,
        device: str = "",
        counts: str | None = None,
        metrics: list[Metric] | None = None,
        figures: list[Figure] | None = None,
    ) -> None:
        self.day, self.line_stamp, self.where, self.data = day, line_stamp, where, data
        self.device, self.counts, self.metrics, self.figures = device, counts, metrics or [], figures

    def encode(self) -> str:
        lines = [f"{VERSION}", f"{self.day} {self.line_stamp}", f"where {self.where}", f"data {self.data}"]
        if self.counts is not None and self.device and all(_word(m.id) and _word(m.key) for m in self.metrics):
            lines += [f"device {self.device}", f"counts {self.counts}"]
            lines += [f"metric {m.id} {m.key} {int(m.whole)} {m.total!r} {m.unit}".rstrip() for m in self.metrics]
            if self.figures is not None and all(_word(f.metric) and _word(f.key) for f in self.figures):
                lines += ["figures", *(f.encode() for f in self.figures)]
        return "\n".join(lines) + "\n"

    @classmethod
    def decode(cls, text: str) -> State | None:
        lines = text.split("\n")
        if len(lines) < 4 or lines[0] != VERSION:
            return None
        day, _, line_stamp = lines[1].partition(" ")
        state = cls(day, line_stamp, lines[2].removeprefix("where "), lines[3].removeprefix("data "))
        try:
            for line in lines[4:]:
                word, _, rest = line.partition(" ")
                if word == "device":
                    state.device = rest
                elif word == "counts":
                    state.counts = rest
                elif word == "metric":
                    id, key, whole, total, *unit = rest.split(" ")
                    state.metrics.append(Metric(id, key, whole == "1", float(total), " ".join(unit)))
                elif word == "figures":
                    state.figures = []
                elif word == "figure" and state.figures is not None:
                    state.figures.append(Figure.decode(rest))
        except ValueError:
            return None
        return state


def _word(text: str) -> bool:
    return bool(text) and text.isprintable() and " " not in text


def read_state(state: str, key: str) -> State | None:
    try:
        with open(state_file(state, key), encoding="utf-8") as f:
            return State.decode(f.read())
    except (OSError, UnicodeDecodeError):
        return None


def write_state(state: str, key: str, value: State) -> None:
    """Replace the state file atomically (a reader sees the old or the new one); a view, so not fsynced."""
    replace(state_file(state, key), value.encode().encode("utf-8"))


def replace(path: str, data: bytes) -> None:
    tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{os.getpid()}.new")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:  # noqa: SIM105 (contextlib costs more to load than this whole module)
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --------------------------------------------------------------------------- the quick commands


class Folder:
    """A data folder whose state file the quick path may trust: resolved as the full run that wrote it did."""

    __slots__ = ("data", "key", "saved", "state")

    def __init__(self, data: str, state: str, key: str, saved: State) -> None:
        self.data, self.state, self.key, self.saved = data, state, key, saved


def folder(override: str | None) -> Folder | None:
    data, state = folder_of("data", override), folder_of("state")
    if data is None or state is None:
        return None
    data = os.path.realpath(data)
    key = data_key(data)
    saved = read_state(state, key)
    if saved is None or saved.data != data or saved.where != where():
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
    if place is None or place.saved.day != today or place.saved.line_stamp != data_stamp(place.data):
        return None  # a tap, a goals edit or a new day since: the pace has moved
    try:
        with open(line_file(place.state, place.key), encoding="utf-8") as f:
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
        lock = os.open(lock_file(place.state, place.key), os.O_RDWR | os.O_CLOEXEC)
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
    return Logged(f"{metric.id}: {quantity(metric.total, metric.unit)} today\n", place, today, counts, drawn)


def _metric(metrics: list[Metric], wanted: str) -> Metric | None:
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


def _append(place: Folder, metric: Metric, n: int, key: str, today: str) -> str | None:
    """Under the lock: write the tap if nothing changed since the counts were kept; the new counts stamp."""
    saved = place.saved
    try:
        goals = os.stat(os.path.join(place.data, "goals.toml"))
        newest, size, files = _taps(place.data)
    except OSError:
        return None
    if _stamp(goals, newest, size, files) != saved.counts:
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
    saved.counts = _stamp(goals, max(newest, after.st_mtime_ns), size + after.st_size - before, files)
    saved.line_stamp = "-"  # the kept line does not show this tap yet
    drawn = _line_after(saved.figures, metric, n)
    if drawn is not None:
        try:
            replace(line_file(place.state, place.key), (drawn + "\n").encode("utf-8"))
            saved.line_stamp = saved.counts
        except OSError:
            pass  # the refresh after the tap writes it
    try:  # noqa: SIM105
        write_state(place.state, place.key, saved)
    except OSError:
        pass  # the old state's stamp no longer matches: the next command counts in full
    return saved.counts


def _line_after(figures: list[Figure] | None, metric: Metric, n: int) -> str | None:
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
    return standing.SEPARATOR.join(standing.line_parts([f.standing() for f in figures]))


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

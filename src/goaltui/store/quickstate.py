"""The quick path's state: where goaltui's folders are, the stamp of a data folder, and the state file.

The full command writes the state file (store/statusline.py); the quick path
(store/quick.py) trusts it only while the stamp it was written at still
matches. This is its own module, not part of quick.py, so that what the
state is (its folders, its stamp, its file's format) reads apart from what
the quick commands do with it, and so that store/locations.py and
store/statusline.py use the same state without the quick commands' code.
Being on the quick path, it imports only os, sys and zlib: loading it costs
a fraction of a millisecond.

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

import os
import sys
import zlib

APP = "goaltui"
FILE_MODE = 0o600
VERSION = "goaltui-state 3"


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
        newest, size, files = tap_files(data)
    except OSError:
        return None
    return stamp_of(goals, newest, size, files)


def stamp_of(goals: os.stat_result, newest: int, size: int, files: int) -> str:
    return f"{goals.st_ino}:{goals.st_mtime_ns}:{goals.st_size}/{newest}:{size}:{files}"


def tap_files(data: str) -> tuple[int, int, int]:
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

"""Device-local files for life outside the app: the status line a prompt reads, and what was reminded today.

Both live in this machine's state folder (never the synced data folder), one
per data folder. The line is replaced atomically (a prompt never reads half a
line) but not fsynced: it is a view, rebuilt at the next tap.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from goaltui.store import locations
from goaltui.store.durable import atomic_write


def line_path(data: Path) -> Path:
    """Where the status line of ``data`` is kept (`goaltui status --line-file`)."""
    return locations.state_dir() / f"status-line-{locations.data_key(data)}.txt"


def _state_path(data: Path) -> Path:
    return locations.state_dir() / f"status-line-{locations.data_key(data)}.state"


def data_stamp(data: Path) -> int | None:
    """The newest change to goals.toml or any tap file (ns); None without a goals.toml. Take it before reading."""
    try:
        newest = os.stat(data / "goals.toml").st_mtime_ns
        for device in _entries(data / "taps"):
            if device.is_dir():
                newest = max([newest, *(m.stat().st_mtime_ns for m in _entries(Path(device.path)))])
    except OSError:
        return None
    return newest


def write_line(data: Path, line: str, day: date, stamp: int | None) -> None:
    """Keep ``line``, computed for ``day`` from the files as they were at ``stamp`` (see data_stamp)."""
    path = line_path(data)
    locations.ensure_dir(path.parent)
    # A view, rebuilt at the next tap: atomic (a prompt never reads half a line) but not fsynced.
    atomic_write(path, (line + "\n").encode("utf-8"), durable=False)
    state = f"{day.isoformat()} {stamp if stamp is not None else -1}\n"
    atomic_write(_state_path(data), state.encode("utf-8"), durable=False)


def fresh_line(data: Path, today: date) -> str | None:
    """The kept line, if it was computed today from the files as they are now."""
    try:
        day, stamp = _state_path(data).read_text(encoding="utf-8").split()
        line = line_path(data).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    if day != today.isoformat() or stamp != str(data_stamp(data)):
        return None  # a tap, a goals edit or a new day since: the pace has moved
    return line


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except FileNotFoundError:
        return []


def reminded_path(data: Path) -> Path:
    return locations.state_dir() / f"reminded-{locations.data_key(data)}.json"


def reminded(data: Path, day: date) -> set[str]:
    """The goals already reminded of on ``day`` (an unreadable or older file: none)."""
    try:
        state = json.loads(reminded_path(data).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(state, dict) or state.get("date") != day.isoformat():
        return set()
    goals = state.get("goals", [])
    return {g for g in goals if isinstance(g, str)} if isinstance(goals, list) else set()


def remember_reminded(data: Path, day: date, goals: set[str]) -> None:
    """Record that ``goals`` were reminded of on ``day`` (replacing any earlier day's record)."""
    path = reminded_path(data)
    locations.ensure_dir(path.parent)
    atomic_write(path, json.dumps({"date": day.isoformat(), "goals": sorted(goals)}).encode("utf-8"))

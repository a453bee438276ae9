"""Device-local files for life outside the app: the status line a prompt reads, and what was reminded today.

Both live in this machine's state folder (never the synced data folder), one
per data folder. The line is replaced atomically (a prompt never reads half a
line) but not fsynced: it is a view, rebuilt at the next tap.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from goaltui.store import locations, quickstate
from goaltui.store.durable import atomic_write, locked

if TYPE_CHECKING:
    from goaltui.model.goals import Metric
    from goaltui.model.statusline import MetricFigure


def line_path(data: Path) -> Path:
    """Where the status line of ``data`` is kept (`goaltui status --line-file`)."""
    return Path(quickstate.line_file(str(locations.state_dir()), locations.data_key(data)))


def data_stamp(data: Path) -> str | None:
    """The newest change to goals.toml or any tap file; None without a goals.toml. Take it before reading."""
    return quickstate.data_stamp(str(data))


def write_line(
    data: Path,
    line: str,
    day: date,
    stamp: str | None,
    *,
    totals: tuple[str, list[Metric], dict[str, float]] | None = None,
    figures: list[MetricFigure] | None = None,
    replacing: str | None = None,
) -> bool:
    """Keep ``line``, computed for ``day`` from the files as they were at ``stamp`` (see data_stamp).

    ``totals`` (the device, the plan's metrics and today's totals, counted at
    ``stamp`` too) lets the quick path log the next tap, and ``figures`` (the
    line's, counted at ``stamp``) draw the line again after it. ``replacing``: write
    only while the kept totals are still those counted at that stamp, so a
    refresh that started before a newer tap never puts older figures back.
    False when it did not write for that reason.
    """
    key = locations.data_key(data)
    state_dir = locations.ensure_dir(locations.state_dir())
    kept = quickstate.State(day.isoformat(), stamp or "-", quickstate.where(), str(data.resolve()))
    if totals is not None and stamp is not None:
        device, metrics, today = totals
        kept.device, kept.counts = device, stamp
        # A level is read off, never tapped: `goaltui log` of one goes the full way, which says so.
        kept.metrics = [
            quickstate.Metric(m.id, m.key, not m.is_amount, today.get(m.id, 0), m.unit or "")
            for m in metrics
            if not m.is_level
        ]
        if figures is not None:
            kept.figures = kept_figures(figures)
    with locked(locations.lock_path(data)) if replacing is not None else nullcontext():
        if replacing is not None:
            now = quickstate.read_state(str(state_dir), key)
            if now is None or now.counts != replacing:
                return False
        # A view, rebuilt at the next tap: atomic (a prompt never reads half a line) but not fsynced.
        quickstate.replace(str(line_path(data)), (line + "\n").encode("utf-8"))
        quickstate.write_state(str(state_dir), key, kept)
    return True


class LineWrites:
    """When the app writes the status line: at once, unless it wrote it less than ``every`` seconds ago.

    A call block is a tap every second or two for an hour; the line is a view
    for a prompt, so writing it more often than once a second only costs the
    app's time. ``clock``: seconds, only ever growing (``time.monotonic``).
    """

    def __init__(self, every: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.every = every
        self.clock = clock
        self._last: float | None = None

    def ask(self) -> float:
        """A write is wanted: 0 to write it now (then :meth:`done`), else how many seconds to wait first."""
        if self._last is None:
            return 0.0
        return max(0.0, self._last + self.every - self.clock())

    def done(self) -> None:
        """The line is being written now."""
        self._last = self.clock()


def kept_figures(figures: list[MetricFigure]) -> list[quickstate.Figure]:
    """The line's figures as the state file keeps them, for the quick path to draw the line again after a tap."""
    return [
        quickstate.Figure(
            f.metric, f.key, f.progress or 0, f.target or 0, f.expected, f.next_line, f.counts_today, f.over
        )
        for f in figures
    ]


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

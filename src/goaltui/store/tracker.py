"""The user's data folder as the app sees it: goals, daily counts, the tap log.

``record``, ``poll`` and ``save_goals`` block on the disk: the app calls them
from one I/O thread at a time. ``apply`` only touches memory: the app calls it
on its main thread, so the counts are never read while another thread writes
them. Nothing here imports Textual.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Plan
from goaltui.model.record import record
from goaltui.model.targets import plan_as_of
from goaltui.store import conflicts, goalsfile
from goaltui.store.goalsfile import GoalsFile, GoalsFileError
from goaltui.store.tap import Tap
from goaltui.store.taplog import TapLog

if TYPE_CHECKING:  # the spill file is read only when there is one
    from goaltui.store.spill import Replayed


@record(frozen=False)
class Changes:
    """What a poll found: new taps from elsewhere, and goals.toml changed on disk."""

    taps: list[Tap] = field(default_factory=list)
    goals: GoalsFile | None = None  # goals.toml was edited and is valid
    goals_error: str | None = None  # goals.toml was edited and is not valid: keep the last good goals


class Tracker:
    """Goals, counts and the tap log of one data folder."""

    def __init__(self, data_dir: Path, *, device: str | None = None, own: bool = True) -> None:
        self.data_dir = data_dir
        self.own = own  # the user's own folder; a member's is only read, and a link in it never followed
        self.path = goalsfile.goals_path(data_dir)
        self.log = TapLog(data_dir, device=device)
        self.goals: GoalsFile | None = None
        self.counts = DailyCounts()
        self.problems: list[str] = []
        self.conflicts: list[Path] = []  # sync-conflict copies of tap files, goals.toml and reviews
        self._own: Counter[tuple[datetime, str, float]] = Counter()
        self._goals_stamp: tuple[int, int] | None = None
        self._goals_error: str | None = None
        self.today: date | None = None  # set by load(); the app moves it on at midnight
        self._measured: tuple[Plan, date, Plan] | None = None

    @property
    def plan(self) -> Plan:
        """The goals as measured on ``today``: a change decided at a review that has begun is in force.

        goals.toml keeps its words until the next review writes them in (see model/targets.plan_as_of).
        """
        if self.goals is None:
            raise RuntimeError("Tracker.load() must run first")
        raw = self.goals.plan
        if self.today is None:
            return raw
        if self._measured is None or self._measured[0] is not raw or self._measured[1] != self.today:
            self._measured = (raw, self.today, plan_as_of(raw, self.today))
        return self._measured[2]

    def load(self, today: date, *, create: bool = True) -> None:
        """Read goals.toml (writing the starter file if missing, unless not ``create``) and every tap."""
        self.today = today
        if create:  # the user's own: a typo in goals.toml never stops counting
            self.goals = goalsfile.ensure(self.path, today, kept=True)[0]
        else:
            self.goals = goalsfile.load(self.path, own=self.own)
        self._goals_stamp = self.goals.stamp
        self._goals_error = self.goals.broken or None
        self._own.clear()  # read again from the files below
        result = self.log.read()
        self.counts = result.counts
        self.problems = list(result.problems)
        self.conflicts = [*result.conflicts, *conflicts.goal_and_review_copies(self.data_dir)]

    @property
    def goals_problem(self) -> str | None:
        """What is wrong with goals.toml on disk while the last good goals stand in; None when it is fine."""
        return self._goals_error

    def record(
        self,
        metric: str,
        n: float,
        *,
        now: datetime,
        day: date | None = None,
        note: str = "",
        level: float | None = None,
        undo: str = "",
    ) -> Tap:
        """Append one tap (or a reading of a level, or its take-back) durably; ``apply`` it once this returns."""
        return self.record_all([Tap(now, metric, n, day, note, level=level, undo=undo)])[0]

    def record_all(self, taps: list[Tap]) -> list[Tap]:
        """Append taps of one month in one write (TapLog.append_all); ``apply`` them once this returns."""
        written = self.log.append_all(taps)
        for tap in written:
            self._own[(tap.at, tap.metric, tap.n)] += 1
        return written

    def replay_spill(self) -> Replayed:
        """Write the taps kept in the spill file when the app last ended (store/spill.py); ``apply`` those written.

        ``OSError`` passes through (a spill file that cannot be read).
        """
        from goaltui.store.spill import replay

        result = replay(self.log)
        for tap in result.written:
            self._own[(tap.at, tap.metric, tap.n)] += 1
        return result

    def add_note(self, tap: Tap, note: str, *, now: datetime, who: str = "") -> Tap:
        """Append a note to the earlier ``tap`` (a line of its own naming it, and perhaps who); it counts nothing."""
        line = self.log.add_note(tap, note, now=now, who=who)
        self._own[(line.at, line.metric, line.n)] += 1
        return line

    def count_again(self) -> DailyCounts:
        """Every tap read again from the files, for the app's thread to put in place of ``counts``.

        After a sync put lines into a tap file before its end (two writers' lines
        merged), where ``poll`` only reads what is after the last tap it saw.
        """
        result = self.log.read()
        self._own.clear()  # every tap written so far is in this count: none is left for a poll to skip
        return result.counts

    def apply(self, taps: list[Tap]) -> None:
        """Add saved taps to the counts (a level's readings to its readings)."""
        readings = []
        for tap in taps:
            reading = tap.reading(self.log.device)
            if reading is None:
                self.counts.add(tap.counts_for, tap.metric, tap.n)
            else:
                readings.append(reading)
        if readings:
            self.counts.read(readings)

    def poll(self) -> Changes:
        """Taps written by other processes or devices (not yet applied), and a changed goals.toml."""
        changes = Changes()
        for tap in self.log.poll():
            mark = (tap.at, tap.metric, tap.n)
            if self._own[mark]:
                self._own[mark] -= 1  # our own tap, already counted
                continue
            changes.taps.append(tap)
        stamp = goalsfile.file_stamp(self.path)
        if stamp != self._goals_stamp:
            self._goals_stamp = stamp
            try:
                self.goals = goalsfile.load(self.path, own=self.own)
                self._goals_error = None
                changes.goals = self.goals
            except GoalsFileError as err:
                if str(err) != self._goals_error:
                    changes.goals_error = self._goals_error = str(err)
        return changes

    def save_goals(self, edit: goalsfile.Edit) -> goalsfile.Saved:
        """Rewrite goals.toml with ``edit`` (see goalsfile.update)."""
        if self.goals is None:
            raise RuntimeError("Tracker.load() must run first")
        saved = goalsfile.update(self.goals, edit)
        self.goals = saved.file
        self._goals_stamp = saved.file.stamp
        return saved

"""Taps the user made that are not on disk yet, the one being written, and what undo can take back.

A plain, thread-safe state machine: the screen pushes taps, one writer thread
takes them in order (``take``, or ``take_batch``: those that go in one write,
as a burst of keys does), then reports each as ``written`` in order, or the
write as ``failed`` (the taps go back to the head and wait for a retry). ``undo`` takes back the
newest tap of this session wherever it is: still queued (dropped, nothing is
written), or being written or saved (a counter-tap is queued behind it).

A tap keeps the moment it was pressed and the day it counts for: a tap pressed
at 23:59:58 that waits for a full disk to clear still counts for its own day.
When the app ends, ``close`` hands over every tap not on disk (to be kept in
the spill file, store/spill.py) and the writer takes no more.
Nothing here touches the disk or Textual.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Hashable
from datetime import date, datetime

from goaltui.lang import _
from goaltui.model.numbers import local
from goaltui.model.record import record


@record(frozen=False, eq=False)
class PendingTap:
    """A tap the user made, from the key press until it is on disk. Compared by identity."""

    metric: str
    n: float
    at: datetime  # when it was pressed: the key it is written with
    day: date  # the day it counts for: the day pressed, or the day being backfilled
    note: str = ""
    undo: bool = False  # this tap takes back an earlier one
    undone: bool = False  # undo was pressed while this tap was being written
    since: int | None = None  # its month file's size when a write of it began (see store/spill.py)
    level: float | None = None  # a reading of a level (n is 0)
    undoes: PendingTap | None = None  # the reading this takes back (named by its key once that is written)
    key: str = ""  # the key it was written with, once it is on disk

    @property
    def backfill(self) -> date | None:
        """The ``day`` to write: only when it is not the pressed moment's own date."""
        return None if self.day == self.at.date() else self.day


@record
class Undone:
    """What ``undo`` took back: the tap, and whether it had been written (a counter-tap is then queued)."""

    tap: PendingTap
    was_saved: bool

    def words(self) -> str:
        level = self.tap.level
        metric = self.tap.metric
        if level is None:
            what = f"{metric} {local(f'{self.tap.n:+g}')}"
        else:
            what = _("the reading {metric} ={level}").format(metric=metric, level=local(f"{level:g}"))
        return what if self.was_saved else _("{what} (was not saved yet)").format(what=what)


class TapQueue:
    """Queued taps, those in flight, and this session's saved taps that undo can take back."""

    BATCH = 500  # taps in one write at most

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: deque[PendingTap] = deque()
        self._in_flight: list[PendingTap] = []  # being written, in order
        self._saved: list[PendingTap] = []  # newest last
        self._closed = False  # the app is ending: the writer takes no more

    def push(self, tap: PendingTap) -> None:
        """Queue a tap behind the others."""
        with self._lock:
            self._queue.append(tap)

    @property
    def pending(self) -> int:
        """Taps not on disk yet: queued, plus the one being written."""
        with self._lock:
            return len(self._queue) + len(self._in_flight)

    def waiting(self, metric: str, day: date) -> float:
        """The sum of the taps of ``metric`` for ``day`` not on disk yet (so not in the counts yet)."""
        with self._lock:
            return sum(t.n for t in [*self._queue, *self._in_flight] if t.metric == metric and t.day == day)

    @property
    def writing(self) -> bool:
        with self._lock:
            return bool(self._in_flight)

    def take(self) -> PendingTap | None:
        """The next tap to write (now in flight), or None when every tap is written or the queue is closed."""
        batch = self.take_batch(lambda tap: tap, most=1)
        return batch[0] if batch else None

    def take_batch(self, group: Callable[[PendingTap], Hashable], most: int = BATCH) -> list[PendingTap]:
        """The next taps to write in one go (now in flight): the first queued and those after it in the same
        ``group`` (the same file), at most ``most``; empty when every tap is written or the queue is closed."""
        with self._lock:
            if self._in_flight:
                raise RuntimeError("one write at a time: report the taps in flight first")
            if self._closed or not self._queue:
                return []
            first = group(self._queue[0])
            while self._queue and len(self._in_flight) < most and group(self._queue[0]) == first:
                self._in_flight.append(self._queue.popleft())
            return list(self._in_flight)

    @property
    def closed(self) -> bool:
        """The app is ending: the writer takes no more."""
        with self._lock:
            return self._closed

    def holds(self, tap: PendingTap) -> bool:
        """``tap`` is still to be written: ``close`` has not taken it away meanwhile."""
        with self._lock:
            return any(tap is flying for flying in self._in_flight)

    def close(self) -> tuple[list[PendingTap], list[PendingTap]]:
        """The app is ending: the taps in flight, and the queued taps, in order; nothing more is taken.

        Taps pushed after this wait for the next ``close``; ``reopen`` undoes it.
        """
        with self._lock:
            self._closed = True
            flying, self._in_flight = self._in_flight, []
            taps = list(self._queue)
            self._queue.clear()
            return flying, taps

    def reopen(self, taps: list[PendingTap]) -> None:
        """``close`` was premature (the spill file could not be written): the taps wait again, at the head."""
        with self._lock:
            self._closed = False
            self._queue.extendleft(reversed(taps))

    def written(self, tap: PendingTap) -> bool:
        """The first tap in flight is on disk. Returns whether more are waiting (in flight or queued).

        A tap undone while it was being written is not kept for undo: its
        counter-tap is already queued behind it.
        """
        with self._lock:
            if self._gone(tap):
                return False
            self._in_flight.pop(0)
            if not tap.undo and not tap.undone:
                self._saved.append(tap)
            return bool(self._queue) or bool(self._in_flight)

    def failed(self, tap: PendingTap) -> None:
        """The write of the taps in flight (``tap`` first) failed: they go back to the head of the queue, to retry."""
        with self._lock:
            if self._gone(tap):
                return
            self._put_back()

    def put_back(self) -> None:
        """Whatever was in flight when its writer failed goes back to the head of the queue, to retry."""
        with self._lock:
            self._put_back()

    def _put_back(self) -> None:
        self._queue.extendleft(reversed(self._in_flight))
        self._in_flight = []

    def undo(self, now: datetime) -> Undone | None:
        """Take back this session's newest tap (not an undo itself). None when there is nothing to take back."""
        with self._lock:
            for i in range(len(self._queue) - 1, -1, -1):
                if not self._queue[i].undo:
                    dropped = self._queue[i]
                    del self._queue[i]
                    return Undone(dropped, was_saved=False)
            for flying in reversed(self._in_flight):
                if not flying.undo and not flying.undone:
                    flying.undone = True  # its counter-tap goes after it, whether this write succeeds or is retried
                    self._queue.append(_counter(flying, now))
                    return Undone(flying, was_saved=True)
            if not self._saved:
                return None
            target = self._saved.pop()
            self._queue.append(_counter(target, now))
            return Undone(target, was_saved=True)

    def _gone(self, tap: PendingTap) -> bool:
        """True when ``close`` took ``tap`` away while it was being written (it is in the spill file now)."""
        if self._in_flight and tap is self._in_flight[0]:
            return False
        if self._closed:
            return True
        raise RuntimeError("that tap is not the next one being written")


def _counter(tap: PendingTap, now: datetime) -> PendingTap:
    """The record that takes ``tap`` back: the same metric and day, the amount negated (a reading: named)."""
    if tap.level is not None:
        return PendingTap(tap.metric, 0, now, tap.day, undo=True, undoes=tap)
    return PendingTap(tap.metric, -tap.n, now, tap.day, note="undo", undo=True)

"""The app's taps on their way to the disk: the queue's writer, notes on a tap, undo, and the spill file.

Taps are written in order by one worker, a burst of them in one write; the
worker then waits a while for the next tap, so a person tapping does not wait
for a worker to start. A failed write is retried until it succeeds, and the
screens say that taps are waiting. Taps the disk has not taken when the app
ends go to the spill file (store/spill.py), and come back from it at the next
start.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.worker import get_current_worker

from goaltui.lang import _, ngettext
from goaltui.model.numbers import count
from goaltui.model.shown import shown
from goaltui.store import spill
from goaltui.store.tap import Tap
from goaltui.store.tapqueue import PendingTap, TapQueue
from goaltui.tui.diskwork import DiskWork
from goaltui.tui.messages import NoteSaved, SaveFailed, TapsSaved, TapsWaiting, tell_screens

if TYPE_CHECKING:  # the notes and people code load when first used, not at every start
    from goaltui.model.people import TouchKind
    from goaltui.store.notes import NotedTap


class TapWriting(DiskWork):
    """The taps part of Disk."""

    # Seconds a tap may take to reach the disk before the screens say that taps are waiting. A tap
    # saved sooner shows only as its count: no "saving" flashes up for a frame and goes again.
    SLOW_SAVE = 0.2
    # Seconds the app's end waits for a write under way to finish, so that the spill file holds only what is
    # not on disk. A write stuck longer (a hung disk) may still finish: its tap goes to the spill file marked so.
    CLOSE_WAIT = 5.0
    # Seconds the tap writer waits for the next tap once every tap is written, before its worker ends. A tap
    # within them is written at once, without starting a worker: about 0.35 ms sooner on screen, for a person
    # tapping. The app's end wakes it; so does Textual cancelling it, within a slice.
    LINGER = 10.0
    _SLICE = 0.25

    def _start_taps(self, retry_interval: float) -> None:
        self.retry_interval = retry_interval
        self.slow_save = self.SLOW_SAVE
        self.taps = TapQueue()
        self.save_error = ""  # why taps are waiting, while a write keeps failing
        self.spilled = 0  # taps in the spill file from when the app last ended: written before any new tap
        self.farewell = ""  # what to say once the app has ended: where waiting taps were kept, or that they were not
        self._reason = ""  # the last write error, in words
        self._kept = 0  # taps this session put in the spill file
        self.lost = False  # taps could be neither saved nor kept: the app's end says which
        self._draining = False  # a tap worker runs (or waits for its retry)
        self.linger = self.LINGER
        self._more = threading.Event()  # a tap was queued: the writer, if it waits for one, takes it
        self._lingering = False  # the writer waits for the next tap; every tap before is written and told
        self._slow = False  # taps have waited longer than slow_save since the queue was last empty
        # Runs while taps wait, until the queue is empty: the loop's own timer, as a Textual timer is a task more
        # for each tap (0.05 ms, and a turn of the loop before the writer may start).
        self._slow_timer: asyncio.TimerHandle | None = None
        self._last_tap: PendingTap | None = None  # the newest tap of this session a note can go with
        self._written: dict[PendingTap, Tap] = {}  # taps a note waits for, once written: the key to name
        self._notes: list[tuple[PendingTap, str, str]] = []  # notes (text, who) waiting for their tap's write

    def tap(self, metric: str, n: float, *, day: date | None = None, note: str = "") -> float | None:
        """Count ``n`` of ``metric`` now (for ``day`` when backfilling); written in order, shown once saved.

        A take-back that would bring the day below zero is refused: nothing is queued, and what the
        day holds (saved plus waiting) is returned instead of None.
        """
        if self.refused():
            return None
        now = self.clock()
        day = day or now.date()
        if n < 0:
            held = self.tracker.counts.get(day, metric) + self.taps.waiting(metric, day)
            if held + n < 0:
                return held
        pending = PendingTap(metric, n, now, day, note)
        self._last_tap = pending if n > 0 else None  # a take-back carries no note
        self.taps.push(pending)
        self._queued()
        return None

    def read_level(self, metric: str, value: float, *, day: date | None = None) -> None:
        """Record what the level ``metric`` stands at (on ``day`` when backfilling); shown once saved, as a tap is."""
        if self.refused():
            return
        now = self.clock()
        self._last_tap = None  # a note goes with a contact counted, not with a reading
        self.taps.push(PendingTap(metric, 0, now, day or now.date(), level=value))
        self._queued()

    def undo(self) -> str | None:
        """Take back this session's last tap. Returns what was taken back, in words, or None."""
        if self.refused():
            return None
        undone = self.taps.undo(self.clock())
        if undone is None:
            return None
        if undone.tap is self._last_tap:
            self._last_tap = None
        self._queued()
        return undone.words()

    def last_tap(self) -> tuple[str, date, datetime] | None:
        """This session's newest tap a note can go with: metric, day counted, when it was made; None if none."""
        tap = self._last_tap
        return None if tap is None else (tap.metric, tap.day, tap.at)

    def note(self, text: str, who: str = "") -> bool:
        """Add ``text`` to this session's newest tap, as a new line naming it (after the tap, if still on its way).

        ``who`` names the person the tap was about. False when there is no tap to
        go with (or nothing may be written here).
        """
        if self.refused() or self._last_tap is None or not (text.strip() or who):
            return False
        self._notes.append((self._last_tap, text.strip(), who))
        self._write_notes()
        return True

    def touch(self, who: str, kind: TouchKind, note: str = "") -> None:
        """A touch (a note, no answer, ...) in this device's people log, written in a thread; it counts nothing."""
        if self.refused():
            return

        def write() -> None:
            from goaltui.store.peoplelog import PeopleLog

            try:
                PeopleLog(self.tracker.data_dir, self.tracker.log.device).append(who, kind, now=self.clock(), note=note)
            except (OSError, ValueError) as err:
                self.app.call_from_thread(
                    self.app.notify, _("Not saved: {error}").format(error=shown(str(err))), severity="error", timeout=8
                )

        self._run(write, "people")

    def _write_notes(self) -> None:
        ready = [(self._written[item], text, who) for item, text, who in self._notes if item in self._written]
        self._notes = [note for note in self._notes if note[0] not in self._written]
        # Keep only the keys a note may still need: the newest tap's and those notes wait for.
        self._written = {i: t for i, t in self._written.items() if i is self._last_tap}
        for tap, text, who in ready:
            self._run(partial(self._write_note, tap, text, who), "notes")

    def _write_note(self, tap: Tap, text: str, who: str) -> None:
        try:
            with self._lock:
                self.tracker.add_note(tap, text, now=self.clock(), who=who)
        except (OSError, ValueError) as err:
            self.app.call_from_thread(
                self.app.notify, _("Note not saved: {error}").format(error=err), severity="error", timeout=6
            )
            return
        self.app.call_from_thread(tell_screens, self.app, lambda: NoteSaved(tap.key, text, who))

    def read_taps(self, since: date, then: Callable[[list[NotedTap]], None]) -> None:
        """Every tap from ``since``'s month on, with its notes, read in a worker; ``then`` gets them (app thread).

        Only the history's hours view asks: the reader loads then, not at the start.
        """
        from goaltui.store.notes import with_notes

        def work() -> None:
            try:
                taps = with_notes(self.tracker.log.taps(since=since))
            except OSError as err:
                self.app.call_from_thread(
                    self.app.notify, _("Could not read the taps: {error}").format(error=err), severity="error"
                )
                return
            self.app.call_from_thread(then, taps)

        self._run(work, "read-taps")

    @property
    def pending(self) -> int:
        """Taps not on disk yet: this session's, and those still in the spill file."""
        return self.taps.pending + self.spilled

    @property
    def idle(self) -> bool:
        """Every tap is written and the screens have been told."""
        return (not self._draining or self._lingering) and not self.pending

    @property
    def waiting_long(self) -> bool:
        """Taps have waited for the disk longer than a moment, or a write failed: the screens say how many."""
        return self._slow or bool(self.save_error)

    def _queued(self) -> None:
        """A tap (or an undo's counter-tap) is queued: write it, and watch how long the queue takes to empty."""
        if self._slow_timer is None:
            loop = asyncio.get_running_loop()
            self._slow_timer = loop.call_later(self.slow_save, self._told, self._saving_slowly, ())
        self._drain()

    def _saving_slowly(self) -> None:
        self._slow_timer = None
        if self.taps.pending:
            self._slow = True
            tell_screens(self.app, lambda: TapsWaiting(self.pending))

    def _all_saved(self) -> None:
        """The queue is empty: nothing has waited long. A tap queued since then starts its own wait."""
        self._slow = False
        if self._slow_timer is not None:
            self._slow_timer.cancel()
            self._slow_timer = None
        if self.taps.pending:
            self._queued()

    def _drain(self) -> None:
        if not self._draining:
            self._draining = True
            self._run(self._write_taps, "taps", reset=self._taps_stopped)
        else:
            self._more.set()  # a writer waiting for the next tap takes it; one still writing finds it anyway

    def _write_taps(self) -> None:
        """The tap writer (a worker): every queued tap in order, then the next ones as they come, until none has
        come for ``linger`` seconds."""
        while self._write_queued():
            if self._wait_for_more():
                continue
            if self.taps.closed or get_current_worker().is_cancelled:
                return  # the app is ending: nothing to tell
            self.app.call_from_thread(self._drained)  # the next tap starts a writer again
            return

    def _wait_for_more(self) -> bool:
        """Wait up to ``linger`` seconds for a tap to be queued: True when one was, False when none was, the app
        is ending, or Textual cancelled the worker."""
        worker = get_current_worker()
        self._lingering = True
        try:
            waited = 0.0
            while not self._more.wait(self._SLICE):
                waited += self._SLICE
                if waited >= self.linger or worker.is_cancelled:
                    return False
        finally:
            self._lingering = False
        self._more.clear()
        return not self.taps.closed

    def _write_queued(self) -> bool:
        """Write every tap queued by now: False when a write failed (the retry timer starts the next writer) or
        the app is ending, so the writer stops."""
        if self.spilled and not self._replay_spill():
            return False
        # The taps queued by now, as many as go in one month's file: one write and one fsync for a burst of keys.
        # The take-back of a reading goes alone, once the reading is written: it names the key that got.
        while batch := self.taps.take_batch(
            lambda item: (item.at.year, item.at.month) if item.undoes is None else id(item)
        ):
            failed: OSError | None = None
            # What is on disk and what the queue holds change together, under the lock `close` takes too.
            with self._lock:
                if not self.taps.holds(batch[0]):
                    return False  # the app is ending: the taps are in the spill file now
                since = spill.month_size(self.tracker.log, batch[0].at)
                for item in batch:
                    item.since = since
                try:
                    taps = self.tracker.record_all(
                        [
                            Tap(item.at, item.metric, item.n, item.backfill, item.note, **_reading(item))
                            for item in batch
                        ]
                    )
                    for item, tap in zip(batch, taps, strict=True):
                        item.key = tap.key
                    read = self._counts_read
                except OSError as err:
                    self.taps.failed(batch[0])
                    failed = err
                else:
                    more = [self.taps.written(item) for item in batch]
            if failed is not None:
                self.app.call_from_thread(self._write_failed, failed)
                return False
            self._tell(self._taps_saved, taps, more, batch, read)
        return True

    def _taps_saved(self, taps: list[Tap], more: list[bool], items: list[PendingTap], read: int) -> None:
        for tap, left, item in zip(taps, more, items, strict=True):
            self._tap_saved(tap, left, item, read)

    def _replay_spill(self) -> bool:
        """Write the taps the spill file still holds (in the tap worker); whether all of them are on disk now."""
        try:
            with self._lock:
                result = self.tracker.replay_spill()
        except OSError as err:
            result = spill.Replayed(left=self.spilled, error=err)
        self.app.call_from_thread(self.spill_replayed, result)
        return result.error is None

    def _tap_saved(self, tap: Tap, more: bool, item: PendingTap | None = None, read: int | None = None) -> None:
        if read in (None, self._counts_read):  # else the counts read again since hold it
            self.tracker.apply([tap])
        if item is not None and (item is self._last_tap or any(note[0] is item for note in self._notes)):
            self._written[item] = tap
            self._write_notes()
        while self.tracker.log.notices:  # a link or pipe where this device's file belongs, removed to write it
            self.app.notify(
                shown(self.tracker.log.notices.pop(0)), title=_("Set right"), severity="warning", timeout=12
            )
        if self.save_error:
            self.save_error = ""
            self.app.notify(_("Saved: every waiting tap is on disk now"), timeout=3)
        if not more:
            self._all_saved()
            tell_screens(self.app, lambda: TapsSaved(self.pending))
            self.refresh_status_line()

    def _drained(self) -> None:
        self._draining = False
        if self.taps.pending:  # a tap arrived just as the worker finished
            self._drain()

    def spill_replayed(self, result: spill.Replayed) -> None:
        """Taps kept in the spill file were written (at the start, or on a retry): count them, and say so."""
        self.tracker.apply(result.written)
        self.spilled = result.left
        for problem in result.problems[:3]:
            self.app.notify(shown(problem), title=_("The spill file has a bad line"), severity="warning", timeout=8)
        if result.written:
            n = len(result.written)
            words = ngettext(
                "{n} tap kept when goaltui last ended is in the tap log now",
                "{n} taps kept when goaltui last ended are in the tap log now",
                n,
            )
            self.app.notify(words.format(n=count(n)), timeout=5)
            tell_screens(self.app, lambda: TapsSaved(self.pending))
            self.refresh_status_line()
        if result.error is not None:
            self._write_failed(result.error)
        elif self.save_error and not self.taps.pending:
            self.save_error = ""
            self.app.notify(_("Saved: every waiting tap is on disk now"), timeout=3)
            tell_screens(self.app, lambda: TapsSaved(self.pending))

    def _write_failed(self, err: OSError) -> None:
        self._reason = str(err.strerror or err)
        waiting = self.pending
        self.save_error = ngettext(
            "Not saved yet: {error}. {n} tap waiting; retrying every {seconds} s. Nothing is lost.",
            "Not saved yet: {error}. {n} taps waiting; retrying every {seconds} s. Nothing is lost.",
            waiting,
        ).format(error=err.strerror or err, n=count(waiting), seconds=count(self.retry_interval))
        tell_screens(self.app, lambda: SaveFailed(self.save_error))
        self.app.set_timer(self.retry_interval, self._retry)

    def _retry(self) -> None:
        self._draining = False
        self._drain()

    def _taps_stopped(self) -> None:
        """The tap writer failed: the tap it held waits again, and the retry timer tries once more."""
        self.taps.put_back()
        self._write_failed(OSError(_("the tap writer stopped (see the crash file)")))

    # --- the app's end ---------------------------------------------------------------

    def keep_waiting(self) -> str | None:
        """Quit anyway: every tap not on disk goes to the spill file. None once kept; else why not (they wait on)."""
        taps, maybe_written = self._close_queue()
        try:
            self._keep(taps, maybe_written)
        except OSError as err:
            self.taps.reopen(taps)
            words = _("They could not be kept in {path}: {error}")
            return words.format(path=spill.spill_path(self.tracker.data_dir), error=err.strerror or err)
        return None

    def _end_taps(self) -> None:
        """The app is ending (Disk.close): every tap not on disk goes to the spill file; ``farewell`` says where."""
        taps, maybe_written = self._close_queue()
        self._more.set()  # a writer waiting for the next tap ends now, not after its wait
        try:
            self._keep(taps, maybe_written)
        except OSError as err:
            self.lost = True
            lost = "; ".join(f"{t.metric} {t.n:+g} at {t.at:%Y-%m-%d %H:%M}" for t in taps)
            self.farewell = ngettext(
                "goaltui: {n} tap could not be saved or kept ({error}): count it again with goaltui log: {taps}",
                "goaltui: {n} taps could not be saved or kept ({error}): count them again with goaltui log: {taps}",
                len(taps),
            ).format(n=count(len(taps)), error=err.strerror or err, taps=lost)

    def _close_queue(self) -> tuple[list[PendingTap], list[PendingTap]]:
        """Take every tap not on disk from the queue; and those whose write is under way and may yet finish."""
        got = self._lock.acquire(timeout=self.CLOSE_WAIT)
        try:
            flying, queued = self.taps.close()
        finally:
            if got:
                self._lock.release()
        # With the lock held no write is under way: taps in flight were taken but not yet written.
        return [*flying, *queued], [] if got else flying

    def _keep(self, taps: list[PendingTap], maybe_written: list[PendingTap]) -> None:
        """Append ``taps`` to the spill file, with the notes that waited for them; ``OSError`` passes through."""
        if taps:
            notes: dict[int, list[str]] = {}
            names: dict[int, str] = {}
            for item, text, who in self._notes:
                notes.setdefault(id(item), []).append(text)
                names[id(item)] = who or names.get(id(item), "")
            kept = []
            for item in taps:
                note = "; ".join(t for t in [item.note, *notes.get(id(item), [])] if t)
                tap = Tap(
                    item.at, item.metric, item.n, item.backfill, note, who=names.get(id(item), ""), **_reading(item)
                )
                kept.append(spill.Kept(tap, item.since if any(item is m for m in maybe_written) else None))
            spill.keep(self.tracker.data_dir, kept)
            self._notes = [note for note in self._notes if all(note[0] is not t for t in taps)]
            self._kept += len(taps)
        n = self._kept + self.spilled
        if n and not self.lost:
            path = spill.spill_path(self.tracker.data_dir)
            if self._reason:
                words = ngettext(
                    "goaltui: {n} tap not saved yet ({reason}) is kept in {path}: "
                    "the next start writes it to the tap log.",
                    "goaltui: {n} taps not saved yet ({reason}) are kept in {path}: "
                    "the next start writes them to the tap log.",
                    n,
                )
            else:
                words = ngettext(
                    "goaltui: {n} tap not saved yet is kept in {path}: the next start writes it to the tap log.",
                    "goaltui: {n} taps not saved yet are kept in {path}: the next start writes them to the tap log.",
                    n,
                )
            self.farewell = words.format(n=count(n), reason=self._reason, path=path)


def _reading(item: PendingTap) -> dict[str, Any]:
    """A reading's value, or the key of the reading it takes back, as the tap log's writer takes them."""
    if item.undoes is not None:
        # Written before this (the queue keeps its order); else it is kept unwritten too, under the key it was made at.
        return {"undo": item.undoes.key or Tap(item.undoes.at, item.metric).key}
    return {"level": item.level} if item.level is not None else {}

"""Watching the data folder from the app: polling for changes made elsewhere, syncing, and the status line.

A poll looks for taps and goals.toml edits by other processes or devices; a
sync commits, pulls and pushes through git, then counts again what it put
where polls never look. After each change the prompt's status line is
written again, at most once a second.
"""

from __future__ import annotations

import contextlib
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual.timer import Timer

from goaltui.lang import _
from goaltui.model.shown import shown
from goaltui.store.statusline import LineWrites
from goaltui.store.tracker import Changes
from goaltui.tui.diskwork import DiskWork
from goaltui.tui.messages import GoalsChanged, TapsSaved, tell_screens

# Seconds the status line waits at least: working it out (about 1.5 ms) and starting its worker come after the
# tap's frame is drawn, not before it (a frame is 1/60 s).
AFTER_THE_FRAME = 0.05

if TYPE_CHECKING:  # the sync code loads when first used, not at every start
    from goaltui.model.counts import DailyCounts
    from goaltui.store.syncresult import SyncResult


class Watching(DiskWork):
    """The watching part of Disk."""

    def _start_watching(self) -> None:
        self._polling = False
        self._syncing = False
        self.line_writes = LineWrites()  # the status line: at most once a second
        self._line_timer: Timer | None = None  # a status line waiting for its second

    # --- changes made elsewhere ------------------------------------------------------

    def poll(self) -> None:
        """Look for taps and goal edits made by other processes or devices (one look at a time)."""
        if not self._polling and not self.read_only:
            self._polling = True
            self._run(self._read_changes, "poll", reset=self._poll_stopped)

    def _read_changes(self) -> None:
        try:
            with self._lock:
                changes = self.tracker.poll()
                read = self._counts_read
        except OSError as err:
            self.app.call_from_thread(self._poll_failed, err)
            return
        self.app.call_from_thread(self._apply_changes, changes, read)

    def _poll_failed(self, err: OSError) -> None:
        self._polling = False
        words = _("Could not read the data folder: {error}").format(error=err.strerror or err)
        self.app.notify(words, severity="error", timeout=5)

    def _apply_changes(self, changes: Changes, read: int | None = None) -> None:
        self._polling = False
        if changes.taps and read in (None, self._counts_read):
            self.tracker.apply(changes.taps)
            tell_screens(self.app, lambda: TapsSaved(self.pending))
            self.refresh_status_line()
        if changes.goals_error:
            self.app.notify(
                shown(changes.goals_error),
                title=_("goals.toml has a mistake: showing the last good goals"),
                severity="error",
                timeout=15,
            )
            tell_screens(self.app, lambda: GoalsChanged())  # the banner says it until it is mended
        elif changes.goals is not None:
            self.app.notify(_("goals.toml changed on disk: goals reloaded"), timeout=3)
            tell_screens(self.app, lambda: GoalsChanged())

    # --- sync through git ------------------------------------------------------------

    def sync(self, *, asked: bool = True) -> None:
        """Commit, pull and push the data folder in a worker; ``asked``: say so when there is nothing to do.

        The sync takes the data folder's lock only while it touches the working tree, never during the
        network steps, so a tap is never delayed by a slow remote.
        """
        from goaltui.store.sync import is_set_up

        if self.refused():
            return
        if not is_set_up(self.tracker.data_dir):
            if asked:
                words = _(
                    "This data folder does not sync yet: run 'goaltui sync init REMOTE' once (see goaltui sync --help)"
                )
                self.app.notify(
                    words,
                    severity="warning",
                    timeout=8,
                )
            return
        if self._syncing:
            if asked:
                self.app.notify(_("A sync is already running"), timeout=3)
            return
        self._syncing = True
        self._run(partial(self._sync, asked), "sync", reset=self._sync_stopped)

    def _sync(self, asked: bool) -> None:
        from goaltui.store.sync import sync
        from goaltui.store.syncresult import SyncResult, follow_up

        result = SyncResult(ok=False, summary=_("the sync stopped before it finished; nothing is lost: sync again"))
        told: list[str] = []
        try:
            result = sync(self.tracker.data_dir, self.tracker.log.device, self.clock)
            told = follow_up(result, self.tracker.log.device)
        except Exception as err:  # whatever went wrong is told, and the next sync can start
            what = (str(err).splitlines() or [""])[0]
            summary = _("{error}: {what}; nothing is lost: sync again").format(error=type(err).__name__, what=what)
            result = SyncResult(ok=False, summary=summary)
        finally:
            self.app.call_from_thread(self._synced, result, asked, told)

    def _synced(self, result: SyncResult, asked: bool, told: list[str]) -> None:
        self._syncing = False
        if result.device:
            self.tracker.log.device = result.device  # another machine writes as the old name: taps go to the new one
        if told:
            self.app.notify("\n".join(told), title=_("Sync"), severity="warning", timeout=15)
        if result.reread:
            self._read_counts_again()
        if result.received:
            self.poll()  # taps and goals that came in show up as any change made elsewhere does
        if result.conflicts:
            names = ", ".join(p.name for p in result.conflicts)
            words = _("Kept both versions: {files}. Compare it with the file beside it, merge by hand, then delete it.")
            self.app.notify(
                words.format(files=names),
                title=_("Sync conflict copy kept"),
                severity="warning",
                timeout=15,
            )
        if not result.ok:
            self.app.notify(result.summary, title=_("Sync failed: nothing is lost"), severity="error", timeout=10)
        elif asked or result.received:
            self.app.notify(result.summary, title=_("Synced"), timeout=4)

    def _read_counts_again(self) -> None:
        """Count every tap again, in a worker: a sync put lines into a tap file before its end, where polls never look.

        Taps written and polls made before the new count are in it: their
        results, still on their way to the app's thread, are not added again.
        """

        def work() -> None:
            try:
                with self._lock:
                    self._counts_read += 1
                    counts = self.tracker.count_again()
            except OSError as err:
                self.app.call_from_thread(self._poll_failed, err)
                return
            self.app.call_from_thread(self._counted_again, counts)

        self._run(work, "poll", reset=self._poll_stopped)

    def _counted_again(self, counts: DailyCounts) -> None:
        self.tracker.counts = counts
        tell_screens(self.app, lambda: TapsSaved(self.pending))
        self.refresh_status_line()

    # --- outside the app ------------------------------------------------------------

    def refresh_status_line(self) -> None:
        """Rewrite the prompt's status line (store/statusline.py) from the counts on screen, in a worker.

        At most once a second (``line_writes``), and never before the frame that shows the tap: the write waits
        on a timer, which then writes what the counts are by then; the app's end writes one still waiting.
        """
        if self.read_only or self._line_timer is not None:
            return
        wait = max(self.line_writes.ask(), AFTER_THE_FRAME)
        self._line_timer = self.app.set_timer(wait, self._line_due, name="status-line")

    def _end_line(self) -> None:
        """The app is ending (Disk.close): a status line still waiting for its second is written now."""
        if self._line_timer is not None:
            self._line_timer.stop()
            self._line_timer = None
            self._write_line(now=True)

    def _line_due(self) -> None:
        self._line_timer = None
        self._write_line()

    def _write_line(self, *, now: bool = False) -> None:
        from goaltui.model.statusline import figures, render

        self.line_writes.done()
        today = self.clock().date()
        line = render(figures(self.tracker.plan, self.tracker.counts, today))
        if now:
            self._write_status_line(line, today)
        else:
            self._run(partial(self._write_status_line, line, today), "status-line")

    def _write_status_line(self, line: str, today: date) -> None:
        from goaltui.store.statusline import data_stamp, write_line

        with contextlib.suppress(OSError):  # a view for the prompt: the next tap writes it again
            # A tap from another process that the app has not polled yet may be in this stamp and not in
            # the line; the next poll (within a second) finds it and writes the line again.
            write_line(self.tracker.data_dir, line, today, data_stamp(self.tracker.data_dir))

    def _poll_stopped(self) -> None:
        self._polling = False

    def _sync_stopped(self) -> None:
        self._syncing = False

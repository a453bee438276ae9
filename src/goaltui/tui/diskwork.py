"""What every part of the app's disk work shares: the app, the tracker, the clock, one lock, and its workers.

The parts (tui/disktaps.py, tui/disksaves.py, tui/diskwatch.py) are joined
into one object, tui/disk.Disk, the one the app and the screens talk to.
Each worker runs in a thread; the app hears every worker's end through
Textual's Worker.StateChanged (GoalApp.on_worker_state_changed, and the
screens' workers through the screen base), and an error nobody foresaw is
written to the crash file and told in one line, and the work goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.app import App
from textual.worker import Worker, WorkerState

from goaltui.lang import _
from goaltui.model.shown import shown
from goaltui.store.tracker import Tracker

Clock = Callable[[], datetime]


class DiskWork(ABC):
    """The state every part of the disk work uses, and running a worker; the parts add the rest (see Disk)."""

    def __init__(self, app: App[Any], tracker: Tracker, *, clock: Clock, read_only: str | None = None) -> None:
        self.app = app
        self.read_only = read_only  # why nothing may be written here (another person's folder), if so
        self.tracker = tracker
        self.clock = clock
        self._lock = threading.Lock()  # one operation at a time on the data folder
        # Bumped when a sync made every tap be read again: a tap or a poll read before that is in the new counts.
        self._counts_read = 0
        self._held: dict[Worker[Any], Callable[[], None] | None] = {}  # what each running worker puts back if it fails
        self._loop: asyncio.AbstractEventLoop | None = None  # the app's, once a worker has started: see _tell
        self._context = contextvars.copy_context()

    def refused(self) -> bool:
        """True, with a notice saying why, when this folder is read-only: ask before opening a form."""
        if self.read_only:
            self.app.notify(self.read_only, severity="warning", timeout=4)
        return self.read_only is not None

    # --- what one part asks of another (each is defined in its part) -------------------

    @property
    @abstractmethod
    def pending(self) -> int:
        """Taps not on disk yet (tui/disktaps.py)."""

    @abstractmethod
    def poll(self) -> None:
        """Look for changes made elsewhere (tui/diskwatch.py)."""

    @abstractmethod
    def refresh_status_line(self) -> None:
        """Rewrite the prompt's status line (tui/diskwatch.py)."""

    @abstractmethod
    def _read_counts_again(self) -> None:
        """Count every tap again, in a worker, and show the new counts (tui/diskwatch.py)."""

    # --- every worker: one place hears its failure ---------------------------------------

    def _run(self, work: Callable[[], None], group: str, *, reset: Callable[[], None] | None = None) -> None:
        """Run ``work`` in a thread worker. An error nobody foresaw is heard by :meth:`worker_changed`;
        ``reset`` (on the app's thread) then puts back what the worker held, so the work goes on."""
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
            self._context = contextvars.copy_context()  # the app's (Textual's active app), for _tell's callbacks
        worker = self.app.run_worker(work, thread=True, group=group, exit_on_error=False)
        self._held[worker] = reset

    def _tell(self, callback: Callable[..., None], *args: Any) -> None:
        """From a worker: run ``callback(*args)`` on the app's thread, next, and go on without waiting for it.

        Textual's ``call_from_thread`` makes a task of each call and holds the worker until it has run: for a
        tap saved, one turn of the loop more, and the worker waking again while the screen draws the tap.
        Callbacks run in the order told. An error nobody foresaw in one is reported as a worker's is, and the
        taps are counted again from the disk: what the screens show is what is saved, whatever the error stopped.
        """
        assert self._loop is not None, "told from a worker, and a worker starts the loop's capture"
        # A closed loop: the app has ended, and what the worker did is on disk, with nothing left to show it.
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._told, callback, args, context=self._context)

    def _told(self, callback: Callable[..., None], args: tuple[Any, ...]) -> None:
        try:
            callback(*args)
        except Exception as err:  # the one boundary: reported, and the app goes on
            self._failed(err, f"the app, taking a worker's result ({getattr(callback, '__name__', callback)})")
            self._read_counts_again()

    def worker_changed(self, event: Worker.StateChanged) -> None:
        """Every worker of the app and its screens ends here (Textual's Worker.StateChanged, sent on the app's
        thread): one that failed is written to the crash file and told in one line, and what it held is put back.
        Nothing is kept as a flag by hand: a worker's state is Textual's."""
        worker, state = event.worker, event.state
        if state in (WorkerState.SUCCESS, WorkerState.CANCELLED):
            self._held.pop(worker, None)
        elif state is WorkerState.ERROR:
            reset = self._held.pop(worker, None)
            error = worker.error if isinstance(worker.error, BaseException) else RuntimeError(str(worker.error))
            self._failed(error, f"the app's {worker.group} worker")
            if reset is not None:
                reset()

    def _failed(self, error: BaseException, where: str) -> None:
        """An error nobody foresaw: written to the crash file and told in one line; the app carries on."""
        from goaltui import __version__
        from goaltui.store.crash import report

        line = report(error, f"goaltui {__version__}, {where}")
        title = _("Something went wrong; goaltui carries on")
        self.app.notify(shown(line), title=title, severity="error", timeout=15)

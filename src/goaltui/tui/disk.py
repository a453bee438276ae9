"""The app's disk work in one place: taps, goal edits, review saves, polling and the theme choice.

Each runs in a thread worker, one at a time on the data folder (one lock), and
what it changed is told to every screen as a typed message (tui/messages.py).
The tracker's counts and goals change only on the app's thread, so a screen
never reads them half-written. Screens ask; they never take the lock or start
a disk worker themselves. Taps the disk has not taken when the app ends go to
the spill file (store/spill.py), and come back from it at the next start.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from goaltui.store.tracker import Tracker
from goaltui.tui.disksaves import Saving
from goaltui.tui.disktaps import TapWriting
from goaltui.tui.diskwatch import Watching
from goaltui.tui.diskwork import Clock, DiskWork


class Disk(TapWriting, Saving, Watching):
    """Everything the UI reads from or writes to the data folder (and the config) after the start.

    Its parts: the taps (tui/disktaps.py), the saves (tui/disksaves.py), watching the folder
    (tui/diskwatch.py), on what they share (tui/diskwork.py).
    """

    def __init__(
        self,
        app: App[Any],
        tracker: Tracker,
        *,
        clock: Clock,
        retry_interval: float = 2.0,
        read_only: str | None = None,
    ) -> None:
        DiskWork.__init__(self, app, tracker, clock=clock, read_only=read_only)
        self._start_taps(retry_interval)
        self._start_saves()
        self._start_watching()

    def close(self) -> None:
        """The app is ending, however: a status line waiting for its second is written now, and every tap not on
        disk goes to the spill file; ``farewell`` says where.

        If even that fails, ``farewell`` lists the taps, so they can be counted again by hand, and ``lost`` is set.
        """
        self._end_line()
        self._end_taps()

"""The Textual app: one factory builds it for the command line and for the tests."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.reactive import reactive
from textual.screen import Screen

from goaltui.model.calendar import Window
from goaltui.store.taplog import Tap
from goaltui.store.tracker import Changes, Tracker
from goaltui.tui.themes import install_themes, problems_notice, remember_theme, variable_defaults

Clock = Callable[[], datetime]


@dataclass(eq=False, slots=True)
class PendingTap:
    """A tap the user made that is not on disk yet. Compared by identity."""

    metric: str
    n: float
    day: date | None  # None: counts for the day it is written
    note: str = ""
    at: datetime | None = None  # when it was pressed
    undo: bool = False  # this tap takes back an earlier one
    undone: bool = False  # an undo was queued for this tap while it was being written


class GoalApp(App[None]):
    """goaltui: count contacts, watch pace."""

    CSS_PATH = "app.tcss"
    TITLE = "goaltui"

    today: reactive[date] = reactive(date.min, init=False)
    revision: reactive[int] = reactive(0, init=False)  # bumps whenever counts or goals change
    save_error: reactive[str] = reactive("", init=False)

    def __init__(
        self,
        tracker: Tracker,
        *,
        clock: Clock,
        keymap: dict[str, str] | None = None,
        theme: str | None = None,
        poll_interval: float = 1.0,
        retry_interval: float = 2.0,
    ) -> None:
        super().__init__()
        self.tracker = tracker
        self.clock = clock
        self.poll_interval = poll_interval
        self.retry_interval = retry_interval
        self._keymap = keymap or {}
        self._theme_name = theme
        self._remember_themes = False  # becomes True once mounted: from then on a new theme is saved
        self._config_lock = threading.Lock()
        self.theme_setup = install_themes(self, theme)  # shipped + user themes; a bad file is reported on mount
        self.set_reactive(GoalApp.today, clock().date())
        self._io = threading.Lock()  # one disk operation at a time on the tracker
        self._queue_lock = threading.Lock()
        self._queue: deque[PendingTap] = deque()
        self._in_flight: PendingTap | None = None
        self._writing = False
        self._polling = False
        self.review_week: Window | None = None  # open the review on this week at start
        self.saved: list[PendingTap] = []  # taps of this session that undo can take back, newest last

    def refresh_css(self, animate: bool = True) -> None:
        # Setting the theme in __init__ queues a refresh for the moment the app starts, before
        # any screen exists. Then only the variables need to change: the stylesheet is parsed
        # on first use anyway, and parsing it here too costs a tenth of the start-up time.
        if not self.screen_stack:
            self.stylesheet.set_variables(self.get_css_variables())
            return
        super().refresh_css(animate)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults(self.current_theme)

    def watch_theme(self, name: str) -> None:
        """Save the chosen theme (palette or --theme) so the next start uses it."""
        if self._remember_themes:
            self._save_theme()

    @work(thread=True, group="config", exit_on_error=False)
    def _save_theme(self) -> None:
        from goaltui.store.config import ConfigError

        with self._config_lock:  # one write at a time, always of the latest choice
            try:
                remember_theme(self.theme)
            except (ConfigError, OSError) as err:
                message = str(err) if isinstance(err, ConfigError) else f"{err.filename or 'config'}: {err.strerror}"
                self.call_from_thread(self.notify, message, title="Theme not saved", severity="warning", timeout=8)

    def on_mount(self) -> None:
        if self._keymap:
            self.set_keymap(self._keymap)
        if self.theme_setup.problems:
            count = len(self.theme_setup.problems)
            self.notify(
                problems_notice(self.theme_setup),
                title="A theme could not be loaded" if count == 1 else "Some themes could not be loaded",
                severity="warning",
                timeout=12,
            )
        self._remember_themes = True
        if self.theme_setup.applied_request:
            self._save_theme()  # --theme NAME is remembered too
        for problem in self.tracker.problems[:3]:
            self.notify(problem, title="A tap file has a bad line", severity="warning", timeout=8)
        for conflict in self.tracker.conflicts:
            self.notify(
                f"{conflict.name}: not counted; merge it by hand or delete it once checked",
                title="Sync conflict copy found",
                severity="warning",
                timeout=10,
            )
        if self.poll_interval > 0:
            self.set_interval(self.poll_interval, self.tick, name="poll")

    def get_default_screen(self) -> Screen:
        from goaltui.tui.screens.daily import DailyScreen

        return DailyScreen()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from goaltui.tui.commands import palette

        return palette(screen, super().get_system_commands(screen))

    # --- time ------------------------------------------------------------------

    def tick(self) -> None:
        """Once a second: roll over at midnight, and look for changes made elsewhere."""
        today = self.clock().date()
        if today != self.today:
            self.today = today
            self.revision += 1
        if not self._polling:
            self._polling = True
            self._poll()

    @work(thread=True, group="poll", exit_on_error=False)
    def _poll(self) -> None:
        try:
            with self._io:
                changes = self.tracker.poll()
        except OSError as err:
            self.call_from_thread(self._poll_failed, err)
            return
        self.call_from_thread(self._apply_changes, changes)

    def _poll_failed(self, err: OSError) -> None:
        self._polling = False
        self.notify(f"Could not read the data folder: {err.strerror or err}", severity="error", timeout=5)

    def _apply_changes(self, changes: Changes) -> None:
        self._polling = False
        if changes.taps:
            self.tracker.apply(changes.taps)
        if changes.goals_error:
            self.notify(
                changes.goals_error,
                title="goals.toml has a mistake: showing the last good goals",
                severity="error",
                timeout=15,
            )
        elif changes.goals is not None:
            self.notify("goals.toml changed on disk: goals reloaded", timeout=3)
        if changes.taps or changes.goals is not None:
            self.revision += 1

    # --- taps --------------------------------------------------------------------

    def submit(self, tap: PendingTap) -> None:
        """Queue a tap; it is written in order, in a worker, and counted once saved."""
        tap.at = tap.at or self.clock()
        with self._queue_lock:
            self._queue.append(tap)
        self._drain()

    @property
    def pending(self) -> int:
        with self._queue_lock:
            return len(self._queue) + (self._in_flight is not None)

    def _drain(self) -> None:
        if not self._writing:
            self._writing = True
            self._write_taps()

    @work(thread=True, group="taps", exit_on_error=False)
    def _write_taps(self) -> None:
        while True:
            with self._queue_lock:
                if not self._queue:
                    self._in_flight = None
                    break
                item = self._in_flight = self._queue.popleft()
            try:
                with self._io:
                    tap = self.tracker.record(item.metric, item.n, now=self.clock(), day=item.day, note=item.note)
            except OSError as err:
                with self._queue_lock:
                    self._queue.appendleft(item)
                    self._in_flight = None
                self.call_from_thread(self._write_failed, err)
                return
            with self._queue_lock:
                more = bool(self._queue)
            self.call_from_thread(self._tap_saved, item, tap, more)
        self.call_from_thread(self._drained)

    def _tap_saved(self, item: PendingTap, tap: Tap, more: bool) -> None:
        self.tracker.apply([tap])
        if not item.undo and not item.undone:
            self.saved.append(item)
        if self.save_error:
            self.save_error = ""
            self.notify("Saved: every waiting tap is on disk now", timeout=3)
        if not more:
            self.revision += 1

    def _drained(self) -> None:
        self._writing = False
        with self._queue_lock:
            again = bool(self._queue)
        if again:  # a tap arrived just as the worker finished
            self._drain()
        else:
            self.revision += 1

    def _write_failed(self, err: OSError) -> None:
        waiting = self.pending
        self.save_error = (
            f"Not saved yet: {err.strerror or err}. {waiting} tap{'s' if waiting != 1 else ''} "
            f"waiting; retrying every {self.retry_interval:g} s. Nothing is lost."
        )
        self.revision += 1
        self.set_timer(self.retry_interval, self._retry)

    def _retry(self) -> None:
        self._writing = False
        self._drain()

    def undo(self) -> str | None:
        """Take back the last tap of this session. Returns what was taken back, in words."""
        dropped: PendingTap | None = None
        target: PendingTap | None = None
        with self._queue_lock:  # decide under the lock; touch reactives only after it
            for i in range(len(self._queue) - 1, -1, -1):
                if not self._queue[i].undo:
                    dropped = self._queue[i]
                    del self._queue[i]
                    break
            else:
                if self._in_flight is not None and not self._in_flight.undo:
                    target = self._in_flight
                    target.undone = True
        if dropped is not None:
            self.revision += 1
            return f"{dropped.metric} {dropped.n:+g} (was not saved yet)"
        if target is None:
            if not self.saved:
                return None
            target = self.saved.pop()
        self.submit(PendingTap(target.metric, -target.n, target.day, note="undo", undo=True))
        return f"{target.metric} {target.n:+g}"


def make_app(
    data_dir: Path,
    *,
    clock: Clock,
    theme: str | None = None,
    keymap: dict[str, str] | None = None,
    device: str | None = None,
    poll_interval: float = 1.0,
    review_week: Window | None = None,
) -> GoalApp:
    """Build the app on a data folder: reads goals and taps before the first frame.

    ``review_week`` opens the review screen on that week at start (`goaltui review`).
    """
    tracker = Tracker(data_dir, device=device)
    tracker.load(clock().date())
    app = GoalApp(tracker, clock=clock, theme=theme, keymap=keymap, poll_interval=poll_interval)
    app.review_week = review_week
    return app


def run(*, data_dir: Path, theme: str | None, clock: Clock, review_week: Window | None = None) -> int:
    """Open the app (the command line's default, and `goaltui review`)."""
    from goaltui.store.config import load_config

    config = load_config()
    app = make_app(data_dir, clock=clock, theme=theme or config.theme, keymap=config.keymap, review_week=review_week)
    app.run()
    return app.return_code or 0

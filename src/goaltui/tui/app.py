"""The Textual app: it starts things (themes, keymap, the first screen, the clock's timer) and holds none.

Disk work belongs to ``app.disk`` (tui/disk.py), which tells the screens what
changed; the tap queue is a plain class in store/tapqueue.py. One factory,
``make_app``, builds the app for the command line and for the tests.
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on
from textual.app import SystemCommand
from textual.command import Provider
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker

from goaltui import lang
from goaltui.lang import _, ngettext
from goaltui.model.calendar import Window
from goaltui.model.shown import shown
from goaltui.store.spill import Replayed
from goaltui.store.tracker import Tracker
from goaltui.tui.bindings import palette
from goaltui.tui.disk import Disk
from goaltui.tui.keyorder import KeysInOrder
from goaltui.tui.messages import DayChanged, tell_screens
from goaltui.tui.themes import install_themes, problems_notice, variable_defaults

Clock = Callable[[], datetime]


def palette_commands() -> type[Provider]:
    """The palette's search (tui/palette.py), loaded when the palette first opens."""
    from goaltui.tui.palette import PaletteCommands

    return PaletteCommands


class GoalApp(KeysInOrder):
    """goaltui: count contacts, watch pace."""

    CSS_PATH = "app.tcss"
    TITLE = "goaltui"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {palette_commands}

    def __init__(
        self,
        tracker: Tracker,
        *,
        clock: Clock,
        keymap: dict[str, str] | None = None,
        theme: str | None = None,
        poll_interval: float = 1.0,
        retry_interval: float = 2.0,
        review_week: Window | None = None,
        config_problem: str | None = None,
        replayed: Replayed | None = None,
    ) -> None:
        super().__init__()
        self.tracker = tracker
        self.clock = clock
        self.today: date = clock().date()
        self.disk = Disk(self, tracker, clock=clock, retry_interval=retry_interval)
        self.poll_interval = poll_interval
        self.review_week = review_week  # open the review of this week at start (`goaltui review`)
        self.config_problem = config_problem
        self.replayed = replayed  # taps from the spill file, written (or not) before the start
        self.keymap = keymap or {}
        self.remember_themes = False  # from the first frame on, a new theme is saved
        self.theme_setup = install_themes(self, theme)  # shipped + user themes; a bad file is reported on mount
        self._collector_paused = False
        self._signals: list[signal.Signals] = []

    async def run_async(self, **options: Any) -> Any:
        """Run the app, without the cyclic garbage collector until the first frame is on screen.

        Starting makes tens of thousands of objects that live as long as the app. A full
        collection among them, which comes due right at the first frame, takes about 10 ms
        (a sixth of what goaltui adds to a bare Textual app) and holds that frame back from
        the terminal while it runs; it finds next to nothing. So collecting waits, and once
        the frame is drawn everything made so far is frozen: left out of later collections
        (the garbage among it, a few hundred objects made while starting, is kept). The
        `goaltui` command turns the collector off before it loads Textual (goaltui.command):
        it comes back on here all the same.
        """
        self._collector_paused = True
        gc.disable()
        try:
            return await super().run_async(**options)
        finally:
            self._resume_collector()

    def _resume_collector(self) -> None:
        if self._collector_paused:
            self._collector_paused = False
            gc.freeze()
            gc.enable()

    # Past the public API: App.refresh_css. Why, shown without goaltui: docs/upstream/theme_in_init.py.
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
        if self.remember_themes:
            self.disk.save_theme()

    def on_mount(self) -> None:
        self.call_after_refresh(self._resume_collector)
        if self.keymap:
            from goaltui.model.keymap import checked_keymap

            metric_keys = [m.key for m in self.tracker.plan.metrics.values()] if self.tracker.goals else []
            keymap, problems = checked_keymap(self.keymap, metric_keys)
            self.set_keymap(keymap)
            if problems:
                self.notify("\n".join(problems), title="config.toml [keymap]", severity="warning", timeout=15)
        setup = self.theme_setup
        if setup.problems:
            title = ngettext("A theme could not be loaded", "Some themes could not be loaded", len(setup.problems))
            self.notify(problems_notice(setup), title=title, severity="warning", timeout=12)
        self.remember_themes = True
        if setup.applied_request:
            self.disk.save_theme()  # --theme NAME is remembered too
        if self.config_problem:
            self.notify(self.config_problem, title=_("config.toml has a problem"), severity="warning", timeout=12)
        if lang.CURRENT.problem:  # a language asked for that goaltui does not speak: English, said once
            self.notify(lang.CURRENT.problem, title="Language", severity="warning", timeout=12)
        if self.tracker.goals is not None and self.tracker.goals.plan.unknown:
            from goaltui.store.goalsfile import unknown_key_lines

            self.notify("\n".join(unknown_key_lines(self.tracker.goals)[:3]), title="goals.toml", severity="warning")
        if self.tracker.goals is not None and self.tracker.goals.broken:
            self.notify(
                self.tracker.goals.broken,
                title=_("goals.toml has a mistake: counting with the last good goals"),
                severity="error",
                timeout=30,
            )
        for problem in self.tracker.problems[:3]:
            self.notify(problem, title=_("A tap file has a bad line"), severity="warning", timeout=8)
        for conflict in self.tracker.conflicts:
            if conflict.parent.parent.name == "taps":
                words = _("{file}: not counted; merge it by hand, then delete it")
            else:
                words = _("{file}: another device's version, not used; merge it by hand, then delete it")
            self.notify(
                words.format(file=conflict.name),
                title=_("Sync conflict copy found"),
                severity="warning",
                timeout=10,
            )
        if self.replayed is not None and (self.replayed.written or self.replayed.left or self.replayed.problems):
            self.disk.spill_replayed(self.replayed)
        self._catch_signals()
        if self.poll_interval > 0:
            self.set_interval(self.poll_interval, self.tick, name="poll")
            every = self.tracker.plan.settings.sync_every
            if every is not None:  # settings.sync_every: in a worker, never in the way of a tap
                self.set_interval(every.total_seconds(), lambda: self.disk.sync(asked=False), name="sync")
        if self.review_week is not None:
            from goaltui.tui.screens.review import ReviewScreen

            self.push_screen(ReviewScreen(self.review_week))

    # --- words from files -----------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice of the app: text from files in it is escaped (model/shown.py), never read as markup."""
        safe = shown(message, lines=True)
        super().notify(safe, title=shown(title), severity=severity, timeout=timeout, markup=False)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's words (a member's name in the team view): escaped."""
        return super().format_title(shown(title), shown(sub_title))

    # --- quitting ---------------------------------------------------------------------

    def action_help_quit(self) -> None:
        """ctrl+c quits as the quit key does (asking first while taps wait); in a text field it copies."""
        self.call_next(self.action_quit)

    async def action_quit(self) -> None:
        """Quit; while taps wait for the disk, ask first (quitting anyway keeps them in the spill file)."""
        from goaltui.tui.screens.goal_form import GoalForm
        from goaltui.tui.screens.quit import QuitScreen

        if isinstance(self.screen, GoalForm) and self.screen.holds_back_quit("ctrl+q"):
            return  # a changed form asks first: quitting would lose what was typed
        if not self.disk.pending:
            self.exit()
        elif isinstance(self.screen, QuitScreen):
            self.screen.action_quit_anyway()  # asked twice: quit anyway
        else:
            self.push_screen(QuitScreen())

    def _catch_signals(self) -> None:
        """Told to stop (SIGTERM, SIGHUP: the terminal closed; SIGINT): keep waiting taps, then end."""
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                loop.add_signal_handler(sig, self._stop, sig)
                self._signals.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread, or no signals here: the app's end still keeps them (on_unmount)

    def _stop(self, sig: signal.Signals) -> None:
        self.disk.close()  # at once: the next signal may be one that cannot be caught
        if sig == signal.SIGHUP:
            # The terminal is gone: there is nothing to draw or restore, and Textual's driver, stopping its
            # writer thread, was seen waiting for ever to queue the stop (the app outlived its closed terminal;
            # tests/reliability/test_quit_signals.py). The taps are kept by now: leave without the driver.
            os._exit(128 + sig)
        self.exit(return_code=128 + sig)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker's end, the app's and (through the screen base) the screens': one place hears a failure."""
        self.disk.worker_changed(event)

    def on_unmount(self) -> None:
        """The app ends, however it ends: taps not on disk go to the spill file."""
        self.disk.close()
        loop = asyncio.get_running_loop()
        for sig in self._signals:
            loop.remove_signal_handler(sig)
        self._signals.clear()

    def get_default_screen(self) -> Screen[None]:
        from goaltui.tui.screens.daily import DailyScreen

        return DailyScreen()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from goaltui.tui.exports import export_commands  # the exports load with the palette, not at every start

        yield from palette(screen, super().get_system_commands(screen))
        yield from export_commands(self)

    @on(events.DeliveryComplete)
    @on(events.DeliveryFailed)
    def export_delivered(self, event: events.DeliveryComplete | events.DeliveryFailed) -> None:
        from goaltui.tui.exports import delivered

        delivered(self, event)

    def action_command_palette(self) -> None:
        """The command palette, its search field's hint in the user's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=_("Search for commands…"), id="--command-palette"))

    def search_themes(self) -> None:
        """The theme palette, its search field's hint in the user's language."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…")))

    def action_sync(self) -> None:
        """Sync now (the palette, or its key on the daily screen)."""
        self.disk.sync()

    def tick(self) -> None:
        """Once a second: roll over at midnight, and look for changes made elsewhere."""
        today = self.clock().date()
        if today != self.today:
            self.today = today
            self.tracker.today = today  # a change decided at a review may begin today
            tell_screens(self, lambda: DayChanged(today))
            self.disk.refresh_status_line()
        self.disk.poll()


def make_app(
    data_dir: Path,
    *,
    clock: Clock,
    theme: str | None = None,
    keymap: dict[str, str] | None = None,
    device: str | None = None,
    poll_interval: float = 1.0,
    review_week: Window | None = None,
    config_problem: str | None = None,
) -> GoalApp:
    """Build the app on a data folder: reads goals and taps before the first frame.

    ``review_week`` opens the review screen on that week, over the daily screen (`goaltui review`).
    """
    tracker = Tracker(data_dir, device=device)
    try:
        replayed = tracker.replay_spill()  # taps kept when the app last ended: counted from the first frame
    except OSError as err:
        replayed = Replayed(problems=[_("The spill file could not be read: {error}").format(error=err.strerror or err)])
    tracker.load(clock().date())
    return GoalApp(
        tracker,
        clock=clock,
        theme=theme,
        keymap=keymap,
        poll_interval=poll_interval,
        review_week=review_week,
        config_problem=config_problem,
        replayed=replayed,
    )


def run(*, data_dir: Path, theme: str | None, clock: Clock, review_week: Window | None = None) -> int:
    """Open the app (the command line's default, and `goaltui review`)."""
    from goaltui.store.config import load_config

    config = load_config()
    app = make_app(
        data_dir,
        clock=clock,
        theme=theme or config.theme,
        keymap=config.keymap,
        review_week=review_week,
        config_problem=config.problem,
    )
    app.run()
    if app.disk.farewell:
        print(shown(app.disk.farewell), file=sys.stderr)
    return app.return_code or int(app.disk.lost)

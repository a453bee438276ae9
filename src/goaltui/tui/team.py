"""The team view's app (`goaltui team`): the Team screen, then a member's own screens on their folder, read-only."""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen

from goaltui.lang import _
from goaltui.model.team import MemberRow, TeamView
from goaltui.store.goalsfile import GoalsFileError
from goaltui.store.tracker import Tracker
from goaltui.tui.app import Clock, GoalApp
from goaltui.tui.disk import Disk
from goaltui.tui.screens.team import MemberDailyScreen, TeamScreen


class TeamApp(GoalApp):
    """The team view; a member's own screens open on their folder, read-only."""

    TITLE = "goaltui team"

    def __init__(self, view: TeamView, *, clock: Clock, theme: str | None, keymap: dict[str, str]) -> None:
        # The app's own tracker is a member's once one is opened; until then it is never read.
        super().__init__(Tracker(Path.cwd()), clock=clock, theme=theme, keymap=keymap, poll_interval=0)
        self.view = view

    def get_default_screen(self) -> Screen[None]:
        return TeamScreen()

    def open_member(self, row: MemberRow) -> None:
        """Their daily screen on their folder: read again now (in a worker, never on the app's thread), never
        written."""

        def read() -> None:
            tracker = Tracker(Path(row.folder), device="team-reader", own=False)
            try:
                tracker.load(self.today, create=False)
            except (GoalsFileError, OSError) as err:
                title = _("{name}: cannot be shown").format(name=row.name)
                self.call_from_thread(self.notify, str(err), title=title, severity="warning", timeout=8)
                return
            self.call_from_thread(self._show_member, row, tracker)

        self.run_worker(read, thread=True, exclusive=True, group="member", exit_on_error=False)

    def _show_member(self, row: MemberRow, tracker: Tracker) -> None:
        self.tracker = tracker
        reason = _("{name}'s numbers are read-only here: they count on their own device").format(name=row.name)
        self.disk = Disk(self, tracker, clock=self.clock, read_only=reason)
        self.sub_title = _("{name} · read-only").format(name=row.name)
        self.push_screen(MemberDailyScreen())

    def close_member(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.sub_title = ""


def run(view: TeamView, *, theme: str | None, clock: Clock) -> int:
    """`goaltui team`: the Team screen."""
    from goaltui.store.config import load_config

    config = load_config()
    app = TeamApp(view, clock=clock, theme=theme or config.theme, keymap=config.keymap)
    app.run()
    return app.return_code or 0

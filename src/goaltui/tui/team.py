"""The Team screen (`goaltui team`): every member side by side, whoever needs help first; read-only throughout.

Enter opens a member's own daily screen on their folder, read-only: their keys
are refused with a plain notice, and nothing is written in their folder. Their
goals and history open from there as in the app.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from goaltui.model.daily import STATUS_SYMBOL
from goaltui.model.format import count, percent
from goaltui.model.team import NEEDS_HELP, MemberRow, TeamView
from goaltui.store.tracker import Tracker
from goaltui.tui.app import GoalApp
from goaltui.tui.disk import Disk
from goaltui.tui.widgets.keybar import KeyBar

Clock = Callable[[], datetime]


def today_words(row: MemberRow) -> str:
    keys = {m.id: m.key for m in row.plan.ordered_metrics()} if row.plan else {}
    return " · ".join(f"{keys.get(metric, metric)} {count(n)}" for metric, n in (row.today or {}).items())


def week_words(row: MemberRow) -> str:
    keys = {m.id: m.key for m in row.plan.ordered_metrics()} if row.plan else {}
    return " · ".join(
        f"{keys.get(f.metric, f.metric)} {count(f.total)}" + (f"/{count(round(f.aim))}" if f.aim else "")
        for f in row.week
    )


def goals_words(row: MemberRow) -> Text:
    """Each goal's status in words with its symbol, and its buffer in working days."""
    text = Text()
    for i, pace in enumerate(row.paces):
        if i:
            text.append(" · ", "dim")
        text.append(f"{STATUS_SYMBOL[pace.status]} {pace.status}", "bold" if pace.status in NEEDS_HELP else "")
        text.append(f" {pace.buffer_days:+d}d", "dim")
    return text


def conversion_words(row: MemberRow) -> str:
    return " · ".join(f"{c.source[:1]}→{c.target[:1]} {percent(c.rate)}" for c in row.conversions)


class MemberDisk(Disk):
    """A member's folder seen from the team view: nothing is ever written to it."""

    def __init__(self, app: GoalApp, tracker: Tracker, name: str) -> None:
        super().__init__(app, tracker, clock=app.clock)
        self.name = name

    def tap(self, metric: str, n: float, *, day: object = None, note: str = "") -> float | None:
        self.app.notify(f"{self.name}'s numbers are read-only here: they count on their own device", timeout=3)
        return None

    def undo(self) -> str | None:
        return None

    def poll(self) -> None:
        return None

    def save_goals(self, *args: object, **kwargs: object) -> None:
        self.app.notify(f"{self.name}'s goals are read-only here", severity="warning", timeout=4)

    save_review = save_goals

    def refresh_status_line(self) -> None:
        return None


class TeamScreen(Screen[None]):
    """One row per member; the team's totals and funnel beneath."""

    BINDINGS = [
        Binding("enter", "open_member", "Open", id="team-open"),
        Binding("q", "app.quit", "Quit", id="team-quit"),
    ]

    app: TeamApp

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="team"):
            yield DataTable(id="team-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="team-totals")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("Member", "Today", "This week", "Goals (buffer in working days)", "Conversion"):
            table.add_column(label, key=label.split()[0].lower())
        self.show(self.app.view)
        table.focus()

    def show(self, view: TeamView) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for i, row in enumerate(view.rows):
            name = Text(row.name, "bold")
            if row.stale:
                name.append(" · not synced", "dim")
            if row.error is not None:
                short = row.error if len(row.error) <= 40 else row.error[:39] + "…"  # in full below the table
                table.add_row(name, Text(short, "italic"), "", "", "", key=str(i))
            else:
                table.add_row(
                    name, today_words(row), week_words(row), goals_words(row), conversion_words(row), key=str(i)
                )
        self.query_one("#team-totals", Static).update(totals_text(view))

    def action_open_member(self) -> None:
        view = self.app.view
        row = view.rows[self.query_one(DataTable).cursor_row] if view.rows else None
        if row is None:
            return
        if row.error is not None:
            self.notify(row.error, title=f"{row.name}: cannot be shown", severity="warning", timeout=8)
            return
        self.app.open_member(row)


def totals_text(view: TeamView) -> Text:
    text = Text()
    helped = sum(row.behind > 0 for row in view.rows)
    text.append(f"Team of {len(view.rows)}", "bold")
    text.append(f" · {helped} need{'s' if helped == 1 else ''} help" if helped else " · everyone on pace")
    if view.errors:
        text.append(f" · {view.errors} could not be read", "italic")
    text.append("\nToday      ", "bold")
    text.append(" · ".join(f"{metric} {count(n)}" for metric, n in view.today.items()))
    text.append("\nThis week  ", "bold")
    text.append(" · ".join(f"{metric} {count(n)}" for metric, n in view.week.items()))
    for row in view.rows:
        if row.error is not None:
            text.append(f"\n{row.name}: ", "bold")
            text.append(row.error, "italic")
    if view.funnel:
        text.append("\nFunnel     ", "bold")
        text.append(view.funnel[0].source)
        for step in view.funnel:
            text.append(f" ── {percent(step.rate)} ──▶ {step.target}")
    return text


class TeamApp(GoalApp):
    """The team view; a member's own screens open on their folder, read-only."""

    TITLE = "goaltui team"

    def __init__(self, view: TeamView, *, clock: Clock, theme: str | None, keymap: dict[str, str]) -> None:
        super().__init__(Tracker(Path.cwd()), clock=clock, theme=theme, keymap=keymap, poll_interval=0)
        self.view = view

    def get_default_screen(self) -> Screen[None]:
        return TeamScreen()

    def open_member(self, row: MemberRow) -> None:
        from goaltui.tui.screens.daily import DailyScreen

        tracker = Tracker(Path(row.folder), device="team-reader")
        tracker.load(self.today, create=False)
        self.tracker = tracker
        self.disk = MemberDisk(self, tracker, row.name)
        self.sub_title = f"{row.name} · read-only"
        self.push_screen(DailyScreen())


def run(view: TeamView, *, theme: str | None, clock: Clock) -> int:
    """`goaltui team`: the Team screen."""
    from goaltui.store.config import load_config

    config = load_config()
    app = TeamApp(view, clock=clock, theme=theme or config.theme, keymap=config.keymap)
    app.run()
    return app.return_code or 0

"""The Team screen (`goaltui team`): every member side by side, whoever needs help first; read-only throughout.

Enter opens a member's own daily screen on their folder, read-only: their keys
are refused with a plain notice, and nothing is written in their folder. Their
goals and history open from there as in the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from goaltui.lang import _, ngettext, pgettext
from goaltui.model.counters import STATUS_SYMBOL
from goaltui.model.format import count, out_of, percent, quantity, unit_of
from goaltui.model.keymap import MEMBER_DAILY, TEAM_SCREEN
from goaltui.model.standing import status_word
from goaltui.model.team import MemberRow, TeamView
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.screens.daily import DailyScreen
from goaltui.tui.text import assemble, rich, styled
from goaltui.tui.themes import PACE_COLOUR, rich_text
from goaltui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from goaltui.tui.team import TeamApp


def today_words(row: MemberRow) -> str:
    metrics = row.plan.metrics if row.plan else {}
    return " · ".join(
        f"{metrics[metric].key} {quantity(n, metrics[metric].unit)}" if metric in metrics else f"{metric} {count(n)}"
        for metric, n in (row.today or {}).items()
    )


def week_words(row: MemberRow) -> str:
    metrics = row.plan.metrics if row.plan else {}
    words = []
    for f in row.week:
        found = metrics.get(f.metric)
        unit = found.unit if found else None
        aim = f.aim if unit or not f.aim else round(f.aim)
        figures = out_of(f.total, aim, unit) if aim else quantity(f.total, unit)
        words.append(f"{found.key if found else f.metric} {figures}")
    return " · ".join(words)


def team_unit(view: TeamView, metric: str) -> str | None:
    """The unit the members count ``metric`` in, when they all use the same one (else its sum is a plain number)."""
    units = {unit_of(row.plan, metric) for row in view.rows if row.plan and metric in row.plan.metrics}
    return units.pop() if len(units) == 1 else None


def goals_words(row: MemberRow) -> Content:
    """Each goal's status in words with its symbol, in the theme's colour, and its buffer in working days."""
    parts: list[Content] = []
    for pace in row.paces:
        status = styled(f"{STATUS_SYMBOL[pace.status]} {status_word(pace.status)}", PACE_COLOUR[pace.status])
        parts.append(assemble(status, (f" {pace.buffer_days:+d}d", "dim")))
    return Content(" · ").join(parts)


def conversion_words(row: MemberRow) -> str:
    return " · ".join(f"{c.source[:1]}→{c.target[:1]} {percent(c.rate)}" for c in row.conversions)


COLUMN_KEYS = ("member", "today", "this", "goals", "conversion", "people")  # the table's columns, in order


def labels(people: bool, *, stacked: bool) -> list[str]:
    """The table's column labels; the Goals label is shorter when each figure has a line of its own."""
    goals = _("Goals (days of buffer)") if stacked else _("Goals (buffer in working days)")
    week = pgettext("team column", "This week")  # the columns must fit 120: a short word where one is needed
    return [_("Member"), _("Today"), week, goals, _("Conversion")] + (
        [pgettext("team column", "People (overdue)")] if people else []
    )


class TeamScreen(CommandsMixin, Screen[None]):
    """One row per member, whoever needs help first; the team's totals and funnel beneath."""

    COMMANDS_TABLE = TEAM_SCREEN

    app: TeamApp

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="team"):
            yield DataTable(id="team-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="team-totals")
        yield KeyBar()

    def on_mount(self) -> None:
        self._stacked: bool | None = None
        self.show(self.app.view)
        self.query_one(DataTable).focus()

    def theme_changed(self) -> None:
        self.show(self.app.view)  # the table's colours are drawn into its cells

    def on_resize(self) -> None:
        self.show(self.app.view)

    def show(self, view: TeamView) -> None:
        """One line a member where the table fits the screen; else each figure on a line of its own (80 x 24)."""
        table = self.query_one(DataTable)
        colours = self.app.theme_variables
        row_at = table.cursor_row
        people = any(row.people and row.people.words() for row in view.rows)
        rows = [self._cells(row, colours, people) for row in view.rows]
        stacked = self._too_wide(rows, people)
        if stacked != self._stacked:
            self._stacked = stacked
            table.clear(columns=True)
            for label, key in zip(labels(people, stacked=stacked), COLUMN_KEYS, strict=False):
                table.add_column(label, key=key)
        else:
            table.clear()
        for i, cells in enumerate(rows):
            if stacked:
                cells = [cells[0], *(Text("\n").join(cell.split(" · ")) for cell in cells[1:])]
            table.add_row(*cells, key=str(i), height=None if stacked else 1)
        if view.rows:
            table.move_cursor(row=min(max(row_at, 0), len(view.rows) - 1))
        self.query_one("#team-totals", Static).update(totals_text(view))

    def _too_wide(self, rows: list[list[Text]], people: bool) -> bool:
        """Whether one line a member is wider than the screen (each cell padded by one on either side)."""
        columns = [[Text(label)] for label in labels(people, stacked=False)]
        for cells in rows:
            for column, cell in zip(columns, cells, strict=False):
                column.append(cell)
        width = sum(max(cell.cell_len for cell in column) + 2 for column in columns)
        return width > self.size.width

    def _cells(self, row: MemberRow, colours: dict[str, str], people: bool) -> list[Text]:
        name = rich(row.name, "bold")
        if row.stale:
            name.append(" · " + _("not synced"), "dim")
        width = 6 if people else 5
        if row.error is not None:
            short = row.error.replace(f"{row.folder}/", "")  # the folder is theirs: name the file
            short = short if len(short) <= 40 else short[:39] + "…"  # in full below the table
            return [name, rich(short, "italic"), *[rich("")] * (width - 2)]
        goals = rich_text(goals_words(row), colours)
        cells = [name, rich(today_words(row)), rich(week_words(row)), goals, rich(conversion_words(row))]
        if people:
            cells.append(rich(row.people.words()) if row.people else rich(""))
        return cells

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_member()

    def action_open_member(self) -> None:
        rows = self.app.view.rows
        if not rows:
            return
        row = rows[self.query_one(DataTable).cursor_row]
        if row.error is not None:
            title = _("{name}: cannot be shown").format(name=row.name)
            self.notify(row.error, title=title, severity="warning", timeout=8)
            return
        self.app.open_member(row)


class MemberDailyScreen(DailyScreen, inherit_bindings=False):
    """A member's own daily screen, on their folder, read-only; escape goes back to the team."""

    COMMANDS_TABLE = MEMBER_DAILY

    def action_back_to_team(self) -> None:
        self.app.close_member()  # type: ignore[attr-defined]


def totals_text(view: TeamView) -> Text:
    text = Text()
    helped = sum(row.behind > 0 for row in view.rows)
    text.append(ngettext("Team of {n}", "Team of {n}", len(view.rows)).format(n=count(len(view.rows))), "bold")
    needs = ngettext("{n} needs help", "{n} need help", helped).format(n=count(helped))
    text.append(" · " + (needs if helped else _("everyone on pace")))
    if view.errors:
        failed = ngettext("{n} could not be read", "{n} could not be read", view.errors).format(n=count(view.errors))
        text.append(" · " + failed, "italic")
    today, week, funnel = _("Today"), _("This week"), _("Funnel")
    width = max(10, len(today), len(week), len(funnel))  # the headings' column
    for heading, sums in ((today, view.today), (week, view.week)):
        text.append(f"\n{heading:<{width}} ", "bold")
        text.append(rich(" · ".join(f"{metric} {quantity(n, team_unit(view, metric))}" for metric, n in sums.items())))
    for row in view.rows:
        if row.error is not None:
            text.append(rich(f"\n{row.name}: ", "bold"))
            text.append(rich(row.error, "italic"))
    if view.funnel:
        text.append(f"\n{funnel:<{width}} ", "bold")
        text.append(rich(view.funnel[0].source))
        for step in view.funnel:
            text.append(rich(f" ── {percent(step.rate)} ──▶ {step.target}"))
    return text

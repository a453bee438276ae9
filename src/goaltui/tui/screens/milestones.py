"""Milestones of one goal: tick, remove, add. Dismisses with the one change to save."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList

from goaltui.lang import _, ngettext
from goaltui.model.calendar import short_date
from goaltui.model.entry import read_date
from goaltui.model.format import count
from goaltui.model.goals import Goal, Milestone, MilestoneAction
from goaltui.model.keymap import CLOSE_MILESTONES, MILESTONES_SCREEN, REMOVE, TICK
from goaltui.model.record import record
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.text import assemble, styled
from goaltui.tui.widgets.value_input import ValueInput


@record
class MilestoneChange:
    """What the user asked for: add, tick or remove one milestone."""

    action: MilestoneAction
    index: int = -1
    title: str = ""
    due: date | None = None
    done: bool = False


def milestone_text(m: Milestone, today: date) -> Content:
    """`[x] title · due 31 Dec 2026 · overdue`: the state in words, not colour alone."""
    parts: list[str | tuple[str, str]] = [("[x] " if m.done else "[ ] ", "bold"), m.title or _("(no title)")]
    if m.due is not None:
        parts.append((" · " + _("due {day}").format(day=short_date(m.due, today)), "dim"))
        if not m.done and m.due < today:
            days = (today - m.due).days
            overdue = ngettext("OVERDUE by {n} day", "OVERDUE by {n} days", days).format(n=count(days))
            parts.append((" · " + overdue, "bold $pace-missed"))
    if m.done:
        parts.append((" · " + _("done"), "$pace-done"))
    return assemble(*parts)


class MilestonesScreen(CommandsMixin, ModalScreen[MilestoneChange | None]):
    """Tick, remove or add one milestone of a goal."""

    CSS_PATH = ["form.tcss", "milestones.tcss"]
    COMMANDS_TABLE = MILESTONES_SCREEN

    def __init__(self, goal: Goal, today: date) -> None:
        super().__init__()
        self.goal = goal
        self.today = today

    def compose(self) -> ComposeResult:
        keys = _("{tick} tick/untick · {remove} remove · tab to add one · {close} close").format(
            tick=self.key(TICK), remove=self.key(REMOVE), close=self.key(CLOSE_MILESTONES)
        )
        with Vertical(id="milestones-box"):
            yield Label(styled(_("Milestones of {goal}").format(goal=self.goal.title or self.goal.id), "bold"))
            yield Label(styled(keys, "dim"), id="milestones-keys")
            yield OptionList(*[milestone_text(m, self.today) for m in self.goal.milestones], id="milestone-list")
            with Horizontal(classes="form-row"):
                yield Label(_("New"), classes="form-caption")
                yield Input(placeholder=_("milestone title, e.g. First 10 customers"), id="m-title", compact=True)
            with Horizontal(classes="form-row"):
                yield Label(_("Due"), classes="form-caption")
                yield ValueInput(placeholder=_("YYYY-MM-DD (optional), enter to add"), id="m-due", compact=True)
            yield Label("", id="m-error", classes="field-error")

    def on_mount(self) -> None:
        if not self.goal.milestones:
            self.query_one("#m-title", Input).focus()

    def _selected(self) -> int | None:
        index = self.query_one(OptionList).highlighted
        return index if index is not None and index < len(self.goal.milestones) else None

    def action_tick(self) -> None:
        index = self._selected()
        if index is not None:
            m = self.goal.milestones[index]
            self.dismiss(MilestoneChange("tick", index, m.title, m.due, not m.done))

    def action_remove(self) -> None:
        index = self._selected()
        if index is not None:
            self.dismiss(MilestoneChange("remove", index, self.goal.milestones[index].title))

    @on(Input.Submitted)
    def _add(self, event: Input.Submitted) -> None:
        event.stop()
        title = self.query_one("#m-title", Input).value.strip()
        due_text = self.query_one("#m-due", Input).value.strip()
        if not title:
            self._error(_("type the milestone's title first"))
            self.query_one("#m-title", Input).focus()
            return
        if event.input.id == "m-title" and not due_text:
            self.query_one("#m-due", Input).focus()
            return
        try:
            due = read_date(due_text) if due_text else None
        except ValueError as err:
            self._error(str(err))
            return
        self.dismiss(MilestoneChange("add", title=title, due=due))

    def _error(self, message: str) -> None:
        error = self.query_one("#m-error", Label)
        error.update(styled(f"↳ {message}"))
        error.add_class("-shown")

    def action_cancel(self) -> None:
        self.dismiss(None)

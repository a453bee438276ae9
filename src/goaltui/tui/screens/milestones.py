"""Milestones of one goal: tick, remove, add. Dismisses with the one change to save."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList

from goaltui.model.goals import Goal, Milestone
from goaltui.tui.widgets.goal_form import CSS


@dataclass(frozen=True, slots=True)
class MilestoneChange:
    """What the user asked for: ``action`` is "add", "tick" or "remove"."""

    action: str
    index: int = -1
    title: str = ""
    due: date | None = None
    done: bool = False


def milestone_text(m: Milestone, today: date) -> Text:
    """`[x] title · due 31 Dec 2026 · overdue`: the state in words, not colour alone."""
    text = Text("[x] " if m.done else "[ ] ", "bold")
    text.append(m.title or "(no title)")
    if m.due is not None:
        text.append(f" · due {m.due:%d %b %Y}", "dim")
        if not m.done and m.due < today:
            days = (today - m.due).days
            text.append(f" · OVERDUE by {days} day{'s' if days != 1 else ''}", "bold red")
    if m.done:
        text.append(" · done", "green")
    return text


class MilestoneList(OptionList):
    """The goal's milestones; space ticks, delete removes."""

    BINDINGS = [
        Binding("space", "screen.tick", "Tick / untick", id="milestone-tick"),
        Binding("delete,backspace", "screen.remove", "Remove", id="milestone-remove"),
    ]


class MilestonesScreen(ModalScreen[MilestoneChange | None]):
    """Tick, remove or add one milestone of a goal."""

    CSS_PATH = CSS
    BINDINGS = [Binding("escape", "cancel", "Close", id="milestones-close")]

    def __init__(self, goal: Goal, today: date) -> None:
        super().__init__()
        self.goal = goal
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="milestones-box"):
            yield Label(f"[b]Milestones of {self.goal.title or self.goal.id}[/b]")
            yield Label("[dim]space tick/untick · delete remove · tab to add one · esc close[/dim]")
            yield MilestoneList(*[milestone_text(m, self.today) for m in self.goal.milestones], id="milestone-list")
            with Horizontal(classes="form-row"):
                yield Label("New", classes="form-caption")
                yield Input(placeholder="milestone title, e.g. First 10 customers", id="m-title", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Due", classes="form-caption")
                yield Input(placeholder="YYYY-MM-DD (optional), enter to add", id="m-due", compact=True)
            yield Label("", id="m-error", classes="field-error")

    def on_mount(self) -> None:
        if not self.goal.milestones:
            self.query_one("#m-title", Input).focus()

    def _selected(self) -> int | None:
        index = self.query_one(MilestoneList).highlighted
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
        error = self.query_one("#m-error", Label)
        if not title:
            error.update("↳ type the milestone's title first")
            error.add_class("-shown")
            self.query_one("#m-title", Input).focus()
            return
        if event.input.id == "m-title" and not due_text:
            self.query_one("#m-due", Input).focus()
            return
        due = None
        if due_text:
            try:
                due = date.fromisoformat(due_text)
            except ValueError:
                error.update(f"↳ '{due_text}' is not a date: write it as YYYY-MM-DD, like 2026-12-31")
                error.add_class("-shown")
                return
        self.dismiss(MilestoneChange("add", title=title, due=due))

    def action_cancel(self) -> None:
        self.dismiss(None)

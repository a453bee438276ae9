"""The goal form: create or edit one goal, with the SMART check live beside it.

``read_form`` is pure (field texts in, a Goal and per-field errors out) so the
rules are tested without a screen; ``GoalForm`` shows the fields, refuses bad
input at the field, and dismisses with a :class:`FormResult` to be saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from goaltui.model.counts import DailyCounts
from goaltui.model.goals import PERIODS, RESERVED_KEYS, Goal, Metric, Plan, would_cycle
from goaltui.model.smart import Finding, check_goal, worst
from goaltui.store.goal_edits import GOAL_FIELDS, is_slug

CSS = Path(__file__).parent.parent / "screens" / "goals.tcss"

# (name, caption, placeholder): the form's fields in order.
FIELDS = (
    ("id", "Id", "short name for the file, e.g. q1-customers"),
    ("title", "Title", "what, how much, by when: Sign 20 new customers by 31 March"),
    ("metric", "Metric", "what you count: prospects, leads, customers, or a new name"),
    ("key", "New key", "only for a new metric: the key you tap, one letter"),
    ("target", "Target", "a number above 0, e.g. 20"),
    ("stretch", "Stretch", "optional: a higher aim, at least the target"),
    ("every", "Every", "day | week | month | quarter | year, or empty for a deadline"),
    ("start", "Start", "YYYY-MM-DD"),
    ("deadline", "Deadline", "YYYY-MM-DD, for a one-off goal"),
    ("why", "Why", "the reason: what it brings you"),
    ("how", "How", "the plan: where the numbers come from"),
    ("parent", "Parent", "optional: id of the goal this one serves"),
)


@dataclass(frozen=True, slots=True)
class FormCheck:
    """What the form's fields say: the goal they make, and what is wrong with them."""

    goal: Goal
    errors: dict[str, str]  # field name -> message; empty when every field is fine
    new_metric: tuple[str, str] | None = None  # (id, key) of a metric to create
    plan: Plan = field(default_factory=Plan)  # the plan with this goal (and new metric) in it


@dataclass(frozen=True, slots=True)
class FormResult:
    """A form the user saved: what to write."""

    goal_id: str
    create: bool
    fields: dict[str, object]  # for an edit, only the fields that changed
    new_metric: tuple[str, str] | None
    values: dict[str, str]  # the texts typed, to show the form again if saving fails


def _number(text: str, name: str, errors: dict[str, str]) -> float | None:
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        errors[name] = f"'{text}' is not a number: type digits, like 20"
        return None
    if value != value or value in (float("inf"), float("-inf")):
        errors[name] = "type an ordinary number, like 20"
        return None
    if value <= 0:
        errors[name] = f"the {name} must be above 0"
        return None
    return int(value) if value.is_integer() else value


def _date(text: str, name: str, errors: dict[str, str]) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[name] = f"'{text}' is not a date: write it as YYYY-MM-DD, like 2027-03-31"
        return None


def read_form(values: dict[str, str], plan: Plan, editing: Goal | None) -> FormCheck:
    """Turn the form's texts into a Goal; every mistake is named at its field."""
    errors: dict[str, str] = {}
    text = {name: values.get(name, "") for name, _, _ in FIELDS}
    if editing is not None:
        goal_id = editing.id
    else:
        goal_id = text["id"].strip()
        if not goal_id:
            errors["id"] = "give the goal a short id, like q1-customers"
        elif not is_slug(goal_id):
            errors["id"] = "use lower-case letters, digits and single hyphens, like q1-customers"
        elif goal_id in plan.goals:
            errors["id"] = f"'{goal_id}' is already in use: choose another id"
    metrics = dict(plan.metrics)
    metric = text["metric"].strip().lower() or None
    new_metric = None
    if metric is not None and metric not in metrics:
        key = text["key"].strip().lower()
        if not is_slug(metric):
            errors["metric"] = "a new metric's name uses lower-case letters, digits and hyphens, like calls"
        elif not key:
            names = ", ".join(metrics) or "none yet"
            errors["key"] = f"'{metric}' is a new metric: give it a key (existing: {names})"
        elif len(key) != 1 or not key.isalnum():
            errors["key"] = "the key is one letter or digit"
        elif key in RESERVED_KEYS:
            errors["key"] = f"'{key}' is reserved for {RESERVED_KEYS[key]}: pick another key"
        elif (other := plan.metric_for_key(key)) is not None:
            errors["key"] = f"'{key}' is already the key of {other.id}: pick another key"
        else:
            new_metric = (metric, key)
            metrics[metric] = Metric(id=metric, key=key)
    target = _number(text["target"], "target", errors)
    stretch = _number(text["stretch"], "stretch", errors)
    if target is not None and stretch is not None and stretch < target:
        errors["stretch"] = f"the stretch must be at least the target ({target:g})"
    every = text["every"].strip().lower() or None
    if every is not None and every not in PERIODS:
        errors["every"] = f"'{every}': use day, week, month, quarter or year (or leave it empty for a deadline)"
        every = None
    start = _date(text["start"], "start", errors)
    deadline = _date(text["deadline"], "deadline", errors)
    if start and deadline and deadline < start:
        errors["deadline"] = f"the deadline is before the start ({start}): move it later"
    parent = text["parent"].strip() or None
    if parent is not None:
        if parent == goal_id:
            errors["parent"] = "a goal cannot serve itself: choose another parent"
        elif parent not in plan.goals:
            near = [g for g in plan.goals if g.startswith(parent)]
            hint = f" (→ completes {near[0]})" if near else f": use one of {', '.join(plan.goals)}"
            errors["parent"] = f"no goal has the id '{parent}'{hint}"
        elif would_cycle(plan.goals, goal_id, parent):
            errors["parent"] = f"'{parent}' already serves this goal: that would make a cycle"
    base = editing or Goal(id=goal_id or "new-goal")
    goal = replace(
        base,
        id=goal_id or "new-goal",
        title=text["title"].strip(),
        metric=metric,
        target=target,
        stretch=stretch,
        every=every,
        start=start,
        deadline=deadline,
        why=text["why"].strip(),
        how=text["how"].strip(),
        parent=parent if "parent" not in errors else base.parent,
    )
    goals = dict(plan.goals)
    goals[goal.id] = goal
    return FormCheck(goal, errors, new_metric, Plan(settings=plan.settings, metrics=metrics, goals=goals))


def goal_values(goal: Goal) -> dict[str, str]:
    """The form's texts for an existing goal."""

    def show(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    return {"id": goal.id, "key": "", **{name: show(getattr(goal, name)) for name in GOAL_FIELDS}}


def changed_fields(old: Goal | None, new: Goal) -> dict[str, object]:
    """The goal fields that differ (all that are set, for a new goal)."""
    if old is None:
        return {name: getattr(new, name) for name in GOAL_FIELDS if getattr(new, name) not in (None, "")}
    return {name: getattr(new, name) for name in GOAL_FIELDS if getattr(old, name) != getattr(new, name)}


LEVEL_STYLE = {"ok": "green", "warn": "yellow", "fail": "bold red"}


def smart_text(findings: list[Finding]) -> Text:
    """One line per letter, the level in words, then the fix."""
    text = Text()
    for f in findings:
        text.append(f"{f.letter} ", "bold")
        text.append(f"{f.level:<4}", LEVEL_STYLE.get(f.level, ""))
        text.append(f" {f.message}\n")
        if f.fix:
            text.append("       fix: ", "dim")
            text.append(f"{f.fix}\n", "italic")
    return text


class GoalForm(ModalScreen[FormResult | None]):
    """Create or edit a goal. ctrl+s saves, esc cancels."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="goal-form-save"),
        Binding("escape", "cancel", "Cancel", id="goal-form-cancel"),
    ]

    def __init__(
        self,
        plan: Plan,
        counts: DailyCounts,
        today: date,
        *,
        editing: Goal | None = None,
        values: dict[str, str] | None = None,
        problem: str = "",
    ) -> None:
        super().__init__()
        self.plan = plan
        self.counts = counts
        self.today = today
        self.editing = editing
        self.values = values or (goal_values(editing) if editing else {"start": today.isoformat()})
        self.problem = problem
        self.confirming = False  # a failing goal was saved once: the next save goes through
        self.tried = False  # save was pressed: name empty required fields too

    def compose(self) -> ComposeResult:
        heading = f"Edit goal {self.editing.id}" if self.editing else "New goal"
        suggest = {
            "metric": SuggestFromList(list(self.plan.metrics), case_sensitive=False),
            "every": SuggestFromList(list(PERIODS), case_sensitive=False),
            "parent": SuggestFromList(list(self.plan.goals), case_sensitive=False),
        }
        with Vertical(id="form-box"):
            yield Label(f"[b]{heading}[/b]  ·  ctrl+s save · esc cancel · tab next field", id="form-heading")
            yield Static(self.problem, id="form-problem", classes="-shown" if self.problem else "")
            with Horizontal(id="form-body"):
                with VerticalScroll(id="form-fields"):
                    for name, caption, placeholder in FIELDS:
                        if name == "id" and self.editing is not None:
                            continue
                        with Horizontal(classes="form-row"):
                            yield Label(caption, classes="form-caption")
                            yield Input(
                                self.values.get(name, ""),
                                placeholder=placeholder,
                                id=f"f-{name}",
                                compact=True,
                                suggester=suggest.get(name),
                            )
                        yield Label("", id=f"e-{name}", classes="field-error")
                with VerticalScroll(id="form-smart"):
                    yield Label("[b]SMART check[/b]", classes="form-section")
                    yield Static(id="smart")
            yield Static("", id="confirm")
            with Horizontal(id="form-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.refresh_check()
        self.query(Input).first().focus()

    def field_values(self) -> dict[str, str]:
        return {inp.id[2:]: inp.value for inp in self.query(Input) if inp.id and inp.id.startswith("f-")}

    def check(self) -> FormCheck:
        return read_form(self.field_values(), self.plan, self.editing)

    def refresh_check(self) -> FormCheck:
        """Show each field's error and the SMART check of the goal as typed."""
        values = self.field_values()
        result = read_form(values, self.plan, self.editing)
        for name, _, _ in FIELDS:
            for label in self.query(f"#e-{name}").results(Label):
                message = result.errors.get(name, "")
                if name == "id" and not self.tried and not values.get("id", "").strip():
                    message = ""  # not yet: the form just opened
                label.update(f"↳ {message}" if message else "")
                label.set_class(bool(message), "-shown")
        self.findings = check_goal(result.goal, result.plan, self.counts, self.today)
        self.query_one("#smart", Static).update(smart_text(self.findings))
        return result

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.confirming = False
        self.query_one("#confirm", Static).update("")
        self.query_one("#confirm", Static).remove_class("-shown")
        self.refresh_check()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        self.tried = True
        result = self.refresh_check()
        confirm = self.query_one("#confirm", Static)
        if result.errors:
            first = next(name for name, _, _ in FIELDS if name in result.errors)
            self.query_one(f"#f-{first}", Input).focus()
            confirm.update(f"Not saved: {first}: {result.errors[first]}")
            confirm.add_class("-shown")
            return
        failing = [f for f in self.findings if f.level == "fail"]
        if failing and not self.confirming:
            self.confirming = True
            letters = ", ".join(f"{f.letter} ({f.message.rstrip('.')})" for f in failing)
            confirm.update(f"This goal fails {letters}. Press ctrl+s again to save it anyway, or fix it first.")
            confirm.add_class("-shown")
            return
        goal = result.goal
        self.dismiss(
            FormResult(
                goal_id=goal.id,
                create=self.editing is None,
                fields=changed_fields(self.editing, goal),
                new_metric=result.new_metric,
                values=self.field_values(),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)

    @property
    def worst_level(self) -> str:
        return worst(self.findings)

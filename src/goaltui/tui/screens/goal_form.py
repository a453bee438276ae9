"""The goal form: create or edit one goal, with the SMART check live beside it.

``read_form`` is pure (field texts in, a Goal and per-field errors out): it reads
the texts as numbers and dates, then checks them with the rules that read
goals.toml (model/goal_parse.py ``goal_problems``), so both say the same. ``GoalForm``
shows the fields, refuses bad input at the field, and dismisses with a
:class:`FormResult` to be saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field, replace
from datetime import date
from typing import Any

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from goaltui.lang import N_, _, pgettext
from goaltui.model.counts import DailyCounts
from goaltui.model.entry import read_date, read_number
from goaltui.model.goal_parse import goal_problems, key_problem, parent_problem
from goaltui.model.goals import GOAL_FIELDS, PERIODS, Goal, Metric, Plan, is_slug
from goaltui.model.keymap import CANCEL_GOAL, GOAL_FORM, SAVE_GOAL
from goaltui.model.plan_parse import UnknownKey
from goaltui.model.record import record
from goaltui.model.shown import shown
from goaltui.model.smart import Finding, goal_findings
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.text import assemble, read_back, styled
from goaltui.tui.themes import LEVEL_COLOUR
from goaltui.tui.widgets.value_input import ValueInput

# (name, caption, placeholder): the form's fields in order; caption and placeholder shown through _().
FIELDS = (
    ("id", N_("Id"), N_("short name for the file, e.g. q1-customers")),
    ("title", N_("Title"), N_("what, how much, by when: Sign 20 new customers by 31 March")),
    ("metric", N_("Metric"), N_("what you count: prospects, leads, customers, or a new name")),
    ("key", N_("New key"), N_("only for a new metric: the key you tap, one letter")),
    ("target", N_("Target"), N_("a number above 0, e.g. 20")),
    ("stretch", N_("Stretch"), N_("optional: a higher aim, at least the target")),
    ("every", N_("Every"), N_("day | week | month | quarter | year, or empty for a deadline")),
    ("start", N_("Start"), N_("YYYY-MM-DD")),
    ("deadline", N_("Deadline"), N_("YYYY-MM-DD, for a one-off goal")),
    ("why", N_("Why"), N_("the reason: what it brings you")),
    ("how", N_("How"), N_("the plan: where the numbers come from")),
    ("parent", N_("Parent"), N_("optional: id of the goal this one serves")),
)

CAPTION_WIDTH = 9  # .form-caption in form.tcss: the longest English caption and a space
TEXT_FIELDS = ("title", "why", "how")  # free text: `?` types itself there (f1 opens the keys)


@record
class FormCheck:
    """What the form's fields say: the goal they make, and what is wrong with them."""

    goal: Goal
    errors: dict[str, str]  # field name -> message; empty when every field is fine
    new_metric: tuple[str, str] | None = None  # (id, key) of a metric to create
    plan: Plan = field(default_factory=Plan)  # the plan with this goal (and new metric) in it


@record
class FormResult:
    """A form the user saved: what to write."""

    goal_id: str
    create: bool
    fields: dict[str, object]  # for an edit, only the fields that changed
    new_metric: tuple[str, str] | None
    values: dict[str, str]  # the texts typed, to show the form again if saving fails


def field_word(name: str) -> str:
    """A field's name as an error says it (``target``), in the user's words."""
    words = {
        "id": pgettext("form field", "id"),
        "title": pgettext("form field", "title"),
        "metric": pgettext("form field", "metric"),
        "key": pgettext("form field", "key"),
        "target": pgettext("form field", "target"),
        "stretch": pgettext("form field", "stretch"),
        "every": pgettext("form field", "every"),
        "start": pgettext("form field", "start"),
        "deadline": pgettext("form field", "deadline"),
        "why": pgettext("form field", "why"),
        "how": pgettext("form field", "how"),
        "parent": pgettext("form field", "parent"),
    }
    return words.get(name, name)


def level_word(level: str) -> str:
    """A SMART level (ok, warn, fail) in the user's words, at most four letters."""
    words = {
        "ok": pgettext("SMART level", "ok"),
        "warn": pgettext("SMART level", "warn"),
        "fail": pgettext("SMART level", "fail"),
    }
    return words.get(level, level)


def _read(text: str, read: Callable[[str], Any], name: str, errors: dict[str, str]) -> Any:
    """``text`` read as a number or a date; None when empty or when it cannot be (the error noted)."""
    if not text:
        return None
    try:
        return read(text)
    except ValueError as err:
        errors[name] = str(err)
        return None


def read_form(values: dict[str, str], plan: Plan, editing: Goal | None) -> FormCheck:
    """Turn the form's texts into a Goal; every mistake is named at its field."""
    errors: dict[str, str] = {}
    text = {name: values.get(name, "").strip() for name, _caption, _hint in FIELDS}
    if editing is not None:
        goal_id = editing.id
    else:
        goal_id = text["id"]
        if not goal_id:
            errors["id"] = _("give the goal a short id, like q1-customers")
        elif not is_slug(goal_id):
            errors["id"] = _("use lower-case letters, digits and single hyphens, like q1-customers")
        elif goal_id in plan.goals:
            errors["id"] = _("'{goal}' is already in use: choose another id").format(goal=goal_id)
    metrics = dict(plan.metrics)
    metric = text["metric"].lower() or None
    new_metric = None
    if metric is not None and metric not in metrics:
        key = text["key"].lower()
        if not is_slug(metric):
            errors["metric"] = _("a new metric's name uses lower-case letters, digits and hyphens, like calls")
        elif not key:
            names = ", ".join(metrics) or _("none yet")
            errors["key"] = _("'{metric}' is a new metric: give it a key (existing: {names})").format(
                metric=metric, names=names
            )
        elif problem := key_problem(key, {m.key: m.id for m in metrics.values()}):
            errors["key"] = problem
        else:
            new_metric = (metric, key)
            metrics[metric] = Metric(id=metric, key=key)
    raw: dict[str, Any] = {"title": text["title"], "why": text["why"], "how": text["how"]}
    if metric is not None and not errors.keys() & {"metric", "key"}:
        raw["metric"] = metric
    for name in ("target", "stretch"):
        raw[name] = _read(text[name], read_number, name, errors)
    for name in ("start", "deadline"):
        raw[name] = _read(text[name], read_date, name, errors)
    raw["every"] = text["every"].lower() or None
    for name, problem in goal_problems({k: v for k, v in raw.items() if v is not None}, metrics).items():
        errors.setdefault(name, problem)
    parent = text["parent"] or None
    parents = {g.id: g.parent for g in plan.goals.values()}
    if problem := parent_problem(goal_id or "new-goal", parent, parents):
        errors["parent"] = problem
    base = editing or Goal(id=goal_id or "new-goal")
    goal = replace(
        base,
        id=goal_id or "new-goal",
        title=text["title"],
        metric=metric,
        target=raw["target"],
        stretch=raw["stretch"],
        every=raw["every"] if "every" not in errors else None,
        start=raw["start"],
        deadline=raw["deadline"],
        why=text["why"],
        how=text["how"],
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


_ASSIGNMENT = re.compile(r'\b([a-z_]+) = (?:"([^"]*)"|([^\s,)]+))')


def form_fix(fix: str) -> str:
    """A SMART fix as the form says it: which field to fill in, not which line to add to goals.toml."""
    if "[metrics." in fix:
        return _("type the new metric's name in Metric and give it a New key")
    captions = {name: _(caption) for name, caption, _hint in FIELDS}
    # The model's fix begins with its verb, in English or in the user's language ("set", "sätt"; "add").
    sets = ("set ", _("set {what}").partition("{")[0])
    adds = ("add ", _("add {line}").partition("{")[0])
    setting = fix.startswith(sets)

    def field(match: re.Match[str]) -> str:
        name, value = match.group(1), match.group(2) if match.group(2) is not None else match.group(3)
        caption = captions.get(name)
        if caption is None:
            return match.group(0)
        if value in ("", "..."):
            return caption
        return _("{field} to {value}").format(field=caption, value=value) if setting else f"{caption}: {value}"

    words = _ASSIGNMENT.sub(field, fix)
    verb = next((prefix for prefix in (*sets, *adds) if prefix.strip() and words.startswith(prefix)), None)
    if verb is not None:
        rest = words[len(verb) :]
        return (_("set {what}") if setting else _("fill in {what}")).format(what=rest)
    return _("fill in {what}").format(what=words) if _ASSIGNMENT.match(fix) else words


def smart_text(findings: list[Finding], unknown: tuple[UnknownKey, ...] = ()) -> Content:
    """One line per letter, the level in words, then the fix as the form's field to fill in.

    (`goaltui check` keeps the file's words: on the command line one edits goals.toml.)
    ``unknown``: keys of this goal in goals.toml that goaltui does not read (a typo like targt).
    """
    parts: list[str | tuple[str, str]] = []
    for key in unknown:
        parts += [("? ", "bold"), (level_word("warn"), LEVEL_COLOUR.get("warn", "")), f" goals.toml: {key.words()}\n"]
    for f in findings:
        parts += [
            (f"{f.letter} ", "bold"),
            (f"{level_word(f.level):<4}", LEVEL_COLOUR.get(f.level, "")),
            f" {f.message}\n",
        ]
        if f.fix:
            parts += [("       " + _("fix:") + " ", "dim"), (f"{form_fix(f.fix)}\n", "italic")]
    return assemble(*parts)


class GoalForm(CommandsMixin, ModalScreen[FormResult | None]):
    """Create or edit a goal: save, or cancel."""

    CSS_PATH = ["form.tcss", "goal_form.tcss"]
    COMMANDS_TABLE = GOAL_FORM

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
        self.discarding = False  # cancel was pressed on a changed form: the next cancel discards it
        self.quitting = False  # quit was pressed on a changed form: the next quit loses it
        self.tried = False  # save was pressed: name empty required fields too

    def compose(self) -> ComposeResult:
        heading = _("Edit goal {goal}").format(goal=self.editing.id) if self.editing else _("New goal")
        suggest = {
            "metric": SuggestFromList([shown(m) for m in self.plan.metrics], case_sensitive=False),
            "every": SuggestFromList(list(PERIODS), case_sensitive=False),
            "parent": SuggestFromList([shown(g) for g in self.plan.goals], case_sensitive=False),
        }
        with Vertical(id="form-box"):
            keys = "  ·  " + _("{save} save · {cancel} cancel · tab next field").format(
                save=self.key(SAVE_GOAL), cancel=self.key(CANCEL_GOAL)
            )
            yield Label(assemble((heading, "bold"), keys), id="form-heading")
            yield Static(styled(self.problem), id="form-problem", classes="-shown" if self.problem else "")
            with Horizontal(id="form-body"):
                with VerticalScroll(id="form-fields"):
                    for name, caption, placeholder in FIELDS:
                        if name == "id" and self.editing is not None:
                            continue
                        with Horizontal(classes="form-row"):
                            yield Label(_(caption), classes="form-caption")
                            field_type = Input if name in TEXT_FIELDS else ValueInput
                            yield field_type(
                                shown(self.values.get(name, "")),
                                placeholder=_(placeholder),
                                id=f"f-{name}",
                                compact=True,
                                suggester=suggest.get(name),
                            )
                        yield Label("", id=f"e-{name}", classes="field-error")
                with VerticalScroll(id="form-smart"):
                    yield Label("[b]" + _("SMART check") + "[/b]", classes="form-section")
                    yield Static(id="smart")
            yield Static("", id="confirm")
            with Horizontal(id="form-buttons"):
                yield Button(_("Save"), id="save", variant="primary", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self._fit_captions()
        self.refresh_check()
        self.query(Input).first().focus()
        self.opened_with = self.field_values()

    def _fit_captions(self) -> None:
        """Widen the caption column (9 in form.tcss) when a caption in the user's language needs more."""
        width = max(cell_len(_(caption)) for _name, caption, _hint in FIELDS) + 1
        if width <= CAPTION_WIDTH:
            return
        for label in self.query(".form-caption"):
            label.styles.width = width
        for label in self.query(".field-error"):
            label.styles.padding = (0, 0, 0, width)

    @property
    def changed(self) -> bool:
        """True when a field no longer holds what the form opened with."""
        return self.field_values() != getattr(self, "opened_with", self.field_values())

    def field_values(self) -> dict[str, str]:
        """What each field holds; one still showing its text from the file unedited gives that text back."""
        fields = {inp.id[2:]: inp.value for inp in self.query(Input) if inp.id and inp.id.startswith("f-")}
        return {name: read_back(value, self.values.get(name, "")) for name, value in fields.items()}

    def refresh_check(self) -> FormCheck:
        """Show each field's error and the SMART check of the goal as typed."""
        values = self.field_values()
        result = read_form(values, self.plan, self.editing)
        for name, _caption, _hint in FIELDS:
            for label in self.query(f"#e-{name}").results(Label):
                message = result.errors.get(name, "")
                if name == "id" and not self.tried and not values.get("id", "").strip():
                    message = ""  # not yet: the form just opened
                label.update(styled(f"↳ {message}") if message else "")
                label.set_class(bool(message), "-shown")
        self.findings = goal_findings(result.goal, result.plan, self.counts, self.today)
        unknown = tuple(u for u in self.plan.unknown if self.editing and u.table == ("goals", self.editing.id))
        self.query_one("#smart", Static).update(smart_text(self.findings, unknown))
        return result

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.confirming = self.discarding = self.quitting = False
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
            first = next(name for name, _caption, _hint in FIELDS if name in result.errors)
            self.query_one(f"#f-{first}", Input).focus()
            words = _("Not saved: {field}: {problem}").format(field=field_word(first), problem=result.errors[first])
            confirm.update(styled(words))
            confirm.add_class("-shown")
            return
        failing = [f for f in self.findings if f.level == "fail"]
        if failing and not self.confirming:
            self.confirming = True
            letters = ", ".join(f"{f.letter} ({f.message.rstrip('.')})" for f in failing)
            again = self.key(SAVE_GOAL)
            words = _("This goal fails {letters}. Press {key} again to save it anyway, or fix it first.").format(
                letters=letters, key=again
            )
            confirm.update(styled(words))
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

    def holds_back_quit(self, key: str) -> bool:
        """Asked to quit the app: True (and the question shown) the first time while the form holds changes."""
        if not self.changed or self.quitting:
            return False
        self.quitting = True
        confirm = self.query_one("#confirm", Static)
        confirm.update(
            _("Quit and lose what you typed? Press {key} again to quit, or type on to go back to it.").format(key=key)
        )
        confirm.add_class("-shown")
        return True

    def action_cancel(self) -> None:
        """Close without saving; what was typed is lost only on a second cancel, after a question."""
        if self.changed and not self.discarding:
            self.discarding = True
            confirm = self.query_one("#confirm", Static)
            again = self.key(CANCEL_GOAL)
            confirm.update(
                _("Discard what you typed? Press {key} again to discard it, or type on to go back to it.").format(
                    key=again
                )
            )
            confirm.add_class("-shown")
            return
        self.dismiss(None)

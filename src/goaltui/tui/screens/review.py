"""The review screen: the week's results, the funnel and why, a decision per goal, three notes, save."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from goaltui.lang import _, ngettext, pgettext
from goaltui.model.calendar import Window, short_date
from goaltui.model.decisions import Decision, DecisionKind, effect, next_window_start
from goaltui.model.entry import read_date, read_number
from goaltui.model.format import bare, count, from_day, quantity, unit_of
from goaltui.model.keymap import (
    ACHIEVED,
    CARRY,
    DROPPED,
    EXTEND,
    KEEP,
    LOWER,
    NEXT_NOTE,
    NEXT_WEEK,
    PREVIOUS_WEEK,
    RAISE,
    REVIEW_BACK,
    REVIEW_SCREEN,
    SAVE_REVIEW,
)
from goaltui.model.ladder import children_need
from goaltui.model.numbers import local, plain
from goaltui.model.review import NOTES, Review, ReviewError, build_review
from goaltui.model.shown import shown
from goaltui.model.targets import as_of, coming_words
from goaltui.model.weeks import review_week, reviewable, shift_week
from goaltui.tui import folder
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.messages import SaveAnswered
from goaltui.tui.screens.prompt import Answer, PromptScreen
from goaltui.tui.screens.review_words import NOTE_HINTS, NOTE_LABELS, VERDICT_STYLE, decision_text, funnel_text
from goaltui.tui.text import assemble, read_back, rich, styled
from goaltui.tui.themes import rich_text
from goaltui.tui.widgets.history import sparkline
from goaltui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from goaltui.store.reviews import SavedReview, SaveResult
    from goaltui.tui.app import GoalApp
    from goaltui.tui.folder import ReviewRead

WIDE = 100  # columns: narrower, a plan with money keeps its amounts and decisions, not the Last 8 column


class ReviewScreen(CommandsMixin, Screen[None]):
    """Close a week: results, funnel diagnosis, decisions, notes; save."""

    COMMANDS_TABLE = REVIEW_SCREEN

    app: GoalApp

    def __init__(self, week: Window | None = None) -> None:
        super().__init__()
        self._week = week
        self.review: Review
        self.decisions: dict[str, Decision] = {}
        self.saved_decisions: dict[str, Decision] = {}
        self.notes: dict[str, str] = dict.fromkeys(NOTES, "")
        self.saved_notes: dict[str, str] = dict(self.notes)
        self._asked: dict[int, str] = {}  # the saves asked for and not answered yet: the week each saves

    @property
    def data_dir(self) -> Path:
        return self.app.tracker.data_dir

    @property
    def today(self) -> date:
        return self.app.today

    def compose(self) -> ComposeResult:
        self._load(self._week or review_week(self.today, self.app.tracker.plan.settings))
        yield Header()
        with VerticalScroll(id="review"):
            yield Label(id="review-week")
            yield DataTable(id="review-goals", cursor_type="row", zebra_stripes=False)
            yield Label(id="review-hint")
            yield Label(id="review-targets")
            # The notes before the funnel: on a small screen (80 x 24) they are in sight, the funnel scrolls.
            yield Label(
                assemble(
                    _("Notes · {write} to write, {back} back to the goals, {save} to save").format(
                        write=self.key(NEXT_NOTE), back=self.key(REVIEW_BACK), save=self.key(SAVE_REVIEW)
                    )
                ),
                id="notes-title",
                classes="section-title",
            )
            for key in NOTES:
                with Horizontal(classes="note-row"):
                    yield Label(f"{_(NOTE_LABELS[key]):<10}", classes="note-label")
                    # Tabbing round the notes and typing adds to a note: it never replaces it.
                    yield Input(
                        shown(self.notes[key]),
                        placeholder=_(NOTE_HINTS[key]),
                        id=f"note-{key}",
                        classes="note",
                        select_on_focus=False,
                    )
            yield Label(_("Funnel · this week against the 4 weeks before"), classes="section-title")
            yield Static(id="review-funnel")
        yield KeyBar()

    def _with_history(self) -> bool:
        """The Last 8 column, unless money is on a screen too narrow for its amounts and every decision beside it."""
        plan = self.app.tracker.plan
        money = any(unit_of(plan, g.metric) for g in plan.goals.values())
        return not money or self.app.size.width >= WIDE

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("Goal"), key="goal")
        table.add_column(pgettext("review column", "Target"), key="target")
        table.add_column(_("Actual"), key="actual")
        table.add_column(_("Result"), key="result")
        if self._with_history():
            table.add_column(_("Last 8"), key="spark")
        table.add_column(_("Decision"), key="decision")
        self._show()
        table.focus()
        self._read_saved()

    def theme_changed(self) -> None:
        self._show()  # the table's colours are drawn into its cells

    # --- state -------------------------------------------------------------------

    def _load(self, week: Window) -> None:
        """Build the week's review (the model: no file read) as not reviewed yet; its saved file, if any, is read in
        a worker (:meth:`_read_saved`) once the screen is up, never on the app's thread."""
        tracker = self.app.tracker
        self.review = build_review(tracker.plan, tracker.counts, week, self.today)
        self._take_saved(None)
        if self.is_mounted:
            self._read_saved()

    def _read_saved(self) -> None:
        label = self.review.label

        def read() -> None:
            found = folder.saved_review(self.app.tracker, label)
            self.app.call_from_thread(self._saved_read, label, found)

        self.run_worker(read, thread=True, exclusive=True, group="review-file", exit_on_error=False)

    def _saved_read(self, label: str, read: ReviewRead) -> None:
        if label != self.review.label:
            return  # another week is shown by now: its own reading follows
        if read.problem is not None:
            self.notify(read.problem, severity="error", timeout=10)
        self._take_saved(read.saved)
        self._show()

    def _take_saved(self, saved: SavedReview | None) -> None:
        """The decisions and notes the week's file holds (none: every goal kept, no notes)."""
        self.saved_decisions = dict(saved.decisions) if saved else {}
        self.decisions = {
            g.goal_id: self.saved_decisions.get(g.goal_id, Decision(g.goal_id)) for g in self.review.goals
        }
        self.notes = dict(saved.notes) if saved else dict.fromkeys(NOTES, "")
        self.saved_notes = dict(self.notes)  # as the file holds them: shown escaped, kept as they are unless edited
        self.is_saved = saved is not None

    def _show(self) -> None:
        review = self.review
        title = assemble(
            (_("Week {week}").format(week=review.label), "bold"),
            f" {short_date(review.week.start, self.today)} – {short_date(review.week.end, self.today)} · ",
            (_("saved"), "$pace-done") if self.is_saved else (_("not reviewed yet"), "$pace-behind"),
            (
                " · "
                + _("{earlier} {later} earlier/later").format(
                    earlier=self.key(PREVIOUS_WEEK), later=self.key(NEXT_WEEK)
                ),
                "dim",
            ),
        )
        self.query_one("#review-week", Label).update(title)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        colours = self.app.theme_variables
        plan = self.app.tracker.plan
        goals = plan.goals
        # A target begun part-way through the week, or changing soon, is starred and told beneath
        # the table: in its column it would push the decisions off an 80-column screen.
        footnotes = []
        amounts: dict[str, list[str]] = {}  # unit -> the goals whose figures are amounts of it
        history = self._with_history()
        for g in review.goals:
            verdict, style = VERDICT_STYLE[g.verdict]
            label = _(verdict)
            coming = coming_words(goals[g.goal_id], self.today) if g.goal_id in goals else ""
            unit = unit_of(plan, g.metric)
            target = bare(round(g.target, 2), unit)  # an amount's unit is told beneath, with the starred targets
            if unit:
                amounts.setdefault(unit, []).append(g.goal_id)
            if g.since is not None or coming:
                footnotes.append(
                    f"{g.goal_id} {quantity(round(g.target, 2), unit)}{from_day(g.since, self.today)}"
                    + (f", {coming}" if coming else "")
                )
                target += "*"
            if g.days_hit is not None:
                label += " " + _("{hit}/{days}d").format(hit=g.days_hit, days=g.workdays)
            spark = [rich_text(sparkline(g.history, g.history_targets), colours)] if history else []
            table.add_row(
                rich(g.goal_id),
                target,
                bare(g.actual, unit),
                rich_text(styled(label, style), colours),
                *spark,
                self._decision_text(g.goal_id),
                key=g.goal_id,
            )
        if review.goals:
            table.move_cursor(row=min(row, len(review.goals) - 1))
        self._hint()
        targets = self.query_one("#review-targets", Label)
        told = ["* " + " · ".join(footnotes)] if footnotes else []
        told += [
            _("{goals}: amounts in {unit}").format(goals=", ".join(ids), unit=unit) for unit, ids in amounts.items()
        ]
        targets.update(styled("\n".join(told), "dim") if told else "")
        targets.display = bool(told)
        self.query_one("#review-funnel", Static).update(funnel_text(self.review, self.today))
        for key in NOTES:
            self.query_one(f"#note-{key}", Input).value = shown(self.notes.get(key, ""))

    def _decision_text(self, goal_id: str) -> Text:
        decision = self.decisions.get(goal_id, Decision(goal_id))
        applied = self.saved_decisions.get(goal_id) == decision and decision.kind != "keep"
        return decision_text(decision, self._unit(goal_id), applied=applied)

    def _unit(self, goal_id: str) -> str | None:
        """The unit of the goal's metric, when it counts money."""
        plan = self.app.tracker.plan
        goal = plan.goals.get(goal_id)
        return unit_of(plan, goal.metric) if goal else None

    def _hint(self) -> None:
        goal = self._current_goal()
        if goal is None:
            self.query_one("#review-hint", Label).update(_("No goal with a target ran this week."))
            return
        key = self.key
        text = _(
            "{keep} keep  {raise_} raise now  {lower} lower next window  "
            "{carry} carry  {extend} extend  {achieved}/{dropped} archive"
        ).format(
            keep=key(KEEP),
            raise_=key(RAISE),
            lower=key(LOWER),
            carry=key(CARRY),
            extend=key(EXTEND),
            achieved=key(ACHIEVED),
            dropped=key(DROPPED),
        )
        decision = self.decisions[goal]
        plan = self.app.tracker.plan
        if decision.kind == "lower":
            plan_goal = plan.goals.get(goal)
            if plan_goal is not None:
                start = next_window_start(plan_goal, plan.settings, self.today)
                text = _("Lowering waits for the next window: {goal} from {date}.").format(
                    goal=goal, date=short_date(start, self.today)
                )
        if decision.kind in ("raise", "lower") and isinstance(decision.value, int | float):
            # What the goals under it would need: the ladder must still add up after the change.
            need = children_need(plan, goal, decision.value, self.app.tracker.counts, self.today)
            text = f"{text}\n{need}" if decision.kind == "lower" and need else need or text
        self.query_one("#review-hint", Label).update(styled(text, "dim"))

    def _current_goal(self) -> str | None:
        goals = self.review.goals
        if not goals:
            return None
        row = self.query_one(DataTable).cursor_row
        return goals[min(max(row, 0), len(goals) - 1)].goal_id

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._hint()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("note-"):
            key = event.input.id.removeprefix("note-")
            self.notes[key] = read_back(event.value, self.saved_notes.get(key, ""))

    # --- actions ---------------------------------------------------------------------

    def action_week(self, step: int) -> None:
        week = shift_week(self.review.week, step)
        if step > 0 and not reviewable(week, self.today, self.app.tracker.plan.settings):
            self.notify(
                _("That week has not reached its last working day yet: review it then."), severity="warning", timeout=3
            )
            return
        self._load(week)
        self._show()

    def action_decide(self, kind: DecisionKind) -> None:
        goal_id = self._current_goal()
        if goal_id is None:
            return
        goal = self.app.tracker.plan.goals.get(goal_id)
        if goal is None:
            self.notify(_("{goal} is no longer in goals.toml").format(goal=goal_id), severity="warning")
            return
        settings = self.app.tracker.plan.settings
        unit = self._unit(goal_id)
        if kind in ("raise", "lower"):
            best = self.review.realistic.get(goal_id)
            current = as_of(goal, self.today).target or 0  # a change that has begun counts, written or not
            if kind == "raise":
                offer = max(current + 1, best or 0) if best and best > current else current + 1
            else:
                offer = best if best and best < current else max(1.0, current - 1)
            start = next_window_start(goal, settings, self.today)
            hint = (
                _("Most realistic from your best 20 working days: {amount}.").format(amount=quantity(best, unit))
                if best
                else _("Too little history to suggest a value.")
            )
            when = (
                _("Counts at once.")
                if kind == "raise"
                else _("Starts {date}.").format(date=short_date(start, self.today))
            )
            raising = _("Raise the target of {goal} (now {amount}) to:")
            ask = raising if kind == "raise" else _("Lower the target of {goal} (now {amount}) to:")
            prompt: PromptScreen[float | date] = PromptScreen(
                ask.format(goal=goal_id, amount=quantity(current, unit)),
                read_number,
                value=local(plain(offer)),  # as the user would type it: 2,5 in Swedish, no thousands mark
                hint=f"{hint} {when}",
            )
            self.app.push_screen(prompt, partial(self._value_chosen, goal_id, kind))
            return
        if kind == "extend":
            if goal.deadline is None:
                self.notify(
                    _("{goal} has no deadline to extend: keep it, or raise or lower its target").format(goal=goal_id),
                    severity="warning",
                    timeout=5,
                )
                return
            base = goal.deadline
            later = date(base.year + (base.month == 12), base.month % 12 + 1, min(base.day, 28))
            prompt = PromptScreen(
                _("New deadline for {goal} (now {date}):").format(goal=goal_id, date=goal.deadline),
                read_date,
                value=later.isoformat(),
                hint=_("A date as YYYY-MM-DD, after the current deadline."),
            )
            self.app.push_screen(prompt, partial(self._value_chosen, goal_id, kind))
            return
        self._set(Decision(goal_id, kind))

    def _value_chosen(self, goal_id: str, kind: DecisionKind, answer: Answer[float | date] | None) -> None:
        if answer is not None:
            self._set(Decision(goal_id, kind, answer.value))

    def _set(self, decision: Decision) -> None:
        plan = self.app.tracker.plan
        goal = plan.goals[decision.goal_id]
        result = next((g for g in self.review.goals if g.goal_id == decision.goal_id), None)
        already = self.saved_decisions.get(decision.goal_id)
        if already != decision:
            try:
                effect(decision, goal, plan.settings, result, self.today)
            except ReviewError as err:
                self.notify(str(err), severity="error", timeout=6)
                return
        self.decisions[decision.goal_id] = decision
        self.query_one(DataTable).update_cell(
            decision.goal_id, "decision", self._decision_text(decision.goal_id), update_width=True
        )
        self._hint()
        if decision.kind == "lower":
            start = next_window_start(goal, plan.settings, self.today)
            value = quantity(decision.value, self._unit(goal.id))  # type: ignore[arg-type]
            self.notify(
                _("{goal}: lowered to {amount} from {date}; the window under way keeps its target.").format(
                    goal=goal.id, amount=value, date=short_date(start, self.today)
                ),
                timeout=5,
            )

    def action_save(self) -> None:
        label = self.review.label
        request = self.app.disk.save_review(
            self.review, dict(self.notes), dict(self.decisions), today=self.today, asker=self
        )
        if request is not None:
            self._asked[request] = label

    def on_save_answered(self, message: SaveAnswered) -> None:
        label = self._asked.pop(message.request, None)
        if label is None:
            return
        if message.problem is not None:
            self.notify(message.problem, severity="error", timeout=10)
        else:
            self._saved(label, cast("SaveResult", message.result))

    def _saved(self, label: str, result: SaveResult) -> None:
        if result.applied:
            n = len(result.applied)
            what = ngettext("{n} decision applied to goals.toml", "{n} decisions applied to goals.toml", n).format(
                n=count(n)
            )
        else:
            what = _("no new decisions to apply")
        changed = result.wrote_review or result.applied
        saved = (
            _("Review {week} saved: {what}.") if changed else _("Review {week}: nothing changed since the last save.")
        )
        self.notify(saved.format(week=label, what=what), timeout=4)
        if label == self.review.label:
            self._load(self.review.week)
            self._show()

    def action_history(self) -> None:
        from goaltui.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def _notes(self) -> list[Input]:
        return [self.query_one(f"#note-{key}", Input) for key in NOTES]

    def action_next_note(self) -> None:
        """Tab: from the goals into the notes, then round the notes; never back into the decisions."""
        notes = self._notes()
        here = self.focused
        at = notes.index(here) if isinstance(here, Input) and here in notes else -1
        notes[(at + 1) % len(notes)].focus()

    def action_close(self) -> None:
        if self.focused in self._notes():
            self.query_one(DataTable).focus()  # escape in a note: back to the decisions, the notes kept
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()

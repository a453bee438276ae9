"""The review screen: the week's results, the funnel and why, a decision per goal, three notes, save."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from goaltui.model.calendar import Window, short_date
from goaltui.model.format import count, from_day, percent
from goaltui.model.review import (
    Decision,
    DecisionKind,
    Review,
    ReviewError,
    build_review,
    effect,
    next_window_start,
)
from goaltui.model.weeks import last_completed_week, shift_week
from goaltui.store.reviews import NOTES, ReviewFileError, SaveResult, load_review
from goaltui.tui.widgets.history import BLOCKS
from goaltui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from goaltui.tui.app import GoalApp

NOTE_LABELS = {"went_well": "Went well", "went_badly": "Did not", "to_change": "To change"}
NOTE_HINTS = {
    "went_well": "what went well this week",
    "went_badly": "what did not go well",
    "to_change": "what you will change next week",
}
VERDICT_STYLE = {
    "stretch": ("✓✓ stretch", "bold green"),
    "hit": ("✓ hit", "green"),
    "missed": ("✗ missed", "bold red"),
    "under way": ("… under way", "yellow"),
}

DECISIONS = [
    Binding("k", "decide('keep')", "Keep", id="review-keep", show=False),
    Binding("plus", "decide('raise')", "Raise", key_display="+", id="review-raise"),
    Binding("minus", "decide('lower')", "Lower", key_display="-", id="review-lower"),
    Binding("o", "decide('carry')", "Carry over", id="review-carry", show=False),
    Binding("e", "decide('extend')", "Extend", id="review-extend", show=False),
    Binding("a", "decide('achieved')", "Achieved", id="review-achieved", show=False),
    Binding("x", "decide('dropped')", "Dropped", id="review-dropped", show=False),
]


def sparkline(values: tuple[float, ...], targets: tuple[float, ...]) -> Text:
    """Eight windows as bars, green where the target was reached; the scale includes the target."""
    top = max([*values, *targets, 1])
    text = Text()
    for v, t in zip(values, targets, strict=True):
        char = BLOCKS[min(8, max(1, round(8 * v / top)))] if v > 0 else "·"
        text.append(char, "green" if v >= t > 0 else "")
    return text


class ValueScreen(ModalScreen[str | None]):
    """Ask for one value (a number or a date); dismisses with the text, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str, hint: str) -> None:
        super().__init__()
        self.question, self.value, self.hint = question, value, hint

    def compose(self) -> ComposeResult:
        with Vertical(id="value-box"):
            yield Label(self.question)
            yield Input(value=self.value, id="value")
            yield Label(self.hint, id="value-hint")
            yield Label("[dim]enter to choose · esc to cancel[/dim]")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReviewScreen(Screen[None]):
    """Close a week: results, funnel diagnosis, decisions, notes; ctrl+s saves."""

    BINDINGS = [
        # [ and ] are named in the week line; in the footer they would push Back off 80 columns.
        Binding(
            "left_square_bracket", "week(-1)", "Week before", key_display="[", id="review-previous-week", show=False
        ),
        Binding("right_square_bracket", "week(1)", "Week after", key_display="]", id="review-next-week", show=False),
        *DECISIONS,
        Binding("ctrl+s", "save", "Save", id="review-save", priority=True),
        Binding("h", "history", "History", id="review-history"),
        Binding("escape", "close", "Back", id="review-back"),
    ]

    app: GoalApp

    def __init__(self, week: Window | None = None) -> None:
        super().__init__()
        self._week = week
        self.review: Review
        self.decisions: dict[str, Decision] = {}
        self.saved_decisions: dict[str, Decision] = {}
        self.notes: dict[str, str] = dict.fromkeys(NOTES, "")

    @property
    def data_dir(self) -> Path:
        return self.app.tracker.data_dir

    @property
    def today(self) -> date:
        return self.app.today

    def compose(self) -> ComposeResult:
        self._load(self._week or last_completed_week(self.today, self.app.tracker.plan.settings))
        yield Header()
        with VerticalScroll(id="review"):
            yield Label(id="review-week")
            yield DataTable(id="review-goals", cursor_type="row", zebra_stripes=False)
            yield Label(id="review-hint")
            yield Label("Funnel · this week against the 4 weeks before", classes="section-title")
            yield Static(id="review-funnel")
            yield Label("Notes · tab to write, ctrl+s to save", classes="section-title")
            for key in NOTES:
                with Horizontal(classes="note-row"):
                    yield Label(f"{NOTE_LABELS[key]:<10}", classes="note-label")
                    yield Input(self.notes[key], placeholder=NOTE_HINTS[key], id=f"note-{key}", classes="note")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Goal", key="goal")
        table.add_column("Target", key="target")
        table.add_column("Actual", key="actual")
        table.add_column("Result", key="result")
        table.add_column("Last 8", key="spark")
        table.add_column("Decision", key="decision")
        self._show()
        table.focus()

    # --- state -------------------------------------------------------------------

    def _load(self, week: Window) -> None:
        """Build the week's review and read its saved file, if any."""
        tracker = self.app.tracker
        self.review = build_review(tracker.plan, tracker.counts, week, self.today)
        try:
            saved = load_review(self.data_dir, self.review.label)
        except ReviewFileError as err:
            self.notify(str(err), severity="error", timeout=10)
            saved = None
        self.saved_decisions = dict(saved.decisions) if saved else {}
        self.decisions = {
            g.goal_id: self.saved_decisions.get(g.goal_id, Decision(g.goal_id)) for g in self.review.goals
        }
        self.notes = dict(saved.notes) if saved else dict.fromkeys(NOTES, "")
        self.is_saved = saved is not None

    def _show(self) -> None:
        review = self.review
        title = Text.assemble(
            (f"Week {review.label}", "bold"),
            f"  {short_date(review.week.start, self.today)} – {short_date(review.week.end, self.today)}  ·  ",
            ("saved", "green") if self.is_saved else ("not reviewed yet", "yellow"),
            ("  ·  [ ] weeks", "dim"),
        )
        self.query_one("#review-week", Label).update(title)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for g in review.goals:
            label, style = VERDICT_STYLE[g.verdict]
            if g.days_hit is not None:
                label += f" {g.days_hit}/{g.workdays}d"
            table.add_row(
                g.goal_id,
                count(round(g.target, 2)) + from_day(g.since, self.today),
                count(g.actual),
                Text(label, style),
                sparkline(g.history, g.history_targets),
                self._decision_text(g.goal_id),
                key=g.goal_id,
            )
        if review.goals:
            table.move_cursor(row=min(row, len(review.goals) - 1))
        self._hint()
        self.query_one("#review-funnel", Static).update(self._funnel_text())
        for key in NOTES:
            self.query_one(f"#note-{key}", Input).value = self.notes.get(key, "")

    def _decision_text(self, goal_id: str) -> Text:
        d = self.decisions.get(goal_id, Decision(goal_id))
        if d.kind in ("raise", "lower"):
            words = f"{d.kind} → {count(d.value)}" + (" next" if d.kind == "lower" else "")  # type: ignore[arg-type]
        elif d.kind == "extend":
            words = f"extend → {d.value}"
        else:
            words = {"carry": "carry over", "achieved": "archive: achieved", "dropped": "archive: dropped"}.get(
                d.kind, d.kind
            )
        applied = self.saved_decisions.get(goal_id) == d and d.kind != "keep"
        return Text(words + (" ✓" if applied else ""), "dim" if d.kind == "keep" else "bold")

    def _hint(self) -> None:
        goal = self._current_goal()
        text = "k keep  + raise now  - lower from next window  o carry  e extend  a/x archive"
        if not self.review.goals:  # before the goals began: nothing to decide
            text = "No goal with a target ran this week."
        if goal is not None and self.decisions[goal].kind == "lower":
            plan_goal = self.app.tracker.plan.goals.get(goal)
            if plan_goal is not None:
                start = next_window_start(plan_goal, self.app.tracker.plan.settings, self.today)
                text = f"Lowering waits for the next window: {goal} from {short_date(start, self.today)}."
        self.query_one("#review-hint", Label).update(Text(text, "dim"))

    def _funnel_text(self) -> Text:
        review = self.review
        text = Text(no_wrap=True, overflow="ellipsis")
        width = max((len(s.metric) for s in review.stages), default=0)
        for i, s in enumerate(review.stages):
            if i:
                text.append("\n")
            text.append(f"{s.metric:<{width}} ", "bold")
            text.append(f"{count(s.week):>5}")
            text.append(f"  usual {count(round(s.usual)):>4}", "dim")
            if i:
                r = review.rates[i - 1]
                text.append(f"  {percent(r.week)} of {r.source}", "")
                text.append(f" (usual {percent(r.usual)})", "dim")
        for line in review.diagnosis:
            text.append("\n")
            style = "green" if line.startswith("No shortfall") else "yellow"
            text.append(line, style)
        extras = [
            f"{d.what} {short_date(d.due, self.today)}: {d.title} ({'done' if d.done else 'not done'})"
            for d in review.due
        ]
        extras += [f"break {short_date(b, self.today)}" for b in review.breaks]
        if extras:
            text.append("\n" + " · ".join(extras), "dim")
        return text

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
            self.notes[event.input.id.removeprefix("note-")] = event.value

    # --- actions ---------------------------------------------------------------------

    def action_week(self, step: int) -> None:
        week = shift_week(self.review.week, step)
        if week.end >= self.today and step > 0:
            self.notify("That week is not over yet: review it once it has ended.", severity="warning", timeout=3)
            return
        self._load(week)
        self._show()

    def action_decide(self, kind: DecisionKind) -> None:
        goal_id = self._current_goal()
        if goal_id is None:
            return
        goal = self.app.tracker.plan.goals.get(goal_id)
        if goal is None:
            self.notify(f"{goal_id} is no longer in goals.toml", severity="warning")
            return
        settings = self.app.tracker.plan.settings
        if kind in ("raise", "lower"):
            best = self.review.realistic.get(goal_id)
            current = goal.target or 0
            if kind == "raise":
                offer = max(current + 1, best or 0) if best and best > current else current + 1
            else:
                offer = best if best and best < current else max(1.0, current - 1)
            start = next_window_start(goal, settings, self.today)
            hint = (
                f"Most realistic from your best 20 working days: {count(best)}."
                if best
                else "Too little history to suggest a value."
            )
            hint += " Counts at once." if kind == "raise" else f" Starts {short_date(start, self.today)}."
            self.app.push_screen(
                ValueScreen(
                    f"{kind.capitalize()} the target of {goal_id} (now {count(current)}) to:",
                    count(offer).replace(",", ""),
                    hint,
                ),
                partial(self._value_chosen, goal_id, kind),
            )
            return
        if kind == "extend":
            if goal.deadline is None:
                self.notify(
                    f"{goal_id} has no deadline to extend: keep it, or raise or lower its target",
                    severity="warning",
                    timeout=5,
                )
                return
            base = goal.deadline
            offer = date(base.year + (base.month == 12), base.month % 12 + 1, min(base.day, 28))  # type: ignore[assignment]
            self.app.push_screen(
                ValueScreen(
                    f"New deadline for {goal_id} (now {goal.deadline or 'none'}):",
                    offer.isoformat(),  # type: ignore[union-attr]
                    "A date as YYYY-MM-DD, after the current deadline.",
                ),
                partial(self._value_chosen, goal_id, kind),
            )
            return
        self._set(Decision(goal_id, kind))

    def _value_chosen(self, goal_id: str, kind: DecisionKind, text: str | None) -> None:
        if text is None:
            return
        value: float | date
        try:
            value = date.fromisoformat(text) if kind == "extend" else float(text.replace(",", ""))
        except ValueError:
            example = "2027-04-30" if kind == "extend" else "25"
            self.notify(
                f"{text!r} is not {'a date' if kind == 'extend' else 'a number'}: try {example}",
                severity="error",
                timeout=5,
            )
            return
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        self._set(Decision(goal_id, kind, value))

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
            self.notify(
                f"{goal.id}: lowered to {count(decision.value)} from {short_date(start, self.today)}; "  # type: ignore[arg-type]
                "the window under way keeps its target.",
                timeout=5,
            )

    def action_save(self) -> None:
        label = self.review.label
        self.app.disk.save_review(
            self.review,
            dict(self.notes),
            dict(self.decisions),
            today=self.today,
            saved=partial(self._saved, label),
            failed=partial(self.notify, severity="error", timeout=10),
        )

    def _saved(self, label: str, result: SaveResult) -> None:
        if result.applied:
            n = len(result.applied)
            what = f"{n} decision{'s' if n != 1 else ''} applied to goals.toml"
        else:
            what = "no new decisions to apply"
        changed = result.wrote_review or result.applied
        self.notify(
            f"Review {label} saved: {what}." if changed else f"Review {label}: nothing changed since the last save.",
            timeout=4,
        )
        if label == self.review.label:
            self._load(self.review.week)
            self._show()

    def action_history(self) -> None:
        from goaltui.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """The review's actions for the command palette."""
        yield SystemCommand("Save review", "Save this review and apply its decisions", self.action_save)
        yield SystemCommand("History", "Heatmap, weekly totals, conversion, streaks", self.action_history)
        yield SystemCommand("Week before", "Review the week before", partial(self.action_week, -1))
        yield SystemCommand("Week after", "Review the week after", partial(self.action_week, 1))

"""The goals screen: the goal ladder as a tree, the selected goal in detail, and its SMART check.

Every change goes through Tracker.save_goals in a thread worker holding the
app's I/O lock. The edit assigns only what changed and is re-applied on top of
whatever is on disk at that moment, so an edit made by hand meanwhile is kept;
the screen then reloads and says what it found.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Label, Static, Tree

from goaltui.lang import _, ngettext
from goaltui.model.calendar import short_date
from goaltui.model.format import count, quantity, unit_of
from goaltui.model.goals import Goal, Plan
from goaltui.model.keymap import ARCHIVE, GOALS_SCREEN, MILESTONES, NEW_GOAL, ROAD, SHOW_ARCHIVED
from goaltui.model.pace import plan_pace
from goaltui.model.smart import check_plan, goal_findings, worst
from goaltui.model.standing import status_word
from goaltui.model.vision import road, road_lines
from goaltui.store import goal_edits
from goaltui.store.goalsfile import Edit, Saved
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.messages import DayChanged, GoalsChanged, SaveAnswered, TapsSaved
from goaltui.tui.screens.goal_form import FormResult, GoalForm, field_word, smart_text
from goaltui.tui.screens.goal_words import Part, goal_label, plan_changes, window_words
from goaltui.tui.screens.milestones import MilestoneChange, MilestonesScreen, milestone_text
from goaltui.tui.text import assemble, styled
from goaltui.tui.themes import PACE_COLOUR, rich_text
from goaltui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from textual.widgets.tree import TreeNode

    from goaltui.tui.app import GoalApp

SHORT_LADDER = 100  # columns: narrower, a ladder line that would be cut leaves its window words to the detail


class GoalsScreen(CommandsMixin, Screen[None]):
    """The ladder, the selected goal, its milestones and SMART check."""

    CSS_PATH = "goals.tcss"
    COMMANDS_TABLE = GOALS_SCREEN

    show_archived: reactive[bool] = reactive(False, init=False)

    app: GoalApp

    def __init__(self) -> None:
        super().__init__()
        self.selected: str | None = None
        self._plan: Plan | None = None  # the plan the screen shows: tells our saves from edits made elsewhere
        # The saves asked for and not answered yet, by request: what to say when done, the plan before, a retry.
        self._asked: dict[int, tuple[str, Plan, Callable[..., None] | None]] = {}
        self._short = False  # the ladder's lines without their window words (see goal_label)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="goals-body"):
            with VerticalScroll(id="ladder-box"):
                yield Label(_("Goal ladder · each goal serves the one above it"), classes="section-title")
                tree: Tree[str] = Tree("Goals", id="ladder")
                tree.show_root = False
                tree.guide_depth = 3
                yield tree
            with VerticalScroll(id="goal-detail"):
                yield Static(id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self._fit(self.app.size.width)
        self.rebuild()
        self.query_one(Tree).focus()

    def theme_changed(self) -> None:
        self.rebuild()  # the ladder's colours are drawn into its labels

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width >= 140, "-wide")
        short = width < SHORT_LADDER
        if short != self._short:
            self._short = short
            if self._plan is not None:  # built already: draw its lines again, shorter or longer
                self.rebuild()

    @property
    def plan(self) -> Plan:
        return self.app.tracker.plan

    # --- the ladder ------------------------------------------------------------------

    def visible_goals(self) -> list[Goal]:
        return [g for g in self.plan.goals.values() if g.active or self.show_archived]

    def rebuild(self) -> None:
        """Build the tree anew from the plan, keeping the selected goal under the cursor."""
        plan = self.plan
        self._plan = plan
        today = self.app.today
        counts = self.app.tracker.counts
        shown = {g.id: g for g in self.visible_goals()}
        checked = check_plan(plan, counts, today)
        tree = self.query_one("#ladder", Tree)
        tree.clear()
        nodes = {}

        width = self.app.size.width

        def add(node: TreeNode[str], goal: Goal, depth: int = 0) -> None:
            pace = plan_pace(plan, goal, counts, today) if goal.active else None
            smart = worst(checked.get(goal.id, []))
            child_ids = [g.id for g in shown.values() if g.parent == goal.id]
            unit = unit_of(plan, goal.metric)
            words = goal_label(goal, pace, smart=smart, today=today, unit=unit)
            if self._short and cell_len(words.plain) + 3 * depth + 4 > width:  # it would be cut: without its window
                words = goal_label(goal, pace, smart=smart, today=today, unit=unit, short=True)
            label = rich_text(words, self.app.theme_variables)
            nodes[goal.id] = here = node.add(label, data=goal.id, expand=True, allow_expand=bool(child_ids))
            for cid in child_ids:
                add(here, shown[cid], depth + 1)

        for goal in shown.values():
            if goal.parent is None or goal.parent not in shown:
                add(tree.root, goal)
        if not shown:
            empty = styled(_("No goals yet: press {key} to create one.").format(key=self.key(NEW_GOAL)), "italic")
            tree.root.add_leaf(rich_text(empty, self.app.theme_variables), data=None)
        target = nodes.get(self.selected or "")
        hidden = plan.goals.get(self.selected or "")
        while target is None and hidden is not None and hidden.parent:  # archived and hidden: its parent
            target = nodes.get(hidden.parent)
            hidden = plan.goals.get(hidden.parent)
        target = target or next(iter(nodes.values()), None)
        if target is not None:
            _lines = tree.last_line  # lays out the new lines, so the node knows its line for the cursor
            tree.move_cursor(target)
            self.selected = target.data
        self.show_detail()

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data is not None and event.node.data != self.selected:
            self.selected = event.node.data
            self.show_detail()

    @property
    def goal(self) -> Goal | None:
        return self.plan.goals.get(self.selected or "")

    def show_detail(self) -> None:
        self.query_one("#detail", Static).update(self.detail_text())

    def detail_text(self) -> Content:
        goal = self.goal
        if goal is None:
            return styled(_("Select a goal, or press {key} to create one.").format(key=self.key(NEW_GOAL)), "italic")
        plan, today, counts = self.plan, self.app.today, self.app.tracker.counts
        parts: list[Part] = [
            (goal.title or goal.id, "bold"),
            ("  " + (f"({goal.id})" if goal.active else _("({goal}, archived)").format(goal=goal.id)) + "\n", "dim"),
        ]
        if goal.target is not None:
            unit = unit_of(plan, goal.metric)
            aim = quantity(goal.target, unit)
            if goal.stretch and goal.stretch > goal.target:
                aim = _("{target}, stretch {stretch}").format(target=aim, stretch=quantity(goal.stretch, unit))
            metric = goal.metric or _("(no metric)")
            what = _("{amount} of {metric}").format(amount=aim, metric=metric) if unit else f"{aim} {metric}"
            parts.append(f"{what} {window_words(goal, today)}")
        else:
            parts.append(_("{metric}, no target").format(metric=goal.metric or _("no metric")))
        if goal.start is not None:
            parts.append(", " + _("from {date}").format(date=short_date(goal.start, today)))
        parts.append("\n")
        pace = plan_pace(plan, goal, counts, today) if goal.active else None
        if pace is not None:
            start, end = short_date(pace.window.start, today), short_date(pace.window.end, today)
            parts += [
                _("Progress {done} of {target}").format(
                    done=quantity(pace.progress, pace.unit), target=quantity(pace.target, pace.unit)
                )
                + " · ",
                (status_word(pace.status), PACE_COLOUR.get(pace.status, "")),
                (" · " + _("window {start} – {end}").format(start=start, end=end) + "\n", "dim"),
            ]
            parts.append((_("The road to the end of the window: {key}").format(key=self.key(ROAD)) + "\n", "dim"))
        found = road(goal, plan, counts, today) if goal.active else None
        if found is not None:
            parts.append((_("A vision: where the ladder leads, never paced day by day") + "\n", "dim"))
            parts += [line + "\n" for line in road_lines(found, today)[1:]]
        if goal.parent:
            parent = plan.goals.get(goal.parent)
            parts.append(_("Serves: {goal}").format(goal=parent.title if parent else goal.parent) + "\n")
        parts += [("\n" + _("Why") + "  ", "bold"), (goal.why or "—", "" if goal.why else "dim")]
        parts += [("\n" + _("How") + "  ", "bold"), (goal.how or "—", "" if goal.how else "dim")]
        typos = tuple(u for u in plan.unknown if u.table == ("goals", goal.id))
        check = smart_text(goal_findings(goal, plan, counts, today), typos)
        parts += [("\n\n" + _("SMART check") + "\n", "bold"), check]
        keys = _("({key} to add, tick, remove)").format(key=self.key(MILESTONES))
        parts += [("\n" + _("Milestones"), "bold"), (f"  {keys}\n", "dim")]
        if goal.milestones:
            for m in goal.milestones:
                parts += ["  ", milestone_text(m, today), "\n"]
        else:
            parts.append(("  " + _("none yet") + "\n", "dim"))
        if goal.changes:
            parts.append(("\n" + _("Changes") + "\n", "bold"))
            for c in goal.changes:
                line = f"  {short_date(c.on, today)}  {c.what}"
                if c.old is not None or c.new is not None:
                    line += f" {c.old} → {c.new}"
                if c.effective:
                    line += " (" + _("from {date}").format(date=short_date(c.effective, today)) + ")"
                if c.note:
                    line += f" · {c.note}"
                parts.append(line + "\n")
        return assemble(*parts)

    def watch_show_archived(self) -> None:
        self.rebuild()

    # --- what the disk work tells ----------------------------------------------------

    def on_taps_saved(self, message: TapsSaved) -> None:
        self.rebuild()  # progress and pace changed

    def on_day_changed(self, message: DayChanged) -> None:
        self.rebuild()

    def on_goals_changed(self, message: GoalsChanged) -> None:
        plan = self.plan
        if plan is self._plan:
            return  # our own save: already shown
        if self._plan is not None and not self._asked:  # a save of ours under way: its answer says what changed
            what = plan_changes(self._plan, plan)
            if what:
                self.notify(
                    _("{changes}. The ladder shows the file as it is now.").format(changes="; ".join(what)),
                    title=_("goals.toml changed on disk"),
                    timeout=8,
                )
        self.rebuild()

    # --- actions -------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_show_archived(self) -> None:
        self.show_archived = not self.show_archived
        archived = sum(1 for g in self.plan.goals.values() if not g.active)
        self.notify(
            ngettext("Showing {n} archived goal", "Showing {n} archived goals", archived).format(n=count(archived))
            if self.show_archived
            else _("Archived goals hidden"),
            timeout=3,
        )

    def action_new_goal(self) -> None:
        self._open_form(None)

    def action_edit_goal(self) -> None:
        if self._need_goal():
            self._open_form(self.goal)

    def _open_form(self, goal: Goal | None, values: dict[str, str] | None = None, problem: str = "") -> None:
        if self.app.disk.refused():
            return
        form = GoalForm(
            self.plan, self.app.tracker.counts, self.app.today, editing=goal, values=values, problem=problem
        )
        self.app.push_screen(form, partial(self._form_done, goal))

    def _form_done(self, goal: Goal | None, result: FormResult | None) -> None:
        if result is None:
            return
        if goal is not None and not result.fields and result.new_metric is None:
            self.notify(_("Nothing changed"), timeout=2)
            return
        if result.create:
            edit = goal_edits.create_goal(result.goal_id, result.fields, metric=result.new_metric)
            done = _("Created {goal}").format(goal=result.goal_id)
        else:
            edit = goal_edits.update_goal(result.goal_id, result.fields, metric=result.new_metric)
            done = _("Saved {goal}: {fields}").format(
                goal=result.goal_id, fields=", ".join(map(field_word, result.fields))
            )
        self.selected = result.goal_id
        retry = partial(self._open_form, goal, result.values)
        self.save(edit, done, retry)

    def action_road(self) -> None:
        if self._need_goal():
            from goaltui.tui.screens.road import RoadScreen  # the chart loads only when shown

            assert self.goal is not None
            self.app.push_screen(RoadScreen(self.goal))

    def action_milestones(self) -> None:
        if self._need_goal() and not self.app.disk.refused():
            goal = self.goal
            assert goal is not None
            self.app.push_screen(MilestonesScreen(goal, self.app.today), partial(self._milestone_done, goal.id))

    def _milestone_done(self, goal_id: str, change: MilestoneChange | None) -> None:
        if change is None:
            return
        if change.action == "add":
            edit = goal_edits.add_milestone(goal_id, change.title, change.due)
            done = _("Milestone added: {title}").format(title=change.title)
        elif change.action == "tick":
            edit = goal_edits.set_milestone_done(goal_id, change.index, change.title, change.done)
            done = (_("Milestone reached: {title}. Well done!") if change.done else _("Not done: {title}")).format(
                title=change.title
            )
        else:
            edit = goal_edits.remove_milestone(goal_id, change.index, change.title)
            done = _("Milestone removed: {title}").format(title=change.title)
        self.save(edit, done)

    def action_archive(self) -> None:
        goal = self.goal
        if not self._need_goal() or goal is None or self.app.disk.refused():
            return
        if goal.active:
            children = [g.id for g in self.plan.children(goal.id) if g.active]
            done = _(
                "Archived {goal}: it stays in goals.toml ({show} shows archived goals, {archive} restores)"
            ).format(goal=goal.id, show=self.key(SHOW_ARCHIVED), archive=self.key(ARCHIVE))
            if children:
                done = _("{done}. {goals} still name it as parent").format(done=done, goals=", ".join(children))
            self.save(goal_edits.set_status(goal.id, "archived"), done)
        else:
            self.save(goal_edits.set_status(goal.id, "active"), _("Restored {goal}").format(goal=goal.id))

    def _need_goal(self) -> bool:
        if self.goal is None:
            self.notify(
                _("Select a goal first (or press {key} to create one)").format(key=self.key(NEW_GOAL)),
                severity="warning",
                timeout=3,
            )
            return False
        return True

    # --- saving --------------------------------------------------------------------

    def save(self, edit: Edit, done: str, retry: Callable[..., None] | None = None) -> None:
        """Write ``edit`` to goals.toml; ``retry(problem=...)`` reopens the form if it fails."""
        request = self.app.disk.save_goals(edit, asker=self)
        if request is not None:
            self._asked[request] = (done, self._plan or self.plan, retry)

    def on_save_answered(self, message: SaveAnswered) -> None:
        asked = self._asked.pop(message.request, None)
        if asked is None:
            return
        done, before, retry = asked
        if message.problem is not None:
            self._failed(message.problem, retry)
        else:
            assert isinstance(message.result, Saved)
            self._saved(message.result, done, before)

    def _saved(self, saved: Saved, done: str, before: Plan) -> None:
        self._plan = saved.file.plan
        if saved.merged:
            what = plan_changes(before, saved.file.plan)
            self.notify(
                _(
                    "It had changed since it was loaded ({changes}): "
                    "those changes are kept and yours was applied on top."
                ).format(changes="; ".join(what))
                if what
                else _("It had changed since it was loaded: those changes are kept and yours was applied on top."),
                title=_("goals.toml changed on disk"),
                severity="warning",
                timeout=10,
            )
        self.notify(done, timeout=4)
        self.rebuild()

    def _failed(self, message: str, retry: Callable[..., None] | None) -> None:
        self.notify(
            _("{problem} Nothing was written; your input is kept.").format(problem=message),
            title=_("Not saved"),
            severity="error",
            timeout=15,
        )
        if retry is not None:
            retry(problem=_("Not saved: {problem}").format(problem=message))

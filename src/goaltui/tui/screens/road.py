"""The road to the deadline for one goal: the chart, what it says in words, and a recurring goal's last windows.

Imported only when the goals screen opens it, so the chart adds nothing to the daily screen's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from goaltui.model.calendar import short_date
from goaltui.model.format import plural, quantity, unit_of
from goaltui.model.goals import Goal
from goaltui.model.keymap import ROAD_SCREEN
from goaltui.model.road import Road, road
from goaltui.model.targets import coming_words, prorated_words, title_then
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.text import assemble
from goaltui.tui.widgets.history import sparkline
from goaltui.tui.widgets.keybar import KeyBar
from goaltui.tui.widgets.road import RoadChart

if TYPE_CHECKING:
    from goaltui.tui.app import GoalApp


def past_text(goal: Goal, shown: Road) -> Content:
    """A recurring goal's last windows as bars, those that reached their target in colour, and how many did."""
    if not shown.past:
        return Content("")
    aimed = [w for w in shown.past if w.target is not None]
    hit = sum(1 for w in aimed if w.actual >= (w.target or 0))
    judged = f"{hit} of {len(aimed)} reached the target" if aimed else "none before the goal began"
    return assemble(
        (f"Last {plural(len(shown.past), goal.every or 'window')}  ", "bold"),
        sparkline([w.actual for w in shown.past], [w.target for w in shown.past]),
        (f"  {judged}", "dim"),
    )


class RoadScreen(CommandsMixin, Screen[None]):
    """One goal's road: cumulative progress against the line from its start to its deadline."""

    COMMANDS_TABLE = ROAD_SCREEN
    DEFAULT_CSS = """
    RoadScreen #road-title { padding: 0 1; text-style: bold; }
    RoadScreen #road-summary, RoadScreen #road-past { padding: 0 1; height: auto; }
    RoadScreen RoadChart { margin: 1 1 0 0; }
    """

    app: GoalApp

    def __init__(self, goal: Goal) -> None:
        super().__init__()
        self.goal = goal

    def compose(self) -> ComposeResult:
        tracker = self.app.tracker
        plan = tracker.plan
        shown = road(self.goal, plan.settings, tracker.counts, self.app.today, unit_of(plan, self.goal.metric))
        yield Header()
        today = self.app.today
        window = f"{short_date(shown.window.start, today)} – {short_date(shown.window.end, today)}" if shown else ""
        title = title_then(self.goal, shown.window) if shown else self.goal.title
        coming = coming_words(self.goal, self.app.today)
        yield Static(
            assemble(f"{title or self.goal.id} · {window}" + (f" · {coming}" if coming else "")), id="road-title"
        )
        if shown is None:
            yield Static("No road yet: the goal needs a metric, a target and a window.", id="road-summary")
        else:
            stretch = f" · stretch {quantity(shown.stretch, shown.unit)}" if shown.stretch is not None else ""
            prorated = prorated_words(self.goal, tracker.plan.settings, shown.window, self.app.today)
            yield Static(assemble(shown.summary + stretch + (f"\n{prorated}" if prorated else "")), id="road-summary")
            yield RoadChart(shown)
            yield Static(past_text(self.goal, shown), id="road-past")
        yield KeyBar()

    def action_close(self) -> None:
        self.app.pop_screen()

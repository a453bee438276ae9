"""The road to the deadline for one goal: the chart, what it says in words, and a recurring goal's last windows.

Imported only when the goals screen opens it, so the chart adds nothing to the daily screen's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from goaltui.lang import _, ngettext
from goaltui.model.calendar import short_date
from goaltui.model.format import count, quantity, unit_of
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
    if aimed:
        judged = _("{hit} of {n} reached the target").format(hit=count(hit), n=count(len(aimed)))
    else:
        judged = _("none before the goal began")
    return assemble(
        (last_windows(goal.every, len(shown.past)) + "  ", "bold"),
        sparkline([w.actual for w in shown.past], [w.target for w in shown.past]),
        (f"  {judged}", "dim"),
    )


def last_windows(every: str | None, n: int) -> str:
    """``Last 6 weeks``: a recurring goal's last ``n`` windows, by their period."""
    if every == "day":
        words = ngettext("Last {n} day", "Last {n} days", n)
    elif every == "week":
        words = ngettext("Last {n} week", "Last {n} weeks", n)
    elif every == "month":
        words = ngettext("Last {n} month", "Last {n} months", n)
    elif every == "quarter":
        words = ngettext("Last {n} quarter", "Last {n} quarters", n)
    elif every == "year":
        words = ngettext("Last {n} year", "Last {n} years", n)
    else:
        words = ngettext("Last {n} window", "Last {n} windows", n)
    return words.format(n=count(n))


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
            yield Static(_("No road yet: the goal needs a metric, a target and a window."), id="road-summary")
        else:
            stretch = ""
            if shown.stretch is not None:
                stretch = " · " + _("stretch {amount}").format(amount=quantity(shown.stretch, shown.unit))
            prorated = prorated_words(self.goal, tracker.plan.settings, shown.window, self.app.today)
            yield Static(assemble(shown.summary + stretch + (f"\n{prorated}" if prorated else "")), id="road-summary")
            yield RoadChart(shown)
            yield Static(past_text(self.goal, shown), id="road-past")
        yield KeyBar()

    def action_close(self) -> None:
        self.app.pop_screen()

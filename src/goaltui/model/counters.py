"""Each metric's count with its most immediate goal: the daily screen's counters and the prompt's status line.

Light on purpose: `goaltui log` rewrites the status line after every tap.
"""

from __future__ import annotations

from datetime import date

from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Goal, Metric, Plan
from goaltui.model.pace import Pace
from goaltui.model.record import record
from goaltui.model.standing import SYMBOLS

PERIOD_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, None: 5}
STATUS_SYMBOL = SYMBOLS  # one table for the app, the team and the status line (model/standing.py)


@record
class CounterView:
    metric: Metric
    count: float  # on the day shown (a level: its value then)
    pace: Pace | None  # the metric's most immediate goal (shortest window), as of today
    goal: Goal | None


@record
class GaugeView:
    goal: Goal
    pace: Pace


def counter_views(plan: Plan, counts: DailyCounts, gauges: tuple[GaugeView, ...], day: date) -> list[CounterView]:
    """Each metric's count on ``day`` with its most immediate goal (the shortest window) and that goal's pace."""
    counters = []
    for metric in plan.ordered_metrics():
        mine = sorted((g for g in gauges if g.pace.metric == metric.id), key=lambda g: PERIOD_ORDER[g.goal.every])
        first = mine[0] if mine else None
        pace, goal = (first.pace, first.goal) if first else (None, None)
        counters.append(CounterView(metric, shown_count(counts, metric.id, day), pace, goal))
    return counters


def shown_count(counts: DailyCounts, metric: str, day: date) -> float:
    """What a metric shows for ``day``: its count, or for a level the value it stood at (0 before any reading)."""
    if counts.is_level(metric):
        return counts.level(metric, day) or 0.0
    return counts.get(day, metric)

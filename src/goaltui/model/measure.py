"""What a goal has reached in a window: one rule for counts and levels, for pace, road, review and reports.

A count's progress is its total in the window. A level (a metric with
readings, model/counts.py) is judged by the value it stands at by the day in
question, unless the goal says ``measure = "gain"``: then by its rise in the
window (a level's daily figures are its rises, so that is its total). A value
goal's line starts where the level stood as the window began (its base): a
downline of 57 aiming at 200 is judged on the 143 still to come.
"""

from __future__ import annotations

from datetime import date

from goaltui.model.calendar import ONE_DAY
from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Goal


def by_value(goal: Goal, counts: DailyCounts) -> bool:
    """True for a goal judged by the value its level reached (not a count, not a gain)."""
    return goal.metric is not None and goal.measure != "gain" and counts.is_level(goal.metric)


def reached(goal: Goal, counts: DailyCounts, start: date, end: date) -> float:
    """The goal's progress from ``start`` to ``end``: the level's value at ``end``, or the total (the gain) in it."""
    assert goal.metric is not None
    if by_value(goal, counts):
        value = counts.level(goal.metric, end)
        return value if value is not None else 0.0
    return counts.total(goal.metric, start, end)


def base(goal: Goal, counts: DailyCounts, start: date, today: date) -> float:
    """Where a value goal's line starts: the level as ``start`` began, else its first reading by ``today``; else 0."""
    if not by_value(goal, counts):
        return 0.0
    assert goal.metric is not None
    before = counts.level(goal.metric, start - ONE_DAY)
    if before is not None:
        return before
    first = counts.reading_days(goal.metric, start, today)
    found = counts.level(goal.metric, first[0]) if first else None
    return found if found is not None else 0.0

"""The road to the deadline: a goal's cumulative progress against its line, day by day (Beeminder's picture).

For the goal's current window (start to deadline for a one-off goal, the
period under way for a recurring one): progress at the end of each day up to
today, the line (the target shared over the working days) and the stretch's,
and the projection from today to the window's end at the trailing rate. A
recurring goal adds its last 12 windows' results; windows before its start
set no target and show none. A goal on a level draws the value it stood at
each day, its line rising from where the level began the window
(model/measure.py).
"""

from __future__ import annotations

from datetime import date

from goaltui.lang import _
from goaltui.model.calendar import ONE_DAY, Window, period_window, working_dates
from goaltui.model.counts import DailyCounts
from goaltui.model.format import projection_words, quantity
from goaltui.model.goals import Goal, Settings
from goaltui.model.measure import base, by_value, reached
from goaltui.model.pace import goal_pace
from goaltui.model.record import record
from goaltui.model.targets import aim

PAST_WINDOWS = 12


@record
class PastWindow:
    """One earlier window of a recurring goal: what it asked and what was done."""

    window: Window
    actual: float
    target: float | None  # None: the goal set no target then (before its start)


@record
class Road:
    """Everything the chart draws, as plain numbers per calendar day of the window."""

    goal_id: str
    metric: str
    window: Window
    today: date
    target: float
    stretch: float | None
    progress: tuple[float, ...]  # cumulative, one per day from window.start to min(today, window.end)
    line: tuple[float, ...]  # the line at the end of each day of the window
    stretch_line: tuple[float, ...] | None
    projection: float | None  # where the trailing rate ends up by window.end
    past: tuple[PastWindow, ...]  # oldest first; empty for a one-off goal
    summary: str
    unit: str | None = None  # the metric's, when it counts money


def road(goal: Goal, settings: Settings, counts: DailyCounts, today: date, unit: str | None = None) -> Road | None:
    """The road of ``goal`` on ``today``; None when it has no pace (no target or window yet).

    ``unit``: the metric's, when it counts money.
    """
    pace = goal_pace(goal, settings, counts, today, unit)
    if pace is None:
        return None
    window = pace.window
    days = [window.start + ONE_DAY * i for i in range(window.days)]
    progress: list[float] = []
    total = 0.0
    level = by_value(goal, counts)
    start = base(goal, counts, window.start, today)
    for day in days:
        if day > today:
            break
        total += counts.total(pace.metric, day, day)
        value = counts.level(pace.metric, day) if level else total
        progress.append(start if value is None else value)
    stretch = pace.stretch.target if pace.stretch is not None else None
    line = _line(pace.target, days, settings, min(start, pace.target))
    stretch_line = _line(stretch, days, settings, min(start, stretch)) if stretch is not None else None
    past = _past(goal, settings, counts, window) if goal.every is not None else ()
    done, target = (pace.progress, pace.target) if unit else (round(pace.progress, 1), pace.target)
    line_now = pace.expected if unit else round(pace.expected)
    summary = _("{done} of {target} {metric} · line {line} at the start of today · {projection} by the end").format(
        done=quantity(done, unit),
        target=quantity(target, unit),
        metric=pace.metric,
        line=quantity(line_now, unit),
        projection=projection_words(pace),
    )
    return Road(
        goal.id,
        pace.metric,
        window,
        today,
        pace.target,
        stretch,
        tuple(progress),
        line,
        stretch_line,
        pace.projection,
        past,
        summary,
        unit,
    )


def _line(target: float, days: list[date], settings: Settings, start: float = 0.0) -> tuple[float, ...]:
    """The target shared over the working days (from ``start``): where progress should be at the end of each day."""
    workdays = set(working_dates(days[0], days[-1], settings)) if days else set()
    if not workdays:
        return tuple(target if i == len(days) - 1 else start for i in range(len(days)))
    done, line = 0, []
    for day in days:
        done += day in workdays
        line.append(start + (target - start) * done / len(workdays))
    return tuple(line)


def _past(goal: Goal, settings: Settings, counts: DailyCounts, current: Window) -> tuple[PastWindow, ...]:
    assert goal.every is not None and goal.metric is not None
    found = []
    # The window under way may be cut short by the goal's start: the ones before it end before its period does.
    day = period_window(goal.every, current.start, settings.week_starts).start - ONE_DAY
    first = counts.first_day()
    began = goal.start or first  # a goal without a start began with the first tap
    for _unused in range(PAST_WINDOWS):
        window = period_window(goal.every, day, settings.week_starts)
        if first is None or window.end < first:
            break  # before anything was logged: nothing to draw
        asked = aim(goal, settings, window) if began is not None and window.end >= began else None
        target = asked.target if asked is not None else None
        found.append(PastWindow(window, reached(goal, counts, window.start, window.end), target))
        day = window.start - ONE_DAY
    return tuple(reversed(found))

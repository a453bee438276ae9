"""Pace: where a goal stands against its line today.

With target T, progress A (the window up to and including today), D working
days in the window and d of them before today, the line is E = T * d / D:
what should be done by the start of today. Everything else (status, quota,
buffer, required rate, projection) follows from those four numbers.

A window with no working days at all (D == 0, e.g. a week of breaks) expects
nothing while it runs and the whole target once it is over: E = 0 until
``window.end``, then E = T. One "day's share" is then the whole target, so
such a window is never "ahead", only "on pace", "done" or (after) "missed".

Before a one-off goal's start, d = 0 and A = 0: it reads "on pace" with
nothing expected and every working day still to come. The target itself
(before a recurring goal's start there is none; a late start prorates it)
comes from model/targets.py, as for every other view.

The projection needs history: the metric logged on at least
:data:`MIN_PROJECTION_DAYS` of the trailing 20 working days. With less it is
None, and the words say there is too little history to project.

A goal on a level (model/measure.py) is judged by the value reached, its line
running from where the level stood as the window began (its base B) to the
target: E = B + (T - B) * d / D. Its rate is the trend of its readings (the
rise per working day since the first reading in the trailing 20 working days),
and it projects from :data:`MIN_READINGS` reading days on.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import replace
from datetime import date
from typing import Literal, get_args

from goaltui.model import standing
from goaltui.model.calendar import ONE_DAY, Window, goal_window, period_window, trailing_working_dates, working_dates
from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Goal, Plan, Settings
from goaltui.model.measure import base, reached
from goaltui.model.record import record
from goaltui.model.targets import aim, prorated_words

RATE_DAYS = 20  # the trailing working days the rate averages over
MIN_RATE_DAYS = 3  # fewer days than this is too little history for a rate
# A projection needs the metric logged on this many of the trailing 20 working days:
# one morning of revenue says nothing about the rest of the month.
MIN_PROJECTION_DAYS = 5
MIN_READINGS = 2  # a level's trend needs two reading days: one reading says where it is, not where it goes
EPSILON = standing.EPSILON  # float slack when comparing progress with a line

PaceStatus = Literal["missed", "behind", "on pace", "ahead", "done"]
STATUSES: tuple[PaceStatus, ...] = get_args(PaceStatus)  # worst to best


@record
class Pace:
    """A goal's figures on one day; see the module docstring for the arithmetic."""

    goal_id: str
    metric: str
    window: Window
    target: float  # effective target for this window (prorated in a first, clipped window)
    progress: float  # A: the metric's total in the window up to and including today
    expected: float  # E: the line at the start of today
    quota_today: float  # what today needs to end on the line
    status: PaceStatus
    buffer_days: int  # working days one could log nothing and stay on the line; negative = days behind
    required_rate: float | None  # per remaining working day; 0 when done; None when no working day is left
    projection: float | None  # where the trailing rate ends up by window.end; None with too little history
    rate: float | None  # average per working day over the trailing 20 working days before today
    history: int  # of those 20 working days, how many have the metric logged (see MIN_PROJECTION_DAYS)
    working_days: int  # D
    elapsed: int  # d
    remaining: int  # working days left in the window, today included when it is one
    stretch: Pace | None = None  # the same figures against the goal's stretch
    workday: bool = True  # today is a working day of the window (else it asks for nothing)
    prorated: str = ""  # why the target is less than the goal says: it began inside the window
    next_line: float = 0.0  # the line at the end of today: past it, ahead
    unit: str | None = None  # the metric's unit: its figures are amounts of money (model/numbers.py ``money``)

    @property
    def days_behind(self) -> int:
        """Working days of shortfall below the line (0 when on or above it)."""
        return max(0, -self.buffer_days)

    @property
    def fraction(self) -> float:
        """Progress as a share of the target, clipped to 0..1."""
        return _clip(self.progress / self.target)

    @property
    def line_fraction(self) -> float:
        """The line as a share of the target, clipped to 0..1."""
        return _clip(self.expected / self.target)


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


def goal_pace(goal: Goal, settings: Settings, counts: DailyCounts, today: date, unit: str | None = None) -> Pace | None:
    """The goal's pace on ``today``; None without a metric, a positive target or a window (see model/targets.py).

    ``unit``: the metric's, so that its words show amounts as money.
    """
    window = goal_window(goal, settings, today)
    if window is None or goal.metric is None:
        return None
    period = window if goal.every is None else period_window(goal.every, today, settings.week_starts)
    found = aim(goal, settings, period)
    if found is None:
        return None
    rate = average_rate(goal.metric, settings, counts, today)
    history = history_days(goal.metric, settings, counts, today)
    enough = MIN_READINGS if counts.is_level(goal.metric) else MIN_PROJECTION_DAYS
    projects = rate is not None and history >= enough
    progress = reached(goal, counts, window.start, min(today, window.end))
    start = base(goal, counts, window.start, today)
    metric = goal.metric

    def measured(target: float, stretch: Pace | None = None) -> Pace:
        line_from = min(start, target)
        figures = (counts, today, rate, history, progress, line_from, projects, stretch)
        return _pace(goal.id, metric, target, window, settings, *figures)

    pace = measured(found.target, None if found.stretch is None else measured(found.stretch))
    if unit:
        pace = replace(pace, unit=unit, stretch=pace.stretch and replace(pace.stretch, unit=unit))
    return replace(pace, prorated=prorated_words(goal, settings, period, today)) if found.since else pace


def plan_pace(plan: Plan, goal: Goal, counts: DailyCounts, today: date) -> Pace | None:
    """:func:`goal_pace` with the unit of the goal's metric from ``plan``."""
    metric = plan.metrics.get(goal.metric) if goal.metric else None  # not format.unit_of: format imports this module
    return goal_pace(goal, plan.settings, counts, today, metric.unit if metric else None)


def plan_paces(plan: Plan, counts: DailyCounts, today: date) -> list[Pace]:
    """Pace of every active goal that has one, in file order."""
    paces = (plan_pace(plan, goal, counts, today) for goal in plan.active_goals())
    return [pace for pace in paces if pace is not None]


def average_rate(metric: str, settings: Settings, counts: DailyCounts, today: date, n: int = RATE_DAYS) -> float | None:
    """Average of ``metric`` per working day over the ``n`` working days before today.

    Only days on or after the first logged day count; None with fewer than
    :data:`MIN_RATE_DAYS` of them. Taps on non-working days inside that span
    count too (they are work done), divided over the working days. A level's
    rate is the trend of its readings: its rise from its first reading on,
    None without :data:`MIN_READINGS` reading days before today.
    """
    level = counts.is_level(metric)
    first = counts.first_reading(metric) if level else counts.first_day()
    if first is None:
        return None
    days = [day for day in trailing_working_dates(today, settings, n) if day >= first]
    if len(days) < MIN_RATE_DAYS:
        return None
    if level and len(counts.reading_days(metric, days[0], today - ONE_DAY)) < MIN_READINGS:
        return None
    return counts.total(metric, days[0], today - ONE_DAY) / len(days)


def history_days(metric: str, settings: Settings, counts: DailyCounts, today: date, n: int = RATE_DAYS) -> int:
    """How many of the ``n`` working days before today have ``metric`` logged (for a level: days with a reading)."""
    span = trailing_working_dates(today, settings, n)
    if counts.is_level(metric):
        return len(counts.reading_days(metric, span[0], today - ONE_DAY)) if span else 0
    return sum(1 for day in span if counts.get(day, metric))


def _pace(
    goal_id: str,
    metric: str,
    target: float,
    window: Window,
    settings: Settings,
    counts: DailyCounts,
    today: date,
    rate: float | None,
    history: int,
    progress: float,  # A (see model/measure.py)
    start: float,  # B: where the line starts (0 but for a level's value), at most the target
    projects: bool,  # enough history to project
    stretch: Pace | None = None,
) -> Pace:
    workdays = working_dates(window.start, window.end, settings)
    total = len(workdays)
    elapsed = bisect_left(workdays, today)  # working days in the window before today
    remaining = total - elapsed
    at_work = elapsed < total and workdays[elapsed] == today
    over = today > window.end
    span = target - start

    if total:
        expected = start + span * elapsed / total
        next_line = start + span * (elapsed + 1) / total
    else:
        expected = target if over else start
        next_line = target
    quota = max(0.0, next_line - progress) if at_work else 0.0  # a day off asks for nothing

    status = standing.status(progress, target, expected, next_line, over)

    # Beeminder's safety buffer: whole days' shares covered, minus the days gone.
    covered = math.floor((progress - start) * total / span + EPSILON) if total and span > 0 else 0
    buffer = min(covered - elapsed, remaining)
    # Float slack must never make the buffer contradict the status.
    if status == "done":
        buffer = remaining
    elif status == "on pace":
        buffer = 0
    elif status == "ahead":
        buffer = min(max(buffer, 1), remaining)
    elif status == "behind":
        buffer = min(buffer, -1)

    if status == "done":
        required: float | None = 0.0
    elif remaining == 0:
        required = None
    else:
        required = (target - progress) / remaining

    projection = None
    if rate is not None and projects:
        after_today = remaining - 1 if at_work else remaining
        projection = progress + rate * after_today
        if at_work:
            projection += max(0.0, rate - counts.get(today, metric))

    return Pace(
        goal_id=goal_id,
        metric=metric,
        window=window,
        target=target,
        progress=progress,
        expected=expected,
        quota_today=quota,
        status=status,
        buffer_days=buffer,
        required_rate=required,
        projection=projection,
        rate=rate,
        history=history,
        working_days=total,
        elapsed=elapsed,
        remaining=remaining,
        stretch=stretch,
        workday=at_work,
        next_line=next_line,
    )

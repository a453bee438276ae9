"""Looking back over the whole history: heatmap, weekly totals, conversion, best week, streaks.

Pure, and linear in the days of history at worst (one pass over the counts),
so five years cost little more than one.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date, timedelta
from itertools import pairwise

from goaltui.model.calendar import Window, week_start
from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Goal, Plan, Settings
from goaltui.model.record import record
from goaltui.model.score import consistency
from goaltui.model.targets import Aims, metric_week
from goaltui.model.weeks import shift_week, week_label, week_of

HEATMAP_WEEKS = 53  # a year of weeks, this one last
TREND_WEEKS = 12


@record
class Heatmap:
    """A year of days as weeks (columns) of seven days (rows, from the week's first day)."""

    metric: str
    weeks: tuple[tuple[float | None, ...], ...]  # None: a day after today
    top: float  # the highest day, for scaling
    starts: tuple[date, ...]  # each column's first day


@record
class WeekTotal:
    label: str
    start: date
    total: float
    target: float | None  # None: no goal set one that week (before the goals began)
    since: date | None = None  # the goal began in the week: the total counts the days from here


@record
class Streak:
    """Working days in a row at or above a daily goal's target (days off do not break it)."""

    goal_id: str
    metric: str
    current: int
    longest: int


@record
class Trends:
    heatmaps: tuple[Heatmap, ...]
    weekly: dict[str, tuple[WeekTotal, ...]]
    conversion: tuple[tuple[str, tuple[float | None, ...]], ...]  # ("prospects→leads", rates per week)
    best_week: dict[str, WeekTotal]
    streaks: tuple[Streak, ...]
    scores: dict[str, float] = field(default_factory=dict)  # goal id -> consistency score, 0..1 (model/score.py)


def trends(plan: Plan, counts: DailyCounts, today: date) -> Trends:
    """Everything the history view shows, as of ``today``."""
    settings = plan.settings
    metrics = [m.id for m in plan.ordered_metrics()]
    by_week = weekly_sums(counts, settings)
    this_week = week_of(today, settings)
    weeks = [shift_week(this_week, -back) for back in range(TREND_WEEKS - 1, -1, -1)]
    starts = [w.start for w in weeks]
    weekly = {m: tuple(week_total(plan, counts, by_week, m, w) for w in weeks) for m in metrics}
    funnel = [m.id for m in plan.funnel()]
    conversion = []
    for a, b in pairwise(funnel):
        rates = []
        for s in starts:
            week = by_week.get(s, {})
            rates.append(min(1.0, week.get(b, 0) / week[a]) if week.get(a, 0) > 0 else None)
        conversion.append((f"{a}→{b}", tuple(rates)))
    best = {}
    for m in metrics:
        top = max(
            ((s, v.get(m, 0)) for s, v in by_week.items() if s < this_week.start), key=lambda x: x[1], default=None
        )
        if top is not None and top[1] > 0:
            best_week = week_of(top[0], settings)
            found = metric_week(plan, m, best_week)
            best[m] = WeekTotal(week_label(best_week), best_week.start, top[1], found.target if found else None)
    return Trends(
        heatmaps=tuple(heatmap(counts, m, today, settings) for m in metrics),
        weekly=weekly,
        conversion=tuple(conversion),
        best_week=best,
        streaks=tuple(run for g in plan.active_goals() if (run := streak(g, settings, counts, today)) is not None),
        scores={
            g.id: score.value
            for g in plan.active_goals()
            if (score := consistency(g, settings, counts, today)) and score.meaningful
        },
    )


def week_total(
    plan: Plan, counts: DailyCounts, by_week: dict[date, dict[str, float]], metric: str, week: Window
) -> WeekTotal:
    """A week's total of ``metric`` and its goal's target (model/targets.py); in its first week, from its start."""
    found = metric_week(plan, metric, week)
    whole = by_week.get(week.start, {}).get(metric, 0)
    if found is None:
        return WeekTotal(week_label(week), week.start, whole, None)
    total = counts.total(metric, found.since, week.end) if found.since else whole
    return WeekTotal(week_label(week), week.start, total, found.target, found.since)


def weekly_sums(counts: DailyCounts, settings: Settings) -> dict[date, dict[str, float]]:
    """Every week's total per metric, keyed by the week's first day: one pass over the counts."""
    weeks: dict[int, dict[str, float]] = {}  # by the day number of the week's first day
    shift = settings.week_starts
    for day, values in counts.items():
        number = day.toordinal()
        start = number - ((number + 6) % 7 - shift) % 7  # week_start, as day numbers (Monday is 0)
        bucket = weeks.get(start)
        if bucket is None:
            bucket = weeks[start] = {}
        for metric, n in values.items():
            bucket[metric] = bucket.get(metric, 0) + n
    return {date.fromordinal(start): bucket for start, bucket in weeks.items()}


def heatmap(counts: DailyCounts, metric: str, today: date, settings: Settings, weeks: int = HEATMAP_WEEKS) -> Heatmap:
    """The last ``weeks`` weeks of ``metric``, one column per week."""
    first = week_start(today, settings.week_starts) - timedelta(weeks=weeks - 1)
    columns, starts, top = [], [], 0.0
    for w in range(weeks):
        start = first + timedelta(weeks=w)
        column: list[float | None] = []
        for i in range(7):
            day = start + timedelta(days=i)
            if day > today:
                column.append(None)
                continue
            n = counts.get(day, metric)
            top = max(top, n)
            column.append(n)
        columns.append(tuple(column))
        starts.append(start)
    return Heatmap(metric, tuple(columns), top, tuple(starts))


def streak(goal: Goal, settings: Settings, counts: DailyCounts, today: date) -> Streak | None:
    """Current and longest run of working days at or above a daily goal's target; None for other goals.

    Today counts toward the current streak once its target is reached; until
    then the streak runs up to yesterday. Days off and breaks, and days the
    goal set no target (before its start, after its deadline), neither extend
    nor break a streak.
    """
    if goal.every != "day" or goal.metric is None or goal.target is None:
        return None
    first = counts.first_day()
    start = max(d for d in (goal.start, first) if d is not None) if first else None
    if start is None:
        return Streak(goal.id, goal.metric, 0, 0)
    # Walked as day numbers, a run of days with one target at a time: twenty years cost little more than one.
    series = counts.by_number(goal.metric)
    workdays, breaks, last = settings.workdays, {day.toordinal() for day in settings.breaks}, today.toordinal()
    current = longest = 0
    for low, high, found in Aims(goal, settings).runs(start, today):
        if found is None:
            continue
        for day in range(low, high + 1):
            if (day + 6) % 7 not in workdays or day in breaks:  # the weekday of a day number: Monday is 0
                continue
            if series.get(day, 0) >= found.target:
                current += 1
                longest = max(longest, current)
            elif day != last:
                current = 0
    return Streak(goal.id, goal.metric, current, longest)

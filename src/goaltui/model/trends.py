"""Looking back over the whole history: heatmap, weekly totals, conversion, best week, streaks.

Pure, and linear in the days of history at worst (one pass over the counts),
so five years cost little more than one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from goaltui.model.calendar import ONE_DAY, week_start
from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Goal, Plan, Settings
from goaltui.model.pace import in_force
from goaltui.model.review import weekly_target
from goaltui.model.weeks import shift_week, week_label, week_of

HEATMAP_WEEKS = 53  # a year of weeks, this one last
TREND_WEEKS = 12


@dataclass(frozen=True, slots=True)
class Heatmap:
    """A year of days as weeks (columns) of seven days (rows, from the week's first day)."""

    metric: str
    weeks: tuple[tuple[float | None, ...], ...]  # None: a day after today
    top: float  # the highest day, for scaling
    starts: tuple[date, ...]  # each column's first day


@dataclass(frozen=True, slots=True)
class WeekTotal:
    label: str
    start: date
    total: float
    target: float | None


@dataclass(frozen=True, slots=True)
class Streak:
    """Working days in a row at or above a daily goal's target (days off do not break it)."""

    goal_id: str
    metric: str
    current: int
    longest: int


@dataclass(frozen=True, slots=True)
class Trends:
    heatmaps: tuple[Heatmap, ...]
    weekly: dict[str, tuple[WeekTotal, ...]]
    conversion: tuple[tuple[str, tuple[float | None, ...]], ...]  # ("prospects→leads", rates per week)
    best_week: dict[str, WeekTotal]
    streaks: tuple[Streak, ...]


def trends(plan: Plan, counts: DailyCounts, today: date) -> Trends:
    """Everything the history view shows, as of ``today``."""
    settings = plan.settings
    metrics = [m.id for m in plan.ordered_metrics()]
    by_week = weekly_sums(counts, settings)
    this_week = week_of(today, settings)
    weeks = [shift_week(this_week, -back) for back in range(TREND_WEEKS - 1, -1, -1)]
    starts = [w.start for w in weeks]
    weekly = {}
    for m in metrics:
        weekly[m] = tuple(
            WeekTotal(week_label(w), w.start, by_week.get(w.start, {}).get(m, 0), weekly_target(plan, m, w))
            for w in weeks
        )
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
            best[m] = WeekTotal(week_label(best_week), best_week.start, top[1], weekly_target(plan, m, best_week))
    return Trends(
        heatmaps=tuple(heatmap(counts, m, today, settings) for m in metrics),
        weekly=weekly,
        conversion=tuple(conversion),
        best_week=best,
        streaks=tuple(run for g in plan.active_goals() if (run := streak(g, settings, counts, today)) is not None),
    )


def weekly_sums(counts: DailyCounts, settings: Settings) -> dict[date, dict[str, float]]:
    """Every week's total per metric, keyed by the week's first day: one pass over the counts."""
    weeks: dict[date, dict[str, float]] = {}
    for day, values in counts.items():
        bucket = weeks.setdefault(week_start(day, settings.week_starts), {})
        for metric, n in values.items():
            bucket[metric] = bucket.get(metric, 0) + n
    return weeks


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
    then the streak runs up to yesterday. Days off and breaks neither extend
    nor break a streak.
    """
    if goal.every != "day" or goal.metric is None or goal.target is None:
        return None
    first = counts.first_day()
    start = max(d for d in (goal.start, first) if d is not None) if first else None
    if start is None:
        return Streak(goal.id, goal.metric, 0, 0)
    current = longest = 0
    day = start
    while day <= today:
        if settings.is_workday(day):
            target = in_force(goal, "target", goal.target, day, day) or goal.target
            if counts.get(day, goal.metric) >= target:
                current += 1
                longest = max(longest, current)
            elif day != today:
                current = 0
        day += ONE_DAY
    return Streak(goal.id, goal.metric, current, longest)

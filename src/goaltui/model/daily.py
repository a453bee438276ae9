"""What the daily screen shows, as plain data: a pure function of plan, counts and dates."""

from __future__ import annotations

from datetime import date

from goaltui.model.counters import CounterView, GaugeView, counter_views
from goaltui.model.counts import DailyCounts
from goaltui.model.funnel import Conversion, ReverseFunnel, conversions, reverse_funnel
from goaltui.model.goals import Metric, Plan
from goaltui.model.pace import plan_paces
from goaltui.model.record import record
from goaltui.model.targets import metric_week
from goaltui.model.weeks import shift_week, week_of

HISTORY_WEEKS = 8


@record
class HistoryRow:
    metric: Metric
    weeks: tuple[float, ...]  # weekly totals (a level: its value at the week's end), oldest first, this week last
    target: float | None  # this week's target of the metric's goal (model/targets.py), also for scale
    since: date | None = None  # the goal began this week: the target counts the days from here


@record
class DailyView:
    today: date
    day: date  # the day being counted (today, or a past day being backfilled)
    workday: bool  # whether ``day`` expects pace (not a weekend day or a break)
    on_break: bool
    counters: tuple[CounterView, ...]
    gauges: tuple[GaugeView, ...]
    conversions: tuple[Conversion, ...]
    reverse: tuple[ReverseFunnel, ...]
    history: tuple[HistoryRow, ...]

    @property
    def backfilling(self) -> bool:
        return self.day != self.today


def daily_view(plan: Plan, counts: DailyCounts, today: date, day: date | None = None) -> DailyView:
    """Everything the daily screen needs for ``day`` (default today), paces as of today."""
    day = day or today
    paces = plan_paces(plan, counts, today)
    gauges = tuple(GaugeView(plan.goals[p.goal_id], p) for p in paces)
    counters = counter_views(plan, counts, gauges, day)
    stages = [m.id for m in plan.funnel()]
    sources = {up for up, down in plan.links() if down in stages}
    ends = {m for m in stages if m not in sources and plan.source(m) is not None}  # customers, and recruits after
    reverse = []
    for g in gauges:
        if g.pace.metric not in ends:
            continue  # the sentence is about the last stages: what it takes upstream to sign them
        rf = reverse_funnel(plan, g.goal, g.pace, counts, today)
        if rf is not None:
            reverse.append(rf)
    return DailyView(
        today=today,
        day=day,
        workday=plan.settings.is_workday(day),
        on_break=day in plan.settings.breaks,
        counters=tuple(counters),
        gauges=gauges,
        conversions=tuple(conversions(plan, counts, today)),
        reverse=tuple(reverse),
        history=tuple(history_rows(plan, counts, today)),
    )


def history_rows(plan: Plan, counts: DailyCounts, today: date, weeks: int = HISTORY_WEEKS) -> list[HistoryRow]:
    """Weekly totals of each metric for the last ``weeks`` weeks, this week last, with this week's target."""
    this_week = week_of(today, plan.settings)
    rows = []
    for metric in plan.ordered_metrics():
        totals = []
        for back in range(weeks - 1, -1, -1):
            week = shift_week(this_week, -back)
            level = counts.level(metric.id, week.end) if counts.is_level(metric.id) else None
            totals.append(counts.total(metric.id, week.start, week.end) if level is None else level)
        found = metric_week(plan, metric.id, this_week)
        rows.append(HistoryRow(metric, tuple(totals), found.target if found else None, found.since if found else None))
    return rows

"""A team side by side: one row per member, whoever needs help first, then the team's totals and funnel.

Pure data from each member's own plan and counts; every figure is computed by
the same code as that member's own `goaltui status` and daily screen.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from goaltui.lang import _
from goaltui.model.counts import DailyCounts
from goaltui.model.funnel import Conversion, conversion, conversions
from goaltui.model.goals import Plan
from goaltui.model.pace import Pace, plan_paces
from goaltui.model.people import PeopleFigures
from goaltui.model.record import record
from goaltui.model.status import goal_status, todays_counts
from goaltui.model.targets import plan_as_of, weekly_aim
from goaltui.model.weeks import week_of

NEEDS_HELP = ("missed", "behind")


@record
class WeekFigure:
    """One metric this week: what was done, against the week's share of the member's goals for it."""

    metric: str
    total: float
    aim: float | None  # None when no recurring goal counts this metric


@record
class MemberRow:
    """One member as the team view shows them; ``error`` alone when their folder could not be read."""

    name: str
    folder: str
    error: str | None = None
    plan: Plan | None = None
    counts: DailyCounts | None = None
    today: dict[str, float] | None = None
    week: tuple[WeekFigure, ...] = ()
    paces: tuple[Pace, ...] = ()
    conversions: tuple[Conversion, ...] = ()
    stale: bool = False  # their folder has not been updated on this machine for over a day
    people: PeopleFigures | None = None  # how many people at each stage, due, stale: never a name

    @property
    def behind(self) -> int:
        """How many of their goals are behind or missed."""
        return sum(p.status in NEEDS_HELP for p in self.paces)

    @property
    def days_behind(self) -> int:
        return sum(p.days_behind for p in self.paces)

    @property
    def week_share(self) -> float:
        """This week's totals as a share of the week's aims, averaged over the metrics that have one."""
        shares = [min(1.0, f.total / f.aim) for f in self.week if f.aim]
        return sum(shares) / len(shares) if shares else 1.0

    def need(self) -> tuple[int, int, int, float, str]:
        """Sort key: goals behind, days behind, the least buffer, the least of the week done; unreadable last."""
        if self.error is not None:
            return (1, 0, 0, 0.0, self.name.lower())
        buffer = min((p.buffer_days for p in self.paces), default=0)
        return (0, -self.behind * 1000 - self.days_behind, buffer, self.week_share, self.name.lower())


@record
class TeamView:
    """Every member, whoever needs help first, and what the team did together."""

    day: date
    rows: tuple[MemberRow, ...]
    today: dict[str, float]  # the team's counts today, per metric
    week: dict[str, float]  # the team's totals this week, per metric
    funnel: tuple[Conversion, ...]  # the team's conversion over the members' trailing 20 working days

    @property
    def errors(self) -> int:
        return sum(row.error is not None for row in self.rows)


def member_row(
    name: str,
    folder: str,
    plan: Plan | None,
    counts: DailyCounts | None,
    today: date,
    *,
    error: str | None = None,
    stale: bool = False,
) -> MemberRow:
    """One member's figures for ``today``."""
    if error is not None or plan is None or counts is None:
        return MemberRow(name, folder, error or _("nothing to read"))
    plan = plan_as_of(plan, today)  # their goals as measured today, as their own screens show them
    week = week_of(today, plan.settings)
    figures = []
    for metric in plan.ordered_metrics():
        aims = [  # what each goal asks of this week: from its start when it began this week (model/targets.py)
            found.target
            for goal in plan.active_goals()
            if goal.metric == metric.id and (found := weekly_aim(goal, plan.settings, week)) is not None
        ]
        total = counts.total(metric.id, week.start, min(week.end, today))
        figures.append(WeekFigure(metric.id, total, max(aims) if aims else None))
    return MemberRow(
        name,
        folder,
        plan=plan,
        counts=counts,
        today=todays_counts(plan, counts, today),
        week=tuple(figures),
        paces=tuple(plan_paces(plan, counts, today)),
        conversions=tuple(conversions(plan, counts, today)),
        stale=stale,
    )


def team_view(rows: list[MemberRow], today: date) -> TeamView:
    """The rows sorted so whoever needs help comes first, with the team's totals and funnel."""
    ordered = tuple(sorted(rows, key=MemberRow.need))
    readable = [row for row in ordered if row.today is not None]
    totals: dict[str, float] = {}
    week: dict[str, float] = {}
    for row in readable:
        for metric, n in (row.today or {}).items():
            totals[metric] = totals.get(metric, 0) + n
        for figure in row.week:
            week[figure.metric] = week.get(figure.metric, 0) + figure.total
    return TeamView(today, ordered, totals, week, _team_funnel(readable))


def _team_funnel(rows: list[MemberRow]) -> tuple[Conversion, ...]:
    """Each step's counts added up over the members who have that step, then the rate of the sums."""
    steps: dict[tuple[str, str], tuple[float, float]] = {}
    kinds: dict[tuple[str, str], Conversion] = {}
    for row in rows:
        for step in row.conversions:
            source, target = steps.get((step.source, step.target), (0.0, 0.0))
            steps[(step.source, step.target)] = (source + step.source_count, target + step.target_count)
            kinds.setdefault((step.source, step.target), step)
    return tuple(  # in the members' funnel order; a share, or an amount per one, as the first member has it
        conversion(a, b, *counts, share=kinds[(a, b)].share, unit=kinds[(a, b)].unit)
        for (a, b), counts in steps.items()
    )


def team_json(view: TeamView) -> dict[str, Any]:
    """`goaltui team --json`: each member exactly as their own `goaltui status --json`, then the totals."""
    members = []
    for row in view.rows:
        entry: dict[str, Any] = {"name": row.name, "folder": row.folder, "error": row.error}
        if row.plan is not None:  # the same figures as their own `goaltui status --json`
            entry.update(counts=row.today, goals=[goal_status(row.plan, pace) for pace in row.paces])
            entry["people"] = row.people.as_json() if row.people else None
        else:
            entry.update(counts=None, goals=[])
        members.append(entry)
    totals = {
        "members": len(view.rows),
        "errors": view.errors,
        "behind": sum(row.behind > 0 for row in view.rows),
        "counts": view.today,
        "week": view.week,
    }
    return {"date": view.day.isoformat(), "members": members, "totals": totals}

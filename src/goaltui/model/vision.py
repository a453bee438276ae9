"""A vision: the long goal at the top of the ladder ("100K a year by 2036"), shown as where the ladder leads.

A goal years out is not paced day by day (model/targets.py asks nothing of
today for it): a daily pace of a ten-year goal, or a yearly figure prorated
from it, says nothing a seller can act on. What it can say is its road: a
straight line from where the user starts to the target, which passes a
certain figure by the end of this year (this year's share), and whether this
year's goals under it (``parent`` = the vision, on the same metric) ask at
least that much. For "100K a year by 2036" begun in 2027 the road passes
10,000 a year in 2027, 20,000 in 2028, and so on; a one-off vision (a
downline of 5,000, savings of a million) passes its share of the rise from
where it stood at its start.
"""

from __future__ import annotations

from datetime import date

from goaltui.lang import _
from goaltui.model.calendar import long_date, working_days
from goaltui.model.counts import DailyCounts
from goaltui.model.format import count, money, percent
from goaltui.model.goals import PER_PERIOD, Goal, Period, Plan
from goaltui.model.measure import base, reached
from goaltui.model.record import record

PER_YEAR: dict[Period, int] = {"week": 52, "month": 12, "quarter": 4, "year": 1}  # "day": the year's working days


@record
class Step:
    """A goal of this year under the vision, and what it asks of the year in the vision's terms."""

    goal: Goal
    asks: float


@record
class Road:
    """Where a vision stands on ``today``: the road's figure for this year, this year's goals under it, made so far."""

    goal: Goal
    year: int
    whole: float  # the vision's figure (a year's worth for a recurring vision: 100,000 a year)
    share: float  # where the road passes by the end of this year (a year's worth for a recurring vision)
    steps: tuple[Step, ...]
    made: float  # this year so far (a recurring vision), or since its start (a one-off: the value it stands at)
    unit: str  # " EUR", or "" for a count
    amount: bool

    @property
    def years(self) -> int:
        """Years from this one to the vision's, both counted."""
        assert self.goal.deadline is not None
        return self.goal.deadline.year - self.year + 1

    @property
    def on_road(self) -> bool | None:
        """Whether this year's goals ask at least the road's share; None with no goal this year under it."""
        if not self.steps:
            return None
        return max(step.asks for step in self.steps) >= self.share - 1e-9

    def figure(self, n: float) -> str:
        return money(n, self.unit.strip()) if self.amount else count(round(n)) + self.unit

    def growth(self) -> float | None:
        """The growth a year that takes this year's goal to the vision's figure (a recurring vision only)."""
        if self.goal.every is None or not self.steps or self.years <= 1:
            return None
        start = max(step.asks for step in self.steps)
        if start <= 0 or self.whole <= start:
            return None
        return float((self.whole / start) ** (1 / (self.years - 1)) - 1)


def road(goal: Goal, plan: Plan, counts: DailyCounts, today: date) -> Road | None:
    """The vision ``goal``'s road on ``today``; None for a goal that is not one or has no target or deadline."""
    if not goal.is_vision or goal.target is None or goal.deadline is None or goal.metric is None:
        return None
    metric = plan.metrics.get(goal.metric)
    unit = f" {metric.unit}" if metric is not None and metric.unit else ""
    amount = metric is not None and metric.is_amount
    year = min(today.year, goal.deadline.year)
    first = goal.start or today
    year_end = min(date(year, 12, 31), goal.deadline)
    if goal.every is not None:
        days = working_days(date(year, 1, 1), date(year, 12, 31), plan.settings)
        per = PER_YEAR.get(goal.every, days)
        whole = goal.target * per
        years = goal.deadline.year - first.year + 1
        share = whole * (year - first.year + 1) / max(1, years)
        made = counts.total(goal.metric, max(date(year, 1, 1), first), min(today, year_end))
        steps = tuple(
            Step(child, asks)
            for child in _children(goal, plan)
            if (asks := _yearly(child, year, per_day=days)) is not None
        )
        return Road(goal, year, whole, share, steps, made, unit, amount)
    began = base(goal, counts, first, today)
    share = began + (goal.target - began) * _part(first, year_end, goal.deadline)
    made = reached(goal, counts, first, today)
    steps = tuple(
        Step(child, child.target)
        for child in _children(goal, plan)
        if child.every is None and child.deadline is not None and child.deadline.year == year and child.target
    )
    return Road(goal, year, goal.target, share, steps, made, unit, amount)


def _part(first: date, until: date, deadline: date) -> float:
    """The share of the days from ``first`` to ``deadline`` gone by ``until``."""
    total = (deadline - first).days + 1
    return min(1.0, max(0.0, ((until - first).days + 1) / total)) if total > 0 else 1.0


def _children(goal: Goal, plan: Plan) -> list[Goal]:
    """The active goals serving ``goal`` that count the same metric."""
    return [g for g in plan.active_goals() if g.parent == goal.id and g.metric == goal.metric and not g.is_vision]


def _yearly(child: Goal, year: int, per_day: int) -> float | None:
    """What ``child`` asks of ``year`` as a year's worth; None when it asks nothing of that year."""
    if child.target is None:
        return None
    if child.every is None:
        return child.target if child.deadline is not None and child.deadline.year == year else None
    begins, ends = child.start or date.min, child.deadline or date.max
    if begins.year > year or ends.year < year:
        return None
    return child.target * (per_day if child.every == "day" else PER_YEAR[child.every])


def road_lines(found: Road, today: date) -> list[str]:
    """The vision in words: where it leads, this year's share, this year's goals against it, the growth it takes."""
    goal = found.goal
    assert goal.deadline is not None and goal.target is not None
    aim = _per(found, goal.target)
    lines = [_("Where the ladder leads: {aim} by {date}.").format(aim=aim, date=long_date(goal.deadline))]
    a_year: Period = "year"
    what = _(PER_PERIOD[a_year]) if goal.every is not None else _("by the end of the year")
    lines.append(
        _("This year's share of the road: {share} {what} ({year}).").format(
            share=found.figure(found.share), what=what, year=found.year
        )
    )
    if goal.every is not None:
        lines.append(_("Made so far in {year}: {made}.").format(year=found.year, made=found.figure(found.made)))
    else:
        lines.append(_("Now: {made}.").format(made=found.figure(found.made)))
    if found.on_road is None:
        lines.append(
            _('No goal of {year} leads to it yet: add one on {metric} with parent = "{goal}".').format(
                year=found.year, metric=goal.metric, goal=goal.id
            )
        )
    else:
        for step in found.steps:
            on = step.asks >= found.share - 1e-9
            verdict = (
                _("{goal} asks {asks} {what}: on the road.") if on else _("{goal} asks {asks} {what}: below the road.")
            )
            lines.append(verdict.format(goal=step.goal.id, asks=found.figure(step.asks), what=what))
        if (growth := found.growth()) is not None:
            lines.append(_("From there, {percent} more each year reaches it.").format(percent=percent(growth)))
    return lines


def _per(found: Road, n: float) -> str:
    """A vision's figure, and for a recurring one its period: 100,000.00 EUR a year."""
    every = found.goal.every
    if every is None:
        return found.figure(n)
    return _("{figure} {per}").format(figure=found.figure(n), per=_(PER_PERIOD[every]))


def plan_roads(plan: Plan, counts: DailyCounts, today: date) -> list[Road]:
    """The road of every active vision, in file order."""
    return [found for goal in plan.active_goals() if (found := road(goal, plan, counts, today)) is not None]


def road_summary(found: Road) -> str:
    """One line for ``goaltui status``: where the vision leads, this year's share, and this year's verdict."""
    goal = found.goal
    assert goal.deadline is not None and goal.target is not None
    text = _("vision, {aim} by {year}: the road passes {share} in {now}").format(
        aim=_per(found, goal.target), year=goal.deadline.year, share=found.figure(found.share), now=found.year
    )
    if found.on_road is None:
        return _("{text}; no goal of {year} leads to it yet").format(text=text, year=found.year)
    best = max(found.steps, key=lambda step: step.asks)
    verdict = (
        _("{text}; {goal} asks {asks}: on the road")
        if found.on_road
        else _("{text}; {goal} asks {asks}: below the road")
    )
    return verdict.format(text=text, goal=best.goal.id, asks=found.figure(best.asks))


def road_json(found: Road) -> dict[str, object]:
    """One vision's figures, as ``goaltui status --json`` gives them."""
    goal = found.goal
    return {
        "id": goal.id,
        "metric": goal.metric,
        "target": goal.target,
        "every": goal.every,
        "deadline": goal.deadline.isoformat() if goal.deadline else None,
        "year": found.year,
        "share": round(found.share, 2),
        "made": found.made,
        "on_road": found.on_road,
    }

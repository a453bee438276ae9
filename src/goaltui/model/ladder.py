"""The ladder adds up: do the activity goals under an outcome goal make enough of it?

An outcome goal is one on a metric that comes from others (leads from
prospects, recruits from customers, income from customers: the chain of
``from``, model/goals.py). The goals that feed it are the nearest active
recurring goals below it (children, else their children ...) on a metric
earlier in its chain; a goal with none is fed by its siblings on earlier
metrics (the funnel goals of one chain, as in the starter file). At the
user's own conversion rates over the trailing 20 working days, or the rates
goals.toml assumes until there are some (blended as they come), a feeder's
target per working day makes so many of the outcome: compared with what the
outcome asks per working day, the gap is named in numbers, with the
feeder's target that would close it. Thin history gives a range (the 80 %
Wilson bounds); no conversion at all on the way gives no number, only what
is missing.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from itertools import pairwise

from goaltui.lang import _
from goaltui.model.calendar import ONE_DAY, period_window, short_date, working_days
from goaltui.model.counts import DailyCounts
from goaltui.model.format import figure, money
from goaltui.model.funnel import Conversion, conversions, rates_words, things
from goaltui.model.goals import PER_PERIOD, Goal, Period, Plan
from goaltui.model.pace import RATE_DAYS, goal_pace
from goaltui.model.record import record
from goaltui.model.targets import Aim, aim

ENOUGH_SHARE = 0.95  # a feeder making 95 % of what its outcome asks is close enough to add up


@record
class Rung:
    """One feeder under one outcome goal, at the user's rates."""

    outcome: str  # goal ids
    feeder: str
    asks: float  # the outcome's metric per working day its target asks for
    makes: float | None  # what the feeder's target makes of it per working day; None when a rate is missing
    low: float | None  # the same at the worst and best plausible rates
    high: float | None
    needed: float | None  # the feeder target (per its own period) that would make ``asks``
    enough: bool  # every rate on the way is trusted as one number
    adds_up: bool  # makes (or, with thin history, the best plausible) reaches ``asks``
    message: str
    fix: str  # "" when it adds up or cannot be judged


def ladder(plan: Plan, counts: DailyCounts, today: date) -> list[Rung]:
    """Every (outcome, feeder) pair among the active goals, outcomes in file order."""
    rungs = []
    rates = {(c.source, c.target): c for c in conversions(plan, counts, today)}
    for outcome in plan.active_goals():
        for feeder in feeders(plan, outcome):
            rung = _rung(plan, outcome, feeder, rates, counts, today)
            if rung is not None:
                rungs.append(rung)
    return rungs


def feeders(plan: Plan, outcome: Goal) -> list[Goal]:
    """The nearest recurring activity goals below ``outcome`` on metrics its own comes from; else its siblings'.

    Goals off the chain (a downline goal between an income goal and the recruits under it) are looked through.
    """
    chain = plan.chain(outcome.metric) if outcome.metric in plan.metrics else []
    earlier = set(chain[:-1])

    def upstream(goals: list[Goal]) -> list[Goal]:
        return [g for g in goals if g.active and g.id != outcome.id and g.every is not None and g.metric in earlier]

    found: list[Goal] = []
    below = plan.children(outcome.id)
    while below:  # a level at a time, through goals off the chain: one on it feeds (or is fed) in its own right
        found += upstream(below)
        below = [g for parent in below if parent.metric not in chain for g in plan.children(parent.id)]
    return found or upstream(plan.children(outcome.parent))


def _rung(
    plan: Plan,
    outcome: Goal,
    feeder: Goal,
    rates: dict[tuple[str, str], Conversion],
    counts: DailyCounts,
    today: date,
) -> Rung | None:
    asks = _asks_per_day(plan, outcome, counts, today)
    assert feeder.every is not None and feeder.metric is not None and outcome.metric is not None
    feeder_days = _days_in(feeder.every, plan, today)
    found = _aim_now(plan, feeder, today)
    if asks is None or found is None or not feeder_days:
        return None
    per_day = found.target / feeder_days
    whole = plan.chain(outcome.metric)
    path = whole[whole.index(feeder.metric) :]
    chain = [rates[pair] for pair in pairwise(path)]
    wanted = _wanted(plan, outcome, asks, today)
    said = f"{figure(found.target)} {feeder.metric} {_a(feeder.every)}"

    missing = next((c for c in chain if not c.rate), None)
    if missing is not None:
        text = _("Not checked against {goal}: no {target} from {source} in the last {n} working days yet.").format(
            goal=feeder.id, target=missing.target, source=things(missing.source_count, missing.source), n=RATE_DAYS
        )
        return Rung(outcome.id, feeder.id, asks, None, None, None, None, False, True, text, "")

    product = math.prod(c.rate or 0 for c in chain)
    low = math.prod(c.low or 0 for c in chain)
    high = math.prod(c.high or 0 for c in chain)
    enough = all(c.enough for c in chain)
    makes = per_day * product
    needed = asks / product * feeder_days
    at_rates = rates_words(chain)
    if enough:
        adds_up = makes >= asks * ENOUGH_SHARE
        made = _("about {n}").format(n=_amount(plan, outcome, _in_outcome(plan, outcome, makes, today)))
        need = _("about {n}").format(n=math.ceil(needed - 1e-9))
    else:
        adds_up = per_day * high >= asks * ENOUGH_SHARE
        made = _span(*(_in_outcome(plan, outcome, per_day * rate, today) for rate in (low, high)))
        need = _span(asks / high * feeder_days, asks / low * feeder_days if low else None, up=True)
    text = _("{said} at {rates} make {made} {outcome}").format(
        said=said, rates=at_rates, made=made, outcome=_outcome_words(plan, outcome, today)
    )
    if adds_up:
        verdict = _("{text}: enough for {wanted}.") if enough else _("{text}: perhaps enough for {wanted}.")
        text = verdict.format(text=text, wanted=wanted)
        fix = ""
    else:
        text = _("{text}; {wanted} needs {need} {metric} {per}.").format(
            text=text, wanted=wanted, need=need, metric=feeder.metric, per=_a(feeder.every)
        )
        target = math.ceil(needed - 1e-9)
        if chain[0].share:
            fix = _("set target = {target} on {goal}, or turn more {source} into {metric}").format(
                target=target, goal=feeder.id, source=path[0], metric=path[1]
            )
        else:
            fix = _("set target = {target} on {goal}").format(target=target, goal=feeder.id)
    if enough and not chain[-1].share and chain[-1].rate and plan.metrics[outcome.metric].is_amount:
        text += " " + _money_words(plan, outcome, chain, asks, per_day, today)
    if not enough:
        text += " " + _("A range: too little history in {n} working days for one number.").format(n=RATE_DAYS)
    return Rung(outcome.id, feeder.id, asks, makes, per_day * low, per_day * high, needed, enough, adds_up, text, fix)


def _money_words(plan: Plan, outcome: Goal, chain: list[Conversion], asks: float, per_day: float, today: date) -> str:
    """Money tied to the count it comes from: 'At 180.00 EUR a customer, 20,000.00 EUR needs 112 customers; the
    goals under it make about 390.'"""
    last = chain[-1]
    assert last.rate and outcome.metric is not None
    unit = plan.metrics[outcome.metric].unit or ""
    wanted = _in_outcome(plan, outcome, asks, today)
    needs = math.ceil(wanted / last.rate - 1e-9)
    makes = _in_outcome(plan, outcome, per_day * math.prod(c.rate or 0 for c in chain[:-1]), today)
    return (
        _("At {rate}, {amount} needs {n} {source}; the goals under it make about {made} {source}.")
        .format(
            rate=last.value_words(last.rate),
            amount=money(wanted, unit),
            n=needs,
            source=last.source,
            made=figure(makes),
        )
        .replace("  ", " ")
    )


def _asks_per_day(plan: Plan, outcome: Goal, counts: DailyCounts, today: date) -> float | None:
    """The outcome's metric per working day its target asks: its period's share, or what is left by the deadline."""
    if outcome.every is not None:
        days = _days_in(outcome.every, plan, today)
        found = _aim_now(plan, outcome, today)
        return found.target / days if found is not None and days else None
    pace = goal_pace(outcome, plan.settings, counts, today)
    if pace is None or pace.required_rate is None or pace.status == "done":
        return None
    return pace.required_rate


def _aim_now(plan: Plan, goal: Goal, today: date) -> Aim | None:
    """What a recurring goal asks of a whole period: the current one, or the first after a start inside it."""
    assert goal.every is not None
    period = period_window(goal.every, max(today, goal.start or today), plan.settings.week_starts)
    if goal.start is not None and goal.start > period.start:
        # A first period begun part-way asks for a prorated share: the ladder compares whole periods.
        period = period_window(goal.every, period.end + ONE_DAY, plan.settings.week_starts)
    return aim(goal, plan.settings, period)


def _days_in(every: Period, plan: Plan, today: date) -> int:
    """Working days in ``every``'s current period (a day goal counts per working day)."""
    if every == "day":
        return 1
    period = period_window(every, today, plan.settings.week_starts)
    return working_days(period.start, period.end, plan.settings)


def _in_outcome(plan: Plan, outcome: Goal, per_day: float, today: date) -> float:
    """A per-working-day figure in the outcome's own terms: per its period, or over the days left."""
    if outcome.every is not None:
        return per_day * _days_in(outcome.every, plan, today)
    assert outcome.deadline is not None
    return per_day * working_days(today, outcome.deadline, plan.settings)


def _outcome_words(plan: Plan, outcome: Goal, today: date) -> str:
    assert outcome.metric is not None
    if outcome.every is not None:
        return f"{outcome.metric} {_a(outcome.every)}"
    assert outcome.deadline is not None
    return _("more {metric} by {date}").format(metric=outcome.metric, date=short_date(outcome.deadline, today))


def _wanted(plan: Plan, outcome: Goal, asks: float, today: date) -> str:
    assert outcome.metric is not None
    if outcome.every is not None:
        return f"{_amount(plan, outcome, _in_outcome(plan, outcome, asks, today))} {_a(outcome.every)}"
    if plan.metrics[outcome.metric].is_amount:
        return _("{n} more").format(n=_amount(plan, outcome, _in_outcome(plan, outcome, asks, today)))
    return _("{n} more").format(n=math.ceil(_in_outcome(plan, outcome, asks, today) - 1e-9))


def _amount(plan: Plan, outcome: Goal, n: float) -> str:
    """A figure of the outcome's metric: money with its cents and unit (70,200.00 EUR), else a count."""
    metric = plan.metrics.get(outcome.metric or "")
    if metric is None or not metric.is_amount:
        return figure(n)
    return money(n, metric.unit or "")


def _span(low: float, high: float | None, *, up: bool = False) -> str:
    def show(n: float) -> str:
        if up:
            return str(math.ceil(n - 1e-9))
        return str(round(n)) if n >= 2 else figure(n)

    if high is None:
        return _("at least {n}").format(n=show(low))
    return show(low) if show(low) == show(high) else f"{show(low)}–{show(high)}"


def _a(every: Period) -> str:
    return _(PER_PERIOD[every])


def children_need(plan: Plan, goal_id: str, target: float, counts: DailyCounts, today: date) -> str:
    """What the goals feeding ``goal_id`` would need at a new ``target``, in one sentence ("" when none feed it)."""
    goal = plan.goals.get(goal_id)
    if goal is None:
        return ""
    changed = replace(goal, target=target, changes=())
    moved = replace(plan, goals={**plan.goals, goal_id: changed})
    rungs = [r for r in ladder(moved, counts, today) if r.outcome == goal_id]
    if not rungs:
        return ""
    needs = []
    for rung in rungs:
        feeder = moved.goals[rung.feeder]
        assert feeder.every is not None
        if rung.needed is None:
            needs.append(_("{goal}: too little history to say").format(goal=rung.feeder))
        else:
            about = _("{goal} about {n} {per}").format(
                goal=rung.feeder, n=math.ceil(rung.needed - 1e-9), per=_a(feeder.every)
            )
            now = _("{text} (now {target})").format(text=about, target=figure(feeder.target or 0))
            needs.append(about if rung.adds_up else now)
    return _("At {target}, at your rates: {needs}.").format(target=figure(target), needs="; ".join(needs))

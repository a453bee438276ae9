"""The funnel: conversion between stages, and what an outcome goal needs upstream.

Conversion rates come from the trailing 20 working days. A rate is a share of
the stage above (clipped to 0..1: more leads than prospects means leads from
older prospects, not a rate above 100 %), with an 80 % Wilson interval as its
plausible range. Too few data points and the numbers say so instead of
pretending to be precise.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from goaltui.model.calendar import short_date, trailing_working_dates, working_dates
from goaltui.model.counts import DailyCounts
from goaltui.model.format import count_up, per_day, singular
from goaltui.model.goals import Goal, Metric, Plan
from goaltui.model.pace import RATE_DAYS, Pace

# A rate is trusted as a single number from this many data points on.
ENOUGH_SOURCE = 20  # e.g. at least 20 prospects ...
ENOUGH_TARGET = 3  # ... of whom at least 3 became leads
Z_80 = 1.2816  # two-sided 80 % normal quantile, for the Wilson interval

VERBS = {"prospects": "reach", "leads": "find", "customers": "sign"}


@dataclass(frozen=True, slots=True)
class Conversion:
    """How many of ``source`` became ``target`` (consecutive funnel stages)."""

    source: str
    target: str
    source_count: float
    target_count: float
    rate: float | None  # target / source, clipped to 1; None when source_count is 0
    low: float | None  # plausible range (80 % Wilson interval), within 0..1
    high: float | None
    enough: bool  # source_count >= ENOUGH_SOURCE and target_count >= ENOUGH_TARGET


@dataclass(frozen=True, slots=True)
class Need:
    """What one upstream stage needs: in all, and per remaining working day."""

    metric: str
    total: float | None  # None when a rate on the way is unknown or zero
    per_day: float | None  # None also when no working day is left
    low_per_day: float | None  # at the best plausible rates
    high_per_day: float | None  # at the worst plausible rates; None when that rate is 0


@dataclass(frozen=True, slots=True)
class ReverseFunnel:
    """The activity an outcome goal needs at the user's own rates."""

    goal_id: str
    metric: str
    remaining: float  # R: how many more the goal needs
    days_left: int  # working days left, today included when it is one
    needs: list[Need]  # upstream stages, top of the funnel first
    enough: bool  # every rate on the way is trusted
    sentence: str  # plain English for the daily screen


def conversions(plan: Plan, counts: DailyCounts, today: date, days: int = RATE_DAYS) -> list[Conversion]:
    """Conversion between consecutive funnel stages over the trailing ``days`` working days."""
    stages = plan.funnel()
    span = trailing_working_dates(today, plan.settings, days, include_today=True)
    totals = {m.id: max(0.0, counts.total(m.id, span[0], today)) if span else 0.0 for m in stages}
    return [conversion(a.id, b.id, totals[a.id], totals[b.id]) for a, b in pairwise(stages)]


def conversion(source: str, target: str, source_count: float, target_count: float) -> Conversion:
    """The rate of ``target`` per ``source`` with its range; never divides by zero."""
    source_count, target_count = max(0.0, source_count), max(0.0, target_count)
    enough = source_count >= ENOUGH_SOURCE and target_count >= ENOUGH_TARGET
    if source_count <= 0:
        return Conversion(source, target, source_count, target_count, None, None, None, enough)
    rate = min(1.0, target_count / source_count)
    low, high = wilson(rate, source_count)
    return Conversion(source, target, source_count, target_count, rate, low, high, enough)


def wilson(p: float, n: float, z: float = Z_80) -> tuple[float, float]:
    """Wilson score interval for a share ``p`` of ``n`` trials, clipped to 0..1."""
    z2 = z * z
    scale = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / scale
    half = z * math.sqrt(max(0.0, p * (1 - p) / n + z2 / (4 * n * n))) / scale
    # At p = 0 or 1 the bound is exactly 0 or 1; float rounding would miss it.
    low = 0.0 if p <= 0 else max(0.0, centre - half)
    high = 1.0 if p >= 1 else min(1.0, centre + half)
    return low, high


def reverse_funnel(plan: Plan, goal: Goal, pace: Pace, counts: DailyCounts, today: date) -> ReverseFunnel | None:
    """What the stages above ``goal``'s metric need to close its gap; None off the funnel or at its top."""
    stages = plan.funnel()
    ids = [m.id for m in stages]
    if goal.metric not in ids or ids.index(goal.metric) == 0:
        return None
    path = stages[: ids.index(goal.metric) + 1]  # top of the funnel down to the goal's stage
    by_pair = {(c.source, c.target): c for c in conversions(plan, counts, today)}
    steps = [by_pair[(a.id, b.id)] for a, b in pairwise(path)]
    remaining = max(0.0, pace.target - pace.progress)
    days_left = pace.remaining

    needs = []
    for i, stage in enumerate(path[:-1]):
        chain = steps[i:]  # the conversions from this stage down to the goal's
        total = _needed(remaining, [c.rate for c in chain])
        best = _needed(remaining, [c.high for c in chain])
        worst = _needed(remaining, [c.low for c in chain])
        needs.append(
            Need(stage.id, total, _per_day(total, days_left), _per_day(best, days_left), _per_day(worst, days_left))
        )
    enough = all(c.enough for c in steps)
    sentence = _sentence(plan, goal.metric, path, steps, needs, remaining, days_left, pace, today, enough)
    return ReverseFunnel(goal.id, goal.metric, remaining, days_left, needs, enough, sentence)


def _needed(remaining: float, rates: list[float | None]) -> float | None:
    if remaining <= 0:
        return 0.0
    product = 1.0
    for rate in rates:
        if not rate:
            return None
        product *= rate
    return remaining / product


def _per_day(total: float | None, days_left: int) -> float | None:
    if total is None or days_left <= 0:
        return None
    return total / days_left


def _sentence(
    plan: Plan,
    metric: str,
    path: list[Metric],
    steps: list[Conversion],
    needs: list[Need],
    remaining: float,
    days_left: int,
    pace: Pace,
    today: date,
    enough: bool,
) -> str:
    end = pace.window.end
    if pace.progress >= pace.target or remaining <= 0:
        over = pace.progress - pace.target
        return f"Target reached: {per_day(over)} over." if over > 0.05 else "Target reached."
    short = things(remaining, metric)
    if days_left <= 0:
        if today > end:
            return f"Window over (ended {short_date(end, today)}): {short} short."
        return f"No working days left until {short_date(end, today)}: {short} short."
    seen = _stage_counts(steps)
    if not any(seen):
        stages = _and([m.id for m in path])
        return f"Nothing logged in the last {RATE_DAYS} working days: log {stages} for a few days to see what it takes."
    # The rate nearest the goal matters most: report the first gap from the bottom up.
    for step in reversed(steps):
        if step.source_count <= 0:
            return f"No {step.source} logged in the last {RATE_DAYS} working days: log some to see what it takes."
        if step.target_count <= 0:
            return (
                f"No {step.target} from {things(step.source_count, step.source)} in the last {RATE_DAYS} "
                "working days: too little to work out what it takes yet."
            )
    top = needs[0]
    if not enough:
        logged = ", ".join(things(c, m.id) for m, c in zip(path, seen, strict=True))
        rough = f"roughly {_range(top)} {top.metric} a day"
        return f"Too little history for a reliable rate yet ({logged} in {RATE_DAYS} working days); {rough}."
    # Name the last working day: "by Fri 27 Nov", not the Sunday that ends the week.
    last = working_dates(today, end, plan.settings)[-1]
    when = "today" if last == today else f"by {short_date(last, today)}"
    verb = VERBS.get(metric, "get")
    wanted = _and([things(n.per_day or 0, n.metric, per_day) for n in needs])
    per = "" if last == today else " a day"
    more = things(remaining, metric).replace(" ", " more ", 1)
    return f"To {verb} {more} {when} at your rates: {wanted}{per}."


def _stage_counts(steps: list[Conversion]) -> list[float]:
    return [steps[0].source_count, *(s.target_count for s in steps)]


def _range(need: Need) -> str:
    low = per_day(need.low_per_day or 0)
    if need.high_per_day is None:
        return f"at least {low}"
    high = per_day(need.high_per_day)
    return low if low == high else f"{low}–{high}"


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def things(value: float, metric: str, fmt: Callable[[float], str] = count_up) -> str:
    """A number and the metric as a noun: ``1 lead``, ``3 leads``, ``0.4 leads``."""
    text = fmt(value)
    return f"{text} {singular(metric) if text == '1' else metric}"

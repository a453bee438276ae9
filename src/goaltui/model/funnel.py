"""The funnel: conversion between stages, and what an outcome goal needs upstream.

Conversion rates come from the trailing 20 working days. A rate is a share of
the stage above (clipped to 0..1: more leads than prospects means leads from
older prospects, not a rate above 100 %), with an 80 % Wilson interval as its
plausible range. Too few data points and the numbers say so instead of
pretending to be precise.

A metric names the one it comes from (``from``, else the funnel stage before
it), so the chain is the user's own and may be of any length; money (or a
level) that comes from a count has an amount (a rise) per one of it instead
of a share. A rate assumed in goals.toml (``assumed``) is there from day one
and blends into the user's own as their data comes: it weighs as much as
:data:`ENOUGH_SOURCE` of the source (an amount: :data:`ENOUGH_TARGET`), so a
month of the user's own taps outweighs it many times over.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from itertools import pairwise

from goaltui.lang import N_, _, ngettext
from goaltui.model.calendar import short_date, trailing_working_dates, working_dates
from goaltui.model.counts import DailyCounts
from goaltui.model.format import count, count_up, money, per_day, percent, singular
from goaltui.model.goals import Goal, Metric, Plan
from goaltui.model.pace import RATE_DAYS, Pace
from goaltui.model.record import record

# A rate is trusted as a single number from this many data points on.
ENOUGH_SOURCE = 20  # e.g. at least 20 prospects ...
ENOUGH_TARGET = 3  # ... of whom at least 3 became leads
Z_80 = 1.2816  # two-sided 80 % normal quantile, for the Wilson interval

VERBS = {"prospects": N_("reach"), "leads": N_("find"), "customers": N_("sign")}


@record
class Conversion:
    """How many of ``source`` became ``target`` (consecutive funnel stages)."""

    source: str
    target: str
    source_count: float
    target_count: float
    rate: float | None  # target / source, clipped to 1; None when source_count is 0
    low: float | None  # plausible range (80 % Wilson interval), within 0..1
    high: float | None
    enough: bool  # source_count >= ENOUGH_SOURCE and target_count >= ENOUGH_TARGET; or an assumed rate stands in
    assumed: float | None = None  # what goals.toml assumes; then ``rate`` blends it with ``own``
    own: float | None = None  # the user's own rate; None with none of the source logged
    days: int = 0  # working days with the source logged: the user's own data behind ``own``
    share: bool = True  # a share of the source; else an amount (or a level's rise) per one of it
    unit: str = ""  # the amount's unit

    def value_words(self, rate: float | None) -> str:
        """A rate as people say it: ``20 %``; an amount per one: ``180 EUR a customer``."""
        if self.share or rate is None:
            return percent(rate)
        if self.unit:
            return _("{amount} a {source}").format(amount=money(rate, self.unit), source=singular(self.source))
        # a level's rise: 1 downline a recruit
        return _("{n} {target} a {source}").format(
            n=count(round(rate, 2)), target=self.target, source=singular(self.source)
        )

    def words(self) -> str:
        """``14 %``; ``assumed 20 %``; ``assumed 20 %, yours 14 % over 12 days`` (both, while they blend)."""
        if self.assumed is None:
            return self.value_words(self.rate)
        assumed = _("assumed {rate}").format(rate=self.value_words(self.assumed))
        if self.own is None:
            return assumed
        return ngettext(
            "{assumed}, yours {rate} over {n} day", "{assumed}, yours {rate} over {n} days", self.days
        ).format(assumed=assumed, rate=self.value_words(self.own), n=count(self.days))


@record
class Need:
    """What one upstream stage needs: in all, and per remaining working day."""

    metric: str
    total: float | None  # None when a rate on the way is unknown or zero
    per_day: float | None  # None also when no working day is left
    low_per_day: float | None  # at the best plausible rates
    high_per_day: float | None  # at the worst plausible rates; None when that rate is 0


@record
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
    """Conversion along every link of the chain (stages first) over the trailing ``days`` working days."""
    span = trailing_working_dates(today, plan.settings, days, include_today=True)
    found = []
    for a, b in plan.links():
        metric = plan.metrics[b]
        totals = [max(0.0, counts.total(m, span[0], today)) if span else 0.0 for m in (a, b)]
        logged = sum(1 for day in span if counts.get(day, a))  # days behind the user's own rate
        found.append(
            conversion(
                a,
                b,
                *totals,
                assumed=metric.assumed,
                days=logged,
                share=metric.is_share,
                unit=metric.unit or "",
            )
        )
    return found


def conversion(
    source: str,
    target: str,
    source_count: float,
    target_count: float,
    *,
    assumed: float | None = None,
    days: int = 0,
    share: bool = True,
    unit: str = "",
) -> Conversion:
    """The rate of ``target`` per ``source`` with its range (blended with ``assumed``); never divides by zero."""
    source_count, target_count = max(0.0, source_count), max(0.0, target_count)
    made = min(target_count, source_count) if share else target_count  # more leads than prospects: older ones
    own = made / source_count if source_count > 0 else None

    def found(rate: float | None, low: float | None, high: float | None, enough: bool) -> Conversion:
        counted = (source, target, source_count, target_count)
        return Conversion(*counted, rate, low, high, enough, assumed, own, days, share, unit)

    if assumed is not None:
        prior = ENOUGH_SOURCE if share else ENOUGH_TARGET
        rate = (assumed * prior + made) / (prior + source_count)
        return found(rate, rate, rate, True)
    if own is None or not share:
        return found(own, own, own, source_count >= ENOUGH_TARGET if not share else False)
    low, high = wilson(own, source_count)
    return found(own, low, high, source_count >= ENOUGH_SOURCE and target_count >= ENOUGH_TARGET)


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


def rates_words(steps: list[Conversion]) -> str:
    """The rates on a way, as a sentence says them: ``your 10 % and 20 %``, ``assumed 20 % and 25 %``, or each
    with both while they blend (``assumed 20 %, yours 14 % over 12 days and assumed 25 %``)."""
    if all(c.assumed is None for c in steps):
        return _("your {rates}").format(rates=_and([c.value_words(c.rate) for c in steps]))
    if all(c.own is None for c in steps):
        return _("assumed {rate}").format(rate=_and([c.value_words(c.assumed) for c in steps]))
    return _and([c.words() for c in steps])


def reverse_funnel(plan: Plan, goal: Goal, pace: Pace, counts: DailyCounts, today: date) -> ReverseFunnel | None:
    """What the metrics ``goal``'s metric comes from need to close its gap; None for a metric from none."""
    ids = plan.chain(goal.metric) if goal.metric in plan.metrics else []
    if len(ids) < 2:
        return None
    path = [plan.metrics[m] for m in ids]  # the first of the chain down to the goal's metric
    by_pair = {(c.source, c.target): c for c in conversions(plan, counts, today)}
    steps = [by_pair[pair] for pair in pairwise(ids)]
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
    sentence = _sentence(plan, ids[-1], path, steps, needs, remaining, days_left, pace, today, enough)
    return ReverseFunnel(goal.id, ids[-1], remaining, days_left, needs, enough, sentence)


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
        return _("Target reached: {n} over.").format(n=per_day(over)) if over > 0.05 else _("Target reached.")
    short = things(remaining, metric)
    if days_left <= 0:
        if today > end:
            return _("Window over (ended {date}): {short} short.").format(date=short_date(end, today), short=short)
        return _("No working days left until {date}: {short} short.").format(date=short_date(end, today), short=short)
    seen = _stage_counts(steps)
    if not any(seen) and any(c.assumed is None for c in steps):
        stages = _and([m.id for m in path])
        return _(
            "Nothing logged in the last {n} working days: log {stages} for a few days to see what it takes."
        ).format(n=RATE_DAYS, stages=stages)
    # The rate nearest the goal matters most: report the first gap from the bottom up.
    for step in reversed(steps):
        if step.assumed is not None:
            continue  # assumed in goals.toml until the user's own data comes
        if step.source_count <= 0:
            return _("No {metric} logged in the last {n} working days: log some to see what it takes.").format(
                metric=step.source, n=RATE_DAYS
            )
        if step.target_count <= 0:
            return _(
                "No {target} from {source} in the last {n} working days: too little to work out what it takes yet."
            ).format(target=step.target, source=things(step.source_count, step.source), n=RATE_DAYS)
    top = needs[0]
    if not enough:
        logged = ", ".join(things(c, m.id) for m, c in zip(path, seen, strict=True))
        return _(
            "Too little history for a reliable rate yet ({logged} in {n} working days); roughly {range} {metric} a day."
        ).format(logged=logged, n=RATE_DAYS, range=_range(top), metric=top.metric)
    # Name the last working day: "by Fri 27 Nov", not the Sunday that ends the week.
    last = working_dates(today, end, plan.settings)[-1]
    verb = _(VERBS.get(metric, N_("get")))
    wanted = _and([things(n.per_day or 0, n.metric, per_day) for n in needs])
    more = _("{n} more {metric}").format(n=count_up(remaining), metric=_noun(count_up(remaining), metric))
    rates = _("your rates") if all(c.assumed is None for c in steps) else rates_words(steps)
    if last == today:
        text = _("To {verb} {more} today at {rates}: {wanted}.")
    else:
        text = _("To {verb} {more} by {date} at {rates}: {wanted} a day.")
    return text.format(verb=verb, more=more, date=short_date(last, today), rates=rates, wanted=wanted)


def _stage_counts(steps: list[Conversion]) -> list[float]:
    return [steps[0].source_count, *(s.target_count for s in steps)]


def _range(need: Need) -> str:
    low = per_day(need.low_per_day or 0)
    if need.high_per_day is None:
        return _("at least {n}").format(n=low)
    high = per_day(need.high_per_day)
    return low if low == high else f"{low}–{high}"


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def things(value: float, metric: str, fmt: Callable[[float], str] = count_up) -> str:
    """A number and the metric as a noun: ``1 lead``, ``3 leads``, ``0.4 leads``."""
    text = fmt(value)
    return f"{text} {_noun(text, metric)}"


def _noun(text: str, metric: str) -> str:
    """The metric as a noun after the figure ``text``: one of it, or the metric itself."""
    return singular(metric) if text == "1" else metric

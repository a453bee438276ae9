"""The funnel as people move through it: cohorts of named people, and the pipeline of open leads.

Of the people first counted at a stage in the last 8 weeks, how many reached
the next stage, and in how many days (median), with the small-number range
the funnel uses (an 80 % Wilson interval). Shown only from ``MIN_PEOPLE`` in
a cohort: fewer and the rate would say more than it knows.

The pipeline: the open people at the stage before the last (named, not lost,
not stale) times the cohort rate to the last stage, as the expected number
more; beside the buffer, never added into it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from goaltui.lang import _, ngettext
from goaltui.model.format import percent, singular
from goaltui.model.funnel import Conversion, conversion
from goaltui.model.numbers import local
from goaltui.model.record import record

if TYPE_CHECKING:  # the people model loads with the people, after the first frame (tui/widgets/gauge.py)
    from goaltui.model.people import Person

COHORT_WEEKS = 8
MIN_PEOPLE = 10


@record
class Cohort:
    """The people first counted at ``source`` in the window, and how many of them reached ``target``."""

    source: str
    target: str
    people: int
    moved: int
    median_days: float | None
    rate: Conversion

    @property
    def enough(self) -> bool:
        return self.people >= MIN_PEOPLE

    def words(self) -> str:
        if not self.enough:
            return _(
                "{source} → {target}: {people} named {source} in the last {weeks} weeks, {needed} needed for a rate"
            ).format(source=self.source, target=self.target, people=self.people, weeks=COHORT_WEEKS, needed=MIN_PEOPLE)
        spread = f" ({percent(self.rate.low)}–{percent(self.rate.high)})" if self.rate.low is not None else ""
        return _(
            "{source} → {target}: of {people} {source} first counted in the last {weeks} weeks, "
            "{moved} became {target}: {rate}"
        ).format(
            source=self.source,
            target=self.target,
            people=self.people,
            weeks=COHORT_WEEKS,
            moved=self.moved,
            rate=f"{percent(self.rate.rate)}{spread}{_median(self.median_days)}",
        )


@record
class Pipeline:
    """Open people one stage before the last, and how many more of the last stage they may bring."""

    stage: str
    target: str
    open: int
    expected: float | None  # None without a cohort rate to the last stage

    def words(self) -> str:
        if self.expected is None:
            return _("{open}: too few named ones yet for a rate to {target}").format(
                open=self.open_words(), target=self.target
            )
        return _("{open} ≈ {n} more {target} (not counted in the buffer)").format(
            open=self.open_words(), n=local(f"{self.expected:.1f}"), target=self.target
        )

    def open_words(self) -> str:
        """``3 open leads``, ``1 open lead``."""
        stage = singular(self.stage) if self.open == 1 else self.stage
        return ngettext("{n} open {stage}", "{n} open {stage}", self.open).format(n=self.open, stage=stage)


def cohorts(
    people: Iterable[Person],
    funnel: list[str],
    today: date,
    weeks: int = COHORT_WEEKS,
    links: list[tuple[str, str]] | None = None,
) -> list[Cohort]:
    """One cohort per step of the chain (``links``: each stage and the one it comes from), else per pair of
    consecutive funnel stages."""
    everyone = list(people)
    start = today - timedelta(weeks=weeks)
    found = []
    for source, target in pairwise(funnel) if links is None else links:
        group = [p for p in everyone if source in p.reached and start <= p.reached[source] <= today]
        days = [(p.reached[target] - p.reached[source]).days for p in group if target in p.reached]
        days = [d for d in days if d >= 0]
        median = float(statistics.median(days)) if days else None
        found.append(
            Cohort(source, target, len(group), len(days), median, conversion(source, target, len(group), len(days)))
        )
    return found


def pipeline(
    people: Iterable[Person], funnel: list[str], found: list[Cohort], today: date, stale_after: Mapping[str, int]
) -> Pipeline | None:
    """The open people at the stage before the last, with the last cohort's rate; None for a funnel of one stage."""
    if len(funnel) < 2:
        return None
    stage, target = funnel[-2], funnel[-1]
    open_ = sum(p.stage == stage and not p.lost and not p.stale(today, stale_after) for p in people)
    last = next((c for c in found if c.source == stage and c.target == target), None)
    rate = last.rate.rate if last is not None and last.enough else None
    return Pipeline(stage, target, open_, None if rate is None else open_ * rate)


@record
class Flow:
    """What named people add to the daily screen: the cohorts with enough people, and the pipeline."""

    cohorts: tuple[Cohort, ...] = ()
    pipeline: Pipeline | None = None

    def funnel_line(self) -> str:
        """``Named people, last 8 weeks: prospects → leads 40 % (25 %–57 %), median 3 days · ...``; "" without."""
        shown = [c for c in self.cohorts if c.enough]
        if not shown:
            return ""
        parts = []
        for c in shown:
            spread = f" ({percent(c.rate.low)}–{percent(c.rate.high)})" if c.rate.low is not None else ""
            parts.append(f"{c.source} → {c.target} {percent(c.rate.rate)}{spread}{_median(c.median_days)}")
        return _("Named people, last {weeks} weeks: {cohorts}").format(weeks=COHORT_WEEKS, cohorts=" · ".join(parts))

    def gauge_words(self, metric: str | None, window: str) -> str:
        """``3 open leads ≈ 0.6 more this week`` for a goal on the pipeline's last stage; "" for any other."""
        flow = self.pipeline
        if flow is None or flow.target != metric or flow.expected is None or not flow.open:
            return ""
        return _("{open} ≈ {n} more {window}").format(
            open=flow.open_words(), n=local(f"{flow.expected:.1f}"), window=window
        )


def _median(days: float | None) -> str:
    """``, median 3 days`` after a cohort's rate; "" without one."""
    if days is None:
        return ""
    return ngettext(", median {n} day", ", median {n} days", days).format(n=local(f"{days:g}"))


NO_FLOW = Flow()


def flow(
    people: Iterable[Person],
    funnel: list[str],
    today: date,
    stale_after: Mapping[str, int],
    links: list[tuple[str, str]] | None = None,
) -> Flow:
    """The cohorts (along ``links``, see :func:`cohorts`) and the pipeline of ``people``, for the daily screen."""
    everyone = list(people)
    found = cohorts(everyone, funnel, today, links=links)
    return Flow(tuple(found), pipeline(everyone, funnel, found, today, stale_after))

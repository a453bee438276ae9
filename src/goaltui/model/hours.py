"""The best hours: when in the day and the week the user makes contacts, and which block brings the most.

Each tap counts at its own local time (the wall clock of the UTC offset it was
written with), so a week on the road in another time zone still lands in the
hours it was made in. A take-back counts against its hour; no hour goes below
zero. Backfilled taps (``day`` set) say nothing about when the work was done
and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from goaltui.lang import N_, _
from goaltui.model.format import count
from goaltui.model.record import record

BLOCK = 2  # hours in the block the sentence names
MIN_TAPS = 20  # fewer of a metric than this is too few to name a best time
CLOSE = 0.75  # a second weekday is named when its share of the block is at least this much of the best one's

Moment = tuple[datetime, str, float]  # when a tap was made (aware), its metric, its n
# "on Mondays": marked here, translated where shown.
ON_WEEKDAYS = (
    N_("Mondays"),
    N_("Tuesdays"),
    N_("Wednesdays"),
    N_("Thursdays"),
    N_("Fridays"),
    N_("Saturdays"),
    N_("Sundays"),
)


@record
class HourGrid:
    """One metric's taps by weekday (0 = Monday) and hour of the day."""

    metric: str
    cells: tuple[tuple[float, ...], ...]  # 7 rows of 24 hours

    @property
    def total(self) -> float:
        return sum(map(sum, self.cells))

    def by_hour(self) -> tuple[float, ...]:
        return tuple(sum(row[h] for row in self.cells) for h in range(24))


@record
class BestBlock:
    """The block of hours, and its best weekdays, that brought the most of a metric."""

    metric: str
    start: int  # the block runs from start to start + BLOCK hours
    weekdays: tuple[int, ...]  # the best one first
    count: float  # of the metric in the block on those weekdays
    total: float  # of the metric in all

    def sentence(self) -> str:
        names = [_(ON_WEEKDAYS[d]) for d in self.weekdays]
        days = names[0] if len(names) == 1 else _("{first} and {second}").format(first=names[0], second=names[-1])
        return _("Your {metric} come most often between {start} and {end} on {days} ({count} of {total}).").format(
            metric=self.metric,
            start=self.start,
            end=self.start + BLOCK,
            days=days,
            count=count(round(self.count)),
            total=count(round(self.total)),
        )


def hour_grids(moments: Iterable[Moment], metrics: list[str]) -> dict[str, HourGrid]:
    """A grid per metric (in the order given); a metric with no taps gets an empty one."""
    cells = {m: [[0.0] * 24 for _day in range(7)] for m in metrics}
    for at, metric, n in moments:
        if metric in cells:
            cells[metric][at.weekday()][at.hour] += n
    return {m: HourGrid(m, tuple(tuple(max(0.0, v) for v in row) for row in rows)) for m, rows in cells.items()}


def best_block(grid: HourGrid) -> BestBlock | None:
    """The BLOCK hours bringing the most (ties: the earlier), and the weekdays that brought most of them."""
    if grid.total < MIN_TAPS:
        return None
    hours = grid.by_hour()
    start = max(range(24 - BLOCK + 1), key=lambda h: (sum(hours[h : h + BLOCK]), -h))
    per_day = [sum(grid.cells[d][start : start + BLOCK]) for d in range(7)]
    ranked = sorted(range(7), key=lambda d: (-per_day[d], d))
    days = [ranked[0]]
    if per_day[ranked[1]] > 0 and per_day[ranked[1]] >= CLOSE * per_day[ranked[0]]:
        days.append(ranked[1])
    days.sort()
    return BestBlock(grid.metric, start, tuple(days), sum(per_day[d] for d in days), grid.total)


def best_words(grids: dict[str, HourGrid], metrics: list[str]) -> str:
    """The sentence for the first of ``metrics`` with enough taps, or what is missing."""
    for metric in metrics:
        grid = grids.get(metric)
        found = best_block(grid) if grid is not None else None
        if found is not None:
            return found.sentence()
    names = _(" or ").join(metrics) or _("taps")
    return _("Too few {names} logged at their own time to name your best hours yet (it takes {n}).").format(
        names=names, n=MIN_TAPS
    )

"""Daily counts: how much of each metric was logged on each day."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta


class DailyCounts:
    """Per-day totals per metric, built from taps or from the summary cache."""

    __slots__ = ("_days",)

    def __init__(self, days: dict[date, dict[str, float]] | None = None) -> None:
        self._days: dict[date, dict[str, float]] = {}
        if days:
            for day, metrics in days.items():
                for metric, n in metrics.items():
                    self.add(day, metric, n)

    def add(self, day: date, metric: str, n: float) -> None:
        per_metric = self._days.setdefault(day, {})
        total = per_metric.get(metric, 0) + n
        per_metric[metric] = total

    def merge(self, other: DailyCounts) -> None:
        for day, metrics in other._days.items():
            for metric, n in metrics.items():
                self.add(day, metric, n)

    def get(self, day: date, metric: str) -> float:
        return self._days.get(day, {}).get(metric, 0)

    def on(self, day: date) -> dict[str, float]:
        """Every metric's total on ``day`` (a copy)."""
        return dict(self._days.get(day, {}))

    def total(self, metric: str, start: date, end: date) -> float:
        """Sum of ``metric`` from ``start`` to ``end``, both included."""
        if end < start:
            return 0
        span = (end - start).days + 1
        if span > len(self._days):
            return sum(v.get(metric, 0) for d, v in self._days.items() if start <= d <= end)
        days = self._days
        return sum(days[d].get(metric, 0) for d in _dates(start, span) if d in days)

    def by_number(self, metric: str) -> dict[int, float]:
        """Each day's total of ``metric`` by its day number (``date.toordinal``), for the days that hold any tap:
        ``get`` for walking years of days as plain numbers."""
        return {day.toordinal(): values.get(metric, 0) for day, values in self._days.items()}

    def totals(self, metric: str, start: date, ends: Iterable[date]) -> list[float]:
        """``total(metric, start, e)`` for the first end, then from the day after each end to the next: the same
        figures as those calls (each summed in the same order), with less to do a day."""
        found = []
        days = self._days
        one = timedelta(days=1)
        for end in ends:
            if end < start or (end - start).days + 1 > len(days):
                found.append(self.total(metric, start, end))
            else:
                values = []
                day = start
                while day <= end:
                    if day in days:
                        values.append(days[day].get(metric, 0))
                    day += one
                found.append(sum(values))
            start = end + one
        return found

    def best(self, metric: str) -> float:
        """The most of ``metric`` counted on any one day (0 with none)."""
        return max((abs(v.get(metric, 0)) for v in self._days.values()), default=0)

    def days(self) -> list[date]:
        """The days that have any tap, oldest first."""
        return sorted(self._days)

    def first_day(self) -> date | None:
        return min(self._days) if self._days else None

    def items(self) -> Iterator[tuple[date, dict[str, float]]]:
        for day in sorted(self._days):
            yield day, dict(self._days[day])

    def copy(self) -> DailyCounts:
        clone = DailyCounts()
        clone._days = {d: dict(v) for d, v in self._days.items()}
        return clone

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DailyCounts):
            return NotImplemented
        return _nonzero(self._days) == _nonzero(other._days)

    def __repr__(self) -> str:
        return f"DailyCounts({len(self._days)} days)"


def _dates(start: date, span: int) -> Iterable[date]:
    one = timedelta(days=1)
    day = start
    for _ in range(span):
        yield day
        day += one


def _nonzero(days: dict[date, dict[str, float]]) -> dict[date, dict[str, float]]:
    result = {}
    for day, metrics in days.items():
        kept = {m: n for m, n in metrics.items() if n}
        if kept:
            result[day] = kept
    return result

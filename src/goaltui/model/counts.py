"""Daily counts: how much of each metric was logged on each day; and the readings of levels.

A level (a downline's size, a balance) is read off, not tapped: its value on
a day is the latest reading on or before it, never a sum across devices or
days. Its daily figure here is the rise since the reading day before (0 on the
first), so a window's total is the gain in it, and :meth:`DailyCounts.level`
gives the value. A metric with readings is its readings: taps of it are not
added. A reading taken back (by its key) is as if never made.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta

from goaltui.lang import _
from goaltui.model.numbers import local


class Reading:
    """One reading of a level, or (``value`` None) the take-back of the reading with the key ``undoes``."""

    __slots__ = ("at", "day", "device", "key", "metric", "undoes", "value")

    def __init__(
        self, metric: str, device: str, key: str, at: datetime, day: date, value: float | None, undoes: str = ""
    ) -> None:
        self.metric, self.device, self.key, self.at, self.day = metric, device, key, at, day
        self.value, self.undoes = value, undoes


class LevelConflict:
    """Two devices read a level in the same minute with different values; the later reading counts."""

    __slots__ = ("counted", "day", "metric", "others")

    def __init__(self, metric: str, day: date, counted: Reading, others: list[Reading]) -> None:
        self.metric, self.day, self.counted, self.others = metric, day, counted, others

    def words(self) -> str:
        """``downline on 2027-01-04: 09:14 57 (laptop), 09:14 58 (phone); 58 counts: read it again if wrong``."""
        seen = [*self.others, self.counted]
        each = ", ".join(f"{r.at:%H:%M} {_figure(r.value)} ({r.device})" for r in seen)
        return _(
            "{metric} on {day}: two devices read it in the same minute: {each}; "
            "the later, {value}, counts: record the right value again if it is wrong"
        ).format(metric=self.metric, day=self.day.isoformat(), each=each, value=_figure(self.counted.value))


def _figure(value: float | None) -> str:
    return "–" if value is None else local(f"{value:,.2f}".rstrip("0").rstrip("."))


class DailyCounts:
    """Per-day totals per metric, built from taps or from the summary cache; levels from their readings."""

    __slots__ = ("_conflicts", "_days", "_levels", "_readings", "_taken")

    def __init__(self, days: dict[date, dict[str, float]] | None = None) -> None:
        self._days: dict[date, dict[str, float]] = {}
        self._readings: dict[str, dict[tuple[str, str], Reading]] = {}  # metric -> (device, key) -> reading
        self._taken: dict[str, set[tuple[str, str]]] = {}  # metric -> readings taken back
        self._levels: dict[str, tuple[list[date], list[float]]] = {}  # metric -> the value on each reading day
        self._conflicts: dict[str, list[LevelConflict]] = {}
        if days:
            for day, metrics in days.items():
                for metric, n in metrics.items():
                    self.add(day, metric, n)

    def add(self, day: date, metric: str, n: float) -> None:
        if metric in self._levels:
            return  # a tap of a level counts nothing: its readings say what it is
        per_metric = self._days.setdefault(day, {})
        total = per_metric.get(metric, 0) + n
        per_metric[metric] = total

    def merge(self, other: DailyCounts) -> None:
        for day, metrics in other._days.items():
            for metric, n in metrics.items():
                if metric not in other._levels:
                    self.add(day, metric, n)
        self.read([r for readings in other._readings.values() for r in readings.values()])
        self.read([r for m, keys in other._taken.items() for r in _take_backs(m, keys)])

    # --- levels ------------------------------------------------------------------------

    def read(self, readings: Iterable[Reading]) -> None:
        """Add readings and take-backs; each level they touch is worked out again once."""
        touched = set()
        for r in readings:
            if r.value is None:
                self._taken.setdefault(r.metric, set()).add((r.device, r.undoes))
            else:
                self._readings.setdefault(r.metric, {})[(r.device, r.key)] = r
            touched.add(r.metric)
        for metric in touched:
            self._resolve(metric)

    def _resolve(self, metric: str) -> None:
        taken = self._taken.get(metric, set())
        by_day: dict[date, list[Reading]] = {}
        for where, r in self._readings.get(metric, {}).items():
            if where not in taken:
                by_day.setdefault(r.day, []).append(r)
        days, values, conflicts = [], [], []
        for day in sorted(by_day):
            seen = sorted(by_day[day], key=lambda r: (r.at, r.device))
            latest = seen[-1]
            minute = _minute(latest.at)
            others = [
                r for r in seen if r.device != latest.device and _minute(r.at) == minute and r.value != latest.value
            ]
            if others:
                conflicts.append(LevelConflict(metric, day, latest, others))
            days.append(day)
            values.append(latest.value if latest.value is not None else 0.0)
        for per_metric in self._days.values():
            per_metric.pop(metric, None)
        for i, day in enumerate(days):
            self._days.setdefault(day, {})[metric] = values[i] - values[i - 1] if i else 0.0
        self._levels[metric] = (days, values)
        self._conflicts[metric] = conflicts

    def is_level(self, metric: str) -> bool:
        """True for a metric with readings (even if every one was taken back)."""
        return metric in self._levels

    def level(self, metric: str, day: date) -> float | None:
        """The value of the level ``metric`` at the end of ``day``: the latest reading on or before it; None before."""
        days, values = self._levels.get(metric, ([], []))
        i = bisect_right(days, day)
        return values[i - 1] if i else None

    def first_reading(self, metric: str) -> date | None:
        """The first day with a reading of ``metric`` (taken back ones aside); None with none."""
        days = self._levels.get(metric, ([], []))[0]
        return days[0] if days else None

    def reading_days(self, metric: str, start: date, end: date) -> list[date]:
        """The days from ``start`` to ``end`` (both included) that have a reading of ``metric``."""
        days = self._levels.get(metric, ([], []))[0]
        return [d for d in days if start <= d <= end]

    def level_conflicts(self) -> list[LevelConflict]:
        """Every level read by two devices in the same minute with different values, by metric and day."""
        return [c for metric in sorted(self._conflicts) for c in self._conflicts[metric]]

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
        clone._readings = {m: dict(r) for m, r in self._readings.items()}
        clone._taken = {m: set(k) for m, k in self._taken.items()}
        clone._levels = {m: (list(d), list(v)) for m, (d, v) in self._levels.items()}
        clone._conflicts = {m: list(c) for m, c in self._conflicts.items()}
        return clone

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DailyCounts):
            return NotImplemented
        return _nonzero(self._days) == _nonzero(other._days)

    def __repr__(self) -> str:
        return f"DailyCounts({len(self._days)} days)"


def _minute(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(second=0, microsecond=0)


def _take_backs(metric: str, keys: set[tuple[str, str]]) -> list[Reading]:
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return [Reading(metric, device, "", epoch, epoch.date(), None, key) for device, key in keys]


def _dates(start: date, span: int) -> Iterable[date]:
    one = timedelta(days=1)
    day = start
    for _n in range(span):
        yield day
        day += one


def _nonzero(days: dict[date, dict[str, float]]) -> dict[date, dict[str, float]]:
    result = {}
    for day, metrics in days.items():
        kept = {m: n for m, n in metrics.items() if n}
        if kept:
            result[day] = kept
    return result

"""Synthetic tap history for benchmarks, demos and tests (not shipped: goaltui itself never makes up taps).

Writes month files in exactly the tap log's format, straight to disk (one
write per month, no lock, no fsync): it is for throwaway data dirs, and it
refuses to touch a month file that already exists.
"""

from __future__ import annotations

import math
import os
import random
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from goaltui.store.locations import DIR_MODE, FILE_MODE
from goaltui.store.tap import Tap

ZONE = timezone(timedelta(hours=1))  # fixed, so generated files do not depend on where they are made
# metric -> (mean taps on a working day, mean taps on a weekend day)
DEFAULT_RATES: dict[str, tuple[float, float]] = {
    "prospects": (30.0, 2.0),
    "leads": (6.0, 0.4),
    "customers": (1.0, 0.05),
}
WEEKEND_WORKED = 0.2  # most weekend days are empty; the rest get the weekend means in one go
UNDO_CHANCE = 0.02  # now and then a tap is a mistake, taken back a few seconds later
DAY_START = 8 * 3600 + 30 * 60  # 08:30
DAY_END = 18 * 3600  # 18:00
# A salesperson's day, for ``shape``: a weight per hour; calls cluster mid-morning and mid-afternoon.
SALES_DAY: dict[int, float] = {8: 1, 9: 3, 10: 6, 11: 5, 12: 1, 13: 1, 14: 3, 15: 4, 16: 2, 17: 1}


def generate_history(
    data_dir: Path,
    *,
    start: date,
    end: date,
    device: str = "generated",
    seed: int = 1,
    metrics: Mapping[str, tuple[float, float]] | None = None,
    shape: Mapping[int, float] | None = None,
) -> int:
    """Write taps for every day from ``start`` to ``end`` (both included); return how many lines were written.

    ``metrics`` maps a metric to its mean taps per working day (Mon-Fri) and per
    weekend day (default: ~30 prospects, ~6 leads, ~1 customer a working day;
    four weekend days in five empty, the fifth gets five times the weekend mean).
    ``shape`` weights the hours taps fall in (e.g. :data:`SALES_DAY`); without it
    they spread evenly from 08:30 to 18:00.
    The same seed gives the same files, byte for byte. Raises ``FileExistsError`` rather than overwrite a month file.
    """
    rates = DEFAULT_RATES if metrics is None else metrics
    rng = random.Random(seed)
    folder = Path(data_dir) / "taps" / device
    months: dict[tuple[int, int], list[str]] = {}
    written = 0
    day = start
    while day <= end:
        lines = months.setdefault((day.year, day.month), [])
        for tap in _day_taps(rng, day, rates, shape):
            lines.append(tap.to_line())
            written += 1
        day += timedelta(days=1)
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    for (year, month), lines in months.items():
        if not lines:
            continue
        path = folder / f"{year:04d}-{month:02d}.toml"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
        try:
            view = memoryview("".join(lines).encode("utf-8"))
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    return written


def _day_taps(
    rng: random.Random, day: date, rates: Mapping[str, tuple[float, float]], shape: Mapping[int, float] | None = None
) -> list[Tap]:
    """One day's taps, in time order with strictly increasing millisecond keys."""
    weekend = day.weekday() >= 5
    worked = not weekend or rng.random() < WEEKEND_WORKED
    events: list[tuple[int, str, float]] = []  # (ms since midnight, metric, n)
    for metric, (workday_mean, weekend_mean) in rates.items():
        mean = weekend_mean / WEEKEND_WORKED if weekend else workday_mean
        for _ in range(_poisson(rng, mean) if worked else 0):
            if shape is None:
                ms = rng.randrange(DAY_START * 1000, DAY_END * 1000)
            else:
                (hour,) = rng.choices(list(shape), weights=list(shape.values()))
                ms = hour * 3_600_000 + rng.randrange(3_600_000)
            events.append((ms, metric, 1))
            if rng.random() < UNDO_CHANCE:
                events.append((ms + 1, metric, 1))  # a double tap ...
                events.append((ms + rng.randrange(2000, 15000), metric, -1))  # ... taken back
    events.sort(key=lambda e: e[0])
    midnight = datetime(day.year, day.month, day.day, tzinfo=ZONE)
    taps = []
    last = -1
    for ms, metric, n in events:
        ms = max(ms, last + 1)
        last = ms
        taps.append(Tap(midnight + timedelta(milliseconds=ms), metric, n))
    return taps


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method; a normal approximation for large means)."""
    if mean <= 0:
        return 0
    if mean > 50:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit = math.exp(-mean)
    k, p = 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k

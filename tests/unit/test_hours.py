"""The best hours: taps by weekday and hour at their own local time, and the block that brings the most."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from goaltui.model.hours import MIN_TAPS, best_block, best_words, hour_grids

BERLIN = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))
TUESDAY = datetime(2026, 11, 24, tzinfo=BERLIN)


def at(day: datetime, hour: int, minute: int = 0, zone: timezone = BERLIN) -> datetime:
    return day.replace(hour=hour, minute=minute, tzinfo=zone)


def test_each_tap_counts_at_its_own_local_time() -> None:
    """A tap at 10:30 in New York is a 10 o'clock tap, though it is 16:30 in Berlin."""
    moments = [
        (at(TUESDAY, 10, 30, NEW_YORK), "leads", 1),
        (at(TUESDAY, 16, 30), "leads", 1),
        (at(TUESDAY, 23, 59, NEW_YORK), "leads", 1),  # Wednesday 05:59 in Berlin: still a Tuesday-night tap
    ]
    grid = hour_grids(moments, ["leads"])["leads"]
    assert grid.cells[1][10] == 1 and grid.cells[1][16] == 1 and grid.cells[1][23] == 1
    assert grid.cells[2][5] == 0
    assert grid.total == 3


def test_a_take_back_counts_against_its_hour_and_never_below_zero() -> None:
    moments = [(at(TUESDAY, 9), "prospects", 1), (at(TUESDAY, 9, 1), "prospects", -1), (at(TUESDAY, 11), "x", -1)]
    grids = hour_grids(moments, ["prospects", "x"])
    assert grids["prospects"].cells[1][9] == 0 and grids["x"].cells[1][11] == 0


def test_the_best_block_and_its_weekdays() -> None:
    wednesday = TUESDAY + timedelta(days=1)
    friday = TUESDAY + timedelta(days=3)
    moments = [(at(TUESDAY, 10, m), "leads", 1) for m in range(0, 60, 6)]  # 10 on Tuesday 10-11
    moments += [(at(wednesday, 11, m), "leads", 1) for m in range(0, 60, 7)]  # 9 on Wednesday 11-12
    moments += [(at(friday, 15, m), "leads", 1) for m in range(0, 60, 10)]  # 6 on Friday afternoon
    found = best_block(hour_grids(moments, ["leads"])["leads"])
    assert found is not None
    assert (found.start, found.weekdays, found.count, found.total) == (10, (1, 2), 19, 25)
    assert found.sentence() == "Your leads come most often between 10 and 12 on Tuesdays and Wednesdays (19 of 25)."


def test_too_few_taps_name_no_time() -> None:
    moments = [(at(TUESDAY, 10), "leads", 1)] * (MIN_TAPS - 1)
    grids = hour_grids(moments, ["leads", "customers"])
    assert best_block(grids["leads"]) is None
    assert best_words(grids, ["leads", "customers"]) == (
        "Too few leads or customers logged at their own time to name your best hours yet (it takes 20)."
    )

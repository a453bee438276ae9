"""Periods, goal windows and working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from goaltui.model.calendar import (
    Window,
    full_date,
    goal_window,
    long_date,
    period_window,
    short_date,
    trailing_working_dates,
    week_start,
    working_dates,
    working_days,
)
from goaltui.model.goals import Goal, Period, Settings
from tests.factories import WEEKDAYS

MON, SAT, SUN = 0, 5, 6
D = date


def test_window_contains_and_counts_days() -> None:
    window = Window(D(2026, 11, 23), D(2026, 11, 29))
    assert window.days == 7
    assert window.contains(D(2026, 11, 23)) and window.contains(D(2026, 11, 29))
    assert not window.contains(D(2026, 11, 22)) and not window.contains(D(2026, 11, 30))
    assert Window(D(2026, 1, 1), D(2026, 1, 1)).days == 1


def test_window_that_ends_before_it_starts_is_a_bug() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Window(D(2026, 11, 2), D(2026, 11, 1))


@pytest.mark.parametrize(
    ("every", "day", "week_starts", "start", "end"),
    [
        ("day", D(2026, 11, 25), MON, D(2026, 11, 25), D(2026, 11, 25)),
        ("week", D(2026, 11, 25), MON, D(2026, 11, 23), D(2026, 11, 29)),
        ("week", D(2026, 11, 23), MON, D(2026, 11, 23), D(2026, 11, 29)),
        ("week", D(2026, 11, 29), MON, D(2026, 11, 23), D(2026, 11, 29)),
        ("week", D(2026, 11, 25), SUN, D(2026, 11, 22), D(2026, 11, 28)),
        ("week", D(2026, 11, 22), SUN, D(2026, 11, 22), D(2026, 11, 28)),
        ("week", D(2026, 11, 28), SUN, D(2026, 11, 22), D(2026, 11, 28)),
        ("week", D(2026, 11, 25), SAT, D(2026, 11, 21), D(2026, 11, 27)),
        ("week", D(2026, 11, 28), SAT, D(2026, 11, 28), D(2026, 12, 4)),
        # across a month boundary and a year boundary
        ("week", D(2026, 12, 2), MON, D(2026, 11, 30), D(2026, 12, 6)),
        ("week", D(2027, 1, 1), MON, D(2026, 12, 28), D(2027, 1, 3)),
        ("week", D(2026, 12, 31), SUN, D(2026, 12, 27), D(2027, 1, 2)),
        ("month", D(2026, 11, 25), MON, D(2026, 11, 1), D(2026, 11, 30)),
        ("month", D(2026, 12, 31), MON, D(2026, 12, 1), D(2026, 12, 31)),
        ("month", D(2028, 2, 10), MON, D(2028, 2, 1), D(2028, 2, 29)),
        ("month", D(2027, 2, 10), MON, D(2027, 2, 1), D(2027, 2, 28)),
        ("quarter", D(2026, 1, 1), MON, D(2026, 1, 1), D(2026, 3, 31)),
        ("quarter", D(2026, 5, 15), MON, D(2026, 4, 1), D(2026, 6, 30)),
        ("quarter", D(2026, 9, 30), MON, D(2026, 7, 1), D(2026, 9, 30)),
        ("quarter", D(2026, 11, 25), MON, D(2026, 10, 1), D(2026, 12, 31)),
        ("year", D(2026, 11, 25), MON, D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_period_window(every: Period, day: date, week_starts: int, start: date, end: date) -> None:
    assert period_window(every, day, week_starts) == Window(start, end)


@pytest.mark.parametrize("week_starts", range(7))
def test_every_week_has_seven_days_starting_on_week_starts(week_starts: int) -> None:
    day = D(2026, 12, 20)
    for offset in range(14):
        window = period_window("week", day + timedelta(days=offset), week_starts)
        assert window.days == 7
        assert window.start.weekday() == week_starts
        assert window.contains(day + timedelta(days=offset))


def test_unknown_period_is_refused() -> None:
    with pytest.raises(ValueError, match="fortnight"):
        period_window("fortnight", D(2026, 11, 25), MON)  # type: ignore[arg-type]  # no such period: refused


def test_recurring_window_is_the_period_containing_today() -> None:
    goal = Goal("g", every="week", start=D(2026, 1, 5))
    assert goal_window(goal, WEEKDAYS, D(2026, 11, 25)) == Window(D(2026, 11, 23), D(2026, 11, 29))


def test_recurring_window_follows_week_starts() -> None:
    goal = Goal("g", every="week")
    sunday = Settings(week_starts=SUN)
    assert goal_window(goal, sunday, D(2026, 11, 25)) == Window(D(2026, 11, 22), D(2026, 11, 28))


def test_recurring_window_clipped_to_start_in_its_first_period() -> None:
    goal = Goal("g", every="week", start=D(2026, 11, 25))
    assert goal_window(goal, WEEKDAYS, D(2026, 11, 26)) == Window(D(2026, 11, 25), D(2026, 11, 29))
    assert goal_window(goal, WEEKDAYS, D(2026, 12, 1)) == Window(D(2026, 11, 30), D(2026, 12, 6))


def test_recurring_goal_not_started_has_no_window() -> None:
    goal = Goal("g", every="month", start=D(2026, 12, 1))
    assert goal_window(goal, WEEKDAYS, D(2026, 11, 30)) is None
    assert goal_window(goal, WEEKDAYS, D(2026, 12, 1)) == Window(D(2026, 12, 1), D(2026, 12, 31))


def test_recurring_window_clipped_to_deadline() -> None:
    goal = Goal("g", every="week", deadline=D(2026, 11, 25))
    assert goal_window(goal, WEEKDAYS, D(2026, 11, 24)) == Window(D(2026, 11, 23), D(2026, 11, 25))
    # deadline inside the current period but already past: the window ends on it
    assert goal_window(goal, WEEKDAYS, D(2026, 11, 27)) == Window(D(2026, 11, 23), D(2026, 11, 25))
    # deadline before the period: no window
    assert goal_window(goal, WEEKDAYS, D(2026, 11, 30)) is None


def test_recurring_window_clipped_at_both_ends() -> None:
    goal = Goal("g", every="month", start=D(2026, 11, 10), deadline=D(2026, 11, 20))
    assert goal_window(goal, WEEKDAYS, D(2026, 11, 12)) == Window(D(2026, 11, 10), D(2026, 11, 20))


def test_one_off_window_runs_from_start_to_deadline() -> None:
    goal = Goal("g", start=D(2026, 11, 23), deadline=D(2027, 3, 31))
    window = Window(D(2026, 11, 23), D(2027, 3, 31))
    assert goal_window(goal, WEEKDAYS, D(2026, 12, 1)) == window
    assert goal_window(goal, WEEKDAYS, D(2026, 11, 1)) == window  # not started yet: still its window
    assert goal_window(goal, WEEKDAYS, D(2027, 5, 1)) == window  # over: still its window


def test_one_off_window_needs_start_and_deadline() -> None:
    assert goal_window(Goal("g", deadline=D(2027, 3, 31)), WEEKDAYS, D(2026, 12, 1)) is None
    assert goal_window(Goal("g", start=D(2026, 11, 23)), WEEKDAYS, D(2026, 12, 1)) is None
    assert goal_window(Goal("g"), WEEKDAYS, D(2026, 12, 1)) is None


# --- working days ----------------------------------------------------------------


def test_working_days_skip_weekends_and_breaks() -> None:
    settings = Settings(breaks=frozenset({D(2026, 12, 24), D(2026, 12, 25)}))
    days = working_dates(D(2026, 12, 21), D(2026, 12, 27), settings)
    assert days == [D(2026, 12, 21), D(2026, 12, 22), D(2026, 12, 23)]
    assert working_days(D(2026, 12, 21), D(2026, 12, 27), settings) == 3
    assert working_days(D(2026, 12, 21), D(2026, 12, 27), WEEKDAYS) == 5


def test_working_days_follow_the_workdays_setting() -> None:
    six_days = Settings(workdays=frozenset({0, 1, 2, 3, 4, 5}))
    assert working_days(D(2026, 11, 23), D(2026, 11, 29), six_days) == 6
    weekends = Settings(workdays=frozenset({5, 6}))
    assert working_dates(D(2026, 11, 23), D(2026, 11, 29), weekends) == [D(2026, 11, 28), D(2026, 11, 29)]


def test_working_days_of_an_empty_or_reversed_span() -> None:
    assert working_dates(D(2026, 11, 24), D(2026, 11, 23), WEEKDAYS) == []
    assert working_days(D(2026, 11, 28), D(2026, 11, 29), WEEKDAYS) == 0


def test_trailing_working_dates_before_today() -> None:
    days = trailing_working_dates(D(2026, 11, 25), WEEKDAYS, 4)
    assert days == (D(2026, 11, 19), D(2026, 11, 20), D(2026, 11, 23), D(2026, 11, 24))
    with_today = trailing_working_dates(D(2026, 11, 25), WEEKDAYS, 4, include_today=True)
    assert with_today == (D(2026, 11, 20), D(2026, 11, 23), D(2026, 11, 24), D(2026, 11, 25))


def test_trailing_working_dates_default_twenty_across_a_year_with_breaks() -> None:
    settings = Settings(breaks=frozenset({D(2026, 12, 31), D(2027, 1, 1)}))
    days = trailing_working_dates(D(2027, 1, 4), settings)
    assert len(days) == 20
    assert list(days) == sorted(days)
    assert days[-1] == D(2026, 12, 30)
    assert all(settings.is_workday(d) for d in days)


def test_trailing_working_dates_on_a_non_working_today() -> None:
    assert trailing_working_dates(D(2026, 11, 29), WEEKDAYS, 1, include_today=True) == (D(2026, 11, 27),)


def test_trailing_working_dates_terminate_without_working_days() -> None:
    assert trailing_working_dates(D(2026, 11, 25), Settings(workdays=frozenset())) == ()
    everything_off = Settings(breaks=frozenset(D(2026, 11, 25) - timedelta(days=i) for i in range(400)))
    days = trailing_working_dates(D(2026, 11, 25), everything_off, 5)
    assert len(days) == 5 and days[-1] < D(2026, 11, 25) - timedelta(days=399)


def test_short_date() -> None:
    assert short_date(D(2026, 11, 27), D(2026, 11, 23)) == "Fri 27 Nov"
    assert short_date(D(2027, 3, 31), D(2026, 11, 23)) == "Wed 31 Mar 2027"


def test_long_and_full_dates_are_the_same_in_every_locale() -> None:
    assert long_date(D(2026, 12, 4)) == "Fri 4 Dec 2026"
    assert full_date(D(2026, 11, 25)) == "Wednesday 25 November 2026"


def test_week_start_follows_the_first_day_of_the_week() -> None:
    assert week_start(D(2026, 11, 25), MON) == D(2026, 11, 23)
    assert week_start(D(2026, 11, 25), SUN) == D(2026, 11, 22)
    assert week_start(D(2026, 11, 22), SUN) == D(2026, 11, 22)

"""The consistency score: Loop Habit Tracker's exponential average, forgiving one bad day."""

from __future__ import annotations

from datetime import date as D
from datetime import timedelta

import pytest

from goaltui.model.goals import Goal, Settings
from goaltui.model.score import consistency, decay, step
from tests.factories import WEEKDAYS, daily_counts, every_working_day

EVERY_DAY = Settings(workdays=frozenset(range(7)))
START = D(2026, 9, 1)


def daily(target: float = 10) -> Goal:
    return Goal("g", metric="prospects", target=target, every="day", start=START)


@pytest.mark.parametrize(("days", "expected"), [(30, 0.80), (60, 0.96)])
def test_a_perfect_daily_habit_scores_as_loop_does(days: int, expected: float) -> None:
    today = START + timedelta(days=days)  # the days before today are all done
    counts = daily_counts({START + timedelta(days=i): 10 for i in range(days)})
    score = consistency(daily(), EVERY_DAY, counts, today)
    assert score is not None and score.steps == days
    assert score.value == pytest.approx(expected, abs=0.005)


def test_one_bad_day_costs_a_little_not_everything() -> None:
    days = {START + timedelta(days=i): 10 for i in range(60)}
    days[START + timedelta(days=58)] = 0
    score = consistency(daily(), EVERY_DAY, daily_counts(days), START + timedelta(days=60))
    assert score is not None and 0.85 < score.value < 0.96


def test_a_part_kept_day_counts_its_share_capped_at_one() -> None:
    k = decay()
    assert step(0.0, 0.5, k) == pytest.approx(0.5 * (1 - k))
    assert step(0.0, 3.0, k) == step(0.0, 1.0, k)


def test_days_off_and_days_before_the_start_take_no_step() -> None:
    counts = daily_counts(every_working_day(D(2026, 8, 1), D(2026, 9, 30), {"prospects": 10}))
    score = consistency(daily(), WEEKDAYS, counts, D(2026, 10, 1))
    assert score is not None and score.steps == 22  # the working days of September


def test_today_counts_only_once_its_target_is_reached() -> None:
    counts = daily_counts({START: 10, START + timedelta(days=1): 4})
    score = consistency(daily(), EVERY_DAY, counts, START + timedelta(days=1))
    assert score is not None and score.steps == 1


def test_a_weekly_goal_steps_per_finished_week() -> None:
    goal = Goal("w", metric="prospects", target=50, every="week", start=D(2026, 8, 31))
    counts = daily_counts(every_working_day(D(2026, 8, 31), D(2026, 10, 2), {"prospects": 10}))
    score = consistency(goal, WEEKDAYS, counts, D(2026, 10, 7))
    assert score is not None and score.steps == 5
    # A week weighs as Loop's seven days of a once-a-week habit: k = 0.5 ** (sqrt(7) / 13) a step.
    assert score.value == pytest.approx(1 - (0.5 ** (7**0.5 / 13)) ** 5)


def test_one_off_goals_have_no_score() -> None:
    goal = Goal("q", metric="customers", target=5, start=START, deadline=D(2026, 12, 31))
    assert consistency(goal, WEEKDAYS, daily_counts({}), START) is None

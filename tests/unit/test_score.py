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


def test_a_score_is_shown_only_once_it_has_counted_enough_windows() -> None:
    from goaltui.model.review import build_review, parse_week
    from goaltui.model.trends import trends
    from goaltui.tui.screens.history import no_best_week
    from tests.factories import make_plan

    goal = Goal("d", metric="prospects", target=30, every="day", start=D(2027, 2, 1))
    counts = daily_counts(every_working_day(D(2027, 2, 1), D(2027, 2, 4), {"prospects": 44}))
    early = consistency(goal, WEEKDAYS, counts, D(2027, 2, 5))
    assert early is not None and early.steps == 4 and not early.meaningful  # four perfect days score 19 %
    plan = make_plan(goal)
    assert trends(plan, counts, D(2027, 2, 5)).scores == {}
    assert build_review(plan, counts, parse_week("2027-W05", WEEKDAYS), D(2027, 2, 5)).scores == {}
    t = trends(plan, counts, D(2027, 2, 5))
    assert t.best_week.get("prospects") is None
    assert no_best_week("prospects", t.weekly["prospects"]) == "no week over yet · 176 prospects so far this week"
    later = every_working_day(D(2027, 2, 1), D(2027, 2, 12), {"prospects": 44})
    score = consistency(goal, WEEKDAYS, daily_counts(later), D(2027, 2, 13))
    assert score is not None and score.meaningful


def test_the_best_week_names_this_week_once_it_has_gone_past_the_best_ended_one() -> None:
    from goaltui.model.trends import trends
    from goaltui.tui.screens.history import best_week_words
    from tests.factories import make_plan

    goal = Goal("d", metric="prospects", target=30, every="day", start=D(2027, 2, 1))
    taps = every_working_day(D(2027, 2, 1), D(2027, 2, 5), {"prospects": 25})
    taps |= every_working_day(D(2027, 2, 8), D(2027, 2, 12), {"prospects": 31})
    t = trends(make_plan(goal), daily_counts(taps), D(2027, 2, 13))
    best = t.best_week["prospects"]
    assert (best.label, best.total) == ("2027-W05", 125)
    words = best_week_words(best, "prospects", t.weekly["prospects"])
    assert words == "2027-W06, so far: 155 prospects (best ended week 2027-W05: 125)"

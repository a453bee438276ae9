"""Pace: the line, today's quota, status, buffer, required rate and projection."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from goaltui.model.calendar import Window, working_days
from goaltui.model.counts import DailyCounts
from goaltui.model.format import more_today, pace_details
from goaltui.model.goals import Goal, Settings
from goaltui.model.pace import Pace, average_rate, goal_pace, plan_paces
from tests.factories import WEEKDAYS, daily_counts, every_working_day, make_plan

D = date
MON = D(2026, 11, 23)  # Monday; the week runs to Sun 29 Nov
TUE, WED, THU, FRI, SAT, SUN = (MON + timedelta(days=i) for i in range(1, 7))


def weekly(target: float = 10, **kw: object) -> Goal:
    return Goal("g", metric="prospects", target=target, every="week", **kw)  # type: ignore[arg-type]


def pace_of(goal: Goal, data: DailyCounts, today: date, settings: Settings = WEEKDAYS) -> Pace:
    pace = goal_pace(goal, settings, data, today)
    assert pace is not None
    return pace


def test_on_pace_mid_week() -> None:
    pace = pace_of(weekly(10), daily_counts({MON: 2, TUE: 2, WED: 1}), WED)
    assert pace.window == Window(MON, SUN)
    assert (pace.working_days, pace.elapsed, pace.remaining) == (5, 2, 3)
    assert pace.target == 10
    assert pace.progress == 5  # today's taps count
    assert pace.expected == pytest.approx(4)  # the line at the start of Wednesday
    assert pace.quota_today == pytest.approx(1)  # 6 by tonight
    assert pace.status == "on pace"
    assert pace.buffer_days == 0
    assert pace.days_behind == 0
    assert pace.required_rate == pytest.approx(5 / 3)
    assert pace.fraction == pytest.approx(0.5)
    assert pace.line_fraction == pytest.approx(0.4)


def test_ahead_means_a_full_days_share_above_the_line() -> None:
    pace = pace_of(weekly(10), daily_counts({MON: 4, TUE: 3}), WED)
    assert pace.status == "ahead"
    assert pace.quota_today == 0
    assert pace.buffer_days == 1  # could skip today and still be on the line tomorrow morning
    just_under = pace_of(weekly(10), daily_counts({MON: 4, TUE: 1.9}), WED)
    assert just_under.status == "on pace"


def test_behind_counts_days_behind() -> None:
    pace = pace_of(weekly(10), daily_counts({MON: 1}), WED)
    assert pace.status == "behind"
    assert pace.buffer_days == -2
    assert pace.days_behind == 2
    assert pace.quota_today == pytest.approx(5)
    assert pace.required_rate == pytest.approx(3)


def test_done_keeps_the_remaining_days_as_buffer() -> None:
    pace = pace_of(weekly(10), daily_counts({MON: 6, TUE: 5}), WED)
    assert pace.status == "done"
    assert pace.buffer_days == 3
    assert pace.required_rate == 0
    assert pace.quota_today == 0
    assert pace.fraction == 1


def test_first_day_of_the_week() -> None:
    pace = pace_of(weekly(10), DailyCounts(), MON)
    assert (pace.expected, pace.quota_today, pace.status, pace.buffer_days) == (0, 2, "on pace", 0)
    assert pace.remaining == 5


def test_a_day_off_asks_for_nothing_and_says_how_far_the_line_is() -> None:
    pace = pace_of(weekly(10), daily_counts({MON: 2, TUE: 2, WED: 2, THU: 2}), SAT)
    assert (pace.elapsed, pace.remaining) == (5, 0)
    assert pace.expected == 10
    assert pace.quota_today == 0 and not pace.workday
    assert more_today(pace) == "a day off · 2 short of the line"
    daily = pace_of(Goal("d", metric="prospects", target=30, every="day"), DailyCounts(), SAT)
    assert pace_details(daily, "day") == ["a day off"]  # not "no buffer: count today"
    assert pace.status == "behind"  # the window (to Sunday) is not over yet
    assert pace.buffer_days == -1
    assert pace.required_rate is None  # no working day is left


def test_weekend_taps_count_toward_progress() -> None:
    pace = pace_of(weekly(10), daily_counts({MON: 8, SAT: 2}), SAT)
    assert pace.progress == 10 and pace.status == "done"


def test_one_off_missed_after_its_deadline() -> None:
    goal = Goal("g", metric="customers", target=10, start=MON, deadline=FRI)
    data = daily_counts({MON: 3, WED: 3, FRI: 2, D(2026, 11, 30): 5}, "customers")
    pace = pace_of(goal, data, D(2026, 11, 30))
    assert pace.progress == 8  # nothing after the deadline counts
    assert pace.status == "missed"
    assert pace.expected == 10
    assert pace.quota_today == 0  # nothing done today counts any more
    assert pace.remaining == 0
    assert pace.required_rate is None
    assert pace.days_behind == 1


def test_one_off_done_after_its_deadline_across_a_year() -> None:
    goal = Goal("g", metric="customers", target=4, start=D(2026, 12, 28), deadline=D(2027, 1, 8))
    data = daily_counts({D(2026, 12, 29): 2, D(2027, 1, 5): 3}, "customers")
    pace = pace_of(goal, data, D(2027, 2, 1))
    assert pace.working_days == 10
    assert pace.status == "done"
    assert pace.buffer_days == 0
    assert pace.required_rate == 0


def test_one_off_not_started_yet_expects_nothing() -> None:
    goal = Goal("g", metric="prospects", target=100, start=D(2026, 12, 1), deadline=D(2026, 12, 31))
    pace = pace_of(goal, daily_counts({MON: 50}), MON)
    assert pace.progress == 0
    assert (pace.expected, pace.quota_today, pace.elapsed) == (0, 0, 0)
    assert pace.remaining == pace.working_days == 23
    assert pace.status == "on pace"


def test_a_break_inside_the_window_removes_it_from_the_working_days() -> None:
    settings = Settings(breaks=frozenset({D(2026, 12, 24), D(2026, 12, 25)}))
    pace = pace_of(weekly(6), daily_counts({D(2026, 12, 21): 2, D(2026, 12, 22): 2}), D(2026, 12, 23), settings)
    assert (pace.working_days, pace.elapsed, pace.remaining) == (3, 2, 1)
    assert pace.expected == pytest.approx(4)
    assert pace.quota_today == pytest.approx(2)
    on_break = pace_of(weekly(6), daily_counts({D(2026, 12, 21): 6}), D(2026, 12, 24), settings)
    assert on_break.remaining == 0 and on_break.status == "done"


def test_a_window_without_working_days_expects_nothing_until_it_is_over() -> None:
    all_off = Settings(breaks=frozenset(D(2026, 12, 28) + timedelta(days=i) for i in range(5)))
    pace = pace_of(weekly(5), DailyCounts(), D(2026, 12, 29), all_off)
    assert (pace.working_days, pace.elapsed, pace.remaining) == (0, 0, 0)
    assert (pace.expected, pace.quota_today, pace.status, pace.buffer_days) == (0, 0, "on pace", 0)
    assert pace.required_rate is None
    assert pace.line_fraction == 0
    one_off = Goal("g", metric="prospects", target=5, start=D(2026, 12, 28), deadline=D(2027, 1, 1))
    over = pace_of(one_off, daily_counts({D(2026, 12, 30): 2}), D(2027, 1, 4), all_off)
    assert (over.expected, over.status, over.quota_today) == (5, "missed", 0)  # over: nothing more is asked of today
    made_it = pace_of(one_off, daily_counts({D(2026, 12, 30): 5}), D(2026, 12, 31), all_off)
    assert made_it.status == "done"


def test_first_window_is_prorated_by_working_days() -> None:
    goal = weekly(5, stretch=10, start=WED)
    pace = pace_of(goal, DailyCounts(), WED)
    assert pace.window == Window(WED, SUN)
    assert pace.target == pytest.approx(3)  # 3 of the week's 5 working days
    assert pace.stretch is not None and pace.stretch.target == pytest.approx(6)
    assert (pace.working_days, pace.elapsed) == (3, 0)
    assert pace.quota_today == pytest.approx(1)
    next_week = pace_of(goal, DailyCounts(), D(2026, 11, 30))
    assert next_week.target == 5


def test_a_prorated_whole_target_stays_whole() -> None:
    tuesday = WED - timedelta(days=1)
    pace = pace_of(weekly(3, stretch=5, start=tuesday), DailyCounts(), WED)
    assert pace.target == 2  # 3 x 4/5 = 2.4: nobody signs 0.4 of a customer
    assert pace.stretch is not None and pace.stretch.target == 4
    assert pace_of(weekly(4.5, start=WED), DailyCounts(), WED).target == pytest.approx(2.7)


def test_a_start_on_the_weekend_sets_no_target_until_the_first_working_day() -> None:
    goal = weekly(5, start=SAT)
    assert goal_pace(goal, WEEKDAYS, DailyCounts(), SAT) is None  # no working day of this week is from the start
    assert pace_of(goal, DailyCounts(), D(2026, 11, 30)).target == 5


def test_a_start_on_the_first_day_of_the_period_is_not_prorated() -> None:
    assert pace_of(weekly(5, start=MON), DailyCounts(), WED).target == 5


def test_a_deadline_inside_the_period_keeps_the_full_target() -> None:
    pace = pace_of(weekly(5, deadline=WED), DailyCounts(), MON)
    assert pace.window == Window(MON, WED)
    assert pace.target == 5
    assert pace.working_days == 3


def test_sunday_weeks_with_a_sunday_to_thursday_work_week() -> None:
    settings = Settings(week_starts=6, workdays=frozenset({6, 0, 1, 2, 3}))
    pace = pace_of(weekly(10), daily_counts({SUN - timedelta(days=7): 2, MON: 2}), TUE, settings)
    assert pace.window == Window(D(2026, 11, 22), D(2026, 11, 28))
    assert (pace.working_days, pace.elapsed) == (5, 2)
    assert pace.progress == 4 and pace.status == "on pace"


def test_saturday_weeks_span_a_month_boundary() -> None:
    settings = Settings(week_starts=5)
    pace = pace_of(weekly(10), DailyCounts(), D(2026, 12, 1), settings)
    assert pace.window == Window(D(2026, 11, 28), D(2026, 12, 4))
    assert (pace.working_days, pace.elapsed) == (5, 1)


def test_quarter_window_line() -> None:
    goal = Goal("q", metric="customers", target=130, every="quarter")
    today = D(2026, 11, 25)
    pace = pace_of(goal, DailyCounts(), today)
    total = working_days(D(2026, 10, 1), D(2026, 12, 31), WEEKDAYS)
    before = working_days(D(2026, 10, 1), today - timedelta(days=1), WEEKDAYS)
    assert pace.window == Window(D(2026, 10, 1), D(2026, 12, 31))
    assert (pace.working_days, pace.elapsed) == (total, before) == (66, 39)
    assert pace.expected == pytest.approx(130 * 39 / 66)


def test_daily_goal_on_a_weekend_day() -> None:
    goal = Goal("d", metric="prospects", target=30, every="day")
    pace = pace_of(goal, daily_counts({SAT: 4}), SAT)
    assert pace.working_days == 0
    assert (pace.progress, pace.expected, pace.status, pace.quota_today) == (4, 0, "on pace", 0)


# --- rate and projection ---------------------------------------------------------


def test_zero_history_has_no_rate_and_no_projection() -> None:
    pace = pace_of(weekly(10), DailyCounts(), WED)
    assert pace.rate is None and pace.projection is None


def test_two_days_of_history_are_too_little() -> None:
    pace = pace_of(weekly(10), daily_counts({MON: 3, TUE: 3}), WED)
    assert pace.rate is None and pace.projection is None
    three = pace_of(weekly(10), daily_counts({D(2026, 11, 20): 3, MON: 3, TUE: 3}), WED)
    assert three.rate == 3


def test_projection_adds_the_trailing_rate_for_the_days_left() -> None:
    data = daily_counts(every_working_day(D(2026, 11, 9), TUE, {"prospects": 3}) | {WED: 1})
    pace = pace_of(weekly(20), data, WED)
    assert pace.rate == 3  # 12 working days logged, only those count
    # 7 so far, today tops up to the rate, then Thursday and Friday at 3
    assert pace.projection == pytest.approx(7 + 2 + 3 * 2)


def test_projection_when_today_already_beats_the_rate() -> None:
    data = daily_counts(every_working_day(D(2026, 11, 9), TUE, {"prospects": 3}) | {WED: 5})
    pace = pace_of(weekly(20), data, WED)
    assert pace.projection == pytest.approx(11 + 3 * 2)


def test_projection_on_a_weekend_adds_nothing_for_today() -> None:
    data = daily_counts(every_working_day(D(2026, 11, 2), FRI, {"prospects": 2}))
    pace = pace_of(Goal("m", metric="prospects", target=60, every="month"), data, SAT)
    assert pace.remaining == 1  # Monday 30 November
    assert pace.projection == pytest.approx(pace.progress + 2)


def test_a_projection_needs_the_metric_logged_on_five_of_the_last_twenty_working_days() -> None:
    four = {D(2026, 11, d): 3 for d in (18, 19, 20, 23)}
    data = daily_counts(four | {TUE: 0})
    assert pace_of(weekly(20), data, WED).projection is None  # four days with prospects: too few
    five = pace_of(weekly(20), daily_counts(four | {TUE: 3}), WED)
    assert five.history == 5 and five.projection is not None


def test_one_morning_of_revenue_is_too_little_history_to_project() -> None:
    prospects = every_working_day(D(2026, 11, 2), TUE, {"prospects": 30})
    data = daily_counts(prospects | {WED: {"revenue": 1450}})
    goal = Goal("r", metric="revenue", target=5000, every="month")
    pace = pace_of(goal, data, WED)
    assert pace.rate == 0 and pace.projection is None  # not "heading for 1,450"
    assert "too little history to project" in pace_details(pace, "month")
    assert not [p for p in pace_details(pace, "month") if p.startswith("heading")]


def test_rate_uses_the_last_twenty_working_days_and_counts_weekend_work() -> None:
    data = daily_counts(every_working_day(D(2026, 9, 1), TUE, {"prospects": 1}) | {D(2026, 11, 21): 20})
    assert average_rate("prospects", WEEKDAYS, data, WED) == pytest.approx(2)  # (20 * 1 + 20) / 20
    assert average_rate("leads", WEEKDAYS, data, WED) == 0


def test_rate_ignores_breaks() -> None:
    settings = Settings(breaks=frozenset({MON}))
    data = daily_counts({D(2026, 11, 18): 3, D(2026, 11, 19): 3, D(2026, 11, 20): 3})
    assert average_rate("prospects", settings, data, TUE) == 3


# --- stretch, None cases, plan --------------------------------------------------


def test_stretch_has_its_own_figures() -> None:
    pace = pace_of(weekly(10, stretch=20), daily_counts({MON: 4, TUE: 3}), WED)
    assert pace.status == "ahead"
    stretch = pace.stretch
    assert stretch is not None and stretch.stretch is None
    assert stretch.target == 20 and stretch.expected == pytest.approx(8) and stretch.status == "behind"
    assert stretch.window == pace.window and stretch.progress == pace.progress


@pytest.mark.parametrize(
    "goal",
    [
        Goal("g", target=10, every="week"),
        Goal("g", metric="prospects", every="week"),
        Goal("g", metric="prospects", target=10),
        Goal("g", metric="prospects", target=10, deadline=FRI),
        Goal("g", metric="prospects", target=10, every="week", start=D(2026, 12, 1)),
        Goal("g", metric="prospects", target=0, every="week"),
    ],
)
def test_no_pace_without_metric_target_or_window(goal: Goal) -> None:
    assert goal_pace(goal, WEEKDAYS, DailyCounts(), WED) is None


def test_archived_goals_are_still_computable() -> None:
    assert goal_pace(weekly(10, status="archived"), WEEKDAYS, DailyCounts(), WED) is not None


def test_plan_paces_in_file_order_for_active_goals() -> None:
    plan = make_plan(
        Goal("b", metric="prospects", target=5, every="day"),
        Goal("old", metric="prospects", target=5, every="day", status="archived"),
        Goal("wish", metric="prospects"),
        Goal("a", metric="prospects", target=50, every="week"),
    )
    assert [p.goal_id for p in plan_paces(plan, DailyCounts(), WED)] == ["b", "a"]

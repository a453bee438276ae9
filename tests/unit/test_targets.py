"""Before a goal's start there is no target: one rule, and every view that judges a window by it agrees."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from goaltui.model.calendar import Window
from goaltui.model.counts import DailyCounts
from goaltui.model.daily import daily_view
from goaltui.model.goals import Change, Goal, Plan
from goaltui.model.pace import goal_pace
from goaltui.model.report import markdown_report
from goaltui.model.review import build_review, goal_result
from goaltui.model.targets import Aim, aim, metric_week, plan_as_of, weekly_aim
from goaltui.model.trends import streak, trends
from goaltui.store.goalsfile import parse_text, starter_text
from tests.factories import WEEKDAYS, daily_counts, every_working_day, make_plan

MON, TUE, WED, FRI, SAT = (date(2026, 11, d) for d in (23, 24, 25, 27, 28))
LAST_WEEK = Window(date(2026, 11, 16), date(2026, 11, 22))  # 2026-W47
THIS_WEEK = Window(MON, date(2026, 11, 29))
WED_BEFORE = date(2026, 11, 18)


def starter(start: date) -> Plan:
    """The plan a first run writes: daily prospects 30 (stretch 50), daily leads 5 (10), weekly customers 3 (5)."""
    return parse_text(Path("goals.toml"), starter_text(start))


# --- the rule ------------------------------------------------------------------------


def test_no_target_for_a_window_before_the_start() -> None:
    goal = Goal("w", metric="customers", target=3, stretch=5, every="week", start=WED)
    assert aim(goal, WEEKDAYS, LAST_WEEK) is None
    assert aim(Goal("d", metric="prospects", target=30, every="day", start=WED), WEEKDAYS, Window(TUE, TUE)) is None


def test_a_week_the_goal_began_in_counts_the_working_days_from_its_start() -> None:
    goal = Goal("w", metric="customers", target=3, stretch=5, every="week", start=WED)
    assert aim(goal, WEEKDAYS, THIS_WEEK) == Aim(2, 3, since=WED)  # 3 of 5 working days, whole numbers
    daily = Goal("d", metric="prospects", target=30, stretch=50, every="day", start=WED)
    assert weekly_aim(daily, WEEKDAYS, THIS_WEEK) == Aim(90, 150, since=WED)
    assert weekly_aim(daily, WEEKDAYS, LAST_WEEK) is None


def test_a_start_on_the_weekend_sets_nothing_for_that_week() -> None:
    goal = Goal("w", metric="customers", target=3, every="week", start=SAT)
    assert aim(goal, WEEKDAYS, THIS_WEEK) is None
    assert aim(goal, WEEKDAYS, Window(date(2026, 11, 30), date(2026, 12, 6))) == Aim(3)


def test_after_a_deadline_there_is_no_target_and_an_equal_stretch_is_no_stretch() -> None:
    goal = Goal("w", metric="customers", target=5, stretch=5, every="week", deadline=date(2026, 11, 20))
    assert aim(goal, WEEKDAYS, LAST_WEEK) == Aim(5)
    assert aim(goal, WEEKDAYS, THIS_WEEK) is None


def test_an_archived_goal_sets_no_week_after_it_was_archived() -> None:
    goal = Goal("w", metric="customers", target=3, every="week", status="archived")
    assert metric_week(make_plan(goal), "customers", LAST_WEEK) is None


# --- goals that began today: nothing before is judged ------------------------------


def test_the_review_of_the_week_before_the_goals_began_judges_nothing() -> None:
    review = build_review(starter(WED), DailyCounts(), LAST_WEEK, WED)
    assert review.goals == ()
    assert review.diagnosis == ()  # not "too little activity: 0 prospects against the target of 150"
    assert [s.target for s in review.stages] == [None, None, None]


def test_the_report_of_that_week_says_no_goal_ran_and_no_more() -> None:
    text = markdown_report(starter(WED), DailyCounts(), LAST_WEEK.start, LAST_WEEK.end, WED, {})
    assert "No goals with a target ran this week." in text
    assert "Too little activity" not in text and "target of" not in text


def test_history_counts_no_week_before_the_goals_began() -> None:
    counts = daily_counts({WED: 12})
    t = trends(starter(WED), counts, WED)
    weekly = t.weekly["prospects"]
    assert all(w.target is None for w in weekly[:-1])  # no "0/11 weeks on target"
    assert (weekly[-1].target, weekly[-1].since, weekly[-1].total) == (90, WED, 12)
    assert {(s.current, s.longest) for s in t.streaks} == {(0, 0)}


def test_the_daily_strip_aims_at_the_days_from_the_start() -> None:
    rows = {r.metric.id: r for r in daily_view(starter(WED), DailyCounts(), WED).history}
    assert (rows["prospects"].target, rows["prospects"].since) == (90, WED)
    assert (rows["customers"].target, rows["customers"].since) == (2, WED)
    later = {r.metric.id: r for r in daily_view(starter(WED), DailyCounts(), date(2026, 12, 2)).history}
    assert (later["prospects"].target, later["prospects"].since) == (150, None)


def test_pace_and_review_agree_on_a_week_begun_part_way() -> None:
    plan = starter(WED_BEFORE)
    counts = daily_counts(
        {date(2026, 11, 16): 40, WED_BEFORE: 30, date(2026, 11, 19): 31, date(2026, 11, 20): 10}
    )  # the Monday's 40 came before the goals began
    pace = goal_pace(plan.goals["weekly-customers"], plan.settings, DailyCounts(), WED_BEFORE)
    assert pace is not None and pace.target == 2  # 3 a week, 3 of its 5 working days from Wednesday
    review = build_review(plan, counts, LAST_WEEK, WED)
    results = {r.goal_id: r for r in review.goals}
    daily = results["daily-prospects"]
    assert (daily.target, daily.actual, daily.days_hit, daily.workdays, daily.since) == (90, 71, 2, 3, WED_BEFORE)
    assert daily.window == Window(WED_BEFORE, LAST_WEEK.end)
    weekly = results["weekly-customers"]
    assert (weekly.target, weekly.stretch, weekly.since, weekly.history_targets) == (2, 3, WED_BEFORE, (2,))
    assert review.diagnosis[0] == (
        "Too little activity: 71 prospects from Wed 18 Nov 2026 against the target of 90. More prospects is the lever."
    )
    text = markdown_report(plan, counts, LAST_WEEK.start, LAST_WEEK.end, WED, {})
    assert "| Talk to 30 new people every working day | 90 from Wed 18 Nov 2026 (stretch 150) | 71 |" in text
    weeks = trends(plan, counts, WED).weekly["prospects"]
    assert (weeks[-2].target, weeks[-2].total, weeks[-2].since) == (90, 71, WED_BEFORE)


def test_a_monthly_goal_begun_mid_month_has_no_history_before_it() -> None:
    goal = Goal("m", metric="customers", target=20, every="month", start=date(2026, 10, 14))
    counts = daily_counts(every_working_day(date(2026, 9, 1), date(2026, 11, 30), {"customers": 1}))
    result = goal_result(goal, WEEKDAYS, counts, Window(date(2026, 12, 7), date(2026, 12, 13)))
    assert result is not None
    assert result.history_targets == (12, 20, 20)  # October from the 14th: 13 of its 22 working days, 11.8
    assert result.history[0] == 13  # October's taps from the 14th only


@pytest.mark.parametrize("before", [0, 45])
def test_days_before_a_daily_goal_began_neither_extend_nor_break_a_streak(before: int) -> None:
    goal = Goal("d", metric="prospects", target=30, every="day", start=WED)
    counts = daily_counts({MON: before, TUE: before, WED: 30, date(2026, 11, 26): 31})
    s = streak(goal, WEEKDAYS, counts, FRI)
    assert s is not None and (s.current, s.longest) == (2, 2)


def test_the_team_view_aims_at_the_week_from_the_members_start() -> None:
    from goaltui.model.team import member_row

    row = member_row("anna", "anna", starter(WED), daily_counts({WED: 30}), WED)
    assert {f.metric: f.aim for f in row.week} == {"prospects": 90, "leads": 15, "customers": 2}


def test_a_week_of_a_longer_goal_asks_what_its_gauge_asks_of_those_days() -> None:
    recruits = Goal("m", metric="leads", target=10, every="month", start=date(2027, 2, 1))
    week = Window(date(2027, 2, 8), date(2027, 2, 14))  # 5 of February's 20 working days
    found = weekly_aim(recruits, WEEKDAYS, week)
    assert found is not None and found.target == pytest.approx(2.5)
    pace = goal_pace(recruits, WEEKDAYS, DailyCounts(), date(2027, 2, 8))
    assert pace is not None and pace.expected == pytest.approx(2.5)  # the line after February's first week
    straddle = weekly_aim(recruits, WEEKDAYS, Window(date(2027, 3, 29), date(2027, 4, 4)))
    assert straddle is not None and straddle.target == pytest.approx(10 * 3 / 23 + 10 * 2 / 22)  # Mar, Apr
    yearly = Goal("y", metric="revenue", target=100_000, every="year", start=date(2027, 2, 1))
    first = weekly_aim(yearly, WEEKDAYS, Window(date(2027, 2, 1), date(2027, 2, 7)))
    year = aim(yearly, WEEKDAYS, Window(date(2027, 1, 1), date(2027, 12, 31)))
    assert year is not None and year.target == 91_954 and year.since == date(2027, 2, 1)  # 240 of 261 working days
    assert first is not None and first.target == pytest.approx(91_954 * 5 / 240)


def test_a_prorated_target_says_why_once() -> None:
    from goaltui.model.targets import prorated_words

    yearly = Goal("y", metric="revenue", target=100_000, every="year", start=date(2027, 2, 1))
    year = Window(date(2027, 1, 1), date(2027, 12, 31))
    words = prorated_words(yearly, WEEKDAYS, year, date(2027, 2, 5))
    assert words == "100,000 a year; 91,954 for the 240 working days from Mon 1 Feb"
    assert prorated_words(yearly, WEEKDAYS, Window(date(2028, 1, 1), date(2028, 12, 31)), date(2028, 1, 5)) == ""


def test_the_pace_of_a_prorated_goal_says_why_once() -> None:
    from goaltui.model.format import pace_details

    yearly = Goal("y", metric="revenue", target=100_000, every="year", start=date(2027, 2, 1))
    pace = goal_pace(yearly, WEEKDAYS, DailyCounts(), date(2027, 2, 5))
    assert pace is not None and pace.target == 91_954
    details = pace_details(pace, "year")
    assert details.count("100,000 a year; 91,954 for the 240 working days from Mon 1 Feb") == 1
    later = goal_pace(yearly, WEEKDAYS, DailyCounts(), date(2028, 2, 4))
    assert later is not None and later.prorated == ""


def test_a_lowering_that_has_begun_is_what_every_view_shows_before_a_review_writes_it() -> None:
    """Lowered 10 -> 8 at the review of W05, from 1 March; nothing has rewritten goals.toml since."""
    waiting = (
        Change(date(2027, 2, 5), "target", 10, 8, date(2027, 3, 1), "lower at review (2027-W05)"),
        Change(date(2027, 2, 5), "title", "Recruit 10 a month", "Recruit 8 a month", date(2027, 3, 1), "restated"),
    )
    goal = Goal("recruits", "Recruit 10 a month", "recruits", 10, every="month", start=date(2027, 2, 1))
    plan = Plan(settings=WEEKDAYS, goals={"recruits": replace(goal, changes=waiting)})
    assert plan_as_of(plan, date(2027, 2, 26)) is plan  # February is still measured against 10
    march = plan_as_of(plan, date(2027, 3, 1)).goals["recruits"]
    assert (march.title, march.target) == ("Recruit 8 a month", 8)
    february = Window(date(2027, 2, 1), date(2027, 2, 28))
    assert aim(march, WEEKDAYS, february) == aim(goal, WEEKDAYS, february)  # the past keeps its 10

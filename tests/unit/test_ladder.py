"""The ladder: do the activity goals under an outcome goal make enough of it, at the user's own rates?"""

from __future__ import annotations

from dataclasses import replace
from datetime import date as D

from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Goal
from goaltui.model.ladder import children_need, feeders, ladder
from goaltui.model.smart import check_plan, goal_findings, ladder_findings
from tests.factories import daily_counts, every_working_day, make_plan

TODAY = D(2026, 11, 25)  # a Wednesday
START = D(2026, 9, 1)
# 10 % of prospects become leads, 20 % of leads customers: plenty of history, one number.
TEN_AND_TWENTY = daily_counts(every_working_day(START, D(2026, 11, 24), {"prospects": 50, "leads": 5, "customers": 1}))
# Two days at the same 10 %: too thin for one number.
THIN = daily_counts(every_working_day(D(2026, 11, 23), D(2026, 11, 24), {"prospects": 10, "leads": 1}))

PROSPECTS = Goal("daily-prospects", metric="prospects", target=30, every="day", parent="weekly-customers")
CUSTOMERS = Goal("weekly-customers", metric="customers", target=5, every="week")


def test_thirty_prospects_a_day_make_about_three_customers_a_week() -> None:
    plan = make_plan(PROSPECTS, CUSTOMERS)
    [rung] = ladder(plan, TEN_AND_TWENTY, TODAY)
    assert (rung.outcome, rung.feeder) == ("weekly-customers", "daily-prospects")
    assert rung.enough and not rung.adds_up
    assert rung.message == (
        "30 prospects a day at your 10 % and 20 % make about 3 customers a week; "
        "5 a week needs about 50 prospects a day."
    )
    assert rung.fix == "set target = 50 on daily-prospects, or turn more prospects into leads"


def test_the_finding_is_on_both_goals_and_in_the_check() -> None:
    plan = make_plan(PROSPECTS, CUSTOMERS)
    found = ladder_findings(plan, TEN_AND_TWENTY, TODAY)
    assert [f.level for f in found["weekly-customers"]] == ["warn"]
    assert found["daily-prospects"][0].message.startswith("Toward weekly-customers: 30 prospects a day")
    results = check_plan(plan, TEN_AND_TWENTY, TODAY)
    assert results["weekly-customers"][-1] == found["weekly-customers"][0]


def test_enough_activity_adds_up() -> None:
    plan = make_plan(Goal("p", metric="prospects", target=50, every="day", parent="c"), replace(CUSTOMERS, id="c"))
    [rung] = ladder(plan, TEN_AND_TWENTY, TODAY)
    assert rung.adds_up and rung.fix == ""
    assert rung.message.endswith("make about 5 customers a week: enough for 5 a week.")


def test_thin_history_gives_a_range() -> None:
    plan = make_plan(PROSPECTS, replace(CUSTOMERS, metric="leads", target=25))
    [rung] = ladder(plan, THIN, TODAY)
    assert not rung.enough and rung.low is not None and rung.makes is not None and rung.high is not None
    assert rung.low < rung.makes < rung.high
    assert rung.message == (
        "30 prospects a day at your 10 % make 6–33 leads a week: perhaps enough for 25 a week. "
        "A range: too little history in 20 working days for one number."
    )
    short = ladder(make_plan(PROSPECTS, replace(CUSTOMERS, metric="leads", target=40)), THIN, TODAY)[0]
    assert short.fix and "; 40 a week needs 37–190 prospects a day." in short.message


def test_no_conversion_yet_names_what_is_missing_and_no_number() -> None:
    plan = make_plan(PROSPECTS, CUSTOMERS)
    [rung] = ladder(plan, THIN, TODAY)  # leads, but no customer yet
    assert rung.makes is None and rung.adds_up and rung.fix == ""
    assert rung.message == (
        "Not checked against daily-prospects: no customers from 2 leads in the last 20 working days yet."
    )
    assert ladder(plan, DailyCounts(), TODAY)[0].message.startswith("Not checked against daily-prospects: no leads")


def test_a_goal_with_no_feeders_has_no_rung() -> None:
    assert feeders(make_plan(CUSTOMERS), CUSTOMERS) == []
    assert ladder(make_plan(PROSPECTS), TEN_AND_TWENTY, TODAY) == []  # the top of the funnel feeds nothing
    archived = replace(PROSPECTS, status="archived")
    assert ladder(make_plan(archived, CUSTOMERS), TEN_AND_TWENTY, TODAY) == []


def test_several_children_each_get_their_rung() -> None:
    leads = Goal("daily-leads", metric="leads", target=5, every="day", parent="weekly-customers")
    plan = make_plan(PROSPECTS, leads, CUSTOMERS)
    rungs = {r.feeder: r for r in ladder(plan, TEN_AND_TWENTY, TODAY) if r.outcome == "weekly-customers"}
    assert set(rungs) == {"daily-prospects", "daily-leads"}
    assert rungs["daily-leads"].adds_up  # 5 leads a day at 20 % is 5 customers a week
    assert not rungs["daily-prospects"].adds_up


def test_siblings_on_earlier_stages_feed_a_goal_without_children() -> None:
    """The starter file: daily prospects and daily leads under weekly customers; prospects also feed leads."""
    leads = Goal("daily-leads", metric="leads", target=5, every="day", parent="weekly-customers")
    plan = make_plan(PROSPECTS, leads, CUSTOMERS)
    [rung] = [r for r in ladder(plan, TEN_AND_TWENTY, TODAY) if r.outcome == "daily-leads"]
    assert rung.feeder == "daily-prospects"
    assert rung.message == (
        "30 prospects a day at your 10 % make about 3 leads a day; 5 a day needs about 50 prospects a day."
    )


def test_a_one_off_outcome_compares_what_is_left_by_its_deadline() -> None:
    q1 = Goal("q1", metric="customers", target=40, start=D(2026, 11, 23), deadline=D(2026, 12, 18))
    plan = make_plan(replace(PROSPECTS, parent="q1"), q1)
    counts = daily_counts(every_working_day(START, D(2026, 11, 24), {"prospects": 50, "leads": 5, "customers": 1}))
    [rung] = ladder(plan, counts, TODAY)
    # 38 more in the 18 working days from today: 2.1 a day, about 106 prospects a day at 2 %.
    assert rung.message == (
        "30 prospects a day at your 10 % and 20 % make about 10.8 more customers by Fri 18 Dec; "
        "38 more needs about 106 prospects a day."
    )


def test_a_raised_target_names_what_its_children_would_need() -> None:
    leads = Goal("daily-leads", metric="leads", target=5, every="day", parent="weekly-customers")
    plan = make_plan(PROSPECTS, leads, CUSTOMERS)
    assert children_need(plan, "weekly-customers", 8, TEN_AND_TWENTY, TODAY) == (
        "At 8, at your rates: daily-prospects about 80 a day (now 30); daily-leads about 8 a day (now 5)."
    )
    assert children_need(plan, "weekly-customers", 3, TEN_AND_TWENTY, TODAY) == (
        "At 3, at your rates: daily-prospects about 30 a day; daily-leads about 3 a day."
    )
    assert children_need(plan, "weekly-customers", 8, THIN, TODAY).startswith(
        "At 8, at your rates: daily-prospects: too little history to say"
    )
    assert children_need(plan, "daily-prospects", 40, TEN_AND_TWENTY, TODAY) == ""


def test_goal_findings_are_the_five_letters_then_the_ladders() -> None:
    plan = make_plan(PROSPECTS, CUSTOMERS)
    found = goal_findings(PROSPECTS, plan, TEN_AND_TWENTY, TODAY)
    assert [f.letter for f in found] == ["S", "M", "A", "R", "T", "A"]
    assert found[-1].message.startswith("Toward weekly-customers: ") and found[-1].level == "warn"

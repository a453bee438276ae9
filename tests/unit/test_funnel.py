"""Conversion rates and the reverse funnel."""

from __future__ import annotations

from datetime import date

import pytest

from goaltui.model.counts import DailyCounts
from goaltui.model.funnel import (
    ENOUGH_SOURCE,
    ENOUGH_TARGET,
    Conversion,
    ReverseFunnel,
    conversion,
    conversions,
    reverse_funnel,
    wilson,
)
from goaltui.model.goals import Goal, Plan, Settings
from goaltui.model.pace import goal_pace
from tests.factories import REVENUE, daily_counts, make_plan

D = date
MON = D(2026, 11, 23)
WED, FRI, SAT = D(2026, 11, 25), D(2026, 11, 27), D(2026, 11, 28)
EARLIER = D(2026, 11, 10)  # inside the trailing 20 working days of that week

WEEKLY_CUSTOMERS = Goal("wc", metric="customers", target=4, every="week")
DAILY_LEADS = Goal("dl", metric="leads", target=5, every="day")


def funnel_for(goal: Goal, counts: DailyCounts, today: date, plan: Plan | None = None) -> ReverseFunnel | None:
    plan = plan or make_plan(goal)
    pace = goal_pace(goal, plan.settings, counts, today)
    assert pace is not None
    return reverse_funnel(plan, goal, pace, counts, today)


GOOD_HISTORY = daily_counts(
    {
        D(2026, 11, 10): {"prospects": 200, "leads": 40, "customers": 7},
        D(2026, 11, 23): {"customers": 1},
    }
)


# --- conversions ---------------------------------------------------------------


def test_conversions_between_consecutive_stages() -> None:
    result = conversions(make_plan(), GOOD_HISTORY, WED)
    assert [(c.source, c.target) for c in result] == [("prospects", "leads"), ("leads", "customers")]
    first, second = result
    assert (first.source_count, first.target_count) == (200, 40) and first.rate == pytest.approx(0.2)
    assert (second.source_count, second.target_count) == (40, 8) and second.rate == pytest.approx(0.2)
    assert first.enough and second.enough
    for c in result:
        assert c.low is not None and c.rate is not None and c.high is not None
        assert 0 <= c.low < c.rate < c.high <= 1


def test_conversions_use_the_trailing_working_days_up_to_today() -> None:
    counts = daily_counts(
        {
            # the 21st working day back from Wednesday 25th: too old
            D(2026, 10, 28): {"prospects": 1000, "leads": 1000},
            D(2026, 10, 29): {"prospects": 10, "leads": 1},  # the oldest of the 20
            D(2026, 11, 25): {"prospects": 10, "leads": 3},  # today counts
        }
    )
    prospects_leads = conversions(make_plan(), counts, WED)[0]
    assert (prospects_leads.source_count, prospects_leads.target_count) == (20, 4)
    assert conversions(make_plan(), counts, WED, days=1)[0].source_count == 10


def test_zero_source_has_no_rate() -> None:
    result = conversions(make_plan(), daily_counts({D(2026, 11, 24): {"prospects": 30}}), WED)
    leads_customers = result[1]
    assert leads_customers.source_count == 0
    assert (leads_customers.rate, leads_customers.low, leads_customers.high) == (None, None, None)
    assert not leads_customers.enough
    assert result[0].rate == 0 and result[0].low == 0 and (result[0].high or 0) > 0


def test_no_funnel_no_conversions() -> None:
    plan = Plan(metrics={"revenue": REVENUE})
    assert conversions(plan, GOOD_HISTORY, WED) == []


def test_no_working_days_means_no_rates() -> None:
    plan = make_plan(settings=Settings(workdays=frozenset()))
    assert all(c.rate is None for c in conversions(plan, GOOD_HISTORY, WED))


def test_conversion_rate_is_clipped_to_one() -> None:
    c = conversion("prospects", "leads", 5, 8)
    assert c.rate == 1 and c.high == 1 and c.low is not None and 0 < c.low < 1


def test_negative_totals_count_as_zero() -> None:
    c = conversion("prospects", "leads", -3, 2)
    assert (c.source_count, c.rate) == (0, None)


@pytest.mark.parametrize(
    ("source", "target", "enough"),
    [(ENOUGH_SOURCE, ENOUGH_TARGET, True), (ENOUGH_SOURCE - 1, 10, False), (100, ENOUGH_TARGET - 1, False)],
)
def test_enough_thresholds(source: float, target: float, enough: bool) -> None:
    assert conversion("a", "b", source, target).enough is enough


def test_wilson_interval_narrows_with_more_data() -> None:
    low_small, high_small = wilson(0.2, 10)
    low_big, high_big = wilson(0.2, 1000)
    assert low_small < low_big < 0.2 < high_big < high_small
    assert wilson(0.0, 10)[0] == 0
    assert wilson(1.0, 10)[1] == pytest.approx(1)


# --- the reverse funnel -----------------------------------------------------------


def test_reverse_funnel_at_your_rates() -> None:
    result = funnel_for(WEEKLY_CUSTOMERS, GOOD_HISTORY, WED)
    assert result is not None
    assert (result.goal_id, result.metric, result.remaining, result.days_left) == ("wc", "customers", 3, 3)
    assert result.enough
    prospects, leads = result.needs
    assert (prospects.metric, leads.metric) == ("prospects", "leads")
    assert leads.total == pytest.approx(3 / 0.2)
    assert prospects.total == pytest.approx(3 / (0.2 * 0.2))
    assert prospects.per_day == pytest.approx(25)
    assert leads.per_day == pytest.approx(5)
    for need in result.needs:
        assert need.low_per_day is not None and need.high_per_day is not None and need.per_day is not None
        assert need.low_per_day < need.per_day < need.high_per_day
    assert result.sentence == "To sign 3 more customers by Fri 27 Nov at your rates: 25 prospects and 5 leads a day."


def test_reverse_funnel_for_leads_today() -> None:
    counts = daily_counts({D(2026, 11, 10): {"prospects": 200, "leads": 40}, D(2026, 11, 25): {"leads": 2}})
    result = funnel_for(DAILY_LEADS, counts, WED)
    assert result is not None
    assert [n.metric for n in result.needs] == ["prospects"]
    assert result.sentence == "To find 3 more leads today at your rates: 15 prospects."


def test_reverse_funnel_says_when_history_is_too_little() -> None:
    counts = daily_counts({D(2026, 11, 24): {"prospects": 8, "leads": 2, "customers": 1}})
    result = funnel_for(WEEKLY_CUSTOMERS, counts, WED)
    assert result is not None and not result.enough
    assert result.sentence.startswith(
        "Too little history for a reliable rate yet (8 prospects, 2 leads, 1 customer in 20 working days); roughly "
    )
    assert result.sentence.endswith(" prospects a day.")
    top = result.needs[0]
    assert top.low_per_day is not None and top.high_per_day is not None
    assert top.low_per_day < top.high_per_day


def test_reverse_funnel_with_zero_leads_never_divides_by_zero() -> None:
    counts = daily_counts({D(2026, 11, 24): {"prospects": 30}})
    result = funnel_for(WEEKLY_CUSTOMERS, counts, WED)
    assert result is not None
    assert result.sentence == "No leads logged in the last 20 working days: log some to see what it takes."
    assert all(n.total is None and n.per_day is None for n in result.needs)
    assert not result.enough


def test_reverse_funnel_with_leads_but_no_customers() -> None:
    counts = daily_counts({D(2026, 11, 24): {"prospects": 30, "leads": 7}})
    result = funnel_for(WEEKLY_CUSTOMERS, counts, WED)
    assert result is not None
    assert result.sentence.startswith("No customers from 7 leads in the last 20 working days")
    assert result.needs[1].total is None


def test_reverse_funnel_with_zero_history() -> None:
    result = funnel_for(WEEKLY_CUSTOMERS, DailyCounts(), WED)
    assert result is not None and not result.enough
    assert result.sentence == (
        "Nothing logged in the last 20 working days: log prospects, leads and customers for a few days "
        "to see what it takes."
    )


def test_reverse_funnel_when_the_target_is_reached() -> None:
    counts = daily_counts(
        {D(2026, 11, 10): {"prospects": 200, "leads": 40, "customers": 7}, D(2026, 11, 23): {"customers": 6}}
    )
    result = funnel_for(WEEKLY_CUSTOMERS, counts, WED)
    assert result is not None
    assert result.remaining == 0
    assert result.sentence == "Target reached: 2 over."
    assert all(n.total == 0 and n.per_day == 0 for n in result.needs)
    exact = daily_counts({D(2026, 11, 23): {"customers": 4}})
    assert (funnel_for(WEEKLY_CUSTOMERS, exact, WED) or result).sentence == "Target reached."


def test_reverse_funnel_without_working_days_left() -> None:
    result = funnel_for(WEEKLY_CUSTOMERS, GOOD_HISTORY, SAT)
    assert result is not None
    assert result.days_left == 0
    assert all(n.per_day is None for n in result.needs)
    assert result.sentence == "No working days left until Sun 29 Nov: 3 customers short."


def test_reverse_funnel_after_a_missed_deadline() -> None:
    goal = Goal("q", metric="customers", target=10, start=D(2026, 11, 2), deadline=FRI)
    result = funnel_for(goal, GOOD_HISTORY, D(2026, 12, 1))
    assert result is not None
    assert result.sentence == "Window over (ended Fri 27 Nov): 2 customers short."


def test_reverse_funnel_rounds_fractional_needs_up() -> None:
    # prorated target: a weekly 4.5 started on Wednesday owes 2.7 this week
    goal = Goal("wc", metric="customers", target=4.5, every="week", start=WED)
    counts = daily_counts({D(2026, 11, 10): {"prospects": 200, "leads": 40, "customers": 8}})
    result = funnel_for(goal, counts, WED)
    assert result is not None
    assert result.remaining == pytest.approx(2.7)
    assert result.sentence.startswith("To sign 3 more customers by Fri 27 Nov")


@pytest.mark.parametrize(
    "goal",
    [
        Goal("p", metric="prospects", target=30, every="day"),
        Goal("r", metric="revenue", target=500, every="week"),
    ],
)
def test_no_reverse_funnel_off_the_funnel_or_at_its_top(goal: Goal) -> None:
    assert funnel_for(goal, GOOD_HISTORY, WED) is None


def test_conversion_is_a_frozen_value() -> None:
    c = conversion("a", "b", 10, 2)
    assert isinstance(c, Conversion)
    with pytest.raises(AttributeError):
        c.rate = 0.5  # type: ignore[misc]

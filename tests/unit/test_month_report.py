"""A month's report: its totals, each goal's result, its best and worst week, its notes."""

from __future__ import annotations

from datetime import date

import pytest

from goaltui.model.goals import Goal
from goaltui.model.month_report import MonthError, TapNote, month_report, parse_month
from goaltui.model.report import ReviewNotes
from tests.factories import REVENUE, daily_counts, every_working_day, make_plan

D = date
FEBRUARY = parse_month("2027-02")
TODAY = D(2027, 3, 2)


def february_report() -> str:
    """Prospects every working day from 25 Jan (10, then 12 from 15 Feb); revenue on two days; one review."""
    days = every_working_day(D(2027, 1, 25), D(2027, 2, 12), {"prospects": 10})
    days |= every_working_day(D(2027, 2, 15), D(2027, 3, 5), {"prospects": 12})
    days[D(2027, 2, 3)] = {**days[D(2027, 2, 3)], "revenue": 249.9}
    days[D(2027, 2, 17)] = {**days[D(2027, 2, 17)], "revenue": 45337.2}
    plan = make_plan(
        Goal("daily", title="Ten a day", metric="prospects", target=10, every="day", start=D(2027, 1, 4)),
        Goal("weekly", title="55 a week", metric="prospects", target=55, every="week", start=D(2027, 1, 4)),
        Goal("money", title="Monthly money", metric="revenue", target=50000, every="month", start=D(2027, 1, 4)),
        extra=(REVENUE,),
    )
    saved = {"2027-W06": ReviewNotes({"went_well": "Two demos booked"}), "2027-W02": ReviewNotes({"went_well": "X"})}
    taps = [
        TapNote(D(2027, 1, 29), "revenue", 10, "January's, not in the report"),
        TapNote(D(2027, 2, 17), "revenue", 45337.2, "Big | deal"),
    ]
    return month_report(plan, daily_counts(days), FEBRUARY, TODAY, saved, taps)


def test_the_month_totals_each_metric_money_as_money() -> None:
    report = february_report()
    assert report.startswith("# Monthly report: February 2027\n\nMon 1 Feb 2027 to Sun 28 Feb 2027 · 20 working days")
    assert "| Prospects | 220 |" in report  # 10 working days of 10, then 10 of 12
    assert "| Revenue | 45,587.10 EUR |" in report
    assert "| Leads | 0 |" in report


def test_each_goal_has_its_result_for_the_month() -> None:
    report = february_report()
    assert "| Ten a day | 200 | 220 | hit, 20 of 20 working days on target |" in report
    # The weeks ending in February: W05 to W08 (60, 60, 50... the two at 10 a day miss 55).
    assert "| 55 a week | 220 | 220 | 2 of 4 weeks ending in the month hit |" in report
    assert "| Monthly money | 50,000.00 EUR | 45,587.10 EUR | missed |" in report


def test_the_best_and_worst_week_are_counted_within_the_month() -> None:
    report = february_report()
    # W05 (1-7 Feb) 50, W06 50, W07 60, W08 60: the first of equals is the best, the last the worst.
    assert "| Prospects | 2027-W07: 60 (5 working days) | 2027-W06: 50 (5 working days) |" in report
    assert "| Revenue | 2027-W07: 45,337.20 EUR (5 working days) |" in report


def test_a_week_the_month_cuts_counts_its_days_in_the_month_only() -> None:
    march = parse_month("2027-03")  # Mon 1 Mar to Wed 31 Mar: W13 has three days in it
    plan = make_plan(extra=(REVENUE,))
    counts = daily_counts(every_working_day(D(2027, 3, 1), D(2027, 4, 2), {"prospects": 10}))
    report = month_report(plan, counts, march, D(2027, 4, 5), {}, [])
    assert "2027-W13, 29–31 only: 30 (3 working days)" in report  # not the week's 50, and ranked per day


def test_the_notes_of_the_month_are_its_reviews_and_its_taps() -> None:
    report = february_report()
    assert "### 2027-W06: What went well\n\nTwo demos booked" in report
    assert "2027-W02" not in report
    assert "- Wed 17 Feb 2027, revenue 45,337.20 EUR: Big \\| deal" in report
    assert "January's" not in report


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2027-2", "write it as YYYY-MM"),
        ("2027-13", "the month is 01 to 12"),
        ("0999-01", "out of range"),
        ("February", "write it as YYYY-MM"),
    ],
)
def test_a_bad_month_says_how_to_write_one(text: str, says: str) -> None:
    with pytest.raises(MonthError, match=says):
        parse_month(text)


def test_the_weekly_report_says_one_goal_in_the_singular() -> None:
    from goaltui.model.report import markdown_report

    plan = make_plan(Goal("weekly", metric="prospects", target=50, every="week", start=D(2027, 2, 1)))
    counts = daily_counts(every_working_day(D(2027, 2, 1), D(2027, 2, 5), {"prospects": 10}))
    report = markdown_report(plan, counts, D(2027, 2, 1), D(2027, 2, 7), TODAY, {})
    assert "**1 of 1 goal hit.**" in report and "· 1 week\n" in report


def test_a_level_shows_where_it_stood_and_its_rise_never_a_sum_of_readings() -> None:
    """A downline read at 57, 63 and 70 on three Mondays of February: 70 at the end, 13 more than before."""
    from goaltui.model.goals import Metric
    from tests.unit.test_levels import reading

    counts = daily_counts({})
    counts.read([reading(57, D(2027, 2, 1)), reading(63, D(2027, 2, 8)), reading(70, D(2027, 2, 15))])
    plan = make_plan(extra=(Metric("downline", "d", kind="level"),))
    report = month_report(plan, counts, FEBRUARY, TODAY, {}, [])
    assert "| Downline | 70 at the end (+13 in the month) |" in report  # not 57 + 63 + 70
    # A week's figure is its rise: 63 -> 70 in W07 is the best; the first reading is where it starts, no rise.
    assert "| Downline | 2027-W07: +7 (5 working days) | 2027-W08: +0 (5 working days) |" in report

"""Numbers and dates in words: one helper for each, shared by the command line and the screens."""

from __future__ import annotations

from datetime import date

import pytest

from goaltui.model.format import (
    count,
    count_up,
    counted,
    describe_pace,
    figure,
    pace_details,
    per_day,
    period_words,
    plain_number,
    plural,
)
from goaltui.model.goals import Goal
from goaltui.model.numbers import money, quantity
from goaltui.model.pace import Pace, goal_pace
from tests.factories import WEEKDAYS, daily_counts

MON, TUE, WED = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)


@pytest.mark.parametrize(("n", "text"), [(12, "12"), (1250, "1,250"), (12.5, "12.5"), (2.125, "2.12"), (None, "–")])
def test_count(n: float | None, text: str) -> None:
    assert count(n) == text


def test_count_up_rounds_up_what_is_still_needed() -> None:
    assert [count_up(n) for n in (1.2, 2.0, 0.0, -3)] == ["2", "2", "0", "0"]


def test_per_day_keeps_one_decimal_below_one() -> None:
    assert [per_day(n) for n in (17.1, 1.0, 0.43, 0.01, 0)] == ["18", "1", "0.4", "0.1", "0"]


def test_figure_is_bare_when_nearly_whole_or_large() -> None:
    assert [figure(n) for n in (30, 2.5, 2.96, 1250.4, 0.25)] == ["30", "2.5", "3", "1250", "0.2"]


def test_plain_number_writes_whole_numbers_as_integers() -> None:
    assert plain_number(30.0) == 30 and isinstance(plain_number(30.0), int)
    assert plain_number(2.5) == 2.5
    assert plain_number(1 / 3, 2) == 0.33


def test_period_words() -> None:
    assert period_words("week", date(2026, 11, 29)) == "this week"
    assert period_words(None, date(2027, 3, 31)) == "by Wed 31 Mar 2027"


def weekly_pace(target: float, stretch: float | None, done: dict[date, float]) -> Pace:
    goal = Goal("g", metric="prospects", target=target, stretch=stretch, every="week")
    pace = goal_pace(goal, WEEKDAYS, daily_counts(done), WED)
    assert pace is not None
    return pace


def test_the_pace_in_words_for_the_screen_and_the_command_line() -> None:
    ahead = weekly_pace(10, 20, {MON: 4, TUE: 3})
    assert pace_details(ahead, "week") == [
        "on the line today",
        "1 day of buffer",
        "needs 1.0/day",
        "too little history to project",  # two days logged: too few to say where the week ends
        "stretch 20",
    ]
    assert describe_pace(ahead, "week") == (
        "7/10 this week, ahead, on the line today, 1 day of buffer, needs 1.0/day, too little history to project, "
        "stretch 20"
    )


def test_a_goal_done_says_so_once() -> None:
    done = weekly_pace(5, None, {MON: 5})
    assert pace_details(done, "week") == ["done"]
    assert describe_pace(done, "week") == "5/5 this week, done"
    assert pace_details(weekly_pace(5, 8, {MON: 5}), "week") == ["done · 3 to stretch"]


@pytest.mark.parametrize(
    ("n", "text"),
    [(249.9, "249.90 EUR"), (45587.1, "45,587.10 EUR"), (250, "250.00 EUR"), (-0.001, "0.00 EUR"), (None, "–")],
)
def test_money_has_its_cents_thousands_and_unit(n: float | None, text: str) -> None:
    assert money(n, "EUR") == text


def test_a_quantity_is_money_with_a_unit_and_a_count_without() -> None:
    assert (quantity(1250, "EUR"), quantity(1250, None), quantity(1250, "")) == ("1,250.00 EUR", "1,250", "1,250")


def test_words_fit_the_number() -> None:
    assert [plural(n, "working day") for n in (1, 2, 0)] == ["1 working day", "2 working days", "0 working days"]
    assert [counted(n, "replies") for n in (1, 3)] == ["1 reply", "3 replies"]
    assert counted(1, "revenue", "EUR") == "1.00 EUR of revenue"


def test_a_pace_in_money_says_amounts() -> None:
    goal = Goal("r", metric="revenue", target=100000, stretch=150000, every="week")
    pace = goal_pace(goal, WEEKDAYS, daily_counts({MON: 4412.7, TUE: 249.9}, "revenue"), WED, "EUR")
    assert pace is not None
    assert describe_pace(pace, "week") == (
        "4,662.60/100,000.00 EUR this week, behind, 55,337.40 EUR more today, 2 days behind, "
        "needs 31,779.14 EUR a day, too little history to project, stretch 150,000.00 EUR"
    )

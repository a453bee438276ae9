"""Numbers and dates in words: one helper for each, shared by the command line and the screens."""

from __future__ import annotations

from datetime import date

import pytest

from goaltui.model.format import count, count_up, figure, per_day, period_words, plain_number


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

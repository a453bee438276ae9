"""The road to the deadline: cumulative progress, the line, the stretch's, the projection, the last windows."""

from __future__ import annotations

from datetime import date as D

from goaltui.model.goals import Goal
from goaltui.model.road import PAST_WINDOWS, road
from tests.factories import WEEKDAYS, daily_counts, every_working_day

TODAY = D(2026, 11, 25)  # a Wednesday


def test_a_one_off_goal_runs_from_start_to_deadline() -> None:
    goal = Goal("q", metric="customers", target=10, stretch=20, start=D(2026, 11, 23), deadline=D(2026, 12, 4))
    counts = daily_counts({D(2026, 11, 23): 2, D(2026, 11, 24): 1, D(2026, 11, 22): 5}, "customers")
    shown = road(goal, WEEKDAYS, counts, TODAY)
    assert shown is not None
    assert (shown.window.start, shown.window.end) == (D(2026, 11, 23), D(2026, 12, 4))
    assert shown.progress == (2, 3, 3)  # Mon, Tue, today; the Sunday before the start does not count
    assert len(shown.line) == 12 and shown.line[-1] == 10 and shown.line[4] == 5  # ten working days
    assert shown.line[5] == shown.line[6] == 5  # the weekend adds nothing to the line
    assert shown.stretch_line is not None and shown.stretch_line[-1] == 20
    assert shown.past == ()
    assert shown.summary.startswith("3 of 10 customers · line 2 at the start of today")


def test_a_recurring_goal_shows_its_window_and_the_last_twelve() -> None:
    goal = Goal("w", metric="prospects", target=100, every="week", start=D(2026, 10, 5))
    counts = daily_counts(every_working_day(D(2026, 9, 1), D(2026, 11, 24), {"prospects": 25}))
    shown = road(goal, WEEKDAYS, counts, TODAY)
    assert shown is not None
    assert (shown.window.start, shown.window.end) == (D(2026, 11, 23), D(2026, 11, 29))
    assert shown.progress == (25, 50, 50)
    assert shown.projection == 125  # 25 a day for today, Thursday and Friday
    assert len(shown.past) == PAST_WINDOWS
    assert shown.past[-1].window.start == D(2026, 11, 16) and shown.past[-1].actual == 125
    before = [w for w in shown.past if w.target is None]  # weeks before the goal's start ask for nothing
    assert [w.window.start for w in before] == [
        D(2026, 8, 31),
        D(2026, 9, 7),
        D(2026, 9, 14),
        D(2026, 9, 21),
        D(2026, 9, 28),
    ]
    assert shown.past[5].target == 100


def test_no_road_without_a_target() -> None:
    assert road(Goal("x", metric="prospects", every="week"), WEEKDAYS, daily_counts({}), TODAY) is None


def test_windows_before_the_first_tap_of_a_goal_without_a_start_are_not_judged() -> None:
    yearly = Goal("y", metric="prospects", target=1000, every="year")
    shown = road(yearly, WEEKDAYS, daily_counts({D(2027, 2, 2): 5}), D(2027, 2, 5))
    assert shown is not None and all(w.target is None for w in shown.past)


def test_the_year_under_way_is_not_one_of_the_past_years_when_the_goal_began_inside_it() -> None:
    """A yearly goal begun on 1 Feb: its window under way is cut at the start, and is still not a past year."""
    income = Goal("i", metric="income", target=100000, every="year", start=D(2027, 2, 1))
    counts = daily_counts(every_working_day(D(2027, 2, 1), D(2027, 2, 12), {"income": 250}))
    shown = road(income, WEEKDAYS, counts, D(2027, 2, 13))
    assert shown is not None and shown.window.start == D(2027, 2, 1)
    assert shown.past == ()  # not "0 of 1 reached the target" for the year that has just begun


def test_the_chart_names_the_target_once_when_it_is_the_top() -> None:
    from goaltui.tui.widgets.road import road_chart

    income = Goal("i", metric="income", target=100000, every="year", start=D(2027, 2, 1))
    counts = daily_counts(every_working_day(D(2027, 2, 1), D(2027, 2, 12), {"income": 250}))
    shown = road(income, WEEKDAYS, counts, D(2027, 2, 13))
    assert shown is not None
    labels = [line.split("┤")[0].strip() for line in road_chart(shown, 100, 30).plain.splitlines() if "┤" in line]
    assert labels == ["91,954", "0"]

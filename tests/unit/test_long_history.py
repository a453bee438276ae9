"""Streaks, the consistency score and the best 20 working days: the same figures as the walks over every day.

Those walks called ``aim`` for every day or window of history and cost more
with each year; the figures are now worked out a run of days at a time
(model/targets.Aims). Each is checked against the walk as it was, kept below as
the reference, on any goal (changes made at reviews, carried shortfalls, a
start, a deadline), settings and history hypothesis makes; and on twenty years.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaltui.model import targets, trends
from goaltui.model.calendar import ONE_DAY, Window, period_window, working_dates
from goaltui.model.counts import DailyCounts
from goaltui.model.goals import PERIODS, Change, Goal, Settings
from goaltui.model.pace import RATE_DAYS
from goaltui.model.score import FORGOTTEN, MEANINGFUL_STEPS, Score, consistency, decay, step
from goaltui.model.smart import best_average
from goaltui.model.targets import Aims, aim
from goaltui.model.trends import Streak, streak

BASE = date(2026, 1, 5)
SPAN = 200  # days around BASE that goals, changes, taps and "today" fall in
CASES = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))


def day(offset: int) -> date:
    return BASE + timedelta(days=offset)


# --------------------------------------------------------------------------- the walks as they were


def walked_streak(goal: Goal, settings: Settings, counts: DailyCounts, today: date) -> Streak | None:
    if goal.every != "day" or goal.metric is None or goal.target is None:
        return None
    first = counts.first_day()
    start = max(d for d in (goal.start, first) if d is not None) if first else None
    if start is None:
        return Streak(goal.id, goal.metric, 0, 0)
    current = longest = 0
    d = start
    while d <= today:
        found = aim(goal, settings, Window(d, d)) if settings.is_workday(d) else None
        if found is not None:
            if counts.get(d, goal.metric) >= found.target:
                current += 1
                longest = max(longest, current)
            elif d != today:
                current = 0
        d += ONE_DAY
    return Streak(goal.id, goal.metric, current, longest)


def walked_score(goal: Goal, settings: Settings, counts: DailyCounts, today: date) -> Score | None:
    """Every window from the first, with no limit on how many."""
    if goal.every is None or goal.metric is None or goal.target is None:
        return None
    first = counts.first_day()
    begin = max(d for d in (goal.start, first) if d is not None) if first else None
    if begin is None:
        return Score(goal.id, 0.0, 0)
    value, steps = 0.0, 0
    window = period_window(goal.every, begin, settings.week_starts)
    while window.start <= today:
        found = None if goal.every == "day" and not settings.is_workday(window.start) else aim(goal, settings, window)
        if found is not None:
            done = counts.total(goal.metric, window.start, min(window.end, today))
            if window.end < today or done >= found.target:
                k = decay(1.0) if goal.every == "day" else decay(1 / window.days) ** window.days
                value, steps = step(value, done / found.target, k), steps + 1
        window = period_window(goal.every, window.end + ONE_DAY, settings.week_starts)
    return Score(goal.id, value, steps)


def walked_best(metric: str, settings: Settings, counts: DailyCounts, today: date) -> tuple[float | None, int]:
    first = next((d for d, values in counts.items() if values.get(metric)), None)
    if first is None or first >= today:
        return None, 0
    days = working_dates(first, today - ONE_DAY, settings)
    if not days:
        return None, 0
    values = []
    after = first
    for d in days:
        values.append(counts.total(metric, after, d))
        after = d + ONE_DAY
    width = min(RATE_DAYS, len(values))
    running = best = sum(values[:width])
    for i in range(width, len(values)):
        running += values[i] - values[i - width]
        best = max(best, running)
    return best / width, len(days)


# --------------------------------------------------------------------------- any goal, settings and history


@st.composite
def changes(draw: st.DrawFn, target: float) -> tuple[Change, ...]:
    found = []
    for _ in range(draw(st.integers(0, 4))):
        what = draw(st.sampled_from(["target", "stretch", "carry"]))
        on = day(draw(st.integers(-20, SPAN)))
        effective = draw(st.one_of(st.none(), st.integers(-20, SPAN + 20).map(day)))
        new = draw(st.one_of(st.integers(1, 50), st.floats(0.5, 80)))
        old = draw(st.one_of(st.just(target), st.integers(1, 50)))
        found.append(Change(on, what, old, new, None if what == "carry" and effective is None else effective))  # type: ignore[arg-type]
    return tuple(found)


@st.composite
def cases(draw: st.DrawFn, every: object = None) -> tuple[Goal, Settings, DailyCounts, date]:
    workdays = draw(st.frozensets(st.integers(0, 6)))
    breaks = draw(st.frozensets(st.integers(-10, SPAN).map(day), max_size=20))
    config = Settings(week_starts=draw(st.integers(0, 6)), workdays=workdays, breaks=breaks)
    target = draw(st.one_of(st.integers(1, 60).map(float), st.floats(0.1, 80, allow_nan=False)))
    period = every if every is not None else draw(st.sampled_from(PERIODS))
    start = draw(st.one_of(st.none(), st.integers(-30, SPAN).map(day)))
    deadline = draw(st.one_of(st.none(), st.integers(-30, SPAN + 30).map(day)))
    goal = Goal(
        "g",
        metric="m",
        target=target,
        stretch=draw(st.one_of(st.none(), st.floats(1, 3).map(lambda k: target * k))),
        every=period,  # type: ignore[arg-type]
        start=start,
        deadline=deadline,
        changes=draw(changes(target)),
    )
    amounts = st.one_of(st.integers(0, 70), st.floats(0, 90, allow_nan=False), st.sampled_from([0.1, 0.2, 0.7]))
    taps = draw(st.dictionaries(st.integers(-40, SPAN).map(day), amounts, max_size=120))
    counts = DailyCounts({d: {"m": n, "other": 1} for d, n in taps.items()})
    return goal, config, counts, day(draw(st.integers(-40, SPAN + 40)))


@CASES
@given(cases(every="day"))
def test_a_streak_is_what_the_walk_over_every_day_found(case: tuple[Goal, Settings, DailyCounts, date]) -> None:
    assert streak(*case) == walked_streak(*case)


@CASES
@given(cases())
def test_a_score_is_what_the_walk_over_every_window_found(case: tuple[Goal, Settings, DailyCounts, date]) -> None:
    assert consistency(*case) == walked_score(*case)  # the same floats, to the last bit


@CASES
@given(cases())
def test_the_best_20_working_days_are_what_the_walk_found(case: tuple[Goal, Settings, DailyCounts, date]) -> None:
    _, config, counts, today = case
    assert best_average("m", config, counts, today) == walked_best("m", config, counts, today)


@CASES
@given(cases())
def test_what_a_goal_asks_of_a_window_is_aim_itself(case: tuple[Goal, Settings, DailyCounts, date]) -> None:
    goal, config, _, today = case
    aims = Aims(goal, config)
    assert goal.every is not None
    for offset in range(-3, 3):
        window = period_window(goal.every, today + timedelta(days=31 * offset), config.week_starts)
        assert aims(window) == aim(goal, config, window)
    for low, high, found in aims.runs(day(-35), day(SPAN + 35)):
        for o in range(low, high + 1):
            assert found == aim(goal, config, Window(date.fromordinal(o), date.fromordinal(o)))


# --------------------------------------------------------------------------- twenty years


def twenty_years(every: str) -> tuple[Goal, Settings, DailyCounts, date]:
    today = date(2026, 11, 25)
    start = today - timedelta(days=20 * 365)
    counts = DailyCounts()
    d = start
    while d < today:
        if d.weekday() < 5:
            counts.add(d, "m", (d.toordinal() * 7919) % 13)  # kept some days, missed others
        d += ONE_DAY
    changes = (
        Change(date(2012, 3, 1), "target", 10, 8, date(2012, 4, 2)),
        Change(date(2019, 1, 7), "carry", None, 3, date(2019, 1, 8)),
    )
    goal = Goal("g", metric="m", target=8, every=every, start=start, changes=changes)  # type: ignore[arg-type]
    return goal, Settings(breaks=frozenset({date(2024, 12, 24), date(2024, 12, 25)})), counts, today


def test_twenty_years_give_the_figures_of_the_whole_walk() -> None:
    case = twenty_years("day")
    assert streak(*case) == walked_streak(*case)
    _, config, counts, today = case
    assert best_average("m", config, counts, today) == walked_best("m", config, counts, today)
    for every in PERIODS:
        case = twenty_years(every)
        ours, walked = consistency(*case), walked_score(*case)
        assert ours is not None and walked is not None
        # The windows left out together weigh under FORGOTTEN; fewer of them are counted.
        assert math.isclose(ours.value, walked.value, rel_tol=0, abs_tol=FORGOTTEN)
        assert MEANINGFUL_STEPS <= ours.steps <= walked.steps
        assert ours.steps < walked.steps or every in ("quarter", "year")


def test_twenty_years_ask_what_a_goal_asks_a_few_times_not_once_a_day(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = []

    def counting(goal: Goal, settings: Settings, window: Window) -> object:
        asked.append(window)
        return aim(goal, settings, window)

    monkeypatch.setattr(targets, "aim", counting)
    monkeypatch.setattr(trends, "aim", counting, raising=False)  # where the walk over every day called it
    case = twenty_years("day")
    streak(*case)
    consistency(*case)
    assert len(asked) < 20

"""Properties of pace that hold for any settings, goal, history and day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaltui.model.counts import DailyCounts
from goaltui.model.goals import PERIODS, Goal, Settings
from goaltui.model.pace import EPSILON, STATUSES, Pace, goal_pace

BASE = date(2026, 11, 2)
SPAN = 120  # days around BASE that goals, taps and "today" fall in


def day(offset: int) -> date:
    return BASE + timedelta(days=offset)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Goal, Settings, DailyCounts, date]:
    workdays = draw(st.frozensets(st.integers(0, 6)))
    breaks = draw(st.frozensets(st.integers(0, SPAN).map(day), max_size=20))
    config = Settings(week_starts=draw(st.integers(0, 6)), workdays=workdays, breaks=breaks)
    target = draw(st.one_of(st.integers(1, 200).map(float), st.floats(0.1, 500, allow_nan=False)))
    stretch = draw(st.one_of(st.none(), st.floats(1, 3).map(lambda k: target * k)))
    every = draw(st.one_of(st.none(), st.sampled_from(PERIODS)))
    start = draw(st.one_of(st.none(), st.integers(0, SPAN).map(day)))
    deadline = draw(st.one_of(st.none(), st.integers(0, SPAN).map(day)))
    if start and deadline and deadline < start:
        start, deadline = deadline, start
    goal = Goal("g", metric="m", target=target, stretch=stretch, every=every, start=start, deadline=deadline)
    taps = draw(st.dictionaries(st.integers(0, SPAN).map(day), st.integers(0, 60), max_size=40))
    counts = DailyCounts({d: {"m": n} for d, n in taps.items()})
    today = day(draw(st.integers(0, SPAN)))
    return goal, config, counts, today


def check(pace: Pace, today: date) -> None:
    """The invariants every Pace (and its stretch) keeps."""
    t, a, e = pace.target, pace.progress, pace.expected
    assert t > 0
    assert 0 <= e <= t * (1 + EPSILON)
    assert pace.quota_today >= 0
    assert 0 <= pace.elapsed <= pace.working_days
    assert pace.remaining == pace.working_days - pace.elapsed
    assert pace.buffer_days <= pace.remaining
    assert 0 <= pace.fraction <= 1 and 0 <= pace.line_fraction <= 1
    assert pace.status in STATUSES
    over = pace.window.end < today
    if pace.status == "done":
        assert a >= t - 1e-6
        assert pace.required_rate == 0
    else:
        assert a < t
        if over:
            assert pace.status == "missed"
        if pace.status == "behind":
            assert a < e and pace.buffer_days < 0
        if pace.status in ("on pace", "ahead"):
            assert a >= e - 1e-6 and pace.buffer_days >= 0
        if pace.status == "ahead":
            assert pace.buffer_days >= 1
        if pace.remaining:
            assert pace.required_rate is not None
            assert pace.required_rate * pace.remaining + a == pytest.approx(t)
        else:
            assert pace.required_rate is None
    if pace.projection is not None:
        assert pace.rate is not None and pace.projection >= a - 1e-9
    if pace.stretch is not None:
        assert pace.stretch.stretch is None
        assert pace.stretch.target >= pace.target * (1 - 1e-9)
        check(pace.stretch, today)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_pace_invariants(case: tuple[Goal, Settings, DailyCounts, date]) -> None:
    goal, config, counts, today = case
    pace = goal_pace(goal, config, counts, today)
    if pace is None:
        return
    check(pace, today)


@settings(max_examples=300, deadline=None)
@given(cases(), st.integers(1, 50), st.integers(0, SPAN))
def test_more_progress_never_makes_status_worse(
    case: tuple[Goal, Settings, DailyCounts, date], extra: int, offset: int
) -> None:
    goal, config, counts, today = case
    before = goal_pace(goal, config, counts, today)
    if before is None:
        return
    more = counts.copy()
    more.add(day(offset), "m", extra)
    after = goal_pace(goal, config, more, today)
    assert after is not None
    assert after.progress >= before.progress
    assert STATUSES.index(after.status) >= STATUSES.index(before.status)  # worst to best
    assert after.buffer_days >= before.buffer_days
    assert after.quota_today <= before.quota_today + 1e-9

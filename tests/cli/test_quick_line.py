"""After a quick tap the status line is drawn again from the figures the state file keeps: the line counting gives.

A shell tap used to start a child that read goals.toml and every tap again
(four times the tap's own CPU) only to move one figure on. The state file now
keeps each goal's figures on the line; the tap adds itself to them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaltui.cli import status
from goaltui.command import run as main
from goaltui.model.counts import DailyCounts
from goaltui.model.goals import PERIODS, Goal, Plan, Settings
from goaltui.model.statusline import figures, render
from goaltui.store import locations, quick, quickstate
from goaltui.store.goalsfile import goals_path, load
from goaltui.store.statusline import kept_figures, line_path
from goaltui.store.taplog import TapLog
from tests.factories import REVENUE, make_plan

TZ = timezone(timedelta(hours=1))
WEDNESDAY = datetime(2026, 11, 25, 10, 30, tzinfo=TZ)
TODAY = WEDNESDAY.date()


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Plan, DailyCounts]:
    goals = []
    for i in range(draw(st.integers(0, 5))):
        start = draw(st.one_of(st.none(), st.integers(-400, 20).map(day)))
        deadline = draw(st.one_of(st.none(), st.integers(-30, 400).map(day)))
        every = draw(st.one_of(st.none(), st.sampled_from(PERIODS)))
        if every is None and deadline is None:
            deadline = day(30)
        target = draw(st.one_of(st.integers(1, 300).map(float), st.floats(0.5, 900)))
        metric = draw(st.sampled_from(["prospects", "leads", "customers", "revenue"]))
        goals.append(Goal(f"g{i}", metric=metric, target=target, every=every, start=start, deadline=deadline))
    config = Settings(workdays=draw(st.frozensets(st.integers(0, 6))))
    plan = make_plan(*goals, settings=config, extra=(REVENUE,))
    amounts = st.one_of(st.integers(-3, 40), st.floats(0, 300).map(lambda x: round(x, 2)))
    taps = draw(
        st.dictionaries(st.integers(-400, 0).map(day), st.dictionaries(st.sampled_from(list(plan.metrics)), amounts))
    )
    return plan, DailyCounts(taps)


@settings(max_examples=300, deadline=None)
@given(cases(), st.sampled_from(["prospects", "leads", "customers", "revenue"]), st.integers(1, 100))
def test_the_line_drawn_after_a_tap_is_the_line_counting_again_gives(
    case: tuple[Plan, DailyCounts], metric_id: str, n: int
) -> None:
    plan, counts = case
    before = figures(plan, counts, TODAY)
    state = quickstate.State(TODAY.isoformat(), "stamp", "where", "data", "device", "stamp")
    state.figures = kept_figures(before)
    kept = quickstate.State.decode(state.encode())  # as the next tap reads it from the file
    assert kept is not None and kept.figures is not None
    metric = plan.metrics[metric_id]
    drawn = quick._line_after(kept.figures, quickstate.Metric(metric.id, metric.key, not metric.is_amount, 0, ""), n)
    counts.add(TODAY, metric_id, n)
    if drawn is not None:
        assert drawn == render(figures(plan, counts, TODAY))
    whole = all(float(f.progress or 0).is_integer() for f in before if f.metric == metric_id and f.counts_today)
    assert (drawn is None) == (metric.is_amount or not whole)  # only an amount, or a part of one, is left to a refresh


def run(capsys: pytest.CaptureFixture[str], *args: str, now: datetime = WEDNESDAY) -> str:
    main(list(args), clock=lambda: now)
    return capsys.readouterr().out


@pytest.fixture
def started(capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> Path:
    (tmp_path / "state").mkdir(exist_ok=True)
    (tmp_path / "state" / "device").write_text("test-device\n")
    run(capsys, "init", now=WEDNESDAY - timedelta(days=2))
    run(capsys, "log", "p", "7")  # the full way: it keeps the state and the figures
    return data_dir


def test_a_quick_tap_draws_the_line_itself_and_starts_no_refresh(
    capsys: pytest.CaptureFixture[str], started: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_refresh(*args: object) -> None:
        raise AssertionError("a refresh was started")

    monkeypatch.setattr(status, "refresh_after_quick_tap", no_refresh)
    for minute, key in enumerate(["p", "c", "l", "p"], start=1):
        assert run(capsys, "log", key, now=WEDNESDAY + timedelta(minutes=minute)).endswith("today\n")
    plan = load(goals_path(started)).plan
    counted = render(figures(plan, TapLog(started).read().counts, TODAY))
    assert line_path(started).read_text() == counted + "\n" == "p 9/30 ● on pace · l 1/5 ● on pace · c 1/3 ▼ behind\n"
    kept = quickstate.read_state(str(locations.state_dir()), locations.data_key(started))
    assert kept is not None and kept.line_stamp == kept.counts  # `status --line` answers from the file
    assert run(capsys, "status", "--line", now=WEDNESDAY + timedelta(minutes=9)) == counted + "\n"


def test_a_tap_of_an_amount_still_has_the_line_counted_again(
    capsys: pytest.CaptureFixture[str], started: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refreshed: list[tuple[object, ...]] = []
    real = status.refresh_after_quick_tap

    def recording(*args: str) -> None:
        refreshed.append(args)
        real(*args)

    goals = goals_path(started)
    goals.write_text(goals.read_text() + '\n[metrics.revenue]\nkey = "v"\nunit = "EUR"\n')
    run(capsys, "log", "p", now=WEDNESDAY + timedelta(minutes=1))  # goals.toml changed: the full way
    monkeypatch.setattr(status, "refresh_after_quick_tap", recording)
    run(capsys, "log", "v", "3", now=WEDNESDAY + timedelta(minutes=2))
    assert len(refreshed) == 1

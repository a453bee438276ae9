"""Levels: a size read off (a downline, a balance), its readings in the tap log, and goals judged by its value."""

from __future__ import annotations

import tomllib
from datetime import date as D
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.model.calendar import Window
from goaltui.model.counts import DailyCounts, Reading
from goaltui.model.goals import Goal, Metric, PlanError
from goaltui.model.pace import goal_pace
from goaltui.model.plan_parse import parse_plan
from goaltui.model.review import goal_result
from goaltui.model.road import road
from goaltui.model.score import consistency
from goaltui.store import lineread
from goaltui.store.tap import parse_line
from goaltui.store.taplog import TapLog
from goaltui.store.tracker import Tracker
from tests.factories import WEEKDAYS

CET = timezone(timedelta(hours=1))
MON = D(2027, 1, 4)  # a Monday


def at(day: D, hour: int = 9, minute: int = 0, second: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=CET)


def reading(value: float | None, day: D, device: str = "laptop", *, minute: int = 0, undoes: str = "") -> Reading:
    when = at(day, minute=minute)
    return Reading("downline", device, when.isoformat(timespec="milliseconds"), when, day, value, undoes)


def three_weeks() -> DailyCounts:
    """A downline read at 57, 63 and 70 on three Mondays."""
    counts = DailyCounts()
    counts.read([reading(57, MON), reading(63, MON + timedelta(7)), reading(70, MON + timedelta(14))])
    return counts


# --------------------------------------------------------------------------- the counts


def test_the_value_is_the_latest_reading_and_a_window_total_is_the_gain() -> None:
    counts = three_weeks()
    assert counts.level("downline", MON - timedelta(1)) is None
    assert counts.level("downline", MON) == 57
    assert counts.level("downline", MON + timedelta(10)) == 63
    assert counts.level("downline", MON + timedelta(400)) == 70
    assert counts.total("downline", MON, MON + timedelta(20)) == 13  # the rise since the first reading, not 190
    assert counts.total("downline", MON + timedelta(1), MON + timedelta(7)) == 6


def test_readings_never_sum_across_devices_or_within_a_day() -> None:
    counts = DailyCounts()
    counts.read([reading(57, MON, "laptop"), reading(58, MON, "phone", minute=30), reading(60, MON, minute=45)])
    assert counts.level("downline", MON) == 60
    assert counts.total("downline", MON, MON) == 0


def test_a_tap_of_a_level_counts_nothing() -> None:
    counts = DailyCounts({MON: {"downline": 5}})
    counts.read([reading(57, MON)])
    counts.add(MON, "downline", 3)
    assert counts.level("downline", MON) == 57
    assert counts.get(MON, "downline") == 0


def test_a_reading_taken_back_is_as_if_never_made() -> None:
    counts = three_weeks()
    last = reading(70, MON + timedelta(14))
    counts.read([reading(None, MON + timedelta(14), undoes=last.key)])
    assert counts.level("downline", MON + timedelta(20)) == 63
    other = DailyCounts()
    other.read([reading(None, MON, undoes=last.key), *[reading(v, MON + timedelta(7 * i)) for i, v in enumerate([57])]])
    assert other.level("downline", MON) == 57  # a take-back names its own reading only


def test_two_devices_reading_in_the_same_minute_differently_is_a_conflict() -> None:
    counts = DailyCounts()
    counts.read([reading(57, MON, "laptop"), reading(58, MON, "phone")])
    (conflict,) = counts.level_conflicts()
    assert counts.level("downline", MON) == 58  # the later device name breaks the tie: the same on every device
    assert "two devices read it in the same minute" in conflict.words()
    assert "57 (laptop)" in conflict.words() and "58 (phone)" in conflict.words()
    agree = DailyCounts()
    agree.read([reading(57, MON, "laptop"), reading(57, MON, "phone"), reading(60, MON, "laptop", minute=5)])
    assert agree.level_conflicts() == []


# --------------------------------------------------------------------------- the tap log


def test_a_reading_is_a_line_both_readers_take_and_an_older_goaltui_counts_as_nothing(data_dir: Path) -> None:
    log = TapLog(data_dir, device="laptop")
    tap = log.append("downline", 0, now=at(MON), level=57)
    undo = log.append("downline", 0, now=at(MON, 10), undo=tap.key)
    path = log.month_path(MON)
    lines = path.read_text().splitlines()
    assert lines == [
        '"2027-01-04T09:00:00.000+01:00" = { metric = "downline", n = 0, level = 57 }',
        '"2027-01-04T10:00:00.000+01:00" = { metric = "downline", n = 0, undo = "2027-01-04T09:00:00.000+01:00" }',
    ]
    for line in lines:
        assert lineread.read_line(line) is not None
        (value,) = tomllib.loads(line).values()
        assert value["n"] == 0  # what a reader that knows no levels adds
    assert parse_line(lines[0]).level == 57 and parse_line(lines[1]).undo == tap.key == undo.undo


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('"2027-01-04T09:00:00.000+01:00" = { metric = "downline", level = 57 }', "n = 0"),
        ('"2027-01-04T09:00:00.000+01:00" = { metric = "downline", n = 0, level = "57" }', "level is not a number"),
        ('"2027-01-04T09:00:00.000+01:00" = { metric = "downline", n = 0, level = 1e12 }', "out of range"),
        ('"2027-01-04T09:00:00.000+01:00" = { metric = "downline", n = 0, level = nan }', "level is not a number"),
        ('"2027-01-04T09:00:00.000+01:00" = { metric = "downline", n = 0, undo = "yesterday" }', "not a timestamp"),
        ('"2027-01-04T09:00:00.000+01:00" = { metric = "downline", n = 0, undo = 3 }', "undo is not the key"),
    ],
)
def test_a_bad_reading_is_skipped_and_said(line: str, reason: str, data_dir: Path) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_line(line)
    path = data_dir / "taps" / "phone" / "2027-01.toml"
    path.parent.mkdir(parents=True)
    path.write_text('"2027-01-04T08:00:00.000+01:00" = { metric = "downline", n = 0, level = 50 }\n' + line + "\n")
    result = TapLog(data_dir, device="laptop").read()
    assert result.counts.level("downline", MON) == 50
    assert len(result.problems) == 1 and "2027-01.toml:2" in result.problems[0]


def test_every_device_is_read_the_cache_keeps_readings_and_poll_brings_new_ones(data_dir: Path) -> None:
    laptop, phone = TapLog(data_dir, device="laptop"), TapLog(data_dir, device="phone")
    laptop.append("downline", 0, now=at(MON), level=57)
    phone.append("downline", 0, now=at(MON + timedelta(7)), level=63)
    assert laptop.read().counts.level("downline", MON + timedelta(7)) == 63
    cached = TapLog(data_dir, device="laptop").read()  # from the summary cache this time
    assert cached.counts.level("downline", MON + timedelta(7)) == 63
    tracker = Tracker(data_dir, device="laptop")
    tracker.load(MON + timedelta(7))
    phone.append("downline", 0, now=at(MON + timedelta(7), 12), level=64)
    tracker.apply(tracker.poll().taps)
    assert tracker.counts.level("downline", MON + timedelta(7)) == 64


def test_a_conflict_arrives_by_poll_with_the_device_named(data_dir: Path) -> None:
    tracker = Tracker(data_dir, device="laptop")
    tracker.load(MON)
    tracker.apply([tracker.record("downline", 0, now=at(MON), level=57)])
    TapLog(data_dir, device="phone").append("downline", 0, now=at(MON, second=20), level=58)
    tracker.apply(tracker.poll().taps)
    (conflict,) = tracker.counts.level_conflicts()
    assert {r.device for r in [conflict.counted, *conflict.others]} == {"laptop", "phone"}


# --------------------------------------------------------------------------- goals on a level


DOWNLINE = Goal("team", metric="downline", target=200, start=MON, deadline=D(2027, 12, 31))


def test_a_goal_on_a_level_is_judged_by_the_value_its_line_rising_from_where_it_began() -> None:
    today = MON + timedelta(15)  # Tuesday of the third week
    pace = goal_pace(DOWNLINE, WEEKDAYS, three_weeks(), today)
    assert pace is not None
    assert pace.progress == 70
    assert pace.working_days == 260 and pace.elapsed == 11
    assert pace.expected == pytest.approx(57 + 143 * 11 / 260)
    assert pace.status == "ahead" and pace.buffer_days == 23 - 11
    assert pace.rate == pytest.approx(13 / 11)  # the trend of the readings, not 70 over the days
    assert pace.projection == pytest.approx(70 + 13 / 11 * 249)


def test_one_reading_is_no_trend() -> None:
    counts = DailyCounts()
    counts.read([reading(57, MON)])
    pace = goal_pace(DOWNLINE, WEEKDAYS, counts, MON + timedelta(15))
    assert pace is not None and pace.progress == 57 and pace.projection is None
    assert pace.status == "behind"  # flat for two weeks while the line rose


def test_a_gain_goal_counts_the_rise_since_its_start() -> None:
    gain = Goal("grow", metric="downline", target=30, start=MON + timedelta(7), deadline=D(2027, 3, 31), measure="gain")
    pace = goal_pace(gain, WEEKDAYS, three_weeks(), MON + timedelta(15))
    # From where it stood as the start began (57), as a count's taps on its first day count: 58 working days.
    assert pace is not None and pace.progress == 13 and pace.expected == pytest.approx(30 * 6 / 58)


def test_road_review_and_score_show_the_value() -> None:
    counts, today = three_weeks(), MON + timedelta(15)
    shown = road(DOWNLINE, WEEKDAYS, counts, today)
    assert shown is not None
    assert shown.progress[:8] == (57, 57, 57, 57, 57, 57, 57, 63) and shown.progress[-1] == 70
    assert shown.line[0] == pytest.approx(57 + 143 / 260) and shown.line[-1] == 200
    week = MON + timedelta(7)
    result = goal_result(DOWNLINE, WEEKDAYS, counts, _week(week))
    assert result is not None and result.actual == 63 and result.target == 200
    monthly = Goal("m", metric="downline", target=60, every="week", start=MON)
    score = consistency(monthly, WEEKDAYS, counts, today)
    # 57 of 60 in the first week, 63 in the second, and the week under way counts once 60 is reached (70).
    assert score is not None and score.steps == 3


def _week(monday: D) -> Window:
    return Window(monday, monday + timedelta(6))


# --------------------------------------------------------------------------- goals.toml


def test_kind_and_measure_are_read_and_checked() -> None:
    plan = parse_plan(
        {
            "metrics": {"downline": {"key": "d", "kind": "level"}, "prospects": {"key": "p"}},
            "goals": {"team": {"metric": "downline", "target": 200, "measure": "gain", "every": "year"}},
        }
    )
    assert plan.metrics["downline"] == Metric("downline", "d", kind="level")
    assert plan.goals["team"].measure == "gain"
    bad = [
        ({"downline": {"key": "d", "kind": "size"}}, {}, "kind = 'size': use \"count\""),
        ({"downline": {"key": "d", "kind": "level", "funnel": 2}}, {}, "not a funnel stage"),
        ({"p": {"key": "p"}}, {"g": {"metric": "p", "measure": "gain"}}, "is for a goal on a level"),
        ({"d": {"key": "d", "kind": "level"}}, {"g": {"metric": "d", "measure": "most"}}, 'use "value"'),
    ]
    for metrics, goals, message in bad:
        with pytest.raises(PlanError, match=message) as err:
            parse_plan({"metrics": metrics, "goals": goals})
        assert err.value.table is not None


def test_an_older_tap_file_reads_as_before() -> None:
    assert parse_line('"2027-01-04T09:00:00.000+01:00" = { metric = "prospects" }').level is None


def test_the_smart_check_does_not_sum_a_level_by_the_day() -> None:
    from goaltui.model.smart import check_goal
    from tests.factories import make_plan

    weekly = Goal("w", metric="downline", target=100, every="week", start=MON, why="team")
    plan = make_plan(weekly, extra=(Metric("downline", "d", kind="level"),))
    achievable = check_goal(weekly, plan, three_weeks(), MON + timedelta(15))[2]
    assert achievable.level == "ok" and "judged by the value it stands at each week" in achievable.message

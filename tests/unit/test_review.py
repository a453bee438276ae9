"""The weekly review: week labels, results, diagnosis, decisions, and 'lowering waits for the next window'."""

from __future__ import annotations

import stat
import tomllib
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from goaltui.model.calendar import Window
from goaltui.model.counts import DailyCounts
from goaltui.model.decisions import Decision, effect
from goaltui.model.goals import Change, Goal, Settings
from goaltui.model.pace import goal_pace
from goaltui.model.review import Rate, ReviewError, Stage, build_review, diagnose, funnel_week, goal_result, parse_week
from goaltui.model.targets import coming, due_fields, in_force, title_then
from goaltui.model.trends import streak, trends
from goaltui.model.weeks import reminder_due, review_week, week_label, week_of
from goaltui.store.goalsfile import load, starter_text, write_new
from goaltui.store.reviewed import reviewed_weeks
from goaltui.store.reviews import load_review, save_review
from tests.factories import daily_counts, every_working_day, make_plan

MONDAY = Settings()
SUNDAY = Settings(week_starts=6)
WED = date(2026, 11, 25)
W47 = Window(date(2026, 11, 16), date(2026, 11, 22))


def target_on(goal: Goal, counts: DailyCounts, day: date) -> float:
    """The target ``goal``'s pace holds on ``day``, a day in one of its windows."""
    pace = goal_pace(goal, MONDAY, counts, day)
    assert pace is not None
    return pace.target


# --- weeks -------------------------------------------------------------------------


def test_monday_weeks_are_iso_weeks() -> None:
    for offset in range(0, 800, 3):
        day = date(2025, 1, 1) + timedelta(days=offset)
        year, week, _ = day.isocalendar()
        assert week_label(week_of(day, MONDAY)) == f"{year}-W{week:02d}"
    assert parse_week("2026-W47", MONDAY) == W47
    assert review_week(WED, MONDAY) == W47


def test_sunday_weeks_take_the_label_of_their_wednesday_and_round_trip() -> None:
    week = week_of(date(2026, 11, 18), SUNDAY)
    assert week.start == date(2026, 11, 15)
    assert week_label(week) == "2026-W47"
    labels = []
    for n in range(120):
        w = Window(week.start + timedelta(weeks=n - 60), week.end + timedelta(weeks=n - 60))
        labels.append(week_label(w))
        assert parse_week(labels[-1], SUNDAY) == w
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize("text", ["2026-47", "W47", "2026-W7", "2026-W54", "2025-W53", ""])
def test_bad_week_labels_say_how_to_write_one(text: str) -> None:
    with pytest.raises(ReviewError, match=r"YYYY-Www|does not exist"):
        parse_week(text, MONDAY)


def test_friday_reviews_the_week_it_closes_until_the_next_friday() -> None:
    assert review_week(date(2026, 11, 19), MONDAY) == week_of(date(2026, 11, 12), MONDAY)  # Thursday: last week
    for day in (20, 21, 22, 23, 26):  # Friday, the weekend, Monday, Thursday: W47
        assert review_week(date(2026, 11, day), MONDAY) == W47
    assert review_week(date(2026, 11, 27), MONDAY) == week_of(WED, MONDAY)  # the next Friday: W48
    friday_off = Settings(breaks=frozenset({date(2026, 11, 20)}))
    assert review_week(date(2026, 11, 19), friday_off) == W47  # Thursday is the week's last working day


def test_reminder_from_the_last_working_day_until_reviewed() -> None:
    assert reminder_due(date(2026, 11, 19), MONDAY, set()) == "2026-W46"  # Thursday: W47 still running
    assert reminder_due(date(2026, 11, 20), MONDAY, set()) == "2026-W47"  # Friday: review the week
    assert reminder_due(date(2026, 11, 22), MONDAY, set()) == "2026-W47"
    assert reminder_due(date(2026, 11, 23), MONDAY, set()) == "2026-W47"
    assert reminder_due(date(2026, 11, 23), MONDAY, {"2026-W47"}) is None


# --- results -----------------------------------------------------------------------


def test_daily_goal_sums_its_working_days_and_counts_days_hit() -> None:
    goal = Goal("g", metric="prospects", target=30, stretch=50, every="day", start=date(2026, 11, 2))
    counts = daily_counts(
        every_working_day(date(2026, 11, 2), date(2026, 11, 19), {"prospects": 31})
    )  # nothing on Friday
    r = goal_result(goal, MONDAY, counts, W47)
    assert r is not None
    assert (r.target, r.stretch, r.actual, r.days_hit, r.workdays) == (150, 250, 124, 4, 5)
    assert r.verdict == "missed" and r.shortfall == 26
    assert r.history == (155, 155, 124)  # only the weeks from its start: none before it counts as a miss


def test_month_goal_is_under_way_and_one_off_deadline_in_the_week_is_due() -> None:
    month = Goal("m", metric="leads", target=100, every="month", start=date(2026, 10, 1))
    q = Goal(
        "q", title="Ten customers", metric="customers", target=10, start=date(2026, 11, 1), deadline=date(2026, 11, 20)
    )
    counts = daily_counts(every_working_day(date(2026, 11, 2), date(2026, 11, 22), {"leads": 5, "customers": 1}))
    review = build_review(make_plan(month, q), counts, W47, WED)
    results = {r.goal_id: r for r in review.goals}
    assert results["m"].verdict == "under way" and results["m"].actual == 75  # Nov 2-20: 15 working days
    assert results["q"].verdict == "hit" and results["q"].over
    assert [(d.goal_id, d.what, d.done) for d in review.due] == [("q", "deadline", True)]


def test_a_target_raised_after_the_week_does_not_rewrite_its_result() -> None:
    goal = Goal(
        "w",
        metric="customers",
        target=5,
        every="week",
        start=date(2026, 11, 2),
        changes=(Change(WED, "target", 3, 5, None, "raise at review"),),
    )
    counts = daily_counts(every_working_day(date(2026, 11, 2), date(2026, 11, 22), {"customers": 1}))
    result = goal_result(goal, MONDAY, counts, W47)
    assert result is not None and result.target == 3
    assert target_on(goal, counts, WED) == 5  # raising counts now


# --- diagnosis ---------------------------------------------------------------------


def test_too_little_activity_at_the_top() -> None:
    stages = (Stage("prospects", 90, 150, 150), Stage("leads", 20, 30, 25), Stage("customers", 3, 3, 3))
    rates = (Rate("prospects", "leads", 0.22, 0.2), Rate("leads", "customers", 0.15, 0.1))
    said = diagnose(stages, rates)
    assert said[0].startswith("Too little activity: 90 prospects against the target of 150")
    assert "Conversion held" in said[1] and "more prospects is the lever" in said[1]
    assert len(said) == 2


def test_weak_conversion_with_enough_prospects() -> None:
    stages = (Stage("prospects", 160, 150, 150), Stage("leads", 16, 30, 25), Stage("customers", 3, 3, 3))
    rates = (Rate("prospects", "leads", 0.10, 0.2), Rate("leads", "customers", 0.19, 0.1))
    said = diagnose(stages, rates)
    assert said == [
        "Weak conversion: 16 leads against the target of 25. Only 10 % of prospects became leads, "
        "against 20 % in the four weeks before."
    ]


def test_no_shortfall_says_so_and_without_targets_the_usual_volume_is_the_bar() -> None:
    stages = (Stage("prospects", 150, 150, None), Stage("leads", 30, 30, None))
    assert diagnose(stages, (Rate("prospects", "leads", 0.2, 0.2),)) == ["No shortfall in the funnel this week."]
    low = (Stage("prospects", 100, 150, None), Stage("leads", 20, 30, None))
    assert diagnose(low, (Rate("prospects", "leads", 0.2, 0.2),))[0].startswith("Too little activity: 100 prospects")


# --- decisions -----------------------------------------------------------------------


def test_lowering_waits_for_the_next_window() -> None:
    goal = Goal("w", metric="customers", target=3, stretch=5, every="week", start=date(2026, 11, 2))
    eff = effect(Decision("w", "lower", 2), goal, MONDAY, None, WED)
    assert eff.fields == {}  # goals.toml keeps saying what is measured now
    change, stretch = eff.changes
    assert (change.what, change.old, change.new, change.effective) == ("target", 3, 2, date(2026, 11, 30))
    assert (stretch.what, stretch.old, stretch.new, stretch.effective) == ("stretch", 5, 3, date(2026, 11, 30))
    lowered = replace(goal, changes=eff.changes)
    counts = DailyCounts()
    now = goal_pace(lowered, MONDAY, counts, WED)
    assert now is not None and now.target == 3 and now.stretch is not None and now.stretch.target == 5  # unchanged
    assert target_on(lowered, counts, date(2026, 11, 29)) == 3
    later = goal_pace(lowered, MONDAY, counts, date(2026, 11, 30))
    assert later is not None and later.target == 2 and later.stretch is not None and later.stretch.target == 3
    assert in_force(lowered, "target", 3, date(2026, 12, 7)) == 2
    assert [(c.what, c.new) for c in coming(lowered, WED)] == [("stretch", 3), ("target", 2)]
    assert coming(lowered, date(2026, 11, 30)) == []
    assert due_fields(lowered, date(2026, 11, 29)) == {}
    assert due_fields(lowered, date(2026, 11, 30)) == {"target": 2, "stretch": 3}
    written = replace(lowered, target=2, stretch=3)  # a later review wrote it: the same figures, before and after
    assert target_on(written, counts, WED) == 3
    assert target_on(written, counts, date(2026, 12, 7)) == 2
    assert due_fields(written, date(2026, 12, 7)) == {}


def test_a_lowered_title_keeps_its_words_until_the_lowering_begins() -> None:
    goal = Goal("m", title="Recruit 10 people a month", metric="leads", target=10, every="month")
    eff = effect(Decision("m", "lower", 8), goal, MONDAY, None, date(2027, 2, 24))
    assert eff.fields == {}
    lowered = replace(goal, changes=eff.changes)
    feb, march = Window(date(2027, 2, 1), date(2027, 2, 28)), Window(date(2027, 3, 1), date(2027, 3, 31))
    assert title_then(lowered, feb) == "Recruit 10 people a month"
    assert title_then(lowered, march) == "Recruit 8 people a month"
    written = replace(lowered, title="Recruit 8 people a month", target=8)
    assert (title_then(written, feb), title_then(written, march)) == (
        "Recruit 10 people a month",
        "Recruit 8 people a month",
    )


def test_a_raise_at_a_friday_review_begins_after_the_reviewed_week() -> None:
    goal = Goal("w", title="Sign 3 a week", metric="customers", target=3, every="week", start=date(2026, 11, 2))
    result = goal_result(goal, MONDAY, DailyCounts(), W47)
    friday = effect(Decision("w", "raise", 4), goal, MONDAY, result, date(2026, 11, 20))
    assert friday.fields == {} and {c.effective for c in friday.changes} == {date(2026, 11, 23)}
    monday = effect(Decision("w", "raise", 4), goal, MONDAY, result, date(2026, 11, 23))
    assert monday.fields == {"target": 4, "title": "Sign 4 a week"}
    assert {c.effective for c in monday.changes} == {None}
    raised = replace(goal, target=4, title="Sign 4 a week", changes=monday.changes)
    again = goal_result(raised, MONDAY, DailyCounts(), W47)
    assert again is not None and (again.target, again.title) == (3, "Sign 3 a week")  # the past keeps its words


def test_a_daily_goal_is_lowered_from_tomorrow_and_carry_lands_on_the_next_working_day() -> None:
    goal = Goal("d", metric="prospects", target=30, every="day", start=date(2026, 11, 2))
    change = effect(Decision("d", "lower", 25), goal, MONDAY, None, date(2026, 11, 27)).changes[0]
    assert change.effective == date(2026, 11, 28)
    counts = daily_counts(every_working_day(date(2026, 11, 16), date(2026, 11, 22), {"prospects": 20}))
    result = goal_result(goal, MONDAY, counts, W47)
    for review_day in (date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 23)):  # Friday, Saturday, Monday
        carry = effect(Decision("d", "carry"), goal, MONDAY, result, review_day).changes[0]
        assert (carry.what, carry.new, carry.effective) == ("carry", 50, date(2026, 11, 23))  # Monday
    late = effect(Decision("d", "carry"), goal, MONDAY, result, date(2026, 11, 25)).changes[0]
    assert late.effective == date(2026, 11, 25)  # a late review: the first day not yet over
    carried = Goal("d", metric="prospects", target=30, every="day", start=date(2026, 11, 2), changes=(carry,))
    assert target_on(carried, counts, date(2026, 11, 23)) == 80
    assert target_on(carried, counts, date(2026, 11, 24)) == 30


def test_a_shortfall_lands_in_the_window_after_the_one_that_fell_short() -> None:
    start = date(2027, 2, 1)
    recruits = Goal("m", metric="leads", target=10, every="month", start=start)
    counts = daily_counts({date(2027, 2, 3): {"leads": 7}})
    w08 = parse_week("2027-W08", MONDAY)  # Mon 22 Feb to Sun 28 Feb: February ends in it
    result = goal_result(recruits, MONDAY, counts, w08)
    assert result is not None and result.over and result.shortfall == 3
    for review_day in (date(2027, 2, 26), date(2027, 3, 1), date(2027, 3, 3)):
        carry = effect(Decision("m", "carry"), recruits, MONDAY, result, review_day).changes[0]
        assert (carry.new, carry.effective) == (3, date(2027, 3, 1))
    weekly = Goal("w", metric="customers", target=5, every="week", start=start)
    result = goal_result(weekly, MONDAY, counts, parse_week("2027-W05", MONDAY))
    carry = effect(Decision("w", "carry"), weekly, MONDAY, result, date(2027, 2, 10)).changes[0]
    assert carry.effective == date(2027, 2, 8)  # W06, reviewed late in it


def test_a_month_that_ends_mid_week_is_judged_in_that_week() -> None:
    recruits = Goal("m", metric="leads", target=10, every="month", start=date(2027, 2, 1))
    counts = daily_counts({date(2027, 3, 30): {"leads": 6}, date(2027, 4, 1): {"leads": 2}})
    result = goal_result(recruits, MONDAY, counts, parse_week("2027-W13", MONDAY))  # Mon 29 Mar to Sun 4 Apr
    assert result is not None and result.window == Window(date(2027, 3, 1), date(2027, 3, 31))
    assert (result.actual, result.over, result.verdict) == (6, True, "missed")
    april = goal_result(recruits, MONDAY, counts, parse_week("2027-W14", MONDAY))
    assert april is not None and april.window.start == date(2027, 4, 1) and april.verdict == "under way"


def test_nothing_is_carried_while_the_window_runs_or_from_a_one_off_goal() -> None:
    yearly = Goal("y", metric="revenue", target=100_000, every="year", start=date(2027, 2, 1))
    week5 = parse_week("2027-W09", MONDAY)
    result = goal_result(yearly, MONDAY, DailyCounts(), week5)
    assert result is not None and not result.over
    with pytest.raises(ReviewError, match="nothing to carry yet: its year runs to 2027-12-31"):
        effect(Decision("y", "carry"), yearly, MONDAY, result, date(2027, 3, 5))
    once = Goal("q", metric="customers", target=10, start=date(2027, 2, 1), deadline=date(2027, 3, 5))
    result = goal_result(once, MONDAY, DailyCounts(), week5)
    with pytest.raises(ReviewError, match="no next window to carry into: extend its deadline"):
        effect(Decision("q", "carry"), once, MONDAY, result, date(2027, 3, 5))


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        (Decision("w", "raise", 2), "not above"),
        (Decision("w", "lower", 4), "not below"),
        (Decision("w", "lower", 0), "positive"),
        (Decision("w", "extend", date(2027, 1, 1)), "no deadline to extend"),
        (Decision("w", "carry"), "nothing to carry"),
        (Decision("w", "maybe"), "unknown decision"),  # type: ignore[arg-type]  # a kind no one knows, refused
    ],
)
def test_decisions_that_make_no_sense_say_why(decision: Decision, message: str) -> None:
    goal = Goal("w", metric="customers", target=3, every="week")
    with pytest.raises(ReviewError, match=message):
        effect(decision, goal, MONDAY, None, WED)


def test_extending_needs_a_later_date() -> None:
    goal = Goal("q", metric="customers", target=10, start=date(2026, 11, 1), deadline=date(2026, 11, 20))
    with pytest.raises(ReviewError, match="not after"):
        effect(Decision("q", "extend", date(2026, 11, 20)), goal, MONDAY, None, WED)
    eff = effect(Decision("q", "extend", date(2026, 12, 18)), goal, MONDAY, None, WED)
    assert eff.fields == {"deadline": date(2026, 12, 18)} and eff.changes[0].old == date(2026, 11, 20)


def test_raising_above_the_stretch_lifts_the_stretch_and_archive_records_why() -> None:
    goal = Goal("w", metric="customers", target=3, stretch=4, every="week")
    eff = effect(Decision("w", "raise", 6), goal, MONDAY, None, WED)
    assert eff.fields == {"target": 6, "stretch": 8}  # scaled with the target: 4 x 6/3
    assert all(c.effective is None for c in eff.changes)
    arch = effect(Decision("w", "achieved"), goal, MONDAY, None, WED)
    assert arch.fields == {"status": "archived"} and arch.changes[0].note == "achieved"


def test_a_raised_target_restates_the_title_and_keeps_the_stretch_above_it() -> None:
    goal = Goal("w", title="Sign 3 new customers every week", metric="customers", target=3, stretch=5, every="week")
    eff = effect(Decision("w", "raise", 5), goal, MONDAY, None, WED)
    assert eff.fields == {"target": 5, "stretch": 8, "title": "Sign 5 new customers every week"}  # round(5 x 5/3)
    assert [(c.what, c.old, c.new) for c in eff.changes] == [
        ("target", 3, 5),
        ("stretch", 5, 8),
        ("title", "Sign 3 new customers every week", "Sign 5 new customers every week"),
    ]


@pytest.mark.parametrize(
    ("target", "stretch", "new", "expected"),
    [
        (3, 4, 4, 5),  # round(4 x 4/3) = 5
        (10, 11, 12, 13),  # round(11 x 12/10) = 13
        (30, 31, 31, 32),  # round(31 x 31/30) = 32
        (100, 101, 102, 103),  # round(101 x 102/100) = 103
        (20, 21, 25, 26),  # round(21 x 25/20) = 26
        (50, 51, 100, 102),  # round(51 x 100/50) = 102
        (30, 50, 20, 33),  # lowered: the stretch comes down with it
        (5, 5, 8, 8),  # a stretch equal to the target stays equal
    ],
)
def test_the_stretch_scales_with_the_target_and_stays_above_it(
    target: float, stretch: float, new: float, expected: float
) -> None:
    goal = Goal("w", metric="customers", target=target, stretch=stretch, every="week")
    eff = effect(Decision("w", "raise" if new > target else "lower", new), goal, MONDAY, None, WED)
    assert {c.what: c.new for c in eff.changes}.get("stretch", stretch) == expected


def test_a_scaled_stretch_is_at_least_one_above_the_new_target() -> None:
    goal = Goal("w", metric="customers", target=100, stretch=100.4, every="week")
    assert effect(Decision("w", "raise", 101), goal, MONDAY, None, WED).fields["stretch"] == 102


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Sign 3 new customers every week", "Sign 5 new customers every week"),
        ("3 calls and 3 customers", "3 calls and 3 customers"),  # twice: which one is the target?
        ("Sign 33 customers in Q3", "Sign 33 customers in Q3"),  # not a whole number 3
        ("Customers every week", "Customers every week"),
        ("Sign 3-5 customers", "Sign 5-8 customers"),  # target and stretch both stated
    ],
)
def test_the_title_follows_the_target_only_where_it_states_it_once(title: str, expected: str) -> None:
    goal = Goal("w", title=title, metric="customers", target=3, stretch=5, every="week")
    eff = effect(Decision("w", "raise", 5), goal, MONDAY, None, WED)
    assert eff.fields.get("title", title) == expected


def test_a_title_with_thousands_keeps_its_separator() -> None:
    goal = Goal("r", title="Make 1,500 EUR every month", metric="revenue", target=1500, every="month")
    assert effect(Decision("r", "raise", 2000), goal, MONDAY, None, WED).fields["title"] == "Make 2,000 EUR every month"


# --- the review file -------------------------------------------------------------------


def _data(tmp: Path) -> tuple[Path, DailyCounts]:
    data = tmp / "data"
    data.mkdir()
    write_new(data / "goals.toml", "# my comment\n" + starter_text(date(2026, 11, 2)))
    counts = daily_counts(
        every_working_day(date(2026, 11, 2), date(2026, 11, 24), {"prospects": 25, "leads": 4, "customers": 0.5})
    )
    return data, counts


def test_saving_applies_each_decision_once_and_keeps_comments(tmp_path: Path) -> None:
    data, counts = _data(tmp_path)
    plan = load(data / "goals.toml").plan
    review = build_review(plan, counts, W47, WED)
    decisions = {
        "daily-prospects": Decision("daily-prospects", "lower", 25),
        "weekly-customers": Decision("weekly-customers", "carry"),
        "daily-leads": Decision("daily-leads", "keep"),
    }
    notes = {"went_well": "calls", "went_badly": "", "to_change": "mornings"}
    first = save_review(data, review, notes, decisions, WED)
    assert set(first.applied) == {"daily-prospects", "weekly-customers"} and first.wrote_review
    text = (data / "goals.toml").read_text()
    assert text.startswith("# my comment\n") and "# day | week | month" in text
    goals = tomllib.loads(text)["goals"]
    assert goals["daily-prospects"]["target"] == 30  # lowered from tomorrow: today is still measured against 30
    assert goals["daily-prospects"]["changes"][0]["effective"] == date(2026, 11, 26)
    assert goals["weekly-customers"]["changes"][0] == {
        "on": WED,
        "what": "carry",
        "new": 0.5,
        "effective": date(2026, 11, 23),  # W48: the week after the one that fell short
        "note": "shortfall carried over (2026-W47)",
    }
    path = data / "reviews" / "2026-W47.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert reviewed_weeks(data) == {"2026-W47"}
    saved = load_review(data, "2026-W47")
    assert saved is not None and saved.notes["to_change"] == "mornings" and saved.applied == set(decisions)

    # Again, from a fresh read: nothing changes on disk.
    before = ((data / "goals.toml").read_bytes(), path.read_bytes(), path.stat().st_mtime_ns)
    review = build_review(load(data / "goals.toml").plan, counts, W47, WED)
    second = save_review(data, review, notes, decisions, WED)
    assert second.applied == () and not second.wrote_review
    assert ((data / "goals.toml").read_bytes(), path.read_bytes(), path.stat().st_mtime_ns) == before

    # A changed decision is applied; the others are not applied again.
    decisions["daily-leads"] = Decision("daily-leads", "raise", 6)
    third = save_review(data, review, notes, decisions, WED)
    assert third.applied == ("daily-leads",)
    goals = tomllib.loads((data / "goals.toml").read_text())["goals"]
    assert len(goals["daily-prospects"]["changes"]) == 3 and len(goals["weekly-customers"]["changes"]) == 1


def _comments(text: str) -> list[str]:
    """Every comment in a goals.toml, in order (the files here have no # inside a string)."""
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line]


def test_a_raise_saved_into_the_starter_file_lands_with_its_goal(tmp_path: Path) -> None:
    data, counts = _data(tmp_path)
    before = (data / "goals.toml").read_text()
    review = build_review(load(data / "goals.toml").plan, counts, W47, WED)
    save_review(data, review, {}, {"weekly-customers": Decision("weekly-customers", "raise", 5)}, WED)
    text = (data / "goals.toml").read_text()
    goal = tomllib.loads(text)["goals"]["weekly-customers"]
    assert (goal["title"], goal["target"], goal["stretch"]) == ("Sign 5 new customers every week", 5, 8)
    assert _comments(text) == _comments(before)  # every comment kept, in order
    # The changes follow the goal; the note on one-off goals still closes the file.
    assert text.index("[[goals.weekly-customers.changes]]") < text.index("# A one-off goal has a start")
    assert text.rstrip().endswith("# done = false")
    assert "stretch = 5\n" not in text and 'new = 8\nnote = "scaled with the target (2026-W47)"' in text


HAND_WRITTEN = """\
schema = 1

[metrics.prospects]
key = "p"
funnel = 1

[metrics.customers]
key = "c"
funnel = 2

# Outreach first: it feeds the rest.
[goals.outreach]
title = "Talk to 30 people every working day"
metric = "prospects"
target = 30   # the floor
stretch = 50
every = "day"
start = 2026-11-02
[[goals.outreach.milestones]]
title = "First 500 conversations"
done = false
# (tick it in the app)

# Customers: three a week is the plan for now,
# more once the calls are booked.
[goals.customers]
title = "Sign 3 customers every week"
metric = "customers"
target = 3
every = "week"
start = 2026-11-02

# Ideas for later:
# [goals.referrals]
"""


def test_decisions_saved_into_a_hand_written_file_keep_its_comments_where_they_were(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write_new(data / "goals.toml", HAND_WRITTEN)
    counts = daily_counts(every_working_day(date(2026, 11, 2), date(2026, 11, 24), {"prospects": 25}))
    review = build_review(load(data / "goals.toml").plan, counts, W47, WED)
    decisions = {
        "outreach": Decision("outreach", "raise", 40),
        "customers": Decision("customers", "achieved"),
    }
    save_review(data, review, {}, decisions, WED)
    text = (data / "goals.toml").read_text()
    assert _comments(text) == _comments(HAND_WRITTEN)
    outreach = text[text.index("[goals.outreach]") : text.index("# Customers: three a week")]
    assert "[[goals.outreach.changes]]" in outreach and "# (tick it in the app)" in outreach
    assert outreach.index("# (tick it in the app)") < outreach.index("[[goals.outreach.changes]]")
    assert 'title = "Talk to 40 people every working day"' in outreach and "stretch = 67" in outreach
    customers = text[text.index("[goals.customers]") : text.index("# Ideas for later:")]
    assert 'status = "archived"' in customers and "[[goals.customers.changes]]" in customers
    assert customers.index('status = "archived"') < customers.index("[[goals.customers.changes]]")
    goals = tomllib.loads(text)["goals"]
    assert goals["outreach"]["milestones"] == [{"title": "First 500 conversations", "done": False}]
    assert goals["customers"]["status"] == "archived" and goals["outreach"]["target"] == 40


def test_a_crash_between_the_two_files_does_not_apply_twice(tmp_path: Path) -> None:
    data, counts = _data(tmp_path)
    review = build_review(load(data / "goals.toml").plan, counts, W47, WED)
    decisions = {"weekly-customers": Decision("weekly-customers", "carry")}
    save_review(data, review, {}, decisions, WED)
    (data / "reviews" / "2026-W47.toml").unlink()  # as if the review file never got written
    save_review(data, review, {}, decisions, WED)
    goals = tomllib.loads((data / "goals.toml").read_text())["goals"]
    assert len(goals["weekly-customers"]["changes"]) == 1


def test_a_bad_decision_writes_nothing(tmp_path: Path) -> None:
    data, counts = _data(tmp_path)
    review = build_review(load(data / "goals.toml").plan, counts, W47, WED)
    before = (data / "goals.toml").read_bytes()
    with pytest.raises(ReviewError):
        save_review(
            data,
            review,
            {},
            {
                "daily-leads": Decision("daily-leads", "raise", 6),
                "daily-prospects": Decision("daily-prospects", "raise", 1),
            },
            WED,
        )
    assert (data / "goals.toml").read_bytes() == before and not (data / "reviews").exists()


# --- trends ---------------------------------------------------------------------------


def test_streaks_skip_days_off_and_today_counts_once_reached() -> None:
    goal = Goal("d", metric="prospects", target=30, every="day", start=date(2026, 11, 2))
    counts = daily_counts(every_working_day(date(2026, 11, 2), date(2026, 11, 24), {"prospects": 30}))
    counts.add(date(2026, 11, 11), "prospects", -1)  # one short on Wednesday 11th
    s = streak(goal, MONDAY, counts, WED)
    assert s is not None and (s.current, s.longest) == (9, 9)  # Thu 12 .. Tue 24
    counts.add(WED, "prospects", 30)
    s = streak(goal, MONDAY, counts, WED)
    assert s is not None and s.current == 10


def test_trends_best_week_and_heatmap() -> None:
    goal = Goal("d", metric="prospects", target=30, every="day", start=date(2026, 1, 5))
    counts = daily_counts(every_working_day(date(2026, 1, 5), date(2026, 11, 24), {"prospects": 30, "leads": 6}))
    counts.add(date(2026, 6, 3), "prospects", 100)
    t = trends(make_plan(goal), counts, WED)
    assert t.best_week["prospects"].label == "2026-W23" and t.best_week["prospects"].total == 250
    heat = t.heatmaps[0]
    assert len(heat.weeks) == 53 and heat.top == 130
    assert heat.weeks[-1][2] == 0 and heat.weeks[-1][3] is None  # today (Wed) shown, Thursday not yet
    assert dict(t.conversion)["prospects→leads"][-2] == pytest.approx(0.2)


def test_no_reminder_for_a_week_before_any_goal_began() -> None:
    from goaltui.model.goals import Settings
    from goaltui.model.weeks import reminder_due

    tuesday = date(2026, 11, 24)
    assert reminder_due(tuesday, Settings(), set()) == "2026-W47"
    assert reminder_due(tuesday, Settings(), set(), since=date(2026, 11, 24)) is None
    assert reminder_due(tuesday, Settings(), set(), since=date(2026, 11, 20)) == "2026-W47"


def test_a_saved_decision_of_an_unknown_kind_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "reviews" / "2026-W47.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[decisions.a]\nkind = "double"\n[decisions.b]\nkind = "raise"\nvalue = 6\n', encoding="utf-8")
    saved = load_review(tmp_path, "2026-W47")
    assert saved is not None and saved.decisions == {"b": Decision("b", "raise", 6)}


def test_the_next_review_writes_a_lowering_that_has_begun(tmp_path: Path) -> None:
    data, counts = _data(tmp_path)
    plan = load(data / "goals.toml").plan
    lower = {"weekly-customers": Decision("weekly-customers", "lower", 2)}
    save_review(data, build_review(plan, counts, W47, WED), {}, lower, WED)
    goal = load(data / "goals.toml").plan.goals["weekly-customers"]
    assert (goal.target, goal.stretch, goal.title) == (3, 5, "Sign 3 new customers every week")  # W48 runs on 3
    monday = date(2026, 11, 30)
    plan = load(data / "goals.toml").plan
    save_review(data, build_review(plan, counts, week_of(WED, MONDAY), monday), {}, {}, monday)
    goal = load(data / "goals.toml").plan.goals["weekly-customers"]
    assert (goal.target, goal.stretch, goal.title) == (2, 3, "Sign 2 new customers every week")
    w48 = build_review(load(data / "goals.toml").plan, counts, week_of(WED, MONDAY), monday)
    result = next(g for g in w48.goals if g.goal_id == "weekly-customers")
    assert (result.target, result.title) == (3, "Sign 3 new customers every week")  # the past keeps its words


def test_the_usual_volume_counts_no_week_before_tracking_began() -> None:
    plan = make_plan(Goal("daily-prospects", metric="prospects", target=30, every="day", start=date(2027, 2, 1)))
    counts = daily_counts({date(2027, 2, 2): {"prospects": 177}, date(2027, 2, 9): {"prospects": 150}})
    first = funnel_week(plan, counts, parse_week("2027-W05", MONDAY))[0][0]
    assert (first.usual, first.weeks) == (0, 0)
    second = funnel_week(plan, counts, parse_week("2027-W06", MONDAY))[0][0]
    assert (second.week, second.usual, second.weeks) == (150, 177, 1)


def test_changes_are_read_in_order_a_raise_after_a_waiting_lowering_counts_now() -> None:
    goal = Goal("m", title="Recruit 10 a month", metric="leads", target=10, every="month", start=date(2027, 2, 1))
    lower = effect(Decision("m", "lower", 8), goal, MONDAY, None, date(2027, 3, 5))
    waiting = replace(goal, changes=lower.changes)
    lower_again = effect(Decision("m", "lower", 7), waiting, MONDAY, None, date(2027, 3, 12))
    twice = replace(goal, changes=lower.changes + lower_again.changes)
    march, april = Window(date(2027, 3, 1), date(2027, 3, 31)), Window(date(2027, 4, 1), date(2027, 4, 30))
    assert [in_force(twice, "target", 10, w.start, w.end) for w in (march, april)] == [10, 7]
    assert due_fields(twice, date(2027, 4, 1)) == {"target": 7, "title": "Recruit 7 a month"}
    up = effect(Decision("m", "raise", 12), waiting, MONDAY, None, date(2027, 3, 12))
    raised = replace(goal, target=12, title="Recruit 12 a month", changes=lower.changes + up.changes)
    assert [in_force(raised, "target", 12, w.start, w.end) for w in (march, april)] == [12, 12]
    assert coming(raised, date(2027, 3, 12)) == [] and due_fields(raised, date(2027, 4, 1)) == {}

"""The SMART check: five findings per goal, each with a concrete fix."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Goal, Plan
from goaltui.model.plan_parse import parse_plan
from goaltui.model.smart import LETTERS, Finding, best_average, check_goal, check_plan, worst
from goaltui.store.goalsfile import starter_text
from tests.factories import WEEKDAYS, every_working_day, metrics

D = date
TODAY = D(2026, 11, 25)  # a Wednesday
GOOD = dict(title="Talk to 30 new people every day", metric="prospects", target=30, every="day", why="Feeds it all")


def goal(**kw: object) -> Goal:
    return Goal("g", **{**GOOD, **kw})  # type: ignore[arg-type]


def findings(g: Goal, counts: DailyCounts | None = None, today: date = TODAY, /, **others: Goal) -> dict[str, Finding]:
    plan = Plan(metrics=metrics(), goals={g.id: g, **others})
    result = check_goal(g, plan, counts or DailyCounts(), today)
    assert [f.letter for f in result] == list(LETTERS)
    for f in result:
        assert f.level in ("ok", "warn", "fail")
        assert (f.fix == "") == (f.level == "ok"), f  # a fix exactly when something is wrong
        assert f.message
    return {f.letter: f for f in result}


NINE_A_DAY = DailyCounts(every_working_day(D(2026, 9, 1), D(2026, 11, 24), {"prospects": 9}))
STARTER_PACE = DailyCounts(
    {
        day: {"prospects": 32, "leads": 6, "customers": 1 if day.weekday() in (0, 2, 4) else 0}
        for day in every_working_day(D(2026, 9, 1), D(2026, 11, 24), {"prospects": 0})
    }
)


# --- the starter goals ---------------------------------------------------------


@pytest.mark.parametrize("counts", [DailyCounts(), STARTER_PACE], ids=["no history", "history at that pace"])
def test_starter_goals_never_fail(counts: DailyCounts) -> None:
    plan = parse_plan(tomllib.loads(starter_text(D(2026, 11, 23))))
    results = check_plan(plan, counts, TODAY)
    assert list(results) == ["daily-prospects", "daily-leads", "weekly-customers"]
    for goal_findings in results.values():
        assert worst(goal_findings) != "fail"


def test_starter_goals_without_history_are_all_ok() -> None:
    plan = parse_plan(tomllib.loads(starter_text(D(2026, 11, 23))))
    assert {gid: worst(f) for gid, f in check_plan(plan, DailyCounts(), TODAY).items()} == dict.fromkeys(
        plan.goals, "ok"
    )


def test_check_plan_skips_archived_goals() -> None:
    plan = Plan(metrics=metrics(), goals={"g": goal(), "b": Goal("b", status="archived")})
    assert list(check_plan(plan, DailyCounts(), TODAY)) == ["g"]


# --- S ---------------------------------------------------------------------------


def test_specific_fails_without_a_metric() -> None:
    s = findings(goal(metric=None))["S"]
    assert s.level == "fail"
    assert s.fix == 'add metric = "prospects" (or leads or customers)'


def test_specific_without_any_metric_defined() -> None:
    g = goal(metric=None)
    s = check_goal(g, Plan(goals={"g": g}), DailyCounts(), TODAY)[0]
    assert s.level == "fail" and "[metrics." in s.fix


@pytest.mark.parametrize("title", ["", "  ", "Prospecting", "Call people"])
def test_specific_warns_for_an_empty_or_short_title(title: str) -> None:
    s = findings(goal(title=title))["S"]
    assert s.level == "warn"
    assert s.fix.endswith('title = "30 prospects every day"')


@pytest.mark.parametrize("title", ["Talk to more people", "Get better at prospecting", "Make lots of calls"])
def test_specific_warns_for_vague_words_without_a_number(title: str) -> None:
    s = findings(goal(title=title))["S"]
    assert s.level == "warn" and "vague" in s.message
    assert "title =" in s.fix


def test_vague_word_with_a_number_is_fine() -> None:
    assert findings(goal(title="Talk to 10 more people a day"))["S"].level == "ok"


# --- M ---------------------------------------------------------------------------


def test_measurable_fails_without_a_target() -> None:
    m = findings(goal(target=None))["M"]
    assert (m.level, m.fix) == ("fail", "add target = 30")


def test_measurable_suggests_a_target_from_history() -> None:
    m = findings(goal(target=None, every="week"), NINE_A_DAY)["M"]
    assert m.fix == "add target = 45"


def test_measurable_ok_names_target_and_stretch() -> None:
    m = findings(goal(stretch=50))["M"]
    assert (m.level, m.message) == ("ok", "Target 30, stretch 50.")


# --- A ---------------------------------------------------------------------------


def test_achievable_with_too_little_history_says_when_it_can_judge() -> None:
    counts = DailyCounts(every_working_day(D(2026, 11, 18), D(2026, 11, 24), {"prospects": 9}))
    a = findings(goal(), counts)["A"]
    assert a.level == "ok"
    assert "5 working days logged" in a.message
    assert a.message.endswith("Check again from Wed 2 Dec.")


def test_achievable_with_no_history_at_all() -> None:
    a = findings(goal())["A"]
    assert a.level == "ok" and "none logged yet" in a.message


def test_achievable_within_reach() -> None:
    a = findings(goal(target=9.5), NINE_A_DAY)["A"]
    assert a.level == "ok" and "within reach" in a.message


def test_achievable_warns_above_the_best() -> None:
    a = findings(goal(target=14), NINE_A_DAY)["A"]
    assert a.level == "warn"
    assert a.message == (
        "Needs 14 a day; your best 20 working days averaged 9: the most realistic is 9 prospects a day."
    )
    assert a.fix == "set target = 9 and keep 14 as the stretch"


def test_achievable_fails_far_beyond_the_best() -> None:
    a = findings(goal(target=30), NINE_A_DAY)["A"]
    assert a.level == "fail"
    assert "the most realistic is 9 prospects a day" in a.message


def test_achievable_weekly_goal_counts_per_working_day() -> None:
    a = findings(goal(target=200, every="week"), NINE_A_DAY)["A"]
    assert a.level == "fail"
    assert a.message.startswith("Needs 40 a day")
    assert "45 prospects a week" in a.message
    assert findings(goal(target=45, every="week"), NINE_A_DAY)["A"].level == "ok"


def test_achievable_one_off_names_the_realistic_target_by_the_deadline() -> None:
    g = goal(
        title="Talk to 1000 people by March", target=1000, every=None, start=D(2026, 11, 23), deadline=D(2027, 3, 31)
    )
    a = findings(g, NINE_A_DAY)["A"]
    assert a.level == "warn"
    # 93 working days from today to 31 March at 9 a day
    assert a.message == (
        "Needs 10.8 a day; your best 20 working days averaged 9: the most realistic by Wed 31 Mar 2027 "
        "is 837 prospects."
    )
    assert a.fix == "set target = 837, or move the deadline later"


def test_achievable_uses_the_best_twenty_working_days() -> None:
    days = every_working_day(D(2026, 8, 3), D(2026, 8, 28), {"prospects": 20}) | every_working_day(
        D(2026, 8, 31), D(2026, 11, 24), {"prospects": 5}
    )
    best, span = best_average("prospects", WEEKDAYS, DailyCounts(days), TODAY)
    assert best == pytest.approx(20)
    assert span > 60
    assert findings(goal(target=18), DailyCounts(days))["A"].level == "ok"


def test_best_average_over_short_history_and_weekend_taps() -> None:
    days = every_working_day(D(2026, 11, 9), D(2026, 11, 24), {"prospects": 4}) | {D(2026, 11, 21): {"prospects": 12}}
    best, span = best_average("prospects", WEEKDAYS, DailyCounts(days), TODAY)
    assert span == 12
    assert best == pytest.approx((12 * 4 + 12) / 12)
    assert best_average("leads", WEEKDAYS, DailyCounts(days), TODAY) == (None, 0)


def test_achievable_history_starts_with_the_metric() -> None:
    # leads began a week ago; months of prospects do not count as zero leads
    days = every_working_day(D(2026, 9, 1), D(2026, 11, 17), {"prospects": 30}) | every_working_day(
        D(2026, 11, 18), D(2026, 11, 24), {"prospects": 30, "leads": 5}
    )
    a = findings(goal(metric="leads", target=5, title="Find 5 leads every day"), DailyCounts(days))["A"]
    assert a.level == "ok" and "5 working days logged" in a.message


def test_achievable_for_a_reached_or_expired_one_off() -> None:
    g = goal(target=100, every=None, start=D(2026, 10, 1), deadline=D(2026, 11, 1))
    assert findings(g, NINE_A_DAY)["A"].message == "Already reached."
    short = goal(target=10_000, every=None, start=D(2026, 10, 1), deadline=D(2026, 11, 1))
    assert findings(short, NINE_A_DAY)["A"].level == "ok"


# --- R ---------------------------------------------------------------------------


def test_relevant_warns_without_why_or_parent() -> None:
    r = findings(goal(why=""))["R"]
    assert r.level == "warn"
    assert r.fix == 'add why = "..." or parent = "..."'


def test_relevant_suggests_a_parent_further_down_the_funnel() -> None:
    customers = Goal("weekly-customers", title="Sign 3", metric="customers", target=3, every="week")
    r = findings(goal(why=""), **{"weekly-customers": customers})["R"]
    assert r.fix == 'add why = "..." or parent = "weekly-customers"'


def test_relevant_ok_names_the_parent() -> None:
    parent = Goal("q1", title="Sign 40 customers by March", metric="customers")
    r = findings(goal(why="", parent="q1"), q1=parent)["R"]
    assert (r.level, r.message) == ("ok", "Serves 'Sign 40 customers by March'.")
    assert findings(goal(why="Feeds it all"))["R"].message == "Why: Feeds it all"


def test_relevant_warns_about_an_archived_parent() -> None:
    parent = Goal("q1", title="Old goal", status="archived")
    r = findings(goal(parent="q1"), q1=parent)["R"]
    assert r.level == "warn" and "archived" in r.message


# --- T ---------------------------------------------------------------------------


def test_time_bound_fails_without_every_or_deadline() -> None:
    t = findings(goal(every=None))["T"]
    assert t.level == "fail"
    assert t.fix == 'add every = "week" or deadline = 2026-12-31'


def test_time_bound_warns_for_a_one_off_without_start() -> None:
    t = findings(goal(every=None, deadline=D(2027, 3, 31)))["T"]
    assert (t.level, t.fix) == ("warn", "add start = 2026-11-25")


def test_time_bound_warns_when_the_deadline_has_passed() -> None:
    missed = goal(target=10_000, every=None, start=D(2026, 10, 1), deadline=D(2026, 11, 1))
    t = findings(missed, NINE_A_DAY)["T"]
    assert t.level == "warn"
    assert t.message == "The deadline Sun 1 Nov has passed at 198 of 10000."
    assert "archive" in t.fix and "deadline = " in t.fix
    reached = goal(target=100, every=None, start=D(2026, 10, 1), deadline=D(2026, 11, 1))
    assert "target reached" in findings(reached, NINE_A_DAY)["T"].message


def test_time_bound_ok() -> None:
    assert findings(goal())["T"] == Finding("T", "ok", "Every day.", "")
    later = findings(goal(every="week", start=D(2026, 12, 7), deadline=D(2027, 3, 31)))["T"]
    assert later.message == "Every week, from Mon 7 Dec, until Wed 31 Mar 2027."
    one_off = findings(goal(every=None, start=D(2026, 11, 23), deadline=D(2027, 3, 31)))["T"]
    assert (one_off.level, one_off.message) == ("ok", "From Mon 23 Nov to Wed 31 Mar 2027.")


def test_a_goal_without_anything_gets_five_findings() -> None:
    result = check_goal(Goal("empty"), Plan(metrics=metrics()), DailyCounts(), TODAY)
    assert [f.level for f in result] == ["fail", "fail", "ok", "warn", "fail"]
    assert worst(result) == "fail"


def test_worst() -> None:
    ok, warn, fail = (Finding("S", level, "m", "" if level == "ok" else "fix") for level in ("ok", "warn", "fail"))
    assert worst([]) == "ok"
    assert worst([ok, ok]) == "ok"
    assert worst([ok, warn]) == "warn"
    assert worst([warn, fail, ok]) == "fail"

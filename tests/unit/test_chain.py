"""The chain a metric comes from (``from``) and the rates goals.toml assumes: the ladder on day one, then blended."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date as D
from datetime import timedelta

import pytest

from goaltui.model.cohort import cohorts
from goaltui.model.counts import DailyCounts
from goaltui.model.funnel import conversion, conversions, reverse_funnel
from goaltui.model.goals import Goal, Plan, PlanError
from goaltui.model.ladder import ladder
from goaltui.model.pace import goal_pace
from goaltui.model.people import Person
from goaltui.model.plan_parse import parse_plan
from goaltui.model.smart import check_plan
from tests.factories import daily_counts, every_working_day

MONDAY = D(2027, 1, 4)
METRICS: dict[str, dict[str, object]] = {
    "prospects": {"key": "p", "funnel": 1},
    "leads": {"key": "l", "funnel": 2, "assumed": "20 %"},
    "customers": {"key": "c", "funnel": 3, "assumed": 0.25},
    "recruits": {"key": "n", "from": "customers", "assumed": "1 in 3"},
    "income": {"key": "i", "unit": "EUR", "from": "customers", "assumed": 180},
    "downline": {"key": "d", "kind": "level", "from": "recruits", "assumed": 1},
}
GOALS: dict[str, dict[str, object]] = {
    "income-2027": {"metric": "income", "target": 20000, "start": MONDAY, "deadline": D(2027, 12, 31)},
    "team-2027": {
        "metric": "downline",
        "target": 200,
        "start": MONDAY,
        "deadline": D(2027, 12, 31),
        "parent": "income-2027",
    },
    "recruits-monthly": {"metric": "recruits", "target": 10, "every": "month", "start": MONDAY, "parent": "team-2027"},
    "daily-prospects": {
        "metric": "prospects",
        "target": 30,
        "every": "day",
        "start": MONDAY,
        "parent": "recruits-monthly",
    },
}


def plan(
    metrics: Mapping[str, Mapping[str, object]] = METRICS, goals: Mapping[str, Mapping[str, object]] = GOALS
) -> Plan:
    return parse_plan({"metrics": metrics, "goals": goals})


def test_the_chain_follows_from_and_the_funnel_numbers() -> None:
    seeds = plan()
    assert [m.id for m in seeds.funnel()] == ["prospects", "leads", "customers", "recruits"]
    assert seeds.chain("income") == ["prospects", "leads", "customers", "income"]
    assert seeds.chain("downline") == ["prospects", "leads", "customers", "recruits", "downline"]
    assert seeds.links()[-2:] == [("customers", "income"), ("recruits", "downline")]
    assert seeds.metrics["recruits"].assumed == pytest.approx(1 / 3)
    short = plan({**METRICS, "recruits": {"key": "n", "from": "leads"}}, {})
    assert short.chain("recruits") == ["prospects", "leads", "recruits"]  # as the user's business works


@pytest.mark.parametrize(
    ("metrics", "said"),
    [
        ({"a": {"key": "a", "from": "b"}}, "from = 'b': no such metric; add [metrics.b] first"),
        ({"a": {"key": "a", "from": "b"}, "b": {"key": "b", "from": "a"}}, "from makes a loop (b -> a -> b)"),
        ({"a": {"key": "a", "assumed": 0.2}}, 'needs the metric it comes from: add from = "..."'),
        ({"a": {"key": "a"}, "b": {"key": "b", "from": "a", "assumed": 20}}, 'like assumed = "20 %", "1 in 3" or 0.2'),
        ({"a": {"key": "a"}, "b": {"key": "b", "from": "a", "assumed": "most"}}, "write the share of a that become b"),
        ({"a": {"key": "a"}, "b": {"key": "b", "from": "a", "assumed": "1 in 0"}}, "write the share"),
        ({"a": {"key": "a", "unit": "EUR"}, "b": {"key": "b", "from": "a"}}, "comes from a count"),
        (
            {"a": {"key": "a"}, "b": {"key": "b", "from": "a", "unit": "EUR", "assumed": "180 EUR"}},
            "like assumed = 180",
        ),
        ({"a": {"key": "a", "from": 3}}, 'like from = "leads"'),
    ],
)
def test_a_bad_from_or_assumed_is_one_error_naming_its_table(metrics: dict[str, object], said: str) -> None:
    with pytest.raises(PlanError) as err:
        parse_plan({"metrics": metrics})
    assert said in str(err.value) and err.value.table is not None and err.value.table[0] == "metrics"


def test_assumed_rates_stand_alone_then_blend_into_the_users_own() -> None:
    alone = conversion("prospects", "leads", 0, 0, assumed=0.2)
    assert (alone.rate, alone.enough, alone.words()) == (0.2, True, "assumed 20 %")
    blended = conversion("prospects", "leads", 360, 50, assumed=0.2, days=12)
    assert blended.rate == pytest.approx((0.2 * 20 + 50) / 380)
    assert blended.words() == "assumed 20 %, yours 14 % over 12 days"
    money = conversion("customers", "income", 4, 1000, assumed=180, days=3, share=False, unit="EUR")
    assert money.rate == pytest.approx((180 * 3 + 1000) / 7)  # an amount is never clipped to one
    assert money.words() == "assumed 180.00 EUR a customer, yours 250.00 EUR a customer over 3 days"
    own = conversion("customers", "income", 4, 1000, share=False, unit="EUR")
    assert (own.rate, own.low, own.high) == (250, 250, 250)


def test_the_seeds_ladder_adds_up_on_day_one_from_the_assumed_rates() -> None:
    """30 prospects a day x 20 % x 25 % = 1.5 customers a day: 0.5 recruits (10.5 in January's 21 working days),
    270 EUR (70,200 over 2027's 260 working days left); 10 recruits a month make 124 of the downline's 200."""
    seeds, nothing = plan(), DailyCounts()
    rungs = {(r.outcome, r.feeder): r for r in ladder(seeds, nothing, MONDAY)}
    recruits = rungs[("recruits-monthly", "daily-prospects")]
    assert recruits.adds_up and recruits.makes == pytest.approx(0.5)
    assert "30 prospects a day at assumed 20 %, 25 % and 33 % make about 10.5 recruits a month" in recruits.message
    income = rungs[("income-2027", "daily-prospects")]
    assert income.adds_up and income.makes == pytest.approx(270)
    assert "assumed 20 %, 25 % and 180.00 EUR a customer" in income.message
    # Money tied to the count it comes from: 20,000 / 180 = 111.1 customers; 1.5 a day x 260 days = 390.
    assert "make about 70,200.00 EUR more income by Fri 31 Dec: enough for 20,000.00 EUR more." in income.message
    assert income.message.endswith(
        "At 180.00 EUR a customer, 20,000.00 EUR needs 112 customers; the goals under it make about 390 customers."
    )
    team = rungs[("team-2027", "recruits-monthly")]
    assert not team.adds_up and team.makes == pytest.approx(10 / 21)
    assert "10 recruits a month at assumed 1 downline a recruit make about 124 more downline" in team.message
    assert team.fix == "set target = 17 on recruits-monthly"  # 200 / 260 a day, at 1 each, times 21
    assert ("team-2027", "daily-prospects") not in rungs  # it feeds the team through the recruits goal
    findings = check_plan(seeds, nothing, MONDAY)
    assert all("Not checked" not in f.message for fs in findings.values() for f in fs if "assumed" in f.message)


def test_the_downline_read_at_57_asks_only_for_the_rest() -> None:
    counts = DailyCounts()
    from tests.unit.test_levels import reading  # the reading of a downline on a day

    counts.read([reading(57, MONDAY)])
    team = next(r for r in ladder(plan(), counts, MONDAY + timedelta(days=1)) if r.outcome == "team-2027")
    assert "143 more needs about 12 recruits a month" in team.message  # 143 over 259 working days, 21 a month


def test_own_data_moves_the_ladder_and_shows_both_rates() -> None:
    days = every_working_day(MONDAY, MONDAY + timedelta(days=15), {"prospects": 30, "leads": 4, "customers": 1})
    counts = daily_counts(days)
    today = MONDAY + timedelta(days=16)
    by_pair = {(c.source, c.target): c for c in conversions(plan(), counts, today)}
    leads = by_pair[("prospects", "leads")]
    assert leads.words() == "assumed 20 %, yours 13 % over 12 days"
    assert leads.rate == pytest.approx((0.2 * 20 + 48) / (20 + 360))
    rung = next(
        r for r in ladder(plan(), counts, today) if r.feeder == "daily-prospects" and r.outcome != "income-2027"
    )
    assert "assumed 20 %, yours 13 % over 12 days" in rung.message


def test_the_reverse_funnel_follows_the_chain_to_recruits() -> None:
    seeds = plan()
    goal = seeds.goals["recruits-monthly"]
    pace = goal_pace(goal, seeds.settings, DailyCounts(), MONDAY)
    assert pace is not None
    rf = reverse_funnel(seeds, goal, pace, DailyCounts(), MONDAY)
    assert rf is not None and [n.metric for n in rf.needs] == ["prospects", "leads", "customers"]
    assert rf.needs[0].total == pytest.approx(10 / (0.2 * 0.25 / 3))  # 600 prospects for 10 recruits
    assert "at assumed 20 %, 25 % and 33 %" in rf.sentence


def test_cohorts_follow_the_chain() -> None:
    people = []
    for i in range(12):
        person = Person(f"P{i}")
        person.reached = {"leads": MONDAY, **({"recruits": MONDAY + timedelta(days=2)} if i < 3 else {})}
        people.append(person)
    found = cohorts(
        people, ["prospects", "leads", "recruits"], MONDAY + timedelta(days=7), links=[("leads", "recruits")]
    )
    (cohort,) = found
    assert (cohort.source, cohort.target, cohort.people, cohort.moved) == ("leads", "recruits", 12, 3)


def test_an_old_goals_toml_reads_as_before() -> None:
    old = parse_plan({"metrics": {"prospects": {"key": "p", "funnel": 1}, "leads": {"key": "l", "funnel": 2}}})
    assert old.links() == [("prospects", "leads")] and old.metrics["leads"].assumed is None
    assert conversions(old, DailyCounts(), MONDAY)[0].words() == "–"
    assert Goal("x").measure is None

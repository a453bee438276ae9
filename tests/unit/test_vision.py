"""A vision (the long goal at the top of the ladder) is shown as where the ladder leads, never paced day by day."""

from __future__ import annotations

from datetime import date as D
from datetime import timedelta

import pytest

from goaltui.model.calendar import Window
from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Plan, PlanError
from goaltui.model.pace import goal_pace
from goaltui.model.plan_parse import parse_plan
from goaltui.model.smart import check_plan
from goaltui.model.targets import aim
from goaltui.model.vision import plan_roads, road, road_lines, road_summary
from tests.factories import daily_counts
from tests.unit.test_levels import reading

MONDAY = D(2027, 1, 4)
METRICS = {"income": {"key": "i", "unit": "EUR"}, "downline": {"key": "d", "kind": "level"}}
RETIRE = {
    "title": "Retire on 100K a year",
    "metric": "income",
    "target": 100000,
    "every": "year",
    "start": MONDAY,
    "deadline": D(2036, 12, 31),
    "why": "Freedom at 50",
}
THIS_YEAR = {
    "title": "An income of 20,000 EUR in 2027",
    "metric": "income",
    "target": 20000,
    "start": MONDAY,
    "deadline": D(2027, 12, 31),
    "parent": "retire",
}


def plan(**goals: dict[str, object]) -> Plan:
    return parse_plan({"metrics": METRICS, "goals": goals})


def test_the_road_passes_a_tenth_a_year_and_this_years_goal_is_on_it() -> None:
    seeds = plan(retire=RETIRE, **{"income-2027": THIS_YEAR})
    retire = seeds.goals["retire"]
    assert retire.is_vision  # ten years out: a vision without saying so
    found = road(retire, seeds, daily_counts({MONDAY: 250.0}, "income"), MONDAY + timedelta(days=3))
    assert found is not None
    # 2027 is the first of ten years: a straight road from 0 passes 10,000 a year in it.
    assert (found.year, found.share, found.whole, found.made) == (2027, 10000, 100000, 250)
    assert found.on_road is True
    # From 20,000 in 2027 to 100,000 in 2036, nine steps: 5 ** (1/9) - 1.
    assert found.growth() == pytest.approx(5 ** (1 / 9) - 1)
    lines = road_lines(found, MONDAY)
    assert lines[0] == "Where the ladder leads: 100,000.00 EUR a year by Wed 31 Dec 2036."
    assert "This year's share of the road: 10,000.00 EUR a year (2027)." in lines
    assert "income-2027 asks 20,000.00 EUR a year: on the road." in lines
    assert "From there, 20 % more each year reaches it." in lines
    next_year = road(retire, seeds, DailyCounts(), D(2028, 6, 1))
    assert next_year is not None and next_year.share == 20000 and next_year.on_road is None


def test_a_vision_is_not_paced_until_its_last_period() -> None:
    retire = plan(retire=RETIRE).goals["retire"]
    settings = plan().settings
    assert goal_pace(retire, settings, DailyCounts(), MONDAY) is None  # no prorated yearly figure
    assert aim(retire, settings, Window(MONDAY, D(2027, 12, 31))) is None
    last = aim(retire, settings, Window(D(2036, 1, 1), D(2036, 12, 31)))
    assert last is not None and last.target == 100000  # in 2036 it asks what it says
    assert goal_pace(retire, settings, DailyCounts(), D(2036, 3, 2)) is not None


def test_the_smart_check_asks_a_first_step_not_a_realistic_maximum() -> None:
    history = daily_counts({MONDAY + timedelta(days=d): 300.0 for d in range(0, 40)}, "income")
    today = D(2027, 3, 1)
    alone = check_plan(plan(retire=RETIRE), history, today)["retire"]
    letters = {f.letter: f for f in alone}
    assert "realistic" not in " ".join(f.message for f in alone)
    assert letters["A"].level == "warn" and "No first step yet." in letters["A"].message
    assert letters["A"].fix.startswith('add a goal for 2027 with parent = "retire" asking at least 10,000.00 EUR')
    assert letters["T"].message == "By Wed 31 Dec 2036, 9 years away."
    with_how = check_plan(plan(retire={**RETIRE, "how": "Sponsor two builders a month"}), history, today)
    assert with_how["retire"][2].message.startswith("First step: Sponsor two builders a month.")
    low = check_plan(plan(retire=RETIRE, small={**THIS_YEAR, "target": 8000}), history, today)["retire"][2]
    assert low.level == "warn" and "small asks 8,000.00 EUR a year: below the road." in low.message
    assert low.fix == "set target on small to reach 10,000.00 EUR, or move the vision's deadline later"
    ok = check_plan(plan(retire=RETIRE, **{"income-2027": THIS_YEAR}), history, today)["retire"]
    assert [f.level for f in ok] == ["ok"] * 5


def test_a_one_off_vision_on_a_level_rises_from_where_it_stood() -> None:
    team = {"metric": "downline", "target": 5000, "start": MONDAY, "deadline": D(2036, 12, 31), "why": "A real team"}
    seeds = plan(team=team, **{"team-2027": {**THIS_YEAR, "metric": "downline", "target": 600, "parent": "team"}})
    counts = DailyCounts()
    counts.read([reading(57, MONDAY)])
    found = road(seeds.goals["team"], seeds, counts, D(2027, 2, 1))
    assert found is not None
    # 362 of the 3,650 days from Mon 4 Jan 2027 to Wed 31 Dec 2036 are gone by the end of 2027.
    assert found.share == pytest.approx(57 + (5000 - 57) * 362 / 3650)
    assert (found.made, found.on_road, found.unit) == (57, True, "")
    assert road_summary(found) == (
        "vision, 5,000 by 2036: the road passes 547 in 2027; team-2027 asks 600: on the road"
    )


def test_vision_is_read_and_checked() -> None:
    short = {**RETIRE, "deadline": D(2028, 12, 31)}
    assert not plan(retire=short).goals["retire"].is_vision  # two years out: paced as any goal
    assert plan(retire={**short, "vision": True}).goals["retire"].is_vision
    assert not plan(retire={**RETIRE, "vision": False}).goals["retire"].is_vision
    with pytest.raises(PlanError, match=r"vision = 'yes': write true"):
        plan(retire={**RETIRE, "vision": "yes"})
    with pytest.raises(PlanError, match="a vision needs the day it leads to: add deadline"):
        plan(retire={"metric": "income", "target": 100000, "vision": True})


def test_plan_roads_lists_the_active_visions_only() -> None:
    seeds = plan(retire=RETIRE, **{"income-2027": THIS_YEAR}, gone={**RETIRE, "status": "archived"})
    assert [r.goal.id for r in plan_roads(seeds, DailyCounts(), MONDAY)] == ["retire"]

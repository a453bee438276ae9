"""read_form: the form's rules without a screen, the same as goals.toml's."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from goaltui.model.goals import PlanError
from goaltui.model.plan_parse import parse_plan
from goaltui.store.goalsfile import starter_text
from goaltui.tui.screens.goal_form import changed_fields, goal_values, read_form

PLAN = parse_plan(tomllib.loads(starter_text(date(2026, 11, 23))))


def test_a_good_new_goal_with_a_new_metric() -> None:
    check = read_form(
        {
            "id": "calls-week",
            "title": "Make 50 calls a week",
            "metric": "calls",
            "key": "k",
            "target": "50",
            "stretch": "60",
            "every": "week",
            "start": "2026-11-23",
        },
        PLAN,
        None,
    )
    assert check.errors == {}
    assert check.new_metric == ("calls", "k")
    assert (check.goal.target, check.goal.stretch, check.goal.every) == (50, 60, "week")
    assert "calls" in check.plan.metrics and "calls-week" in check.plan.goals


def test_each_mistake_is_named_at_its_field() -> None:
    check = read_form(
        {
            "id": "daily-leads",
            "metric": "customers",
            "target": "1e400",
            "stretch": "x",
            "start": "2027-01-02",
            "deadline": "2027-01-01",
            "parent": "weekly",
        },
        PLAN,
        None,
    )
    assert set(check.errors) == {"id", "target", "stretch", "deadline", "parent"}
    assert "like weekly-customers" in check.errors["parent"]


def test_editing_reports_only_what_changed() -> None:
    goal = PLAN.goals["daily-leads"]
    values = goal_values(goal) | {"target": "6", "how": ""}
    check = read_form(values, PLAN, goal)
    assert check.errors == {}
    assert changed_fields(goal, check.goal) == {"target": 6, "how": ""}


@pytest.mark.parametrize(
    ("toml", "form", "field"),
    [
        ("target = 10\nstretch = 5", {"target": "10", "stretch": "5"}, "stretch"),
        ("target = -3", {"target": "-3"}, "target"),
        ('every = "fortnight"', {"every": "fortnight"}, "every"),
        ("start = 2027-02-01\ndeadline = 2027-01-01", {"start": "2027-02-01", "deadline": "2027-01-01"}, "deadline"),
        ('parent = "nobody"', {"parent": "nobody"}, "parent"),
    ],
)
def test_the_file_and_the_form_say_the_same(toml: str, form: dict[str, str], field: str) -> None:
    text = starter_text(date(2026, 11, 23)) + f'\n[goals.new-one]\nmetric = "customers"\n{toml}\n'
    with pytest.raises(PlanError) as err:
        parse_plan(tomllib.loads(text))
    check = read_form({"id": "new-one", "metric": "customers", **form}, PLAN, None)
    assert str(err.value).startswith("goal 'new-one': ")
    assert check.errors[field] in str(err.value)


@pytest.mark.parametrize(
    ("fix", "words"),
    [
        ('add metric = "prospects" (or leads or customers)', "fill in Metric: prospects (or leads or customers)"),
        ("add target = 30", "fill in Target: 30"),
        ('title = "Sign 20 new customers by 31 March"', "fill in Title: Sign 20 new customers by 31 March"),
        ('add why = "..." or parent = "q1-customers"', "fill in Why or Parent: q1-customers"),
        ('add every = "week" or deadline = 2026-12-31', "fill in Every: week or Deadline: 2026-12-31"),
        ("set target = 20 and keep 30 as the stretch", "set Target to 20 and keep 30 as the stretch"),
        (
            'add a [metrics.calls] table, then metric = "calls"',
            "type the new metric's name in Metric and give it a New key",
        ),
    ],
)
def test_smart_fixes_in_the_form_name_the_field_to_fill(fix: str, words: str) -> None:
    from goaltui.tui.screens.goal_form import form_fix

    assert form_fix(fix) == words

"""read_form: the form's rules without a screen."""

from __future__ import annotations

import tomllib
from datetime import date

from goaltui.model.goals import parse_plan
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

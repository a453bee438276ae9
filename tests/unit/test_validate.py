"""The one set of goal rules that goals.toml and the goal form share, and what a person types, read."""

from __future__ import annotations

from datetime import date

import pytest

from goaltui.model.entry import read_date, read_number
from goaltui.model.format import singular
from goaltui.model.goal_parse import goal_problems, key_problem, parent_problem
from goaltui.model.goals import Metric
from goaltui.model.keymap import DAILY, RESERVED_KEYS, reserved_keys

METRICS = {"prospects": Metric("prospects", "p"), "customers": Metric("customers", "c")}


@pytest.mark.parametrize(
    ("raw", "field", "words"),
    [
        ({"metric": "sales"}, "metric", "unknown metric 'sales': use one of prospects, customers"),
        (
            {"target": 0},
            "target",
            "target = 0: the target must be a positive number up to 1,000,000,000,000, like target = 30",
        ),
        ({"target": "ten"}, "target", "the target must be a positive number"),
        ({"stretch": float("inf")}, "stretch", "the stretch must be a positive number"),
        ({"target": 10, "stretch": 5}, "stretch", "stretch 5 is below the target 10: make it at least the target"),
        ({"every": "fortnight"}, "every", "every = 'fortnight': use one of day, week, month, quarter, year"),
        ({"start": date(2027, 2, 1), "deadline": date(2027, 1, 1)}, "deadline", "deadline 2027-01-01 is before"),
        ({"deadline": "2027-01-01"}, "deadline", "write a date without quotes"),
        ({"parent": 3}, "parent", "parent must be the id of another goal"),
        ({"status": "paused"}, "status", 'use "active" or "archived"'),
        ({"title": 5}, "title", "title must be text in quotes"),
    ],
)
def test_each_rule_names_its_field(raw: dict, field: str, words: str) -> None:
    problems = goal_problems(raw, METRICS)
    assert list(problems) == [field]
    assert words in problems[field]


def test_a_good_goal_has_no_problems() -> None:
    raw = {"metric": "customers", "target": 3, "stretch": 5, "every": "week", "start": date(2026, 11, 23)}
    assert goal_problems(raw, METRICS) == {}


def test_parents_must_exist_and_never_loop() -> None:
    parents = {"a": None, "b": "a", "c": "b", "weekly-customers": None}
    assert parent_problem("a", None, parents) is None
    assert parent_problem("c", "b", parents) is None
    assert "does not exist: use the id of another goal, like weekly-customers" in (
        parent_problem("a", "weekly", parents) or ""
    )
    assert "(a -> c -> b -> a)" in (parent_problem("a", "c", parents) or "")
    assert "a goal cannot serve itself" in (parent_problem("new", "new", parents) or "")


def test_metric_keys_one_lower_case_character_not_taken_not_reserved() -> None:
    assert key_problem("k", {"p": "prospects"}) is None
    assert "use one lower-case letter" in (key_problem("K", {}) or "")
    assert "use one lower-case letter" in (key_problem("kk", {}) or "")
    assert "digits say how many to count (35p counts 35)" in (key_problem("5", {}) or "")
    assert "already used by metric 'prospects'" in (key_problem("p", {"p": "prospects"}) or "")
    assert "reserved for goals" in (key_problem("g", {}) or "")


def test_reserved_keys_are_the_daily_screens_own() -> None:
    assert RESERVED_KEYS == {"u": "undo", "t": "today", "g": "goals", "r": "review", "h": "history", "q": "quit"}
    assert reserved_keys(DAILY) == RESERVED_KEYS


def test_typed_numbers_and_dates() -> None:
    assert read_number(" 1,250 ") == 1250 and isinstance(read_number("30"), int)
    assert read_number("99.5") == 99.5
    for text, words in (("twenty", "'twenty' is not a number"), ("", "type a number"), ("1e400", "ordinary")):
        with pytest.raises(ValueError, match=words):
            read_number(text)
    assert read_date("2027-03-31") == date(2027, 3, 31)
    with pytest.raises(ValueError, match="write it as YYYY-MM-DD"):
        read_date("31 March")


@pytest.mark.parametrize(
    ("word", "one"),
    [("prospects", "prospect"), ("replies", "reply"), ("boxes", "box"), ("revenue", "revenue"), ("calls", "call")],
)
def test_singular(word: str, one: str) -> None:
    assert singular(word) == one

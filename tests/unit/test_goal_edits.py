"""Edits the goals screen makes to goals.toml: only what changed, comments kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from goaltui.model.goals import is_slug
from goaltui.store import goal_edits as ge
from goaltui.store.goalsfile import GoalsFileError, ensure, load, update

TODAY = date(2026, 11, 23)


@pytest.fixture
def loaded(data_dir: Path):
    path = data_dir / "goals.toml"
    file, _ = ensure(path, TODAY)
    path.write_text(file.text.replace("[goals.weekly-customers]", "# my own note\n[goals.weekly-customers]"))
    return load(path)


def test_create_goal_with_new_metric_keeps_comments(loaded) -> None:
    fields = {
        "title": "20 new customers by 31 March",
        "metric": "calls",
        "target": 20.0,
        "start": TODAY,
        "deadline": date(2027, 3, 31),
        "why": "",
        "parent": None,
    }
    saved = update(loaded, ge.create_goal("q1", fields, metric=("calls", "k")))
    goal = saved.file.plan.goals["q1"]
    assert (goal.metric, goal.target, goal.deadline) == ("calls", 20, date(2027, 3, 31))
    assert saved.file.plan.metrics["calls"].key == "k"
    assert "# my own note" in saved.file.text and "target = 20\n" in saved.file.text
    assert "why" not in saved.file.text.split("[goals.q1]")[1]


def test_create_refuses_an_id_in_use_and_bad_ids(loaded) -> None:
    with pytest.raises(GoalsFileError, match="already in the file"):
        update(loaded, ge.create_goal("daily-leads", {"title": "x"}))
    with pytest.raises(ValueError, match="simple id"):
        ge.create_goal("Not A Slug", {})
    with pytest.raises(GoalsFileError, match="already used"):
        update(loaded, ge.add_metric("calls", "p"))


def test_update_assigns_only_changed_and_removes_blank(loaded) -> None:
    saved = update(loaded, ge.update_goal("daily-leads", {"target": 6.0, "why": ""}))
    text = saved.file.text
    assert "target = 6\n" in text and "Leads turn into customers" not in text
    assert "# my own note" in text


def test_milestones_add_tick_remove_and_status(loaded) -> None:
    saved = update(loaded, ge.add_milestone("weekly-customers", "First 10", date(2026, 12, 31)))
    saved = update(saved.file, ge.add_milestone("weekly-customers", "First 20", None))
    saved = update(saved.file, ge.set_milestone_done("weekly-customers", 0, "First 10", True))
    goal = saved.file.plan.goals["weekly-customers"]
    assert [(m.title, m.done) for m in goal.milestones] == [("First 10", True), ("First 20", False)]
    with pytest.raises(GoalsFileError, match="no longer"):
        update(saved.file, ge.set_milestone_done("weekly-customers", 1, "Changed title", True))
    saved = update(saved.file, ge.remove_milestone("weekly-customers", 0, "First 10"))
    saved = update(saved.file, ge.remove_milestone("weekly-customers", 0, "First 20"))
    assert saved.file.plan.goals["weekly-customers"].milestones == ()
    assert "[[goals.weekly-customers.milestones]]" not in saved.file.text
    saved = update(saved.file, ge.set_status("weekly-customers", "archived"))
    assert saved.file.plan.goals["weekly-customers"].status == "archived"
    saved = update(saved.file, ge.set_status("weekly-customers", "active"))
    assert "status" not in saved.file.text
    assert "# my own note" in saved.file.text


def test_edit_of_a_goal_removed_on_disk_is_refused(loaded) -> None:
    path = loaded.path
    path.write_text(loaded.text.replace("[goals.daily-leads]", "[goals.other-leads]"))
    with pytest.raises(GoalsFileError, match="no longer in the file"):
        update(loaded, ge.update_goal("daily-leads", {"target": 7}))
    assert "other-leads" in path.read_text()


def test_is_slug() -> None:
    assert is_slug("q1-customers") and not is_slug("Q1") and not is_slug("a--b") and not is_slug("")


def test_a_new_field_goes_after_the_last_key_not_after_comments_or_milestones(loaded) -> None:
    saved = update(loaded, ge.add_milestone("weekly-customers", "First 10", None))
    saved = update(saved.file, ge.update_goal("weekly-customers", {"deadline": date(2027, 6, 30), "why": None}))
    saved = update(saved.file, ge.update_goal("daily-leads", {"stretch": None}))
    saved = update(saved.file, ge.update_goal("daily-prospects", {"parent": None}))
    saved = update(saved.file, ge.update_goal("daily-leads", {"deadline": date(2027, 1, 31)}))
    text = saved.file.text
    leads = text.split("[goals.daily-leads]")[1].split("\n\n")[0]
    assert leads.rstrip().endswith("deadline = 2027-01-31")
    weekly = text.split("[goals.weekly-customers]")[1]
    assert weekly.index("deadline = 2027-06-30") < weekly.index("[[goals.weekly-customers.milestones]]")
    assert saved.file.plan.goals["weekly-customers"].milestones[0].title == "First 10"

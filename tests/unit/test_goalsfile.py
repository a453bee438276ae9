"""goals.toml: loading, precise errors, the starter file, safe rewrites."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from goaltui.store import goalsfile, locations
from goaltui.store.goalsfile import GoalsFileError, ensure, load, update
from goaltui.store.goaltables import append_table, goal_table, set_fields

TODAY = date(2026, 11, 23)

GOOD = """\
schema = 1
[metrics.prospects]
key = "p"
funnel = 1
[metrics.customers]
key = "c"
funnel = 3
[goals.a]
title = "Talk to 30 people a day"
metric = "prospects"
target = 30
every = "day"
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_starter_file_loads_with_three_funnel_goals(data_dir: Path) -> None:
    file, created = ensure(data_dir / "goals.toml", TODAY)
    assert created
    plan = file.plan
    assert [m.id for m in plan.funnel()] == ["prospects", "leads", "customers"]
    daily = plan.goals["daily-prospects"]
    assert (daily.target, daily.stretch, daily.every, daily.start) == (30, 50, "day", TODAY)
    assert (plan.goals["daily-leads"].target, plan.goals["daily-leads"].stretch) == (5, 10)
    weekly = plan.goals["weekly-customers"]
    assert (weekly.target, weekly.stretch, weekly.every) == (3, 5, "week")
    assert "# goaltui goals" in file.text
    assert oct((data_dir / "goals.toml").stat().st_mode & 0o777) == "0o600"


def test_ensure_keeps_an_existing_file(data_dir: Path) -> None:
    path = write(data_dir / "goals.toml", GOOD)
    file, created = ensure(path, TODAY)
    assert not created
    assert path.read_text() == GOOD
    assert list(file.plan.goals) == ["a"]


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("schema = 1\n[goals.a]\ntarget = 3o\n", ":3:", "target = 3o"),
        ('schema = 1\n[goals.a]\ntitle = "open\n', ":3:", "illegal character"),
        ("schema = 1\n[goals.a]\n[goals.a]\n", ":3:", "goals.a"),
        ("x = [1,\n", ":", "invalid value"),
    ],
)
def test_syntax_errors_name_line_and_column(data_dir: Path, text: str, where: str, words: str) -> None:
    path = write(data_dir / "goals.toml", text)
    before = path.read_bytes()
    with pytest.raises(GoalsFileError) as err:
        load(path)
    message = str(err.value)
    assert message.startswith(f"{path}{where}")
    assert words.lower() in message.lower()
    assert "\n" not in message
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("goal", "words"),
    [
        ('metric = "sales"', "goal 'a': unknown metric 'sales'"),
        ("target = 0", "goal 'a': target = 0: the target must be a positive number"),
        ("target = -3", "positive number"),
        ('target = "ten"', "positive number"),
        ("target = 10\nstretch = 5", "stretch 5 is below the target 10"),
        ("start = 2026-12-01\ndeadline = 2026-11-01", "deadline 2026-11-01 is before start 2026-12-01"),
        ('parent = "nobody"', "parent 'nobody' does not exist"),
        ('parent = "a"', "parent makes a cycle"),
        ('every = "fortnight"', "every = 'fortnight'"),
        ('deadline = "2027-01-01"', "write a date without quotes"),
        (
            '[[goals.a.changes]]\non = 2026-11-23\nwhat = "targte"',
            "change 1: what = 'targte': use one of target, stretch",
        ),
    ],
)
def test_meaning_errors_name_the_goal(data_dir: Path, goal: str, words: str) -> None:
    path = write(data_dir / "goals.toml", 'schema = 1\n[metrics.prospects]\nkey = "p"\n[goals.a]\n' + goal + "\n")
    before = path.read_bytes()
    with pytest.raises(GoalsFileError) as err:
        load(path)
    assert str(err.value).startswith(f"{path}:4: ")  # the line of [goals.a]
    assert words in str(err.value)
    assert path.read_bytes() == before


def test_two_goal_cycle_and_duplicate_metric_key(data_dir: Path) -> None:
    path = write(data_dir / "goals.toml", '[goals.a]\nparent = "b"\n[goals.b]\nparent = "a"\n')
    with pytest.raises(GoalsFileError, match="cycle"):
        load(path)
    write(path, '[metrics.prospects]\nkey = "p"\n[metrics.pitches]\nkey = "p"\n')
    with pytest.raises(GoalsFileError, match="key 'p' is already used by metric 'prospects'"):
        load(path)


def test_vague_goal_loads_so_the_check_can_name_what_is_missing(data_dir: Path) -> None:
    path = write(data_dir / "goals.toml", '[goals.more]\ntitle = "More sales"\n')
    goal = load(path).plan.goals["more"]
    assert goal.target is None and goal.deadline is None and goal.every is None


def test_update_keeps_comments_and_layout(data_dir: Path) -> None:
    text = GOOD.replace("target = 30\n", "target = 30   # my own note\n") + "# closing words\n"
    path = write(data_dir / "goals.toml", text)
    loaded = load(path)
    saved = update(loaded, lambda doc: set_fields(goal_table(doc, "a"), {"target": 40, "stretch": 60}))
    new = path.read_text()
    assert "target = 40   # my own note" in new
    assert "# closing words" in new
    assert saved.file.plan.goals["a"].target == 40
    assert not saved.merged
    assert new.replace("target = 40", "target = 30").replace("stretch = 60\n", "") == text


def test_update_reapplies_over_an_edit_made_meanwhile(data_dir: Path) -> None:
    path = write(data_dir / "goals.toml", GOOD)
    loaded = load(path)
    write(path, GOOD.replace('title = "Talk to 30 people a day"', 'title = "Edited in my editor"'))
    saved = update(loaded, lambda doc: set_fields(goal_table(doc, "a"), {"target": 35}))
    new = path.read_text()
    assert 'title = "Edited in my editor"' in new and "target = 35" in new
    assert saved.merged


def test_update_that_would_break_the_file_leaves_it_untouched(data_dir: Path) -> None:
    path = write(data_dir / "goals.toml", GOOD)
    before = path.read_bytes()
    loaded = load(path)
    with pytest.raises(GoalsFileError, match="unknown metric"):
        update(loaded, lambda doc: set_fields(goal_table(doc, "a"), {"metric": "nope"}))
    with pytest.raises(GoalsFileError, match="no longer in the file"):
        update(loaded, lambda doc: set_fields(goal_table(doc, "gone"), {"target": 1}))
    assert path.read_bytes() == before


def test_update_follows_symlink_and_keeps_permissions(data_dir: Path, tmp_path: Path) -> None:
    real = write(tmp_path / "real-goals.toml", GOOD)
    os.chmod(real, 0o640)
    link = data_dir / "goals.toml"
    link.symlink_to(real)
    with pytest.raises(GoalsFileError, match="follows it only to the file named in"):
        load(link)  # a link anyone could have put there: not until the user names its file
    config = locations.config_dir()
    config.mkdir(parents=True)
    (config / "config.toml").write_text(f'goals_link = "{real}"\n')
    update(load(link), lambda doc: append_table(goal_table(doc, "a"), "milestones", {"title": "First", "due": TODAY}))
    assert link.is_symlink()
    assert "[[goals.a.milestones]]" in real.read_text()
    assert real.stat().st_mode & 0o777 == 0o640
    assert load(link).plan.goals["a"].milestones[0].title == "First"


def test_failed_write_leaves_file_and_no_temp(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(data_dir / "goals.toml", GOOD)
    before = path.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(goalsfile, "atomic_write", disk_full)
    with pytest.raises(GoalsFileError, match="No space left on device"):
        update(load(path), lambda doc: set_fields(goal_table(doc, "a"), {"target": 31}))
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["goals.toml"]


def test_unreadable_and_non_utf8_files(data_dir: Path) -> None:
    path = data_dir / "goals.toml"
    path.write_bytes(b'schema = 1\ntitle = "\xff"\n')
    with pytest.raises(GoalsFileError, match=r":2: not valid UTF-8"):
        load(path)
    with pytest.raises(GoalsFileError, match="run 'goaltui init'"):
        load(data_dir / "missing.toml")


@pytest.mark.parametrize("name", ["\x85", "a\u2028b", "x\ry"])
def test_a_line_break_quoted_from_the_file_stays_on_the_message_line(name: str) -> None:
    escaped = "".join(f"\\u{ord(c):04x}" for c in name)  # TOML's escapes: the file itself has one line per key
    text = f'schema = 1\n[goals.b]\nmetric = "{escaped}"\n'
    with pytest.raises(GoalsFileError) as caught:
        goalsfile.parse_text(Path("goals.toml"), text)
    assert len(str(caught.value).splitlines()) == 1 and "unknown metric" in str(caught.value)

"""settings.sync_every in goals.toml: how often the app syncs through git."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from goaltui.model.goals import PlanError
from goaltui.model.plan_parse import parse_sync_every
from goaltui.store.goalsfile import GoalsFileError, load


@pytest.mark.parametrize(
    ("text", "every"),
    [
        (None, None),
        ("off", None),
        ("15m", timedelta(minutes=15)),
        ("1h", timedelta(hours=1)),
        ("1h30m", timedelta(minutes=90)),
        (" 2H ", timedelta(hours=2)),
        ("1m", timedelta(minutes=1)),
    ],
)
def test_durations_read(text: str | None, every: timedelta | None) -> None:
    assert parse_sync_every(text) == every


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("15", 'write minutes or hours in quotes, like "15m" or "1h"'),
        ("quarter hour", "write minutes or hours"),
        ("", "write minutes or hours"),
        (15, "write minutes or hours"),
        (True, "write minutes or hours"),
        ("0m", "at most once a minute"),
    ],
)
def test_a_bad_value_is_one_line_saying_what_to_write(value: object, words: str) -> None:
    with pytest.raises(PlanError) as err:
        parse_sync_every(value)
    assert str(err.value).startswith("settings: sync_every = ")
    assert words in str(err.value) and "\n" not in str(err.value)


def test_goals_toml_carries_it_and_names_the_file_when_it_is_wrong(data_dir: Path) -> None:
    path = data_dir / "goals.toml"
    path.write_text('schema = 1\n[settings]\nsync_every = "15m"\n', encoding="utf-8")
    assert load(path).plan.settings.sync_every == timedelta(minutes=15)
    path.write_text("schema = 1\n[settings]\n", encoding="utf-8")
    assert load(path).plan.settings.sync_every is None
    path.write_text('schema = 1\n[settings]\nsync_every = "soon"\n', encoding="utf-8")
    with pytest.raises(GoalsFileError, match=r"goals\.toml: settings: sync_every = 'soon': write minutes or hours"):
        load(path)

"""What goaltui writes stays one locale-free English form in every language: only what is shown changes."""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest

from goaltui import lang
from goaltui.command import run as goaltui
from goaltui.store import sync
from goaltui.store.goalsfile import starter_text

NOW = datetime(2027, 1, 12, 10, 0).astimezone()


def test_the_starter_goals_speak_swedish_with_the_same_keys() -> None:
    """A Swedish user starts with goals in their words; the file's keys, ids and figures are English's.

    The ids stay: a team's folders name the same metrics in every language, so the team's sums add up.
    """
    english = tomllib.loads(starter_text(date(2027, 1, 4)))
    lang.use("sv", "sv_SE")
    text = starter_text(date(2027, 1, 4))
    swedish = tomllib.loads(text)
    assert swedish["metrics"] == english["metrics"]  # prospects, leads, customers; keys p, l, c: they never move
    assert list(swedish["goals"]) == list(english["goals"])
    assert swedish["goals"]["daily-prospects"]["title"] == "Prata med 30 nya personer varje arbetsdag"
    assert swedish["settings"] == english["settings"]
    for ours, theirs in zip(swedish["goals"].values(), english["goals"].values(), strict=True):
        assert ours.keys() == theirs.keys()
        assert {k for k in ours if ours[k] != theirs[k]} == {"title", "why", "how"}
    assert sync._is_unedited_starter(text.encode())  # a first run's file, in any language, is still the seeds
    lang.use()
    assert sync._is_unedited_starter(text.encode())


def test_a_swedish_tap_writes_what_an_english_one_does(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_dir / "goals.toml").write_text(starter_text(date(2027, 1, 4)) + '[metrics.revenue]\nkey = "v"\nunit = "kr"\n')
    assert goaltui(["--lang", "sv", "log", "revenue", "1 234,50"], clock=lambda: NOW) == 0
    assert goaltui(["--lang", "sv", "log", "p", "3"], clock=lambda: NOW) == 0
    out = capsys.readouterr().out
    assert "1\xa0234,50 kr i dag" in out
    lines = [line for path in (data_dir / "taps").rglob("*.toml") for line in path.read_text().splitlines()]
    assert [tomllib.loads(line).popitem()[1] for line in lines if line.startswith('"')] == [
        {"metric": "revenue", "n": 1234.5},
        {"metric": "prospects", "n": 3},
    ]
    assert goaltui(["--lang", "sv", "status", "--json"], clock=lambda: NOW) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["counts"]["revenue"] == 1234.5 and status["counts"]["prospects"] == 3
    assert {goal["status"] for goal in status["goals"]} <= {"done", "ahead", "on pace", "behind", "missed"}


def test_an_unclear_amount_is_asked_about_and_nothing_is_written(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "goals.toml").write_text(starter_text(date(2027, 1, 4)) + '[metrics.revenue]\nkey = "v"\nunit = "kr"\n')
    assert goaltui(["--lang", "sv", "log", "revenue", "1,234"], clock=lambda: NOW) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "skriv 1234 för 1\xa0234 eller 1.234 för 1,234" in err
    assert list(data_dir.rglob("taps/**/*.toml")) == []  # asked, not guessed: nothing counted


def test_csv_and_json_are_the_same_bytes_in_every_language(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_dir / "goals.toml").write_text(starter_text(date(2027, 1, 4)) + '[metrics.revenue]\nkey = "v"\nunit = "kr"\n')
    goaltui(["log", "revenue", "1234.5"], clock=lambda: NOW)
    goaltui(["log", "p", "3"], clock=lambda: NOW)
    capsys.readouterr()
    said = {}
    for code in ("en", "sv"):
        for argv in (["export", "--format", "csv"], ["status", "--json"], ["team", "--json", str(data_dir)]):
            goaltui(["--lang", code, *argv], clock=lambda: NOW)
            said[code, argv[0]] = capsys.readouterr().out
    assert said["sv", "export"] == said["en", "export"] and "weekday" in said["en", "export"]
    assert said["sv", "status"] == said["en", "status"] and '"counts"' in said["en", "status"]
    assert said["sv", "team"] == said["en", "team"] and said["en", "team"].strip()

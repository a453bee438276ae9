"""`goaltui forget NAME`: no byte of the name is left in the data, state and cache folders; the counts stay."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.command import run as main
from goaltui.store import forget
from goaltui.store.goalsfile import starter_text, write_new
from goaltui.store.taplog import TapLog

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 23, 16, 0, tzinfo=CET)
NAME = "Ben Ortiz"


def run(capsys: pytest.CaptureFixture[str], *args: str, now: datetime = NOW) -> tuple[int, str, str]:
    code = main(list(args), clock=lambda: now)
    out, err = capsys.readouterr()
    return code, out, err


def every_byte(*folders: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()]


def holding(needle: str, *folders: Path) -> list[Path]:
    forms = {needle.encode(), needle.lower().encode(), needle.upper().encode()}
    return [path for path, data in every_byte(*folders) if any(form in data for form in forms)]


@pytest.fixture
def lived(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Path:
    """Ben and Ann as prospects and leads, with notes, follow-ups and details, a status line and caches."""
    write_new(data_dir / "goals.toml", starter_text(date(2026, 11, 2)))
    earlier = NOW - timedelta(days=30)
    run(capsys, "log", "p", "--who", NAME, "--note", "met at the fair", now=earlier)
    run(capsys, "log", "p", "--who", "Ann Lee", now=earlier)
    run(capsys, "log", "l", "--who", "ben ortiz")
    run(capsys, "log", "l", "--who", "Ann Lee")
    run(capsys, "log", "p")
    tap = TapLog(data_dir).taps()[2][1]
    TapLog(data_dir).add_note(tap, "call back Thursday", now=NOW)
    run(capsys, "follow", NAME, "fri", "--note", "pricing")
    run(capsys, "touch", NAME, "details", "--company", "Acme", "--email", "ben@example.com")
    run(capsys, "follow", "Ann Lee", "tomorrow")
    run(capsys, "status", "--line")
    run(capsys, "status", "--line", "--format", "{due}")
    run(capsys, "export", "--format", "people")
    assert holding(NAME, data_dir)
    return data_dir


def test_forget_leaves_no_byte_of_the_name_and_keeps_every_count(
    capsys: pytest.CaptureFixture[str], lived: Path, tmp_path: Path
) -> None:
    before = json.loads(run(capsys, "status", "--json")[1])["counts"]
    history = TapLog(lived).read().counts
    code, out, _ = run(capsys, "forget", "BEN ortiz")
    assert code == 0 and out.startswith(
        "forgot Ben Ortiz: 3 taps kept without the name (counts stay), 2 touches removed"
    )
    folders = (lived, tmp_path / "state", tmp_path / "cache", tmp_path / "home")
    for needle in (NAME, "met at the fair", "call back Thursday", "pricing", "Acme", "ben@example.com"):
        assert holding(needle, *folders) == [], needle
    assert json.loads(run(capsys, "status", "--json")[1])["counts"] == before
    assert TapLog(lived).read().counts == history
    people = json.loads(run(capsys, "people", "--json")[1])["people"]
    assert [p["name"] for p in people] == ["Ann Lee"] and people[0]["follow_up"] == "2026-11-24"
    assert [p.stem for p in (lived / "forgotten").iterdir()] == [m.id for m in forget.read_markers(lived)]
    run(capsys, "status", "--line")
    run(capsys, "due")
    assert holding(NAME, *folders) == []  # nothing brings it back


def test_forgetting_a_name_no_one_has_says_so_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], lived: Path
) -> None:
    before = every_byte(lived)
    code, _, err = run(capsys, "forget", "Ben Ortz")
    assert code == 2 and "did you mean 'Ben Ortiz'?" in err
    assert every_byte(lived) == before


def test_the_rule_rewrites_only_what_names_the_person() -> None:
    forgets = forget.matcher([forget.Marker("0" * 16, "ab" * 16, forget.digest("ab" * 16, NAME))])
    taps = (
        b'"2026-11-23T09:00:00.000+01:00" = { metric = "prospects", who = "Ben Ortiz", note = "fair" }\n'
        b'"2026-11-23T09:01:00.000+01:00" = { metric = "prospects", who = "Ann Lee", note = "x" }\n'
        b'"2026-11-23T09:02:00.000+01:00" = { metric = "prospects", n = 0, for = "2026-11-23T09:00:00.000+01:00", '
        b'note = "call Ben" }\n'
        b'"2026-11-23T09:03:00.000+01:00" = { metric = "leads", who'
    )
    new = forget.forget_bytes(taps, "taps/laptop/2026-11.toml", forgets)
    assert new == (
        b'"2026-11-23T09:00:00.000+01:00" = { metric = "prospects" }\n'
        b'"2026-11-23T09:01:00.000+01:00" = { metric = "prospects", who = "Ann Lee", note = "x" }\n'
        b'"2026-11-23T09:02:00.000+01:00" = { metric = "prospects", n = 0, for = "2026-11-23T09:00:00.000+01:00" }\n'
        b'"2026-11-23T09:03:00.000+01:00" = { metric = "leads", who'  # a torn end stays as it is
    )
    whole = taps.rsplit(b"\n", 1)[0] + b"\n"
    rewritten = forget.forget_bytes(whole, "taps/laptop/2026-11.toml", forgets)
    assert forget.only_forgets(whole, rewritten, "taps/laptop/2026-11.toml", forgets)
    assert forget.only_forgets(whole, rewritten + b'"x" = 1\n', "taps/laptop/2026-11.toml", forgets)  # then grew
    changed = rewritten.replace(b'"prospects" }', b'"leads" }', 1)
    assert not forget.only_forgets(whole, changed, "taps/laptop/2026-11.toml", forgets)  # a count changed
    nobody = forget.matcher([forget.Marker("0" * 16, "ab" * 16, forget.digest("ab" * 16, "Someone Else"))])
    assert not forget.only_forgets(whole, rewritten, "taps/laptop/2026-11.toml", nobody)


def test_a_name_given_after_the_tap_is_forgotten_with_every_note_on_that_tap() -> None:
    """The app names a tap with a note line (for = its key, who = the name): the name and the tap's notes go."""
    forgets = forget.matcher([forget.Marker("0" * 16, "ab" * 16, forget.digest("ab" * 16, NAME))])
    taps = (
        b'"2026-11-23T09:00:00.000+01:00" = { metric = "revenue", n = 250, note = "Acme deal" }\n'
        b'"2026-11-23T09:01:00.000+01:00" = { metric = "revenue", n = 0, for = "2026-11-23T09:00:00.000+01:00", '
        b'who = "Ben Ortiz", note = "his pricing" }\n'
        b'"2026-11-23T09:02:00.000+01:00" = { metric = "revenue", n = 0, for = "2026-11-23T09:00:00.000+01:00", '
        b'note = "call Ben back" }\n'
        b'"2026-11-23T09:03:00.000+01:00" = { metric = "revenue", n = 40, note = "Ann" }\n'
    )
    new = forget.forget_bytes(taps, "taps/laptop/2026-11.toml", forgets)
    assert new == (
        b'"2026-11-23T09:00:00.000+01:00" = { metric = "revenue", n = 250 }\n'
        b'"2026-11-23T09:01:00.000+01:00" = { metric = "revenue", n = 0, for = "2026-11-23T09:00:00.000+01:00" }\n'
        b'"2026-11-23T09:02:00.000+01:00" = { metric = "revenue", n = 0, for = "2026-11-23T09:00:00.000+01:00" }\n'
        b'"2026-11-23T09:03:00.000+01:00" = { metric = "revenue", n = 40, note = "Ann" }\n'
    )
    assert forget.only_forgets(taps, new, "taps/laptop/2026-11.toml", forgets)

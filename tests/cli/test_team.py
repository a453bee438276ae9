"""`goaltui team` and the team report: members' folders side by side, one row's error, not a byte written."""

from __future__ import annotations

import builtins
import json
import os
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from goaltui.command import run as main
from goaltui.store.goalsfile import starter_text, write_new
from synthetic import generate_history
from tests.reliability.test_bad_input import goals_files

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=timezone(timedelta(hours=1)))  # a Wednesday


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args), clock=lambda: NOW)
    out, err = capsys.readouterr()
    return code, out, err


def member(root: Path, name: str, *, seed: int, busy: float = 30) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    write_new(folder / "goals.toml", starter_text(date(2026, 10, 26)))
    metrics = {"prospects": (busy, 0), "leads": (busy / 5, 0), "customers": (busy / 30, 0)}
    generate_history(folder, start=date(2026, 10, 26), end=NOW.date(), seed=seed, metrics=metrics)
    return folder


@pytest.fixture
def team(tmp_path: Path) -> list[Path]:
    """Three members: a busy one, a slow one, and one whose goals.toml is broken."""
    root = tmp_path / "team"
    busy, slow = member(root, "anna", seed=1, busy=40), member(root, "ben", seed=2, busy=8)
    broken = member(root, "cleo", seed=3)
    (broken / "goals.toml").write_text("schema = 1\n[goals.x]\ntarget = = 3\n")
    return [busy, slow, broken]


def snapshot(folders: list[Path]) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


def test_each_member_as_their_own_status_says_and_a_broken_folder_is_one_rows_error(
    capsys: pytest.CaptureFixture[str], team: list[Path]
) -> None:
    before = snapshot(team)
    code, out, _ = run(capsys, "team", "--json", *map(str, team))
    assert code == 0
    view = json.loads(out)
    assert view["date"] == "2026-11-25"
    names = [m["name"] for m in view["members"]]
    assert names == ["ben", "anna", "cleo"]  # whoever needs help first; the unreadable folder last
    for entry in view["members"][:2]:
        code, own, _ = run(capsys, "--data-dir", entry["folder"], "status", "--json")
        assert code == 0
        mine = json.loads(own)
        assert entry["error"] is None
        assert (entry["counts"], entry["goals"]) == (mine["counts"], mine["goals"])
    cleo = view["members"][2]
    assert cleo["error"].startswith(f"{team[2] / 'goals.toml'}:3:")
    assert cleo["goals"] == [] and cleo["counts"] is None
    totals = view["totals"]
    assert (totals["members"], totals["errors"]) == (3, 1)
    anna, ben = view["members"][1], view["members"][0]
    assert totals["counts"]["prospects"] == anna["counts"]["prospects"] + ben["counts"]["prospects"]
    assert snapshot(team) == before  # not a byte written, not a file touched


def test_nothing_is_ever_written_in_a_members_folder(
    capsys: pytest.CaptureFixture[str], team: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any attempt to write under the team folder fails loudly: the view still works (as on a read-only copy)."""
    root = str(team[0].parent)
    real_open, real_os_open = builtins.open, os.open

    def guarded(path: object) -> None:
        if str(path).startswith(root):
            raise AssertionError(f"wrote into a member's folder: {path}")

    def open_(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+"):
            guarded(file)
        return real_open(file, mode, *args, **kwargs)

    def os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND):
            guarded(path)
        return real_os_open(path, flags, *args, **kwargs)

    def guarding(real: Callable[..., object]) -> Callable[..., object]:
        def call(path: object, *args: object, **kwargs: object) -> object:
            guarded(path)
            return real(path, *args, **kwargs)

        return call

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(os, "open", os_open)
    for name in ("replace", "rename", "mkdir", "unlink", "utime"):
        monkeypatch.setattr(os, name, guarding(getattr(os, name)))
    assert run(capsys, "team", "--json", *map(str, team))[0] == 0
    assert run(capsys, "team", "--json", *map(str, team))[0] == 0  # warm cache, still nothing written
    code, out, _ = run(capsys, "team", "--json", str(team[0] / "missing"))
    assert code == 0 and "folder not found" in json.loads(out)["members"][0]["error"]


def test_team_add_writes_team_toml_and_team_reads_it(
    capsys: pytest.CaptureFixture[str], team: list[Path], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "team", "add", "Anna Berg", str(team[0]))
    assert code == 0 and "[members.anna-berg]" in out
    run(capsys, "team", "add", "Ben", str(team[1]))
    text = (tmp_path / "config" / "team.toml").read_text()
    assert 'name = "Anna Berg"' in text and f'folder = "{team[1]}"' in text
    code, out, _ = run(capsys, "team", "--json")
    assert code == 0 and {m["name"] for m in json.loads(out)["members"]} == {"Anna Berg", "Ben"}


def test_team_usage_and_a_broken_team_toml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "team", "--json")
    assert code == 2 and "no team yet" in err and err.count("\n") == 1
    code, _, err = run(capsys, "team", "add", "Anna")
    assert code == 2 and "goaltui team add NAME FOLDER" in err
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "team.toml").write_text("[members.anna]\nname = 'Anna'\n")
    code, _, err = run(capsys, "team", "--json")
    assert code == 1 and 'needs folder = "path/to/their/data"' in err and err.count("\n") == 1


def test_the_weekly_team_report(capsys: pytest.CaptureFixture[str], team: list[Path]) -> None:
    for name, folder in zip(("Anna", "Ben", "Cleo"), team, strict=True):
        run(capsys, "team", "add", name, str(folder))
    stale = (NOW - timedelta(days=3)).timestamp()
    for path in team[1].rglob("*.toml"):
        os.utime(path, (stale, stale))
    # the members' folders were written in this run of the suite: anna's and cleo's are fresh
    code, out, _ = run(capsys, "export", "--team", "--format", "md", "--week", "2026-W47")
    assert code == 0
    assert out.startswith("# Team report: week 2026-W47\n")
    assert "## Team funnel" in out and "| Prospects |" in out and "| prospects → leads |" in out
    assert "## Not synced for more than a day\n\n- Ben: last update" in out
    assert "## Could not be read\n\n- Cleo: " in out
    assert "## Anna\n" in out and "## Ben\n" in out and "### Results" in out
    assert "## Cleo\n" not in out
    code, _, err = run(capsys, "export", "--team", "--format", "csv")
    assert code == 2 and "--format md" in err


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=goals_files())
def test_generated_broken_member_folders_never_crash_the_view(text: str, tmp_path_factory) -> None:
    root = tmp_path_factory.mktemp("team")
    good = member(root, "good", seed=4)
    odd = root / "odd"
    odd.mkdir()
    (odd / "goals.toml").write_bytes(text.encode("utf-8", "surrogatepass"))
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["team", "--json", str(good), str(odd)], clock=lambda: NOW)
    assert code == 0
    members = {m["name"]: m for m in json.loads(out.getvalue())["members"]}
    assert members["good"]["error"] is None
    assert members["odd"]["error"] is None or "\n" not in members["odd"]["error"]

"""`goaltui sync init REMOTE` and `goaltui sync`, as a user types them on two devices."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.cli import main
from tests.gitfolders import bare_remote, git, mid_merge, set_identity

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 25, 10, 30, tzinfo=TZ)


@pytest.fixture(autouse=True)
def identity(monkeypatch: pytest.MonkeyPatch) -> None:
    set_identity(monkeypatch)


class Device:
    """A device as the command line sees it: its own data folder and its own state folder (its device id)."""

    def __init__(self, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.data = tmp_path / name
        self.state = tmp_path / f"state-{name}"
        self.capsys = capsys

    def run(self, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
        with monkeypatch.context() as m:
            m.setenv("GOALTUI_DATA_DIR", str(self.data))
            m.setenv("GOALTUI_STATE_DIR", str(self.state))
            code = main(list(args), clock=lambda: NOW)
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def devices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Device, Device]:
    return Device(tmp_path, "laptop", capsys), Device(tmp_path, "desk", capsys)


@pytest.fixture
def synced(devices: tuple[Device, Device], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Device, Device]:
    """Both devices set up on one bare repository, the laptop's starter goals in it."""
    laptop, desk = devices
    remote = bare_remote(tmp_path)
    laptop.run(monkeypatch, "init")
    laptop.run(monkeypatch, "sync", "init", str(remote))
    desk.run(monkeypatch, "sync", "init", str(remote))
    return laptop, desk


def test_two_devices_see_each_others_taps_after_sync(
    devices: tuple[Device, Device], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desk = devices
    remote = bare_remote(tmp_path)
    for _ in range(3):
        laptop.run(monkeypatch, "log", "p")
    code, out, err = laptop.run(monkeypatch, "sync", "init", str(remote))
    assert (code, err) == (0, "")
    assert out == f"{laptop.data} now syncs with {remote}: sent 3 taps and goals.toml\n"
    code, out, _ = desk.run(monkeypatch, "sync", "init", str(remote))
    assert code == 0 and out.endswith("received 3 taps and goals.toml\n")
    desk.run(monkeypatch, "log", "p", "2")
    assert desk.run(monkeypatch, "sync") == (0, "sent 1 tap\n", "")  # one tap, of two prospects
    assert laptop.run(monkeypatch, "sync") == (0, "received 1 tap\n", "")
    for device in devices:
        code, out, _ = device.run(monkeypatch, "status")
        assert "prospects: 5" in out


def test_a_clash_in_goals_toml_is_reported_by_sync_and_by_status(
    synced: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desk = synced
    for device, target in [(laptop, "35"), (desk, "40")]:
        goals = device.data / "goals.toml"
        goals.write_text(goals.read_text().replace("target = 30", f"target = {target}"))
    laptop.run(monkeypatch, "sync")
    code, out, err = desk.run(monkeypatch, "sync")
    assert code == 0 and err == ""
    assert "sent goals.toml; conflict copies kept: goals.sync-conflict-2026-11-25-" in out
    (copy,) = desk.data.glob("goals.sync-conflict-*.toml")
    code, out, err = desk.run(monkeypatch, "status")
    assert code == 0
    assert f"goaltui: warning: {copy}: a sync conflict copy" in err
    assert len(err.splitlines()) == 1


def test_sync_failures_are_one_line_and_exit_1(
    devices: tuple[Device, Device], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, _ = devices
    code, _, err = laptop.run(monkeypatch, "sync")
    assert (
        code == 1
        and err == f"goaltui: sync: {laptop.data} is not set up for sync yet: run 'goaltui sync init REMOTE' first\n"
    )
    code, _, err = laptop.run(monkeypatch, "sync", "init")
    assert code == 2 and err == "goaltui: give the remote to sync with: goaltui sync init REMOTE\n"
    missing = tmp_path / "not-plugged-in.git"
    code, _, err = laptop.run(monkeypatch, "sync", "init", str(missing))
    assert code == 1 and err.startswith(f"goaltui: sync: could not reach {missing} (") and len(err.splitlines()) == 1
    remote = bare_remote(tmp_path)
    laptop.run(monkeypatch, "sync", "init", str(remote))
    with monkeypatch.context() as m:
        m.setenv("PATH", str(tmp_path / "empty"))
        code, _, err = laptop.run(monkeypatch, "sync")
    assert (code, err) == (1, "goaltui: sync: git is not installed (or not on PATH): install git, then sync again\n")


def test_a_merge_the_user_left_in_progress_is_refused(
    synced: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desk = synced
    (laptop.data / "notes.md").write_text("laptop\n")
    git(laptop.data, "add", "notes.md")
    git(laptop.data, "commit", "-qm", "notes")
    laptop.run(monkeypatch, "sync")
    (desk.data / "notes.md").write_text("desk\n")
    git(desk.data, "add", "notes.md")
    git(desk.data, "commit", "-qm", "notes")
    git(desk.data, "pull", "-q", "--no-rebase", check=False)
    assert mid_merge(desk.data)
    code, _, err = desk.run(monkeypatch, "sync")
    assert code == 1 and err.startswith(f"goaltui: sync: a merge is in progress in {desk.data}: finish it")
    assert len(err.splitlines()) == 1 and mid_merge(desk.data)


def test_sync_loads_no_textual(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from goaltui.cli import main\n"
        f"main(['--data-dir', {str(tmp_path / 'd')!r}, 'sync'])\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ, check=True)
    assert done.stdout.strip() == "False"

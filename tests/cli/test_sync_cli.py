"""`goaltui sync init REMOTE` and `goaltui sync`, as a user types them on two devices."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.command import run as main
from goaltui.store import locations
from tests.gitfolders import Pusher, bare_remote, git, mid_merge, set_identity

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 25, 10, 30, tzinfo=TZ)


@pytest.fixture(autouse=True)
def identity(monkeypatch: pytest.MonkeyPatch) -> None:
    set_identity(monkeypatch)


class Device:
    """A device as the command line sees it: its own data folder, state folder (its device id) and machine."""

    def __init__(self, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.data = tmp_path / name
        self.state = tmp_path / f"state-{name}"
        self.capsys = capsys
        self.machine = f"machine-id {name}"

    def run(self, monkeypatch: pytest.MonkeyPatch, *args: str, now: datetime = NOW) -> tuple[int, str, str]:
        with monkeypatch.context() as m:
            m.setenv("GOALTUI_DATA_DIR", str(self.data))
            m.setenv("GOALTUI_STATE_DIR", str(self.state))
            m.setattr(locations, "machine", lambda: self.machine)
            code = main(list(args), clock=lambda: now)
        out, err = self.capsys.readouterr()
        return code, out, err

    @property
    def device(self) -> str:
        return (self.state / "device").read_text().strip()

    def copied_to(self, other: Device) -> None:
        """This device's home folder (data and state) copied onto ``other``'s machine."""
        shutil.copytree(self.data, other.data, symlinks=True)
        shutil.copytree(self.state, other.state, symlinks=True)


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
    for device, target in [(laptop, "35"), (desk, "40")]:
        goals = device.data / "goals.toml"
        goals.write_text(goals.read_text().replace("target = 30", f"target = {target}"))
    laptop.run(monkeypatch, "sync")
    git(desk.data, "commit", "-qam", "my own edit")
    git(desk.data, "pull", "-q", "--no-rebase", check=False)
    assert mid_merge(desk.data)
    code, _, err = desk.run(monkeypatch, "sync")
    assert code == 1 and err.startswith(f"goaltui: sync: a merge is in progress in {desk.data}: finish it")
    assert len(err.splitlines()) == 1 and mid_merge(desk.data)


def test_links_pushed_into_the_remote_never_lead_a_tap_or_status_outside_the_folder(
    synced: tuple[Device, Device], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desk = synced
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("do not append here\n")
    (outside / "secret.toml").write_text('"sk-live-123" = 1\n')
    pusher = Pusher(tmp_path, bare_remote_of(laptop))
    pusher.link(f"taps/{desk.device}/2026-11.toml", outside / "precious.txt")
    pusher.link("taps/evil/2026-11.toml", outside / "secret.toml")
    pusher.push()
    code, out, err = desk.run(monkeypatch, "sync")
    assert (code, out) == (0, "up to date\n")
    links = ", ".join(
        f"{p} (a symbolic link)" for p in sorted([f"taps/{desk.device}/2026-11.toml", "taps/evil/2026-11.toml"])
    )
    assert err == (
        f"goaltui: warning: sync: refused from the remote: {links}; none of it came into this folder, and this "
        "device's version goes back with its push: check who can push to the remote\n"
    )
    assert desk.run(monkeypatch, "log", "p")[0] == 0
    code, out, err = desk.run(monkeypatch, "status")
    assert code == 0 and "prospects: 1" in out and "sk-live" not in out + err
    assert (outside / "precious.txt").read_text() == "do not append here\n"
    assert desk.run(monkeypatch, "sync") == (0, "sent 1 tap\n", "")
    assert laptop.run(monkeypatch, "sync") == (0, "received 1 tap\n", "")


def test_a_home_folder_copied_to_a_new_machine_taps_under_a_new_device_id(
    synced: tuple[Device, Device], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desk = synced
    for _ in range(2):
        laptop.run(monkeypatch, "log", "p")
    laptop.run(monkeypatch, "sync")
    new = Device(tmp_path, "new-laptop", capsys)
    laptop.copied_to(new)
    for _ in range(3):
        assert new.run(monkeypatch, "log", "p")[0] == 0
    laptop.run(monkeypatch, "log", "p")
    assert new.device != laptop.device
    for device in (laptop, new, desk, laptop):
        code, _, err = device.run(monkeypatch, "sync")
        assert (code, err) == (0, "")
    for device in (laptop, new, desk):
        assert "prospects: 6" in device.run(monkeypatch, "status")[1]
        assert list(device.data.rglob("*sync-conflict*")) == []


def test_two_machines_found_writing_as_one_device_at_sync_keep_every_tap_and_part(
    synced: tuple[Device, Device], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desk = synced
    laptop.run(monkeypatch, "log", "p")
    laptop.run(monkeypatch, "sync")
    clone = Device(tmp_path, "clone", capsys)
    laptop.copied_to(clone)
    clone.machine = laptop.machine  # a disk image: not even the machine id tells them apart
    name = laptop.device
    laptop.run(monkeypatch, "log", "p", now=NOW + timedelta(minutes=1))
    clone.run(monkeypatch, "log", "p", "2", now=NOW + timedelta(minutes=2))
    laptop.run(monkeypatch, "sync")
    code, out, err = clone.run(monkeypatch, "sync")
    assert code == 0 and "conflict" not in out
    assert err == (
        f"goaltui: warning: sync: another machine also writes taps as {name}: this one writes as {clone.device} "
        "from now on (every tap stays counted once)\n"
    )
    clone.run(monkeypatch, "log", "p", now=NOW + timedelta(minutes=3))
    assert (clone.data / "taps" / clone.device / "2026-11.toml").exists()
    for device in (clone, laptop, desk):
        assert device.run(monkeypatch, "sync")[::2] == (0, "")  # the laptop keeps its name: the clone parted
    assert laptop.device == name
    for device in (laptop, clone, desk):
        assert "prospects: 5" in device.run(monkeypatch, "status")[1]


def test_sync_init_into_a_data_folder_made_again_keeps_every_tap(
    devices: tuple[Device, Device], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desk = devices
    remote = bare_remote(tmp_path)
    for _ in range(5):
        laptop.run(monkeypatch, "log", "p")
    laptop.run(monkeypatch, "sync", "init", str(remote))
    desk.run(monkeypatch, "sync", "init", str(remote))
    shutil.rmtree(laptop.data)  # the state folder stays: the same device id
    laptop.run(monkeypatch, "log", "p", now=NOW + timedelta(hours=1))
    code, out, err = laptop.run(monkeypatch, "sync", "init", str(remote))
    assert (code, err) == (0, "") and "conflict" not in out
    desk.run(monkeypatch, "sync")
    for device in devices:
        assert "prospects: 6" in device.run(monkeypatch, "status")[1]


def bare_remote_of(device: Device) -> Path:
    return Path(git(device.data, "remote", "get-url", "origin").strip())


def test_sync_loads_no_textual(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from goaltui.command import run as main\n"
        f"main(['--data-dir', {str(tmp_path / 'd')!r}, 'sync'])\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ, check=True)
    assert done.stdout.strip() == "False"

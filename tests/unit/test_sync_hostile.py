"""Sync trusts nothing that comes in: what another device, a stranger with push access or a careless edit left.

Each test pushes something into the bare repository with plain git (tests/gitfolders.Pusher), or
changes a data folder by hand, then syncs and reads what is on disk: nothing outside the data
folder changes, no link or foreign file lands in it, and every tap is counted once on each device.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from goaltui.store import goalsfile, syncscreen
from goaltui.store import sync as gsync
from goaltui.store.taplog import TapLog
from tests.factories import Clock
from tests.gitfolders import Pusher, bare_remote, git, is_clean, mid_merge, push_another_project, set_identity, tree_of
from tests.syncdevices import DAY, Device


@pytest.fixture(autouse=True)
def identity(monkeypatch: pytest.MonkeyPatch) -> None:
    set_identity(monkeypatch)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the data folders, with a secret and a file someone cares about: sync never touches them."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.toml").write_text('"2026-11-25T09:00:00.000+01:00" = { metric = "prospects", n = 7 }\n')
    (folder / "precious.txt").write_text("do not overwrite\n")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def links_in(folder: Path) -> list[Path]:
    return [
        Path(root) / name
        for root, dirs, files in os.walk(folder)
        for name in dirs + files
        if (Path(root) / name).is_symlink()
    ]


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines()


# --------------------------------------------------------------------------- links and paths from the remote


def test_links_from_the_remote_never_reach_the_disk_and_the_remote_is_put_right(
    pair: tuple[Device, Device], tmp_path: Path, remote: Path, outside: Path
) -> None:
    laptop, desk = pair
    before = snapshot(outside)
    pusher = Pusher(tmp_path, remote)
    pusher.link("taps/desk/2026-12.toml", outside / "precious.txt")
    pusher.link("reviews/2026-W49.toml", outside / "precious.txt")
    pusher.link("taps/evil/2026-11.toml", outside / "secret.toml")
    pusher.link("taps/phone", outside)
    pusher.push()
    desk.tap(2)
    result = desk.sync()
    assert result.ok, result.summary
    assert result.summary == "sent 2 taps"  # the links were never counted as taps, nor their removal as sent
    assert result.warnings[0].startswith(
        "refused from the remote: reviews/2026-W49.toml (a symbolic link), taps/desk/2026-12.toml (a symbolic "
        "link), taps/evil/2026-11.toml (a symbolic link) and 1 more; none of it came into this folder"
    )
    assert links_in(desk.data) == [] and os.listdir(desk.data / "taps") == ["desk"]
    assert desk.count() == 2  # the secret's 7 prospects are not counted
    desk.clock.advance(days=10)  # December: the month file the link named
    TapLog(desk.data, device="desk").append("prospects", now=desk.clock())
    assert snapshot(outside) == before
    assert all(mode != "120000" for mode in tree_of(remote).values())  # the desk's push took them out
    assert laptop.sync().refused == []  # what the laptop receives is the desk's merge: nothing to refuse
    assert links_in(laptop.data) == [] and laptop.count() == 2
    assert desk.sync().ok and is_clean(desk.data)


def test_paths_outside_the_folder_submodules_and_foreign_files_are_refused_and_the_taps_come_in(
    pair: tuple[Device, Device], tmp_path: Path, remote: Path
) -> None:
    laptop, desk = pair
    pusher = Pusher(tmp_path, remote)
    pusher.put(".gitattributes", b"*.toml filter=evil\n")
    pusher.put("notes.md", b"hello\n")
    pusher.submodule("taps/sub/2026-11.toml")
    pusher.put("taps/phone/2026-11.toml", b'"2026-11-25T08:00:00.000+01:00" = { metric = "prospects" }\n')
    pusher.put_on_top(b"..", b"x = 1\n", inside=b"evil.toml")
    pusher.push()
    laptop.tap(1)
    result = laptop.sync()
    assert result.ok, result.summary
    assert result.summary == "sent 1 tap; received 1 tap"
    assert result.refused == [
        "../evil.toml (outside the data folder)",
        ".gitattributes (not one of goaltui's files)",
        "notes.md (not one of goaltui's files)",
        "taps/sub/2026-11.toml (a submodule)",
    ]
    assert not (tmp_path / "evil.toml").exists() and not (laptop.data / ".gitattributes").exists()
    assert not (laptop.data / "notes.md").exists() and not (laptop.data / "taps" / "sub").exists()
    assert laptop.count() == 2
    again = laptop.sync()
    assert (again.ok, again.summary, again.refused) == (True, "up to date", [])
    assert set(tree_of(remote)) == {b"goals.toml", b"taps/laptop/2026-11.toml", b"taps/phone/2026-11.toml"}
    assert desk.sync().ok and desk.count() == 2


def test_a_name_that_is_not_utf8_is_refused_and_every_later_sync_works(
    pair: tuple[Device, Device], tmp_path: Path, remote: Path
) -> None:
    _, desk = pair
    pusher = Pusher(tmp_path, remote)
    pusher.put_on_top(b"goals-\xff.sync-conflict-x.toml", b"x = 1\n")
    pusher.put_on_top(b"\x1b[2J.toml", b"x = 1\n")
    pusher.push()
    desk.tap(1)  # a local commit to merge with
    first = desk.sync()
    assert first.ok, first.summary
    assert first.refused == [
        "\\x1b[2J.toml (not one of goaltui's files)",  # shown escaped: no control character reaches a terminal
        "goals-\\xff.sync-conflict-x.toml (a name that is not UTF-8)",
    ]
    assert sorted(os.listdir(desk.data)) == [".git", "goals.toml", "taps"]
    desk.tap(1)
    second = desk.sync()
    assert (second.ok, second.summary) == (True, "sent 1 tap")


def test_a_local_file_with_a_name_that_is_not_utf8_is_left_alone(pair: tuple[Device, Device]) -> None:
    laptop, _ = pair
    with open(os.path.join(os.fsencode(laptop.data), b"notes-\xff.txt"), "wb") as f:
        f.write(b"mine\n")
    laptop.tap(1)
    result = laptop.sync()
    assert (result.ok, result.summary) == (True, "sent 1 tap")


def test_a_name_that_differs_only_in_case_is_refused_where_the_disk_ignores_case(
    pair: tuple[Device, Device], tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desk = pair
    laptop.tap(1)
    laptop.sync()
    desk.sync()
    pusher = Pusher(tmp_path, remote)
    pusher.put("taps/Laptop/2026-11.toml", b'"2026-11-25T08:00:00.000+01:00" = { metric = "prospects" }\n')
    pusher.put("taps/LAPTOP/2026-12.toml", b'"2026-12-01T08:00:00.000+01:00" = { metric = "prospects" }\n')
    pusher.put("taps/phone/2026-11.toml", b'"2026-11-25T08:00:00.000+01:00" = { metric = "prospects" }\n')
    pusher.push()
    monkeypatch.setattr(gsync._Session, "ignores_case", lambda self: True)  # as on macOS: one folder for all three
    result = desk.sync()
    assert result.refused == [
        "taps/LAPTOP/2026-12.toml (its name differs only in case from another)",
        "taps/Laptop/2026-11.toml (its name differs only in case from another)",
    ]
    assert sorted(os.listdir(desk.data / "taps")) == ["laptop", "phone"]
    assert desk.count() == 2


def test_a_file_larger_than_any_of_goaltuis_is_refused(
    pair: tuple[Device, Device], tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, desk = pair
    monkeypatch.setattr(syncscreen, "MAX_FILE", 1000)  # the limit a remote's file is screened against
    pusher = Pusher(tmp_path, remote)
    pusher.put("taps/phone/2026-11.toml", b"#" * 1001 + b"\n")
    pusher.push()
    assert desk.sync().refused == ["taps/phone/2026-11.toml (larger than any file of goaltui's)"]
    assert not (desk.data / "taps" / "phone").exists()


# --------------------------------------------------------------------------- every failure is one line, and passes


def test_a_remote_with_another_history_says_what_to_do_and_syncs_once_it_is_put_back(
    pair: tuple[Device, Device], tmp_path: Path, remote: Path
) -> None:
    laptop, desk = pair
    laptop.tap(1)
    assert laptop.sync().ok
    kept = git(remote, "rev-parse", "main").strip()
    push_another_project(tmp_path, remote)
    desk.tap(1)
    failed = desk.sync()
    assert not failed.ok
    assert failed.summary == (
        f"{remote} holds another history than {desk.data}, and no goaltui folder: check the address with "
        f"'git -C {desk.data} remote -v' (change it with 'git -C {desk.data} remote set-url origin ADDRESS'), "
        "then sync again; your changes are committed here"
    )
    assert not (desk.data / "main.c").exists() and not mid_merge(desk.data)
    git(remote, "update-ref", "refs/heads/main", kept)  # the right history is back
    done = desk.sync()
    assert (done.ok, done.summary) == (True, "sent 1 tap; received 1 tap")


def test_a_remote_made_again_from_another_devices_folder_is_merged_without_losing_a_tap(
    pair: tuple[Device, Device], tmp_path: Path, remote: Path
) -> None:
    laptop, desk = pair
    laptop.tap(3)
    laptop.sync()
    desk.sync()
    desk.tap(2)
    laptop.tap(1)
    # The remote is lost; the desk's folder (without its history) starts a new one.
    shutil.rmtree(remote)
    bare_remote(tmp_path)
    fresh = tmp_path / "fresh"
    shutil.copytree(desk.data, fresh, ignore=shutil.ignore_patterns(".git"))
    git(fresh, "init", "-q", "-b", "main")
    git(fresh, "add", "-A")
    git(fresh, "commit", "-qm", "start again")
    git(fresh, "push", "-q", str(remote), "main")
    result = laptop.sync()
    assert result.ok and result.conflicts == [], result.summary
    assert desk.sync().ok and laptop.sync().ok
    assert laptop.count() == desk.count() == 6


def test_a_stale_index_lock_is_named_and_the_next_sync_sends(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    lock = laptop.data / ".git" / "index.lock"
    lock.write_text("")
    laptop.tap(2)
    failed = laptop.sync()
    assert not failed.ok
    assert failed.summary == (
        f"git's lock file {lock} is in the way: a git command is working in {laptop.data}, or one was stopped "
        "before it finished; if none is running, delete that file, then sync again"
    )
    lock.unlink()
    assert laptop.sync().summary == "sent 2 taps"
    assert desk.sync().received_taps == 2


# --------------------------------------------------------------------------- a tap file only grows


def test_lines_taken_out_of_another_devices_tap_file_are_restored_not_sent(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    desk.tap(5, "leads")
    desk.sync()
    laptop.sync()
    theirs = laptop.data / "taps" / "desk" / "2026-11.toml"
    full = theirs.read_bytes()
    theirs.write_text("\n".join(lines(theirs)[:2]) + '\n"2026-11-25T10:00:00.000+01:00" = { metric = "leads" }\n')
    result = laptop.sync()
    assert result.ok and result.summary.startswith(
        "conflict copies kept: taps/desk/2026-11.sync-conflict-2026-11-25-laptop.toml"
    )
    assert result.restored == ["taps/desk/2026-11.toml"]
    assert result.warnings == [
        "restored taps/desk/2026-11.toml from the last sync: lines were taken out or changed, and a tap file "
        "only grows (any lines added by hand are in a conflict copy beside it)"
    ]
    assert theirs.read_bytes() == full  # as the desk wrote it; the edited version is beside it
    assert len(lines(theirs.with_name("2026-11.sync-conflict-2026-11-25-laptop.toml"))) == 3
    assert desk.sync().ok and desk.count("leads") == laptop.count("leads") == 5


def test_this_devices_own_tap_file_that_lost_lines_keeps_the_ones_it_gained(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    laptop.tap(4)
    laptop.sync()
    own = laptop.data / "taps" / "laptop" / "2026-11.toml"
    own.write_text("\n".join(lines(own)[2:]) + "\n")  # the first two taps cut out (an old backup, a hand edit)
    laptop.tap(1)  # and one more since
    result = laptop.sync()
    assert result.ok and result.restored == ["taps/laptop/2026-11.toml"]
    assert (result.summary, laptop.count()) == ("sent 1 tap", 5)
    desk.sync()
    assert desk.count() == 5


def test_a_deleted_tap_folder_is_restored(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    desk.tap(3)
    desk.sync()
    laptop.sync()
    shutil.rmtree(laptop.data / "taps" / "desk")
    result = laptop.sync()
    assert (result.ok, result.restored, result.summary) == (True, ["taps/desk/2026-11.toml"], "up to date")
    assert laptop.count() == 3


def test_a_remote_that_shrinks_or_deletes_a_tap_file_is_refused_and_put_right(
    pair: tuple[Device, Device], tmp_path: Path, remote: Path
) -> None:
    laptop, desk = pair
    desk.tap(5, "leads")
    laptop.tap(2)
    desk.sync()
    laptop.sync()
    desk.sync()
    pusher = Pusher(tmp_path, remote)
    kept = (desk.data / "taps" / "desk" / "2026-11.toml").read_bytes()
    pusher.put("taps/desk/2026-11.toml", b"\n".join(kept.split(b"\n")[3:]))
    pusher.remove("taps/laptop/2026-11.toml")
    pusher.push()
    result = desk.sync()
    assert (result.ok, result.summary) == (True, "up to date")
    assert result.refused == [
        "taps/desk/2026-11.toml (lines taken out or changed: a tap file only grows)",
        "taps/laptop/2026-11.toml (deleted: goaltui never deletes it)",
    ]
    assert (desk.data / "taps" / "desk" / "2026-11.toml").read_bytes() == kept
    assert git(remote, "show", "main:taps/desk/2026-11.toml").encode() == kept  # sent back
    assert laptop.sync().ok
    assert laptop.count("leads") == desk.count("leads") == 5
    assert laptop.count() == desk.count() == 2


# --------------------------------------------------------------------------- one device name, two machines


def test_two_machines_writing_as_one_device_keep_every_tap(
    pair: tuple[Device, Device], tmp_path: Path, clock: Clock
) -> None:
    laptop, desk = pair
    laptop.tap(2)
    laptop.sync()
    copy = Device(tmp_path, "copy", clock)
    shutil.copytree(laptop.data, copy.data)  # a home folder copied to a new machine: the same device name
    copy.name = "laptop"
    laptop.tap(3)
    copy.tap(4)
    assert laptop.sync().ok
    second = copy.sync()
    assert second.ok and second.conflicts == [] and second.clash, second.summary
    assert laptop.sync().ok and desk.sync().ok
    assert laptop.count() == copy.count() == desk.count() == 9


def test_sync_init_into_a_folder_made_again_merges_its_taps_with_the_remotes(
    tmp_path: Path, remote: Path, clock: Clock
) -> None:
    laptop, desk = Device(tmp_path, "laptop", clock), Device(tmp_path, "desk", clock)
    goalsfile.ensure(laptop.goals, DAY)
    laptop.tap(5)
    assert laptop.init(remote).ok
    assert desk.init(remote).ok
    shutil.rmtree(laptop.data)  # deleted and made again; the state folder (the device name) kept
    goalsfile.ensure(laptop.goals, DAY)
    laptop.tap(1)
    result = laptop.init(remote)
    assert result.ok and result.conflicts == [], result.summary
    assert laptop.count() == 6
    assert desk.sync().ok and desk.count() == 6


# --------------------------------------------------------------------------- what this device sends


def test_a_link_here_in_place_of_goaltuis_file_is_not_sent(pair: tuple[Device, Device], outside: Path) -> None:
    laptop, desk = pair
    reviews = laptop.data / "reviews"
    reviews.mkdir()
    (reviews / "2026-W48.toml").symlink_to(outside / "secret.toml")
    laptop.tap(1)
    result = laptop.sync()
    assert (result.ok, result.summary) == (True, "sent 1 tap")
    assert result.warnings == ["not sent: reviews/2026-W48.toml (a symbolic link): goaltui syncs plain files only"]
    desk.sync()
    assert not (desk.data / "reviews").exists()


def test_links_an_earlier_sync_let_in_are_taken_out_of_git_and_the_folder(
    pair: tuple[Device, Device], outside: Path
) -> None:
    laptop, desk = pair
    before = snapshot(outside)
    folder = desk.data / "taps" / "desk"
    folder.mkdir(parents=True)
    (folder / "2026-11.toml").symlink_to(outside / "precious.txt")  # as a sync before this check left it
    git(desk.data, "add", "taps/desk/2026-11.toml")
    git(desk.data, "commit", "-qm", "an old sync")
    git(desk.data, "push", "-q", "origin", "main")
    result = desk.sync()
    assert result.ok and result.dropped == ["taps/desk/2026-11.toml"]
    assert result.warnings == [
        "took out of sync the links an earlier sync let in: taps/desk/2026-11.toml (what they point to is untouched)"
    ]
    assert links_in(desk.data) == [] and snapshot(outside) == before
    desk.tap(2)  # into a plain file of its own now
    assert desk.sync().summary == "sent 2 taps"
    assert laptop.sync().ok and links_in(laptop.data) == [] and laptop.count() == 2
    assert snapshot(outside) == before


def test_what_git_says_that_sync_did_not_foresee_is_one_line_and_the_next_sync_works(
    pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, _ = pair
    laptop.tap(1)
    real = gsync._Session.status

    def garbled(self: gsync._Session, *, untracked: bool) -> list[tuple[str, str]]:
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(gsync._Session, "status", garbled)
    failed = laptop.sync()
    assert (failed.ok, failed.summary) == (
        False,
        "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte; nothing was lost: sync again, "
        "and if this comes back, report it",
    )
    monkeypatch.setattr(gsync._Session, "status", real)
    assert laptop.sync().summary == "sent 1 tap"


def test_gits_words_in_a_failure_carry_no_control_characters(pair: tuple[Device, Device], tmp_path: Path) -> None:
    laptop, _ = pair
    git(laptop.data, "remote", "set-url", "origin", str(tmp_path / "gone\x1b[2J.git"))  # git repeats it back
    laptop.tap(1)
    failed = laptop.sync()
    assert not failed.ok and "\x1b" not in failed.summary and "gone\\x1b[2J.git" in failed.summary

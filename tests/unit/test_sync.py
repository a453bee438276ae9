"""Sync through git: two devices as two working copies of one bare repository on local disk."""

from __future__ import annotations

import errno
import fcntl
import os
from datetime import date
from pathlib import Path

import pytest

from goaltui.store import goalsfile, locations
from goaltui.store import sync as gsync
from goaltui.store.conflicts import goal_and_review_copies
from goaltui.store.git import reason
from goaltui.store.syncdisk import MARKER
from goaltui.store.syncremote import network_problem
from goaltui.store.syncrules import is_synced_file
from goaltui.store.tracker import Tracker
from tests.factories import Clock
from tests.gitfolders import bare_remote, git, is_clean, mid_merge, push_another_project, set_identity
from tests.syncdevices import DAY, Device


@pytest.fixture(autouse=True)
def identity(monkeypatch: pytest.MonkeyPatch) -> None:
    set_identity(monkeypatch)


def test_alternating_taps_and_syncs_give_exact_counts_on_both(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    laptop.tap(3)
    first = laptop.sync()
    assert (first.ok, first.summary, first.sent_taps) == (True, "sent 3 taps", 3)
    desk.tap(2)
    second = desk.sync()
    assert second.summary == "sent 2 taps; received 3 taps"
    assert (second.received, second.received_taps) == (True, 3)
    laptop.tap(1)
    desk.tap(4)
    assert laptop.sync().summary == "sent 1 tap; received 2 taps"
    assert desk.sync().summary == "sent 4 taps; received 1 tap"
    assert laptop.sync().summary == "received 4 taps"
    assert laptop.count() == desk.count() == 10
    again = desk.sync()
    assert (again.summary, again.received) == ("up to date", False)
    for device in pair:
        assert is_clean(device.data) and not mid_merge(device.data)


def test_a_new_device_gets_the_goals_and_taps_already_there(tmp_path: Path, remote: Path, clock: Clock) -> None:
    laptop = Device(tmp_path, "laptop", clock)
    goalsfile.ensure(laptop.goals, DAY)
    laptop.tap(2)
    first = laptop.init(remote)
    assert first.ok and first.summary.endswith("sent 2 taps and goals.toml")
    desk = Device(tmp_path / "elsewhere", "desk", clock)  # a folder that does not exist yet
    joined = desk.init(remote)
    assert joined.ok and joined.summary.endswith("received 2 taps and goals.toml"), joined.summary
    assert desk.goals.read_bytes() == laptop.goals.read_bytes()
    assert desk.count() == 2
    assert oct(desk.goals.stat().st_mode & 0o777) == "0o600"


def test_joining_with_goals_of_ones_own_keeps_them_as_a_conflict_copy(
    tmp_path: Path, remote: Path, clock: Clock
) -> None:
    laptop, desk = Device(tmp_path, "laptop", clock), Device(tmp_path, "desk", clock)
    goalsfile.ensure(laptop.goals, DAY)
    laptop.init(remote)
    goalsfile.ensure(desk.goals, DAY)
    desk.edit_goals("target = 30", "target = 44")  # the desk's own plan, made before it synced
    desk.tap(1)
    joined = desk.init(remote)
    assert joined.ok
    copy = desk.data / f"goals.sync-conflict-{DAY}-desk.toml"
    assert joined.conflicts == [copy]
    assert "target = 44" in copy.read_text()
    assert desk.goals.read_bytes() == laptop.goals.read_bytes()
    assert "conflict copies kept: goals.sync-conflict-2026-11-25-desk.toml" in joined.summary
    laptop.sync()
    assert laptop.count() == 1 and (laptop.data / copy.name).exists()


def test_an_unedited_starter_file_is_simply_replaced_when_joining(tmp_path: Path, remote: Path, clock: Clock) -> None:
    laptop, desk = Device(tmp_path, "laptop", clock), Device(tmp_path, "desk", clock)
    goalsfile.ensure(laptop.goals, DAY)
    laptop.edit_goals("target = 30", "target = 35")
    laptop.init(remote)
    goalsfile.ensure(desk.goals, date(2026, 11, 30))  # the app was opened once before setting up sync
    joined = desk.init(remote)
    assert joined.ok and joined.conflicts == []
    assert "target = 35" in desk.goals.read_text()


def test_goals_edited_on_two_devices_on_different_lines_are_merged(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    laptop.edit_goals("target = 30", "target = 35")
    desk.edit_goals("target = 3\n", "target = 4\n")
    assert laptop.sync().summary == "sent goals.toml"
    merged = desk.sync()
    assert merged.ok and merged.conflicts == [] and merged.summary == "sent goals.toml; received goals.toml"
    laptop.sync()
    for device in pair:
        text = device.goals.read_text()
        assert "target = 35" in text and "target = 4\n" in text
        assert goal_and_review_copies(device.data) == []
        assert not mid_merge(device.data)


def test_goals_edited_on_the_same_line_keep_both_versions(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    laptop.edit_goals("target = 30", "target = 35")
    desk.edit_goals("target = 30", "target = 40")
    laptop.sync()
    clash = desk.sync()
    copy = desk.data / f"goals.sync-conflict-{DAY}-laptop.toml"  # named after the device whose version it is
    assert clash.ok and clash.conflicts == [copy]
    assert "target = 40" in desk.goals.read_text()  # this device's version stays
    assert "target = 35" in copy.read_text()  # the other one is kept beside it
    assert "conflict copies kept: goals.sync-conflict-2026-11-25-laptop.toml" in clash.summary
    assert not mid_merge(desk.data) and is_clean(desk.data)
    told = laptop.sync()
    assert told.conflicts == [laptop.data / copy.name] and told.received
    assert goal_and_review_copies(laptop.data) == [laptop.data / copy.name]
    tracker = Tracker(laptop.data, device="laptop")
    tracker.load(DAY)
    assert tracker.conflicts == [laptop.data / copy.name]


def test_a_merge_git_makes_that_goaltui_cannot_read_keeps_both_versions(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    calls = '[goals.calls]\ntitle = "Calls"\nmetric = "leads"\ntarget = 2\n\n'
    laptop.edit_goals("[goals.daily-leads]", calls + "[goals.daily-leads]")  # a new goal in the middle
    with desk.goals.open("a") as f:
        f.write('\n[goals.calls]\ntitle = "More calls"\nmetric = "leads"\ntarget = 9\n')  # the same id at the end
    laptop.sync()
    clash = desk.sync()
    assert clash.ok and len(clash.conflicts) == 1
    goalsfile.load(desk.goals)  # still a goals file goaltui reads
    assert 'title = "More calls"' in desk.goals.read_text()
    assert 'title = "Calls"' in clash.conflicts[0].read_text()


def test_reviews_saved_on_two_devices_keep_both(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    for device, note in [(laptop, "calls went well"), (desk, "calls went badly")]:
        (device.data / "reviews").mkdir(exist_ok=True)
        (device.data / "reviews" / "2026-W48.toml").write_text(f'week = "2026-W48"\n[notes]\nwent_well = "{note}"\n')
    assert laptop.sync().summary == "sent reviews/2026-W48.toml"
    clash = desk.sync()
    copy = desk.data / "reviews" / f"2026-W48.sync-conflict-{DAY}-laptop.toml"
    assert clash.conflicts == [copy]
    assert "went badly" in (desk.data / "reviews" / "2026-W48.toml").read_text()
    assert "went well" in copy.read_text()
    assert goal_and_review_copies(desk.data) == [copy]


def test_an_unreachable_remote_loses_nothing_and_the_next_sync_delivers(
    pair: tuple[Device, Device], remote: Path
) -> None:
    laptop, desk = pair
    unplugged = remote.with_name("unplugged.git")
    remote.rename(unplugged)  # the stick is not in
    laptop.tap(2)
    failed = laptop.sync()
    assert not failed.ok
    assert failed.summary.startswith(f"could not reach {remote} (")
    assert failed.summary.endswith("your changes are committed here and go with the next sync")
    assert "\n" not in failed.summary
    assert is_clean(laptop.data)  # the commit waits here
    assert "goaltui sync: laptop" in git(laptop.data, "log", "-1", "--format=%s")
    unplugged.rename(remote)
    assert laptop.sync().summary == "sent 2 taps"
    assert desk.sync().summary == "received 2 taps"
    assert desk.count() == 2


def test_git_missing_is_one_line(pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    laptop, _ = pair
    laptop.tap(1)
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    result = laptop.sync()
    assert (result.ok, result.summary) == (False, "git is not installed (or not on PATH): install git, then sync again")
    assert laptop.count() == 1


def test_a_merge_the_user_left_in_progress_is_refused(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    laptop.edit_goals("target = 30", "target = 35")
    laptop.sync()
    desk.edit_goals("target = 30", "target = 40")
    git(desk.data, "commit", "-qam", "my own change")
    git(desk.data, "fetch", "-q")
    git(desk.data, "merge", "origin/main", check=False)  # conflicts: the user is now mid-merge
    assert mid_merge(desk.data)
    refused = desk.sync()
    assert not refused.ok
    assert refused.summary == (
        f"a merge is in progress in {desk.data}: finish it, or undo it with "
        f"'git -C {desk.data} merge --abort', then sync again"
    )
    assert mid_merge(desk.data)  # left exactly as the user had it
    git(desk.data, "merge", "--abort")
    assert desk.sync().ok


def test_a_detached_head_and_changes_goaltui_does_not_sync_are_refused(pair: tuple[Device, Device]) -> None:
    laptop, _ = pair
    (laptop.data / "notes.md").write_text("mine\n")
    git(laptop.data, "add", "notes.md")
    refused = laptop.sync()
    assert not refused.ok and "changes to files goaltui does not sync (notes.md): undo them" in refused.summary
    git(laptop.data, "commit", "-qm", "notes")
    committed = laptop.sync()  # no device would take it in: it is not sent either
    assert not committed.ok
    assert "has commits with what goaltui does not sync: notes.md (not one of goaltui's files)" in committed.summary
    git(laptop.data, "rm", "-q", "--cached", "notes.md")
    git(laptop.data, "commit", "-qm", "notes stay here")
    assert laptop.sync().ok and (laptop.data / "notes.md").read_text() == "mine\n"
    git(laptop.data, "checkout", "-q", "--detach")
    detached = laptop.sync()
    assert not detached.ok and "detached HEAD" in detached.summary


def test_a_failure_while_merging_never_leaves_the_repository_mid_merge(
    pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desk = pair
    laptop.edit_goals("target = 30", "target = 35")
    laptop.sync()
    desk.edit_goals("target = 30", "target = 40")
    desk.tap(1)

    def disk_full(self: object, rel: str, content: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", rel)

    monkeypatch.setattr(gsync._Session, "write", disk_full)
    failed = desk.sync()
    assert not failed.ok and "No space left on device" in failed.summary
    assert not mid_merge(desk.data) and is_clean(desk.data)
    assert "target = 40" in desk.goals.read_text()  # our edit, committed, still here
    monkeypatch.undo()
    set_identity(monkeypatch)
    assert desk.sync().ok
    laptop.sync()
    assert laptop.count() == 1


def test_an_interrupted_sync_of_its_own_is_undone_and_done_again(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    laptop.edit_goals("target = 30", "target = 35")
    laptop.sync()
    desk.edit_goals("target = 30", "target = 40")
    git(desk.data, "commit", "-qam", "edit")
    git(desk.data, "fetch", "-q")
    git(desk.data, "merge", "--no-commit", "-m", f"{MARKER}: desk merged", "origin/main", check=False)
    assert mid_merge(desk.data)  # as a kill in the middle of a sync would leave it
    done = desk.sync()
    assert done.ok and len(done.conflicts) == 1 and not mid_merge(desk.data)


def test_a_push_the_remote_refused_because_it_moved_is_merged_and_pushed_again(
    pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desk = pair
    real_fetch = gsync._Session.fetch
    calls = []

    def fetch_then_the_desk_pushes(self: gsync._Session, remote: str, *, strict: bool = False) -> str | None:
        found = real_fetch(self, remote, strict=strict)
        calls.append(self.device)
        if self.device == "laptop" and calls.count("laptop") == 1:
            desk.tap(2)
            assert desk.sync().summary == "sent 2 taps"  # lands between the laptop's fetch and its push
        return found

    monkeypatch.setattr(gsync._Session, "fetch", fetch_then_the_desk_pushes)
    laptop.tap(3)
    result = laptop.sync()
    assert result.ok and result.summary == "sent 3 taps; received 2 taps"
    assert calls.count("laptop") == 2
    desk.sync()
    assert laptop.count() == desk.count() == 5


def test_the_lock_is_held_while_merging_and_not_while_fetching(
    pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desk = pair
    desk.tap(1)
    desk.sync()
    held: dict[str, bool] = {}

    def lock_is_held() -> bool:
        fd = os.open(locations.lock_path(laptop.data), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return False
        except BlockingIOError:
            return True
        finally:
            os.close(fd)

    real_fetch, real_merge = gsync._Session.fetch, gsync._Session.merge

    def fetch(self: gsync._Session, remote: str, *, strict: bool = False) -> str | None:
        held["fetch"] = lock_is_held()
        return real_fetch(self, remote, strict=strict)

    def merge(self: gsync._Session, remote: str, branch: str) -> None:
        held["merge"] = lock_is_held()
        real_merge(self, remote, branch)

    monkeypatch.setattr(gsync._Session, "fetch", fetch)
    monkeypatch.setattr(gsync._Session, "merge", merge)
    assert laptop.sync().received_taps == 1
    assert held == {"fetch": False, "merge": True}


def test_a_machine_with_no_git_identity_still_commits(
    tmp_path: Path, remote: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    laptop = Device(tmp_path, "laptop", clock)
    laptop.tap(1)
    assert laptop.init(remote).ok
    assert git(laptop.data, "log", "-1", "--format=%an <%ae>").strip() == "goaltui <laptop@goaltui.invalid>"


def test_init_with_an_unreachable_remote_changes_nothing(tmp_path: Path, clock: Clock) -> None:
    laptop = Device(tmp_path, "laptop", clock)
    laptop.tap(1)
    failed = laptop.init(tmp_path / "no-such-repository")
    assert not failed.ok and failed.summary.endswith("nothing was changed")
    assert not (laptop.data / ".git").exists()
    assert laptop.count() == 1


def test_an_existing_repository_is_used_as_it_is(tmp_path: Path, remote: Path, clock: Clock) -> None:
    laptop = Device(tmp_path, "laptop", clock)
    laptop.data.mkdir()
    git(laptop.data, "init", "-q", "-b", "main")
    (laptop.data / "README.md").write_text("my goals\n")
    git(laptop.data, "add", "README.md")
    git(laptop.data, "commit", "-qm", "mine")
    laptop.tap(1)
    refused = laptop.init(remote)
    assert not refused.ok and "has commits with what goaltui does not sync: README.md" in refused.summary
    git(laptop.data, "rm", "-q", "--cached", "README.md")
    git(laptop.data, "commit", "-qm", "only goaltui's files")
    assert laptop.init(remote).summary == "sent 1 tap"
    assert git(laptop.data, "log", "--format=%s").splitlines()[-1] == "mine"
    other = bare_remote(tmp_path, "other.git")
    refused = laptop.init(other)
    assert not refused.ok and f"already syncs with {remote}" in refused.summary


def test_sync_before_init_says_what_to_do(tmp_path: Path, clock: Clock) -> None:
    laptop = Device(tmp_path, "laptop", clock)
    result = laptop.sync()
    assert not result.ok and result.summary.endswith("is not set up for sync yet: run 'goaltui sync init REMOTE' first")
    assert not gsync.is_set_up(laptop.data)
    assert laptop.init(bare_remote(tmp_path)).ok and gsync.is_set_up(laptop.data)


def test_init_with_no_remote_in_a_plain_folder_is_bad_usage(tmp_path: Path, clock: Clock) -> None:
    with pytest.raises(gsync.NeedsRemote):
        gsync.init(tmp_path / "data", None, "laptop", clock)


def test_a_remote_with_something_else_in_it_is_not_checked_out(tmp_path: Path, remote: Path, clock: Clock) -> None:
    push_another_project(tmp_path, remote)
    laptop = Device(tmp_path, "laptop", clock)
    laptop.tap(1)
    refused = laptop.init(remote)
    assert not refused.ok and "holds no goaltui folder" in refused.summary
    assert not (laptop.data / ".git").exists() and not (laptop.data / "main.c").exists()


@pytest.mark.parametrize(
    ("rel", "synced"),
    [
        ("goals.toml", True),
        ("goals.sync-conflict-2026-11-25-desk.toml", True),
        ("taps/desk/2026-11.toml", True),
        ("reviews/2026-W48.toml", True),
        ("notes.md", False),
        ("goals.toml.bak", False),
        (".goals.toml.123.new", False),
    ],
)
def test_which_files_goaltui_syncs(rel: str, synced: bool) -> None:
    assert is_synced_file(rel) is synced


@pytest.mark.parametrize(
    ("stderr", "said"),
    [
        (
            "fatal: '/media/stick/goals.git' does not appear to be a git repository\n"
            "fatal: Could not read from remote repository.\n\n"
            "Please make sure you have the correct access rights\nand the repository exists.\n",
            "'/media/stick/goals.git' does not appear to be a git repository",
        ),
        (
            "ssh: Could not resolve hostname server: Name or service not known\n"
            "fatal: Could not read from remote repository.\n",
            "ssh: Could not resolve hostname server: Name or service not known",
        ),
        (
            "error: The following untracked working tree files would be overwritten by merge:\n"
            "\tgoals.toml\n\tnotes.md\nPlease move or remove them before you merge.\nAborting\n",
            "The following untracked working tree files would be overwritten by merge: goals.toml, notes.md",
        ),
        ("", "no reason given"),
    ],
)
def test_gits_reason_is_its_telling_line(stderr: str, said: str) -> None:
    assert reason(stderr) == said


@pytest.mark.parametrize(
    ("detail", "start"),
    [
        ("Authentication failed for 'https://host/me/goals.git/'", "host refused the login (Authentication failed"),
        ("could not read Username for 'https://host': terminal prompts disabled", "host refused the login"),
        ("git@host: Permission denied (publickey).", "host refused the login"),
        ("ssh: connect to host host port 22: Connection refused", "could not reach host (ssh: connect"),
    ],
)
def test_a_refused_login_is_told_apart_from_an_unreachable_remote(detail: str, start: str) -> None:
    said = network_problem("host", detail)
    assert said.startswith(start) and said.endswith("then sync again")

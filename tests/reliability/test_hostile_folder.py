"""A data folder or a member's folder that a stranger wrote: links, pipes, devices, huge files, odd values.

Whatever is there, no byte outside the folder is read or written, nothing
hangs, and every tap that was acknowledged still counts.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.command import run as main
from goaltui.store import files, goalsfile, quick
from goaltui.store.reviews import ReviewFileError, load_review
from goaltui.store.taplog import TapLog
from goaltui.store.team import Member, read_member
from goaltui.tui.app import GoalApp
from goaltui.tui.widgets.counter import MetricCounter
from tests.factories import Told, wait_until

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 3, 10, 30, 0, 250_000, tzinfo=TZ)
TODAY = NOW.date()
DEVICE = "test-device"
TAP_LINE = '"2026-12-03T09:00:00.000+01:00" = { metric = "prospects", n = 7 }\n'


def run(capsys: pytest.CaptureFixture[str], *args: str, now: datetime = NOW) -> tuple[int, str, str]:
    code = main(list(args), clock=lambda: now)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def device(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir(exist_ok=True)
    (state / "device").write_text(f"{DEVICE}\n")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file of the user's outside the data folder (a stand-in for ~/.bashrc), holding a tap-shaped line."""
    path = tmp_path / "bashrc"
    path.write_text(TAP_LINE)
    return path


@pytest.fixture
def started(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Path:
    run(capsys, "init")
    assert run(capsys, "log", "p")[0] == 0
    return data_dir


def month_file(data: Path, device: str = DEVICE) -> Path:
    return data / "taps" / device / "2026-12.toml"


def count(capsys: pytest.CaptureFixture[str], data: Path) -> tuple[int, str]:
    code, out, err = run(capsys, "status", "--json")
    assert code == 0, err
    import json

    return json.loads(out)["counts"]["prospects"], err


# --------------------------------------------------------------------------- this device's own file


def test_a_link_planted_as_this_devices_month_file_is_replaced_and_the_tap_kept(
    capsys: pytest.CaptureFixture[str], started: Path, outside: Path
) -> None:
    own = month_file(started)
    kept = own.read_bytes()
    own.unlink()
    own.symlink_to(outside)
    code, out, err = run(capsys, "log", "p", now=NOW + timedelta(seconds=1))
    assert code == 0 and out == "prospects: 1 today\n"
    assert "was a link" in err and "Traceback" not in err
    assert outside.read_text() == TAP_LINE  # not a byte appended out there
    assert not own.is_symlink() and own.read_text().count("\n") == 1
    own.write_bytes(kept + own.read_bytes())  # the earlier tap, as a backup would bring it back
    assert count(capsys, started)[0] == 2


def test_a_linked_device_folder_is_replaced_not_written_through(
    capsys: pytest.CaptureFixture[str], started: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = started / "taps" / DEVICE
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.symlink_to(elsewhere, target_is_directory=True)
    assert run(capsys, "log", "p")[0] == 0
    assert list(elsewhere.iterdir()) == []
    assert folder.is_dir() and not folder.is_symlink()


def test_the_quick_path_never_writes_through_a_link(
    capsys: pytest.CaptureFixture[str], started: Path, outside: Path
) -> None:
    run(capsys, "log", "p", now=NOW + timedelta(seconds=1))  # a full run kept the state the quick path trusts
    own = month_file(started)
    copy = outside.with_name("copy.toml")  # looks the same by every stat: only a link-aware open tells
    copy.write_bytes(own.read_bytes())
    stamp = os.stat(own)
    os.utime(copy, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    own.unlink()
    own.symlink_to(copy)
    now = ("2026-12-03T10:31:00.000+01:00", "2026-12-03")
    assert quick.log(["--data-dir", str(started), "log", "p"], now=now) is None
    assert copy.stat().st_size == stamp.st_size


def test_a_far_future_key_in_the_own_file_neither_stops_a_tap_nor_counts(
    capsys: pytest.CaptureFixture[str], started: Path
) -> None:
    own = month_file(started)
    with own.open("a") as f:
        f.write('"9999-12-31T23:59:59.999+01:00" = { metric = "prospects" }\n')
    code, out, err = run(capsys, "log", "p")
    assert (code, out) == (0, "prospects: 2 today\n"), err
    assert run(capsys, "log", "p", now=NOW + timedelta(seconds=1))[1] == "prospects: 3 today\n"  # the quick way too
    total, err = count(capsys, started)
    assert total == 3 and "out of range" in err


@pytest.mark.parametrize(
    "line",
    [
        '"2026-12-03T09:00:00.000+01:00" = { metric = "prospects", n = 1e308 }',
        '"2026-12-03T09:00:01.000+01:00" = { metric = "prospects", n = -9_000_000_000 }',
        '"2026-12-03T09:00:02.000+01:00" = { metric = "prospects", day = 0001-01-01 }',
        '"1000-12-03T09:00:03.000+01:00" = { metric = "prospects" }',
        '"2027-06-03T09:00:04.000+01:00" = { metric = "prospects" }',
    ],
)
def test_a_value_out_of_range_is_skipped_and_reported(
    capsys: pytest.CaptureFixture[str], started: Path, line: str
) -> None:
    other = month_file(started, "other-device")
    other.parent.mkdir()
    other.write_text(line + "\n" + TAP_LINE.replace("09:00:00", "08:00:00"))
    total, err = count(capsys, started)
    assert total == 1 + 7
    assert "taps/other-device/2026-12.toml:1: skipped" in err
    code, out, _ = run(capsys, "status", "--line")
    assert code == 0 and out.startswith("p 8/30")


# --------------------------------------------------------------------------- what others put in the folder


def test_links_pipes_and_odd_names_among_the_taps_are_skipped_and_reported(
    capsys: pytest.CaptureFixture[str], started: Path, outside: Path, tmp_path: Path
) -> None:
    evil = started / "taps" / "evil"
    evil.mkdir()
    (evil / "2026-12.toml").symlink_to(outside)
    (evil / "2026-11.toml").symlink_to("/dev/zero")
    os.mkfifo(evil / "2026-10.toml")
    (evil / "0000-99.toml").write_text(TAP_LINE)
    far = tmp_path / "far"
    far.mkdir()
    (far / "2026-12.toml").write_text(TAP_LINE)
    (started / "taps" / "linked").symlink_to(far, target_is_directory=True)
    total, err = count(capsys, started)  # a pipe would hang here, /dev/zero would fill the memory
    assert total == 1  # neither the outside file's 7 nor the linked folder's
    assert "taps/evil/2026-12.toml: skipped: it is a link" in err
    assert "taps/evil/2026-11.toml: skipped: it is a link" in err
    assert "taps/evil/2026-10.toml: skipped: it is a pipe (FIFO)" in err
    assert "taps/evil/0000-99.toml: skipped: no month" in err
    assert "taps/linked: skipped: it is a link" in err
    log = TapLog(started, device=DEVICE)
    assert [device for device, _ in log.taps()] == [DEVICE]
    assert log.day_total("prospects", TODAY, TODAY) == 1
    assert log.poll() == [] or all(tap.n == 1 for tap in log.poll())


def test_a_huge_tap_file_is_skipped_unread(capsys: pytest.CaptureFixture[str], started: Path) -> None:
    huge = month_file(started, "other-device")
    huge.parent.mkdir()
    with huge.open("wb") as f:
        f.write(TAP_LINE.encode())
        f.truncate(files.TAP_FILE_LIMIT + 1)  # sparse: no disk used, but more than any month holds
    total, err = count(capsys, started)
    assert total == 1
    assert "taps/other-device/2026-12.toml: skipped: 16.0 MB is more than such a file can hold" in err


def test_a_review_that_is_a_link_is_never_read_or_written_through(started: Path, outside: Path) -> None:
    reviews = started / "reviews"
    reviews.mkdir()
    (reviews / "2026-W49.toml").symlink_to(outside)
    with pytest.raises(ReviewFileError, match="it is a link"):
        load_review(started, "2026-W49")
    files.replace_file(started, "reviews/2026-W49.toml", b"[notes]\n")
    assert outside.read_text() == TAP_LINE
    assert (reviews / "2026-W49.toml").read_text() == "[notes]\n"
    assert load_review(started, "2026-W49") is not None


def test_a_linked_reviews_folder_is_refused(started: Path, tmp_path: Path) -> None:
    far = tmp_path / "far"
    far.mkdir()
    (started / "reviews").symlink_to(far, target_is_directory=True)
    with pytest.raises(files.Refused, match="reviews: skipped: it is a link"):
        files.replace_file(started, "reviews/2026-W49.toml", b"[notes]\n")
    assert list(far.iterdir()) == []


# --------------------------------------------------------------------------- goals.toml


def test_goals_toml_linked_by_someone_else_is_not_followed(
    capsys: pytest.CaptureFixture[str], data_dir: Path, outside: Path
) -> None:
    (data_dir / "goals.toml").symlink_to(outside)
    code, _out, err = run(capsys, "status")
    assert code == 1 and "Traceback" not in err
    assert f'add goals_link = "{outside}"' in err and err.count("\n") == 1
    assert outside.read_text() == TAP_LINE


def test_goals_toml_linked_by_the_user_and_named_in_the_config_is_followed(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    real = tmp_path / "dotfiles" / "goals.toml"
    real.parent.mkdir()
    real.write_text(goalsfile.starter_text(TODAY))
    (data_dir / "goals.toml").symlink_to(real)
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(f'goals_link = "{real}"\n')
    assert run(capsys, "log", "p")[:2] == (0, "prospects: 1 today\n")
    data_dir.joinpath(".git").mkdir()  # now synced with git: the link would travel as a link
    code, _out, err = run(capsys, "check")
    assert code == 1 and "synced with git" in err
    code, _out, err = run(capsys, "status")  # counting goes on with the goals last read good
    assert code == 0 and "synced with git" in err


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "huge"])
def test_a_member_goals_toml_that_is_no_plain_file_is_that_members_error(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "anna"
    (folder / "taps").mkdir(parents=True)
    goals = folder / "goals.toml"
    if kind == "fifo":
        os.mkfifo(goals)
    elif kind == "dev-zero":
        goals.symlink_to("/dev/zero")
    else:
        with goals.open("wb") as f:
            f.truncate(files.GOALS_FILE_LIMIT + 1)
    data = read_member(Member("anna", "Anna", folder))
    expected = {"fifo": "is a pipe (FIFO)", "dev-zero": "is a link", "huge": "more than such a file can hold"}
    assert data.error is not None and expected[kind] in data.error


def test_a_member_goals_toml_link_is_never_followed(tmp_path: Path, outside: Path) -> None:
    folder = tmp_path / "anna"
    folder.mkdir()
    real = tmp_path / "anna-goals.toml"
    real.write_text(goalsfile.starter_text(TODAY))
    (folder / "goals.toml").symlink_to(real)
    data = read_member(Member("anna", "Anna", folder))
    assert data.error is not None and "never follows links in a member's folder" in data.error


# --------------------------------------------------------------------------- ids are plain words


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[metrics.\'a"b\']\nkey = "x"\n', "goals.toml:8: metric id 'a\"b' is not a plain word"),
        ('[metrics."$(touch PWNED)"]\nkey = "x"\n', "goals.toml:8: metric id '$(touch PWNED)' is not a plain word"),
        ('[goals."a b"]\nmetric = "prospects"\n', "goals.toml:8: goal id 'a b' is not a plain word"),
        ('[metrics.rev]\nkey = "v"\nunit = "E\\u001b]0;x\\u0007"\n', "goals.toml:8: metric 'rev': unit must be"),
    ],
)
def test_ids_are_plain_words_and_units_have_no_control_characters(
    capsys: pytest.CaptureFixture[str], data_dir: Path, table: str, message: str
) -> None:
    text = 'schema = 1\n[metrics.prospects]\nkey = "p"\n[metrics.leads]\nkey = "l"\n[goals]\n\n' + table
    (data_dir / "goals.toml").write_text(text)
    code, _out, err = run(capsys, "log", "p")
    assert code == 1 and message in err, err
    assert not (data_dir / "taps").exists()


def test_ids_in_any_alphabet_are_plain_words(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    text = 'schema = 1\n[metrics."försäljning"]\nkey = "f"\n[goals."mål_1"]\nmetric = "försäljning"\ntarget = 3\n'
    (data_dir / "goals.toml").write_text(text + 'every = "day"\nstart = 2026-12-01\n')
    assert run(capsys, "log", "f")[:2] == (0, "försäljning: 1 today\n")


def test_taps_of_a_day_long_ago_stay_readable(data_dir: Path) -> None:
    log = TapLog(data_dir, device=DEVICE)
    log.append("prospects", now=NOW, day=date(1990, 1, 2))
    assert log.read().counts.get(date(1990, 1, 2), "prospects") == 1


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("target = 1e308", "goals.toml:8: goal 'a': target = 1e+308: the target must be a positive number up to"),
        ("start = 0001-01-01", "goals.toml:8: goal 'a': start = 0001-01-01: use a date between 1900 and 9000"),
        ("deadline = 9999-12-31", "goals.toml:8: goal 'a': deadline = 9999-12-31: use a date between 1900 and 9000"),
        (
            "[[goals.a.milestones]]\ntitle = 'x'\ndue = 9999-12-31",
            "goals.toml:8: goal 'a': milestone 1: due = 9999-12-31: use a date",
        ),
    ],
)
def test_goal_values_out_of_range_are_one_error_at_their_goal(
    capsys: pytest.CaptureFixture[str], data_dir: Path, field: str, message: str
) -> None:
    text = 'schema = 1\n[metrics.prospects]\nkey = "p"\n[metrics.leads]\nkey = "l"\n[goals]\n\n'
    (data_dir / "goals.toml").write_text(text + f'[goals.a]\nmetric = "prospects"\nevery = "day"\n{field}\n')
    for command in (["status"], ["check"], ["log", "p"]):
        code, _out, err = run(capsys, *command)
        assert code == 1 and message in err and err.count("\n") == 1, err


async def test_the_app_sets_right_a_link_planted_as_its_month_file_and_says_so(
    data_dir: Path, outside: Path, new_app: Callable[..., GoalApp]
) -> None:
    app = new_app()
    own = TapLog(data_dir, device="test-device").month_path(app.today)
    own.parent.mkdir(parents=True)
    own.symlink_to(outside)
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("p")
        counter = app.screen.query_one("#counter-prospects", MetricCounter)
        assert await wait_until(pilot, lambda: counter.value == "1")
        assert await wait_until(pilot, lambda: any("was a link" in n.message for n in told.notes))
    assert outside.read_text() == TAP_LINE
    assert not own.is_symlink() and 'metric = "prospects"' in own.read_text()

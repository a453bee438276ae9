"""The quick path of `goaltui log` and `status --line`: the same taps and words as the full path, or the full path."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaltui import cli
from goaltui.command import run as main
from goaltui.model.numbers import SURE_N
from goaltui.store import locations, quick, quickstate
from goaltui.store.statusline import line_path, write_line
from goaltui.store.tap import parse_line
from goaltui.store.taplog import TapLog

TZ = timezone(timedelta(hours=1))
WEDNESDAY = datetime(2026, 11, 25, 10, 30, 0, 250_000, tzinfo=TZ)


def run(capsys: pytest.CaptureFixture[str], *args: str, now: datetime = WEDNESDAY) -> tuple[int, str, str]:
    code = main(list(args), clock=lambda: now)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def full_path_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every command that went the full way (argparse, goals.toml, the model), recorded."""
    calls: list[list[str]] = []
    real = cli.full

    def recording(argv: list[str], clock: cli.Clock = cli.system_clock) -> int:
        calls.append(list(argv))
        return real(argv, clock)

    monkeypatch.setattr(cli, "full", recording)
    return calls


@pytest.fixture
def started(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Path:
    run(capsys, "init", now=WEDNESDAY - timedelta(days=2))
    assert run(capsys, "log", "p") == (0, "prospects: 1 today\n", "")  # the full way: it keeps the state
    return data_dir


def lines(data: Path) -> list[str]:
    return (data / "taps" / "test-device" / "2026-11.toml").read_text().splitlines()


@pytest.fixture(autouse=True)
def device(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir(exist_ok=True)
    (state / "device").write_text("test-device\n")


def test_a_tap_after_a_full_run_goes_the_quick_way_and_writes_what_the_full_path_writes(
    capsys: pytest.CaptureFixture[str], started: Path, full_path_calls: list[list[str]]
) -> None:
    later = WEDNESDAY + timedelta(minutes=1)
    assert run(capsys, "log", "p", now=later) == (0, "prospects: 2 today\n", "")
    assert run(capsys, "log", "leads", "3", now=later + timedelta(seconds=1)) == (0, "leads: 3 today\n", "")
    assert full_path_calls == []
    written = lines(started)[-2:]
    assert written == ['"2026-11-25T10:31:00.250+01:00" = { metric = "prospects" }', written[1]]
    assert parse_line(written[1]).metric == "leads" and parse_line(written[1]).n == 3
    counts = TapLog(started).read().counts
    assert (counts.get(WEDNESDAY.date(), "prospects"), counts.get(WEDNESDAY.date(), "leads")) == (2, 3)
    # The status line was rewritten after the tap, and a prompt reads it the quick way too.
    assert line_path(started).read_text().startswith("p 2/30 ● on pace · l 3/5")
    assert run(capsys, "status", "--line")[1].startswith("p 2/30")
    assert full_path_calls == []


def test_the_same_moment_twice_gets_a_key_one_millisecond_later(
    capsys: pytest.CaptureFixture[str], started: Path, full_path_calls: list[list[str]]
) -> None:
    assert run(capsys, "log", "p")[1] == "prospects: 2 today\n"
    assert full_path_calls == []
    keys = [line.split('"')[1] for line in lines(started)]
    assert keys == ["2026-11-25T10:30:00.250+01:00", "2026-11-25T10:30:00.251+01:00"]


def test_a_key_moved_past_midnight_still_counts_for_today(
    capsys: pytest.CaptureFixture[str], data_dir: Path, full_path_calls: list[list[str]]
) -> None:
    late = WEDNESDAY.replace(hour=23, minute=59, second=59, microsecond=999_000)
    run(capsys, "init", now=late - timedelta(days=2))
    run(capsys, "log", "p", now=late)
    assert run(capsys, "log", "p", now=late)[1] == "prospects: 2 today\n"
    assert len(full_path_calls) == 2  # init and the first tap
    assert lines(data_dir)[-1] == '"2026-11-26T00:00:00.000+01:00" = { metric = "prospects", day = 2026-11-25 }'
    assert TapLog(data_dir).read().counts.get(late.date(), "prospects") == 2


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda data: (data / "goals.toml").write_text((data / "goals.toml").read_text() + "\n"), "goals edited"),
        (lambda data: _other_device(data), "a tap synced from another device"),
        (lambda data: _append(data, '"2026-11-25T10:29:00.000+01:00" = { metric = "prospects" }\n'), "by hand"),
    ],
)
def test_after_any_change_the_full_path_counts_again(
    capsys: pytest.CaptureFixture[str], started: Path, full_path_calls: list[list[str]], change, why: str
) -> None:
    change(started)
    code, out, _ = run(capsys, "log", "p", now=WEDNESDAY + timedelta(minutes=1))
    assert code == 0 and full_path_calls == [["log", "p"]], why
    expected = {"goals edited": 2, "a tap synced from another device": 3, "by hand": 3}[why]
    assert out == f"prospects: {expected} today\n"


def _other_device(data: Path) -> None:
    folder = data / "taps" / "phone"
    folder.mkdir()
    (folder / "2026-11.toml").write_text('"2026-11-25T09:00:00.000+01:00" = { metric = "prospects" }\n')


def _append(data: Path, text: str) -> None:
    with (data / "taps" / "test-device" / "2026-11.toml").open("a") as f:
        f.write(text)


@pytest.mark.parametrize(
    "args",
    [
        ("log", "pro"),  # a prefix of an id
        ("log", "p", "-1"),  # taking back: the full path checks the day's total
        ("log", "p", "2.5"),
        ("log", "p", "0"),
        ("log", "p", "--date", "yesterday"),
        ("log", "p", "--note", "Ann"),
        ("log", "x"),  # unknown: the full path says what there is
    ],
)
def test_what_the_quick_path_does_not_do_goes_the_full_way(
    capsys: pytest.CaptureFixture[str], started: Path, full_path_calls: list[list[str]], args: tuple[str, ...]
) -> None:
    before = lines(started)
    code, _, err = run(capsys, *args, now=WEDNESDAY + timedelta(minutes=1))
    assert full_path_calls == [list(args)]
    if args[1] == "x":
        assert code == 2 and "unknown metric 'x'" in err and lines(started) == before
    elif args[2:] in (("2.5",), ("0",)):
        assert code == 2 and lines(started) == before
    else:
        assert code == 0 and len(lines(started)) == len(before) + 1


def test_a_new_day_a_torn_line_or_an_app_tap_goes_the_full_way(
    capsys: pytest.CaptureFixture[str], started: Path, full_path_calls: list[list[str]]
) -> None:
    assert run(capsys, "log", "p", now=WEDNESDAY + timedelta(days=1))[1] == "prospects: 1 today\n"
    assert len(full_path_calls) == 1
    _append(started, '"2026-11-26T11:00:00.000+01:00" = { metric = "prosp')  # a crash mid-write
    assert run(capsys, "log", "p", now=WEDNESDAY + timedelta(days=1, hours=2))[1] == "prospects: 2 today\n"
    assert len(full_path_calls) == 2 and lines(started)[-2].endswith("prosp")  # ended, never deleted
    # The app keeps the line but no totals (its stamp can be ahead of its counts).
    write_line(started, "from the app", WEDNESDAY.date() + timedelta(days=1), quickstate.data_stamp(str(started)))
    run(capsys, "log", "p", now=WEDNESDAY + timedelta(days=1, hours=3))
    assert len(full_path_calls) == 3


def test_a_state_kept_under_other_folders_is_not_trusted(
    capsys: pytest.CaptureFixture[str], started: Path, full_path_calls: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", "/elsewhere")  # what platformdirs would read without GOALTUI_STATE_DIR
    run(capsys, "log", "p", now=WEDNESDAY + timedelta(minutes=1))
    assert len(full_path_calls) == 1


def test_a_refresh_that_started_before_a_newer_tap_keeps_the_newer_state(
    capsys: pytest.CaptureFixture[str], started: Path
) -> None:
    key = locations.data_key(started)
    kept = quickstate.read_state(str(locations.state_dir()), key)
    assert kept is not None and kept.counts is not None
    stale = "an older stamp"
    assert not write_line(started, "older", WEDNESDAY.date(), stale, replacing=stale)
    again = quickstate.read_state(str(locations.state_dir()), key)
    assert again is not None and again.counts == kept.counts
    assert write_line(started, "newer", WEDNESDAY.date(), kept.counts, replacing=kept.counts)
    assert line_path(started).read_text() == "newer\n"


@pytest.mark.parametrize("xdg", [None, "", "  ", "/custom", "relative/path"])
@pytest.mark.parametrize("home", ["/home/someone", "relative-home"])
def test_the_folders_are_where_platformdirs_puts_them(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str
) -> None:
    import platformdirs

    monkeypatch.setenv("HOME", home)
    for var in ("GOALTUI_DATA_DIR", "GOALTUI_STATE_DIR", "GOALTUI_CONFIG_DIR", "GOALTUI_CACHE_DIR"):
        monkeypatch.delenv(var, raising=False)
    for kind, (var, _) in quickstate.XDG.items():
        if xdg is None:
            monkeypatch.delenv(var, raising=False)
        else:
            monkeypatch.setenv(var, xdg if not xdg.startswith("/") else f"{xdg}/{kind}")
    for kind in quickstate.XDG:
        ours = getattr(locations, f"{kind}_dir")()
        assert ours == getattr(platformdirs, f"user_{kind}_path")("goaltui"), kind
        known = quickstate.user_dir(kind)
        assert known is None or Path(known) == ours, kind  # the quick rule, where it answers, is platformdirs'
    if sys.platform.startswith("linux") and home.startswith("/") and xdg in (None, "", "/custom"):
        assert None not in (
            quickstate.folder_of("data"),
            quickstate.folder_of("state"),
        )  # the usual set-ups need no platformdirs


def test_the_command_loads_almost_nothing_for_a_tap_and_refreshes_the_line_after(data_dir: Path) -> None:
    """The console script's own process: what it imports, and the status line its child writes."""
    env = dict(os.environ, GOALTUI_NOW=WEDNESDAY.isoformat())
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-X", "importtime", "-m", "goaltui", "log", "p"]
    subprocess.run([sys.executable, "-m", "goaltui", "init"], env=env, check=True, capture_output=True)
    subprocess.run(command, env=env, check=True, capture_output=True)  # the full way: it keeps the state
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    assert done.stdout == "prospects: 2 today\n"
    loaded = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "goaltui.store.quick" in loaded
    heavy = {"argparse", "dataclasses", "json", "pathlib", "platformdirs", "re", "tomllib", "typing", "textual"}
    assert loaded & heavy == set()
    deadline = time.monotonic() + 30
    path = line_path(data_dir)
    while time.monotonic() < deadline and not (path.exists() and path.read_text().startswith("p 2/30")):
        time.sleep(0.02)
    assert path.read_text().startswith("p 2/30")
    line = subprocess.run([sys.executable, "-m", "goaltui", "status", "--line"], env=env, capture_output=True)
    assert line.stdout.decode().startswith("p 2/30")


WORD = st.text(
    alphabet=st.one_of(st.characters(categories=["Lu", "Ll", "Lo", "Nd"]), st.sampled_from("-_")),
    min_size=1,
    max_size=24,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(metric=WORD, n=st.integers(1, SURE_N), later=st.integers(0, 90_000_000))
def test_the_quick_and_the_full_path_write_the_same_bytes(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    metric: str,
    n: int,
    later: int,
) -> None:
    """Any metric goals.toml accepts, any count, the same moment, a key bumped or moved past midnight: one line."""
    second = WEDNESDAY + timedelta(milliseconds=later)  # 0: the same moment, bumped 1 ms; up to the next day
    written = []
    for quick_way in (True, False):
        data = Path(tempfile.mkdtemp(dir=tmp_path))
        (data / "goals.toml").write_text(f'schema = 1\n[metrics."{metric}"]\nkey = "x"\n')
        assert run(capsys, "--data-dir", str(data), "log", "x", now=WEDNESDAY)[0] == 0
        taken: list[quick.Logged | None] = []
        with monkeypatch.context() as patch:
            patch.setattr(quick, "log", _recorded(quick.log, taken, quick_way))
            code, _out, err = run(capsys, "--data-dir", str(data), "log", "x", str(n), now=second)
        assert (code, err) == (0, "")
        if quick_way and second.date() == WEDNESDAY.date():
            assert taken[0] is not None  # it did go the quick way
        written.append((data / "taps" / "test-device" / "2026-11.toml").read_bytes())
    assert written[0] == written[1]
    last = written[0].decode().splitlines()[-1]
    assert parse_line(last).metric == metric and parse_line(last).n == n


def _recorded(
    real: Callable[..., quick.Logged | None], taken: list[quick.Logged | None], on: bool
) -> Callable[..., Any]:
    """quick.log that records what it did, or (not ``on``) declines every tap, so the full path writes it."""

    def log(argv: list[str], now: tuple[str, str] | None = None) -> quick.Logged | None:
        taken.append(real(argv, now) if on else None)
        return taken[-1]

    return log

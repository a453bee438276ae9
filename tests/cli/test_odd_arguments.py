"""Every command, given odd arguments, says one line and never a traceback; a refused command changes nothing."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.cli import status as cli_status
from goaltui.command import run as main

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 3, 10, 30, 0, tzinfo=TZ)
BAD_BYTES = os.fsdecode(b"\xff\xfe")  # invalid UTF-8, as the shell hands it over (surrogates)

ODD = [
    "",
    "\x1b[2J",
    "\x00",
    BAD_BYTES,
    "²",
    "-0",
    "--",
    "-99999999",
    "99999999999999999999",
    "1e308",
    "nan",
    "0001-01-01",
    "9999-12-31",
    "9999-W52",
    "0001-W01",
    "{date:%Y}",
    "{p:>99999999}",
    " ",
]

COMMANDS = [
    ["log", "{}"],
    ["log", "p", "{}"],
    ["log", "p", "--date", "{}"],
    ["log", "p", "--note", "{}"],
    ["log", "{}", "--", "1"],
    ["status", "--format", "{}"],
    ["status", "{}"],
    ["check", "{}"],
    ["init", "{}"],
    ["review", "--week", "{}"],
    ["export", "--format", "{}"],
    ["export", "--format", "csv", "--from", "{}"],
    ["export", "--format", "csv", "--to", "{}"],
    ["export", "--format", "taps", "--from", "{}"],
    ["export", "--team", "--format", "md", "--week", "{}"],
    ["team", "--json", "{}"],
    ["remind", "{}"],
    ["themes", "{}"],
    ["sync", "{}"],
    ["serve", "--port", "{}"],
    ["serve", "--host", "{}"],
    ["--theme", "{}"],
    ["--data-dir", "{}", "status", "--bogus"],
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def started(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["log", "p"], clock=lambda: NOW) == 0
    capsys.readouterr()
    return data_dir


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_odd_arguments_give_one_line_and_change_nothing(
    started: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    opened: list[str] = []

    def run_app(**kw: object) -> int:
        opened.append("app")
        return 0

    def serve(*a: object, **kw: object) -> None:
        opened.append("serve")

    monkeypatch.setattr("goaltui.tui.app.run", run_app)
    monkeypatch.setattr("goaltui.serve.server.serve", serve)
    for odd in ODD:
        before = snapshot(started)
        argv = [part.replace("{}", odd) for part in command]
        try:
            code = main(argv, clock=lambda: NOW)
        except SystemExit as exit:  # argparse's own usage errors
            code = int(exit.code or 0)
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err, argv
        assert code != 70, (argv, err)  # none of these is a bug
        assert len(out) < 100_000, argv
        if code == 2:
            assert snapshot(started) == before, argv  # refused: nothing in the data folder changed
            assert err.strip(), argv


def test_an_unexpected_error_is_one_line_exit_70_and_the_traceback_in_a_file(
    started: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(*args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli_status, "run", broken)
    assert main(["status"], clock=lambda: NOW) == 70
    out, err = capsys.readouterr()
    crash = tmp_path / "state" / "crash.txt"
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert "unexpected error (RuntimeError: a bug)" in err and str(crash) in err
    assert "Traceback" in crash.read_text() and "a bug" in crash.read_text()


def test_a_count_far_above_the_best_day_needs_force(started: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "p", "100000"], clock=lambda: NOW) == 2
    assert "add --force if you really mean 100,000" in capsys.readouterr().err
    assert main(["log", "p", "10"], clock=lambda: NOW) == 0  # a handful is taken as typed
    assert main(["log", "p", "101"], clock=lambda: NOW) == 0  # within ten times the best day (11)
    assert main(["log", "p", "100000", "--force"], clock=lambda: NOW) == 0
    assert "prospects: 100,112 today" in capsys.readouterr().out

"""Kill -9 at random moments, and several writers at once: no acknowledged tap is ever lost."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

from goaltui.store.taplog import TapLog
from goaltui.tui.app import make_app
from tests.reliability.kill import run_and_kill, span

HERE = Path(__file__).resolve().parent
NOW = "2026-11-23T10:00:00+01:00"  # every process counts on the same pinned day, whatever today is
TODAY = date(2026, 11, 23)


def pinned_env() -> dict[str, str]:
    return {**os.environ, "GOALTUI_NOW": NOW}


def on_disk(data: Path, metric: str) -> tuple[float, list[str]]:
    result = TapLog(data, device="reader").read()
    total = sum(n.get(metric, 0) for _, n in result.counts.items())
    return total, result.problems


def init(data: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "goaltui", "--data-dir", str(data), "init"],
        check=True,
        capture_output=True,
        env=pinned_env(),
    )


def test_killing_goaltui_log_never_loses_an_acknowledged_tap(data_dir: Path) -> None:
    rng = random.Random(7)
    init(data_dir)
    cmd = [sys.executable, "-m", "goaltui", "--data-dir", str(data_dir), "log", "p"]
    env = pinned_env()
    acknowledged = started = killed = 0
    for round_ in range(150):
        if round_ % 30 == 0:  # measure again now and then: the machine's load may change under the test
            outs, seconds = span(cmd, env)
            started += len(outs)
            acknowledged += sum(out.startswith("prospects: ") for out in outs)
        # Kill moments spread over twice a whole run: about half end first, half are cut off.
        out, ended = run_and_kill(cmd, rng.uniform(0.0, 2.0) * seconds, env)
        started += 1
        killed += not ended
        if out.startswith("prospects: "):  # printed only once the tap is on disk
            acknowledged += 1
    total, problems = on_disk(data_dir, "prospects")
    assert acknowledged <= total <= started
    assert all("skipped" in p for p in problems)  # at most torn lines, reported
    assert acknowledged > 20  # the loop really exercised both outcomes
    assert killed > 20


def driver_span(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """One full run of the app driver: seconds until its app had started, and until it was done."""
    begun = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    started = done = 0.0
    for line in proc.stdout:
        if line.startswith("started"):
            started = time.monotonic() - begun
        elif line.startswith("done"):
            done = time.monotonic() - begun
    assert proc.wait(timeout=60) == 0 and 0 < started < done
    return started, done


def test_killing_the_app_never_loses_a_tap_it_showed(data_dir: Path) -> None:
    rng = random.Random(11)
    init(data_dir)
    env = pinned_env()
    cmd = [sys.executable, str(HERE / "app_driver.py"), str(data_dir), "p", "40"]
    started, done = driver_span(cmd, env)
    cut_while_tapping = 0
    for _ in range(20):
        # Mostly while taps are being written; some die just before the first frame, some finish.
        out, ended = run_and_kill(cmd, rng.uniform(0.8 * started, done), env)
        shown = [line.split()[1] for line in out.splitlines() if line.startswith("shown ")]
        total, _ = on_disk(data_dir, "prospects")
        if shown:
            assert total >= float(shown[-1].replace(",", ""))
            cut_while_tapping += not ended
    assert cut_while_tapping > 3  # the kills really landed while the app was saving taps
    app = make_app(data_dir, clock=lambda: datetime.fromisoformat(NOW), poll_interval=0)
    assert app.tracker.plan.goals  # the app starts normally afterwards
    total, problems = on_disk(data_dir, "prospects")
    assert total >= 40
    assert all("skipped" in p for p in problems)


def test_app_taking_keys_while_two_loggers_write(data_dir: Path) -> None:
    init(data_dir)
    logger = (
        "import sys, contextlib, io\n"
        "from goaltui.command import run as main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    for _ in range(300):\n"
        "        assert main(['--data-dir', sys.argv[1], 'log', sys.argv[2]]) == 0\n"
    )
    env = pinned_env()
    loggers = [subprocess.Popen([sys.executable, "-c", logger, str(data_dir), m], env=env) for m in ("l", "c")]
    app = subprocess.run(
        [sys.executable, str(HERE / "app_driver.py"), str(data_dir), "p", "150"],
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
        env=env,
    )
    assert all(p.wait(timeout=240) == 0 for p in loggers)
    assert app.stdout.splitlines()[-2] == "shown 150"
    for metric, expected in (("prospects", 150), ("leads", 300), ("customers", 300)):
        assert on_disk(data_dir, metric)[0] == expected, metric

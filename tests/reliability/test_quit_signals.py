"""Told to stop while taps wait for a full disk: they are kept, and the next goaltui log writes them, once."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goaltui.store.spill import spill_path, waiting
from tests.factories import WAIT, tap_lines

HERE = Path(__file__).resolve().parent
NOW = "2026-11-23T10:00:00+01:00"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_keeps_the_waiting_taps_for_the_next_goaltui_log(data_dir: Path, sig: signal.Signals) -> None:
    env = {**os.environ, "GOALTUI_NOW": NOW}
    goaltui = [sys.executable, "-m", "goaltui", "--data-dir", str(data_dir)]
    subprocess.run([*goaltui, "init"], check=True, capture_output=True, env=env)
    # A full run leaves the state the quick path needs: the next tap could go the quick way, past the kept taps.
    subprocess.run([*goaltui, "log", "c"], check=True, capture_output=True, env=env)
    app = subprocess.Popen(
        [sys.executable, str(HERE / "full_disk_app.py"), str(data_dir), "ppl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert app.stdout is not None
    assert app.stdout.readline().strip() == "waiting 3"
    app.send_signal(sig)
    assert app.wait(timeout=WAIT) == 128 + sig
    assert len(tap_lines(data_dir)) == 1
    assert waiting(data_dir) == 3

    logged = subprocess.run([*goaltui, "log", "c"], capture_output=True, text=True, env=env)
    assert logged.returncode == 0, logged.stderr
    assert "3 taps the app kept aside when it ended: in the tap log now" in logged.stderr
    lines = tap_lines(data_dir)
    assert len(lines) == 5
    assert sum('metric = "prospects"' in line for line in lines) == 2
    assert 'metric = "customers"' in lines[-1]  # the kept taps first, in the order pressed
    assert not spill_path(data_dir).exists()
    again = subprocess.run([*goaltui, "status"], capture_output=True, text=True, env=env)
    assert "prospects: 2  leads: 1  customers: 2" in again.stdout
    assert len(tap_lines(data_dir)) == 5  # once


def test_a_closed_terminal_ends_the_app_at_once(data_dir: Path) -> None:
    """The terminal closes (an SSH link drops, a tmux session is killed) right after the first frame: SIGHUP.

    Textual's driver, stopping its writer thread on a terminal that is gone, could wait for ever: the app
    outlived its terminal in 11 of 12 tmux sessions killed this way. It keeps its taps and leaves now.
    """
    env = {**os.environ, "GOALTUI_NOW": NOW, "TERM": "xterm-256color"}
    subprocess.run([sys.executable, "-m", "goaltui", "--data-dir", str(data_dir), "init"], check=True, env=env)
    pid, terminal = pty.fork()
    if pid == 0:  # the app, in a terminal of its own
        os.execve(sys.executable, [sys.executable, "-m", "goaltui", "--data-dir", str(data_dir)], env)
    drawn = b""
    deadline = time.monotonic() + WAIT
    while b"prospects" not in drawn:  # the first frame names the metrics
        assert time.monotonic() < deadline, drawn[-500:]
        if select.select([terminal], [], [], 1)[0]:
            drawn += os.read(terminal, 65536)
    os.close(terminal)  # the terminal is gone: the kernel sends SIGHUP
    while (ended := os.waitpid(pid, os.WNOHANG))[0] == 0:
        if time.monotonic() > deadline + WAIT:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError("the app outlived its terminal")
        time.sleep(0.05)
    assert os.waitstatus_to_exitcode(ended[1]) == 128 + signal.SIGHUP

"""Told to stop while taps wait for a full disk: they are kept, and the next goaltui log writes them, once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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

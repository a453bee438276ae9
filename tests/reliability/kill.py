"""Kill moments scaled to the machine: measure what is killed, then spread the kills over that span.

A fixed kill window (say 0-120 ms) kills every run on a slow machine and none on
a fast one; a span measured here, on this machine and under its present load,
makes both outcomes happen wherever the suite runs.
"""

from __future__ import annotations

import signal
import statistics
import subprocess
import time
from collections.abc import Mapping


def full_run(cmd: list[str], env: Mapping[str, str] | None = None) -> tuple[str, float]:
    """Run ``cmd`` to its end: (stdout, seconds it took). It must succeed."""
    begun = time.monotonic()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env, timeout=300).stdout
    return out, time.monotonic() - begun


def span(cmd: list[str], env: Mapping[str, str] | None = None, runs: int = 3) -> tuple[list[str], float]:
    """The median time of ``runs`` full runs, and what each printed."""
    results = [full_run(cmd, env) for _ in range(runs)]
    return [out for out, _ in results], statistics.median(seconds for _, seconds in results)


def run_and_kill(cmd: list[str], after: float, env: Mapping[str, str] | None = None) -> tuple[str, bool]:
    """Start ``cmd`` and SIGKILL it ``after`` seconds later unless it has ended: (stdout, ended by itself)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    time.sleep(after)
    ended = proc.poll() is not None
    if not ended:
        proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    return out, ended and proc.returncode == 0

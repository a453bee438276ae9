"""`python -m bench.against`'s probe runs on this checkout's app: each measure prints what the bench reads."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from goaltui.store.goalsfile import starter_text, write_new
from synthetic import generate_history
from tests.factories import Clock

PROBE = Path(__file__).resolve().parents[2] / "bench" / "probe.py"


def probe(mode: str, where: Path, now: str) -> str:
    out = subprocess.run([sys.executable, str(PROBE), mode, str(where), now], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


@pytest.mark.parametrize("mode", ["start", "team", "memory", "goals", "people"])
def test_each_measure_runs_on_this_checkouts_app(mode: str, tmp_path: Path, clock: Clock) -> None:
    today, now = clock().date(), clock().isoformat()
    data = tmp_path / "team" / "member-000" if mode == "team" else tmp_path / "data"
    write_new(data / "goals.toml", starter_text(today - timedelta(days=30)))
    generate_history(data, start=today - timedelta(days=30), end=today - timedelta(days=1), seed=7)
    if mode == "people":
        subprocess.run(
            [sys.executable, "-m", "goaltui", "--data-dir", str(data), "log", "p", "--who", "Ana Lind"],
            check=True,
            capture_output=True,
            env={**os.environ, "GOALTUI_NOW": now},
        )
    printed = probe(mode, tmp_path if mode == "team" else data, now)
    if mode in ("start", "team"):
        assert printed == ""  # timed from outside
    else:
        assert float(printed) > 0

"""Benchmarks of the screens opened from the daily screen, five years of history against one (`python -m bench`).

python -m bench.history open SCREEN DATA_DIR   ms from the key press to SCREEN drawn and idle
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from bench.run import PY, Row, env_for, make_data, side_by_side

NOW = datetime.fromisoformat("2026-11-25T10:00:00+01:00")
LIMIT = 60.0  # seconds: a generous wait for the screen on a busy machine

# name: (the keys pressed on the daily screen, the screen class that must show, a phrase in the row's name)
SCREENS = {
    "history": (("h",), "HistoryScreen", "the history view"),
    "goals": (("g",), "GoalsScreen", "the goals screen"),
    "review": (("r",), "ReviewScreen", "the weekly review"),
    "road": (("g", "d"), "RoadScreen", "the road chart (goals, then d)"),
    "hours": (("h", "w"), "HistoryScreen", "the hours view (history, then w)"),
}


def open_screen(name: str, data: Path) -> None:
    """Start the app, then time the keys -> the screen mounted and idle; print milliseconds."""
    from goaltui.tui.app import make_app

    keys, screen, _ = SCREENS[name]
    app = make_app(data, clock=lambda: NOW, poll_interval=0)

    async def go() -> float:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press(*keys)
            while type(app.screen).__name__ != screen:
                if time.perf_counter() - start > LIMIT:
                    raise SystemExit(f"{screen} never showed after {' '.join(keys)}")
                await pilot.pause(0.001)
            await pilot.pause()
            return time.perf_counter() - start

    print(f"{asyncio.run(go()) * 1000:.3f}")


def _run(name: str, data: Path, env: dict[str, str]) -> float:
    out = subprocess.run(
        [PY, "-m", "bench.history", "open", name, str(data)], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    return float(out)


def bench_screen(name: str):
    def bench(root: Path, runs: int) -> list[Row]:
        year = root / "screens-1y" if (root / "screens-1y").exists() else make_data(root, "screens-1y", 365)
        years = root / "screens-5y" if (root / "screens-5y").exists() else make_data(root, "screens-5y", 5 * 365)
        base, value = side_by_side(
            lambda: _run(name, year, env_for(root, year)), lambda: _run(name, years, env_for(root, years)), runs
        )
        return [Row(f"open {SCREENS[name][2]}, 5 years of history", "the same, 1 year", value, base, 2.0)]

    return bench


BENCHES = {name: bench_screen(name) for name in SCREENS}


if __name__ == "__main__":
    command, name, data_dir = sys.argv[1:4]
    if command == "open":
        open_screen(name, Path(data_dir))

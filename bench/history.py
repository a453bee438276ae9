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


def bench_screen(name: str, years: int = 5, target: float = 2.0):
    def bench(root: Path, runs: int) -> list[Row]:
        year = history(root, 1)
        longer = history(root, years)
        base, value = side_by_side(
            lambda: _run(name, year, env_for(root, year)), lambda: _run(name, longer, env_for(root, longer)), runs
        )
        return [Row(f"open {SCREENS[name][2]}, {years} years of history", "the same, 1 year", value, base, target)]

    return bench


def history(root: Path, years: int) -> Path:
    """A data folder with ``years`` of history, made once per run."""
    name = f"screens-{years}y"
    return root / name if (root / name).exists() else make_data(root, name, years * 365)


BENCHES = {name: bench_screen(name) for name in SCREENS}
# Twenty years: the streaks, the score and the best 20 working days must not grow with the years.
BENCHES |= {f"{name}-20y": bench_screen(name, 20, 1.3) for name in ("history", "goals")}


if __name__ == "__main__":
    command, name, data_dir = sys.argv[1:4]
    if command == "open":
        open_screen(name, Path(data_dir))

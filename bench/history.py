"""Benchmark of the history view: opening it over five years of history against one year; run by bench/run.py.

python bench/history.py open DATA_DIR   ms from pressing h to the history view drawn
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from run import PY, Row, env_for, make_data, side_by_side

HERE = Path(__file__).resolve().parent
NOW = datetime.fromisoformat("2026-11-25T10:00:00+01:00")


def open_history(data: Path) -> None:
    """Start the app, then time h -> the history screen mounted and idle; print milliseconds."""
    from goaltui.tui.app import make_app

    app = make_app(data, clock=lambda: NOW, poll_interval=0)

    async def go() -> float:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("h")
            while type(app.screen).__name__ != "HistoryScreen":
                await pilot.pause(0.001)
            await pilot.pause()
            return time.perf_counter() - start

    print(f"{asyncio.run(go()) * 1000:.3f}")


def _run(data: Path, env: dict[str, str]) -> float:
    out = subprocess.run(
        [PY, str(HERE / "history.py"), "open", str(data)], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    return float(out)


def bench_history(root: Path, runs: int) -> list[Row]:
    year = make_data(root, "history-1y", 365)
    years = make_data(root, "history-5y", 5 * 365)
    base, value = side_by_side(lambda: _run(year, env_for(root, year)), lambda: _run(years, env_for(root, years)), runs)
    return [Row("open the history view, 5 years of history", "the same, 1 year", value, base, 2.0)]


BENCHES = {"history": bench_history}


if __name__ == "__main__":
    command, data_dir = sys.argv[1:3]
    if command == "open":
        open_history(Path(data_dir))

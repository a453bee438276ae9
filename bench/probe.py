"""One in-app measure, run by the Python of whichever checkout is measured (`python -m bench.against`).

    python bench/probe.py start|memory|goals|people|team DATA_DIR NOW

Run as a file, not as part of the bench package: an older checkout has its
own bench. It uses only what every goaltui since the redesign's start has:
``make_app`` and the team view. Prints milliseconds (megabytes for memory);
``start`` and ``team`` print nothing and are timed from outside.
"""

from __future__ import annotations

import asyncio
import importlib
import resource
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

LIMIT = 60.0  # seconds: a generous wait for a screen on a busy machine


def goaltui_app(data: Path, now: datetime) -> Any:
    from goaltui.tui.app import make_app

    return make_app(data, clock=lambda: now, poll_interval=0)


def team_app(root: Path, now: datetime) -> Any:
    from goaltui.model.team import team_view
    from goaltui.tui.team import TeamApp

    try:
        team_rows = importlib.import_module("goaltui.cli.team").team_rows
    except ImportError:  # before the command line was a package
        team_rows = importlib.import_module("goaltui.cli").team_rows
    rows = team_rows([str(f) for f in sorted((root / "team").iterdir())], now)
    return TeamApp(team_view(rows, now.date()), clock=lambda: now, theme=None, keymap={})


def first_frame(app: Any) -> None:
    async def pilot(p: Any) -> None:
        await p.pause()
        app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=pilot)


def open_screen(app: Any, key: str, screen: str, rows: bool = False) -> float:
    """Milliseconds from ``key`` on the daily screen to ``screen`` drawn and idle (with rows, for a table)."""
    from textual.widgets import DataTable

    async def go() -> float:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press(key)
            while type(app.screen).__name__ != screen or (rows and not app.screen.query_one(DataTable).row_count):
                if time.perf_counter() - start > LIMIT:
                    raise SystemExit(f"{screen} never showed after {key}")
                await pilot.pause(0.001)
            await pilot.pause()
            return (time.perf_counter() - start) * 1000

    return asyncio.run(go())


def main(mode: str, data: Path, now: datetime) -> None:
    if mode == "start":
        first_frame(goaltui_app(data, now))
    elif mode == "team":
        first_frame(team_app(data, now))
    elif mode == "memory":
        first_frame(goaltui_app(data, now))
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    elif mode == "goals":
        print(open_screen(goaltui_app(data, now), "g", "GoalsScreen"))
    elif mode == "people":
        print(open_screen(goaltui_app(data, now), "@", "PeopleScreen", rows=True))
    else:
        raise SystemExit(f"no such measure: {mode}")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), datetime.fromisoformat(sys.argv[3]))

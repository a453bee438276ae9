"""Benchmarks of the screens, each against a minimal Textual app; run by python -m bench.

python -m bench.screens start goaltui|team|minimal DATA_DIR   time to the first full frame
python -m bench.screens taps goaltui|minimal DATA_DIR N  N taps pressed through Pilot
python -m bench.screens memory goaltui|minimal DATA_DIR  peak memory after the first frame
"""

from __future__ import annotations

import asyncio
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from bench.run import PY, Row, env_for, make_data, side_by_side, team_folders

NOW = datetime.fromisoformat("2026-11-25T10:00:00+01:00")


def minimal_app(counter: bool = False):
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Label

    class Minimal(App[None]):
        count = 0

        def compose(self) -> ComposeResult:
            yield Header()
            yield Label("0", id="n")
            yield Footer()

        def on_key(self, event) -> None:
            if counter and event.key == "p":
                self.count += 1
                self.query_one("#n", Label).update(str(self.count))

    return Minimal()


def goaltui_app(data: Path):
    from goaltui.tui.app import make_app

    return make_app(data, clock=lambda: NOW, poll_interval=0)


def team_app(root: Path):
    from goaltui.cli.team import team_rows
    from goaltui.model.team import team_view
    from goaltui.tui.team import TeamApp

    rows = team_rows([str(f) for f in sorted((root / "team").iterdir())], NOW)
    return TeamApp(team_view(rows, NOW.date()), clock=lambda: NOW, theme=None, keymap={})


def build(which: str, data: Path):
    if which == "team":
        return team_app(data)
    return goaltui_app(data) if which == "goaltui" else minimal_app(counter=True)


def first_frame(which: str, data: Path) -> None:
    """Start, draw the first full frame, exit: the process's wall time is the figure."""
    app = build(which, data)

    async def pilot(p) -> None:
        await p.pause()
        app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=pilot)


def taps(which: str, data: Path, n: int) -> None:
    """Press p n times and wait until the screen shows (and goaltui has saved) every one."""
    app = build(which, data)

    async def go() -> float:
        async with app.run_test(size=(120, 40)) as pilot:
            start = time.perf_counter()
            await pilot.press(*("p",) * n)
            deadline = time.monotonic() + 120
            while hasattr(app, "disk") and not app.disk.idle:
                if time.monotonic() > deadline:
                    raise SystemExit("the taps were not saved within 120 s")
                await pilot.pause(0.001)
            await pilot.pause()
            return time.perf_counter() - start

    print(f"{asyncio.run(go()) * 1000:.3f}")


def peak_memory(which: str, data: Path) -> None:
    first_frame(which, data)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _run(args: list[str], env: dict[str, str]) -> str:
    return subprocess.run(
        [PY, "-m", "bench.screens", *args], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def _wall(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    _run(args, env)
    return (time.perf_counter() - start) * 1000


def bench_start(root: Path, runs: int) -> list[Row]:
    data = make_data(root, "start-5y", 5 * 365)
    env = env_for(root, data)
    base, value = side_by_side(
        lambda: _wall(["start", "minimal", str(data)], env), lambda: _wall(["start", "goaltui", str(data)], env), runs
    )
    return [
        Row(
            "app start to first frame, 5 years of history",
            "minimal Textual app (header, footer, label)",
            value,
            base,
            1.3,
        )
    ]


TAPS_RUNS = 7  # each run is a minute a side: at most this many, so `make bench` stays within half an hour


def bench_taps(root: Path, runs: int) -> list[Row]:
    data = make_data(root, "taps", 7)
    env = env_for(root, data)
    n = 1000
    runs = min(runs, TAPS_RUNS)
    base, value = side_by_side(
        lambda: float(_run(["taps", "minimal", str(data), str(n)], env)) / 1000,
        lambda: float(_run(["taps", "goaltui", str(data), str(n)], env)) / 1000,
        runs,
    )
    measure = f"{n} taps through Pilot, saved (medians of {runs})"
    return [Row(measure, "minimal counter app that saves nothing", value, base, 1.2, unit="s")]


def bench_memory(root: Path, runs: int) -> list[Row]:
    data = make_data(root, "memory-5y", 5 * 365)
    env = env_for(root, data)
    base, value = side_by_side(
        lambda: float(_run(["memory", "minimal", str(data)], env)),
        lambda: float(_run(["memory", "goaltui", str(data)], env)),
        max(3, runs // 3),
    )
    return [Row("peak memory at start, 5 years of history", "minimal Textual app", value, base, 1.5, unit="MB")]


def bench_team_screen(root: Path, runs: int) -> list[Row]:
    team_folders(root)
    env = env_for(root, root)
    base, value = side_by_side(
        lambda: _wall(["start", "minimal", str(root)], env), lambda: _wall(["start", "team", str(root)], env), runs
    )
    return [Row("Team screen to first frame, 200 members", "minimal Textual app", value, base, None)]


BENCHES = {"start": bench_start, "taps": bench_taps, "memory": bench_memory, "team-screen": bench_team_screen}


if __name__ == "__main__":
    command, which, data_dir = sys.argv[1:4]
    if command == "start":
        first_frame(which, Path(data_dir))
    elif command == "taps":
        taps(which, Path(data_dir), int(sys.argv[4]))
    elif command == "memory":
        peak_memory(which, Path(data_dir))

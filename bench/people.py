"""People at scale: 5,000 named people and five years of touches beside five years of taps.

`goaltui due` reads the taps that name someone and the whole people log; the
quick `goaltui log p` must not notice the people log at all.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench.run import PY, Row, env_for, line_written, make_data, side_by_side, timed
from goaltui.model.people import Touch
from goaltui.store.peoplelog import encode as touch_line
from goaltui.store.tapline import encode as tap_line

PEOPLE = 5000
NOW = datetime.fromisoformat("2026-11-25T10:00:00+01:00")
LIMIT = 60.0  # seconds: a generous wait for the screen on a busy machine
TOUCHES = 5  # each, over the years


def add_people(data: Path, people: int = PEOPLE, years: int = 5, seed: int = 2) -> None:
    """``people`` named people in ``data`` (another device's files): taps that name them, follow-ups set."""
    rng = random.Random(seed)
    zone = timezone(timedelta(hours=1))
    start = datetime(2026, 11, 25, 9, tzinfo=zone) - timedelta(days=365 * years)
    taps: dict[str, list[tuple[datetime, str, str]]] = {}
    touches: dict[str, list[tuple[datetime, str]]] = {}
    for i in range(people):
        name = f"Person {i:04d} Example"
        at = start + timedelta(minutes=rng.randrange(years * 365 * 24 * 60))
        for metric in ("prospects", "leads", "customers")[: rng.choice([1, 1, 1, 2, 2, 3])]:
            taps.setdefault(f"{at:%Y-%m}", []).append((at, metric, name))
            at += timedelta(days=rng.randrange(1, 30))
        for _ in range(TOUCHES):
            at += timedelta(days=rng.randrange(1, 20))
            touches.setdefault(f"{at:%Y-%m}", []).append((at, name))
    for month, rows in taps.items():
        with _month(data, "taps", month).open("ab") as f:
            for k, (at, metric, name) in enumerate(sorted(rows)):
                f.write(tap_line((at + timedelta(milliseconds=k)).isoformat(timespec="milliseconds"), metric, who=name))
    for month, found in touches.items():
        with _month(data, "people", month).open("ab") as f:
            for k, (at, name) in enumerate(sorted(found)):
                at += timedelta(milliseconds=k)
                touch = Touch(at, name, "follow-up", due=(at + timedelta(days=3)).date())
                f.write(touch_line(at.isoformat(timespec="milliseconds"), touch))


def _month(data: Path, top: str, month: str) -> Path:
    path = data / top / "crm-import" / f"{month}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def bench_due(root: Path, runs: int) -> list[Row]:
    """`goaltui due` with 5,000 people and five years, against `goaltui status` on the same five years."""
    data = make_data(root, "people-5y", 5 * 365)
    add_people(data)
    env = env_for(root, data)
    goaltui = str(Path(PY).parent / "goaltui")
    base, value = side_by_side(lambda: timed([goaltui, "status"], env), lambda: timed([goaltui, "due"], env), runs)
    return [Row(f"goaltui due, {PEOPLE:,} people, 5 years", "goaltui status, the same 5 years", value, base, None)]


def bench_log_people(root: Path, runs: int) -> list[Row]:
    """`goaltui log p` beside 5,000 people and five years of touches, against the same folder without them."""
    plain, crowded = make_data(root, "log-plain", 7), make_data(root, "log-people", 7)
    add_people(crowded)
    goaltui = [str(Path(PY).parent / "goaltui"), "log", "p"]

    def tap(data: Path) -> Callable[[], float]:
        env = env_for(root, data)
        env.pop("GOALTUI_NOW")

        def run() -> float:
            ms = timed(goaltui, env)
            line_written(data, env)
            return ms

        return run

    base, value = side_by_side(tap(plain), tap(crowded), runs)
    return [Row(f"goaltui log p, {PEOPLE:,} people beside", "the same without people", value, base, 1.2)]


def open_people(data: Path) -> None:
    """Start the app, press @ and time until the People screen shows its rows; print milliseconds."""
    import asyncio

    from textual.widgets import DataTable

    from goaltui.tui.app import make_app

    app = make_app(data, clock=lambda: NOW, poll_interval=0)

    async def go() -> float:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("@")
            while type(app.screen).__name__ != "PeopleScreen" or not app.screen.query_one(DataTable).row_count:
                if time.perf_counter() - start > LIMIT:
                    raise SystemExit("the People screen showed no one")
                await pilot.pause(0.001)
            await pilot.pause()
            return time.perf_counter() - start

    print(f"{asyncio.run(go()) * 1000:.3f}")


def _open(data: Path, env: dict[str, str]) -> float:
    out = subprocess.run(
        [PY, "-m", "bench.people", "open", str(data)], env=env, check=True, capture_output=True, text=True
    ).stdout
    return float(out.strip())


def bench_people_screen(root: Path, runs: int) -> list[Row]:
    """The People screen with 5,000 people and five years of touches, against 50 people on the same taps."""
    few, many = make_data(root, "people-screen-50", 5 * 365), make_data(root, "people-screen-5000", 5 * 365)
    add_people(few, people=50)
    add_people(many)
    base, value = side_by_side(lambda: _open(few, env_for(root, few)), lambda: _open(many, env_for(root, many)), runs)
    return [Row(f"open the People screen (@), {PEOPLE:,} people, 5 years", "the same, 50 people", value, base, None)]


def bench_start_people(root: Path, runs: int) -> list[Row]:
    """The first frame in tmux with 5,000 people beside five years, against the same five years alone.

    In a terminal, as a user sees it: the people are read after the first frame.
    """
    from bench.keys import first_frame_in_tmux

    plain, crowded = make_data(root, "start-plain-5y", 5 * 365), make_data(root, "start-people-5y", 5 * 365)
    add_people(crowded)
    base, value = side_by_side(
        lambda: first_frame_in_tmux("goaltui", plain, env_for(root, plain)),
        lambda: first_frame_in_tmux("goaltui", crowded, env_for(root, crowded)),
        runs,
    )
    return [Row(f"first frame in tmux, {PEOPLE:,} people beside 5 years", "the same without people", value, base, 1.1)]


BENCHES = {
    "due": bench_due,
    "log-people": bench_log_people,
    "people-screen": bench_people_screen,
    "start-people": bench_start_people,
}

if __name__ == "__main__":
    if sys.argv[1:2] == ["open"]:
        open_people(Path(sys.argv[2]))
    else:
        sys.exit("run through python -m bench --only due")

"""People at scale: 5,000 named people and five years of touches beside five years of taps.

`goaltui due` reads the taps that name someone and the whole people log; the
quick `goaltui log p` must not notice the people log at all.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from run import PY, Row, env_for, line_written, make_data, side_by_side, timed

from goaltui.model.people import Touch
from goaltui.store.peoplelog import encode as touch_line
from goaltui.store.tapline import encode as tap_line

PEOPLE = 5000
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


BENCHES = {"due": bench_due, "log-people": bench_log_people}

if __name__ == "__main__":
    sys.exit("run through bench/run.py --only due")

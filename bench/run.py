"""Run every benchmark and print one table: measure, baseline, ratio, target, verdict.

Each measure runs side by side with its baseline in one process tree,
interleaved (baseline, measure, baseline, ...) so machine noise hits both
alike; figures are medians. Data is generated into a temporary folder; nothing
touches your own goals or home directory.

    python -m bench [--runs 15] [--only NAME]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent  # where `python -m bench` finds the bench, and the synthetic history
PY = sys.executable
TODAY = date(2026, 11, 25)
NOW = "2026-11-25T10:00:00+01:00"


@dataclass
class Row:
    measure: str
    baseline: str
    value: float
    base: float
    target: float | None  # None: measured and reported, no target
    unit: str = "ms"

    @property
    def ratio(self) -> float:
        return self.value / self.base if self.base else float("inf")

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "reported"
        return "pass" if self.ratio <= self.target else "falls short"


def env_for(root: Path, data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)  # `python -m bench.screens` and the rest, from any folder
    env.update(
        GOALTUI_DATA_DIR=str(data),
        GOALTUI_STATE_DIR=str(root / "state"),
        GOALTUI_CACHE_DIR=str(root / "cache"),
        GOALTUI_CONFIG_DIR=str(root / "config"),
        GOALTUI_NOW=NOW,
        HOME=str(root / "home"),
    )
    # Measure as installed: an installed package has its bytecode cached.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def make_data(root: Path, name: str, days: int) -> Path:
    from goaltui.store.goalsfile import starter_text, write_new
    from synthetic import generate_history

    data = root / name
    data.mkdir(parents=True, exist_ok=True)
    write_new(data / "goals.toml", starter_text(TODAY - timedelta(days=days)))
    generate_history(data, start=TODAY - timedelta(days=days), end=TODAY - timedelta(days=1), seed=7)
    return data


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def side_by_side(a: Callable[[], float], b: Callable[[], float], runs: int) -> tuple[float, float]:
    """Medians of a and b, run alternately; one warm-up each first."""
    a(), b()
    xs, ys = [], []
    for _ in range(runs):
        xs.append(a())
        ys.append(b())
    return statistics.median(xs), statistics.median(ys)


BARE_TAP = (
    "import os\n"
    "fd = os.open({path!r}, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)\n"
    'os.write(fd, b\'"2026-12-01T10:00:00.000+01:00" = {{ metric = "prospects" }}\\n\')\n'
    "os.fsync(fd)\n"
)


def bench_log(root: Path, runs: int) -> list[Row]:
    """`goaltui log p` as typed (the real clock), against a bare Python that appends one line and fsyncs it.

    goaltui rewrites the status line in a child after it has said the tap is saved; each run waits for
    that child outside its timing, so the next run of either side starts on a quiet machine.
    """
    data = make_data(root, "log-week", 7)
    env = env_for(root, data)
    env.pop("GOALTUI_NOW")
    bare = root / "bare-tap" / "2026-12.toml"
    bare.parent.mkdir()
    goaltui = [str(Path(PY).parent / "goaltui"), "log", "p"]

    def tap() -> float:
        ms = timed(goaltui, env)
        line_written(data, env)
        return ms

    base, value = side_by_side(lambda: timed([PY, "-c", BARE_TAP.format(path=str(bare))], env), tap, runs)
    return [Row("goaltui log p", "python -c: O_APPEND, write one line, fsync", value, base, 1.5)]


def line_written(data: Path, env: dict[str, str], limit: float = 30.0) -> None:
    """Wait until the status line after the last tap is written (its state no longer says a tap came since)."""
    from goaltui.store import quick

    state, key = env["GOALTUI_STATE_DIR"], quick.data_key(str(data.resolve()))
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        kept = quick.read_state(state, key)
        if kept is not None and kept.line_stamp != "-":
            return
        time.sleep(0.005)
    raise RuntimeError("the status line was not rewritten after a tap")


def bench_status(root: Path, runs: int) -> list[Row]:
    week = make_data(root, "status-week", 7)
    years = make_data(root, "status-5y", 5 * 365)
    cmd = [str(Path(PY).parent / "goaltui"), "status"]
    base, value = side_by_side(lambda: timed(cmd, env_for(root, week)), lambda: timed(cmd, env_for(root, years)), runs)
    return [Row("goaltui status, 5 years of history", "the same, 1 week", value, base, 1.2)]


def bench_line(root: Path, runs: int) -> list[Row]:
    """`goaltui status --line` into a pipe, as a prompt runs it, after a tap rewrote the kept line."""
    data = make_data(root, "line-week", 7)
    env = env_for(root, data)
    goaltui = str(Path(PY).parent / "goaltui")
    subprocess.run([goaltui, "log", "p"], env=env, check=True, capture_output=True)
    base, value = side_by_side(
        lambda: timed([PY, "-c", "import tomllib"], env), lambda: timed([goaltui, "status", "--line"], env), runs
    )
    return [Row("goaltui status --line", 'python -c "import tomllib"', value, base, 2.0)]


def team_folders(root: Path, size: int = 200) -> list[Path]:
    """``size`` members' data folders with a year of history each (made once per run)."""
    folders = [root / "team" / f"member-{i:03d}" for i in range(size)]
    return [f if (f / "goals.toml").exists() else make_data(f.parent, f.name, 365) for f in folders]


def bench_team(root: Path, runs: int) -> list[Row]:
    """`goaltui team --json` over 200 members with a year each, against one member's `status --json`."""
    members = team_folders(root)
    env = env_for(root, members[0])
    goaltui = str(Path(PY).parent / "goaltui")
    team = [goaltui, "team", "--json", *map(str, members)]
    cold = timed(team, env)  # the first run builds each member's summary cache on this machine
    base, value = side_by_side(lambda: timed([goaltui, "status", "--json"], env), lambda: timed(team, env), runs)
    return [
        Row("goaltui team --json, 200 members, caches warm", "one member's status --json", value, base, 10.0),
        Row("goaltui team --json, 200 members, first run", "one member's status --json", cold, base, None),
    ]


BENCHES: dict[str, Callable[[Path, int], list[Row]]] = {
    "log": bench_log,
    "status": bench_status,
    "line": bench_line,
    "team": bench_team,
}


def extra_benches() -> None:
    """Benchmarks of the screens live beside this module and register themselves here."""
    from bench import history, keys, people, screens

    BENCHES.update(screens.BENCHES)
    BENCHES.update(history.BENCHES)  # the history view
    BENCHES.update(keys.BENCHES)  # a key press to the screen, in tmux
    BENCHES.update(people.BENCHES)  # 5,000 people


def table(rows: list[Row]) -> str:
    head = ("measure", "baseline", "median", "baseline median", "ratio", "target", "result")
    body = [
        (
            r.measure,
            r.baseline,
            f"{r.value:.1f} {r.unit}",
            f"{r.base:.1f} {r.unit}",
            f"{r.ratio:.2f}x",
            f"<= {r.target:g}x" if r.target is not None else "-",
            r.verdict,
        )
        for r in rows
    ]
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=True)]
    lines = [
        "| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in body]
    return "\n".join(lines)


def main() -> int:
    extra_benches()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each side (default 15)")
    parser.add_argument("--only", choices=sorted(BENCHES), action="append", help="run just these")
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="goaltui-bench-") as tmp:
        root = Path(tmp)
        os.environ.update({k: v for k, v in env_for(root, root / "data").items() if k.startswith(("GOALTUI_", "HOME"))})
        for name in args.only or list(BENCHES):
            print(f"running {name} ...", file=sys.stderr, flush=True)
            rows += BENCHES[name](root, args.runs)
    print(f"\nmedians of {args.runs} runs each, measured side by side with the baseline\n")
    print(table(rows))
    return 0 if all(r.verdict != "falls short" for r in rows) else 1

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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
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
    limit: float | None = None  # a target in ``unit`` rather than a ratio

    @property
    def ratio(self) -> float:
        return self.value / self.base if self.base else float("inf")

    @property
    def verdict(self) -> str:
        if self.limit is not None:
            return "pass" if self.value <= self.limit else "falls short"
        if self.target is None:
            return "reported"
        return "pass" if self.ratio <= self.target else "falls short"

    @property
    def aim(self) -> str:
        if self.limit is not None:
            return f"<= {self.limit:g} {self.unit}"
        return f"<= {self.target:g}x" if self.target is not None else "-"


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
    from goaltui.store import quickstate

    state, key = env["GOALTUI_STATE_DIR"], quickstate.data_key(str(data.resolve()))
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        kept = quickstate.read_state(state, key)
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
    """`goaltui team --json` over 200 members with a year each, against one member's `status --json`.

    Then after a day's sync (one new tap in each member's month file) against a day with nothing new.
    """
    members = team_folders(root)
    env = env_for(root, members[0])
    goaltui = str(Path(PY).parent / "goaltui")
    team = [goaltui, "team", "--json", *map(str, members)]
    cold = timed(team, env)  # the first run builds each member's summary cache on this machine
    base, value = side_by_side(lambda: timed([goaltui, "status", "--json"], env), lambda: timed(team, env), runs)
    synced = iter(range(10**6))

    def after_a_sync() -> float:
        day_of_taps(members, next(synced))  # as a sync brings them, outside the timing
        return timed(team, env)

    unchanged, after = side_by_side(lambda: timed(team, env), after_a_sync, runs)
    return [
        Row("goaltui team --json, 200 members, caches warm", "one member's status --json", value, base, 10.0),
        Row("goaltui team --json, 200 members, first run", "one member's status --json", cold, base, None),
        Row("goaltui team --json, 200 members, after a day's sync", "the same, nothing new", after, unchanged, 1.5),
    ]


def day_of_taps(members: list[Path], k: int) -> None:
    """One more tap at the end of each member's month file, as a day's sync brings it (another device's file)."""
    from goaltui.store.tap import Tap

    at = datetime.fromisoformat(NOW) - timedelta(hours=1) + timedelta(milliseconds=k)
    line = Tap(at, "prospects").to_line().encode()
    for folder in members:
        path = folder / "taps" / "generated" / f"{at:%Y-%m}.toml"
        with path.open("ab") as f:
            f.write(line)


def bench_tap_cpu(root: Path, runs: int) -> list[Row]:
    """The CPU a `goaltui log p` costs with all it starts (the status line's child, if any), against its own."""
    data = make_data(root, "tap-cpu", 7)
    env = env_for(root, data)
    env.pop("GOALTUI_NOW")
    goaltui = [str(Path(PY).parent / "goaltui"), "log", "p"]
    timed(goaltui, env)  # the full way once: it keeps the state the quick path needs
    line_written(data, env)
    own, whole = [], []
    for _ in range(runs):
        mine, everything = cpu_of(goaltui, env)
        own.append(mine)
        whole.append(everything)
    return [
        Row(
            "CPU of a quick goaltui log p, with all it starts",
            "its own CPU",
            statistics.median(whole),
            statistics.median(own),
            2.0,
        )
    ]


def cpu_of(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU milliseconds of ``cmd`` itself, and of it with every process it started (waited for, here)."""
    import ctypes
    import resource

    ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: what it starts and leaves comes to us to wait for
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, own = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    while True:  # the status line's child, if it forked one
        try:
            os.wait4(-1, 0)
        except ChildProcessError:
            break
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    whole = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return (own.ru_utime + own.ru_stime) * 1000, whole * 1000


def bench_first_tap(root: Path, runs: int) -> list[Row]:
    """The first `goaltui log p` of a day with five years and an empty summary cache (a new device), each run on
    a day of its own; against a later tap of the same day (the quick path)."""
    data = make_data(root, "first-tap-5y", 5 * 365)
    env = env_for(root, data)
    goaltui = [str(Path(PY).parent / "goaltui"), "log", "p"]
    days = iter(range(1, 10**6))
    cache = Path(env["GOALTUI_CACHE_DIR"])

    def first() -> float:
        env["GOALTUI_NOW"] = (datetime.fromisoformat(NOW) + timedelta(days=next(days))).isoformat()
        shutil.rmtree(cache, ignore_errors=True)  # as on a new device, outside the timing
        return timed(goaltui, env)

    def later() -> float:
        env["GOALTUI_NOW"] = (datetime.fromisoformat(env["GOALTUI_NOW"]) + timedelta(minutes=1)).isoformat()
        ms = timed(goaltui, env)
        line_written(data, env)
        return ms

    base, value = side_by_side(later, first, runs)
    return [
        Row(
            "first goaltui log p of a day, 5 years, empty cache",
            "a later tap that day",
            value,
            base,
            None,
            limit=200.0,
        )
    ]


BENCHES: dict[str, Callable[[Path, int], list[Row]]] = {
    "log": bench_log,
    "tap-cpu": bench_tap_cpu,
    "first-tap": bench_first_tap,
    "status": bench_status,
    "line": bench_line,
    "team": bench_team,
}


def extra_benches() -> None:
    """Benchmarks of the screens live beside this module and register themselves here."""
    from bench import history, keys, lang, people, screens

    BENCHES.update(screens.BENCHES)
    BENCHES.update(history.BENCHES)  # the history view
    BENCHES.update(keys.BENCHES)  # a key press to the screen, in tmux
    BENCHES.update(people.BENCHES)  # 5,000 people
    BENCHES.update(lang.BENCHES)  # Swedish against English


def table(rows: list[Row]) -> str:
    head = ("measure", "baseline", "median", "baseline median", "ratio", "target", "result")
    body = [
        (
            r.measure,
            r.baseline,
            f"{r.value:.1f} {r.unit}",
            f"{r.base:.1f} {r.unit}",
            f"{r.ratio:.2f}x",
            r.aim,
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
    # An app just killed in tmux may still be writing its state as the folder goes: that is no reason to lose
    # the table, so the rows are printed as soon as they are measured and a folder left behind is not an error.
    with tempfile.TemporaryDirectory(prefix="goaltui-bench-", ignore_cleanup_errors=True) as tmp:
        root = Path(tmp)
        os.environ.update({k: v for k, v in env_for(root, root / "data").items() if k.startswith(("GOALTUI_", "HOME"))})
        failed = []
        for name in args.only or list(BENCHES):
            print(f"running {name} ...", file=sys.stderr, flush=True)
            try:
                found = BENCHES[name](root, args.runs)
            except Exception as err:  # one bench that breaks costs its rows, not the others'
                print(f"{name}: {type(err).__name__}: {err}", file=sys.stderr, flush=True)
                failed.append(name)
                continue
            rows += found
            print(table(found), file=sys.stderr, flush=True)  # as they come: a long run is never all lost
        print(f"\nmedians of {args.runs} runs each, measured side by side with the baseline\n")
        print(table(rows), flush=True)
        if failed:
            print(f"\nbroke before measuring: {', '.join(failed)}", flush=True)
    return 0 if not failed and all(r.verdict != "falls short" for r in rows) else 1

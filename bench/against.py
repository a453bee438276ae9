"""This checkout against an earlier commit, side by side: is every measure at least as good as it was?

    python -m bench.against REV [--runs 15]

``make bench`` holds each measure to a baseline of the same day, which shows
whether a target is met but not whether a change made goaltui slower: the
baselines move with the machine. Here the same measures run in this checkout
and in REV (a git worktree with its own virtualenv, made for the run and
removed after), alternately, on copies of the same generated data, so the
machine's mood hits both alike. Figures are medians; the last column is
now/before, under 1.00x where this checkout is quicker or smaller.
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
from pathlib import Path

from bench.keys import PAUSE, first_frame_in_tmux, key_latencies, stop_server
from bench.people import add_people
from bench.run import NOW, ROOT, make_data, team_folders

PROBE = Path(__file__).resolve().parent / "probe.py"


class Side:
    """One checkout: its goaltui, its Python, and its own copies of the data and of the state folders."""

    def __init__(self, name: str, checkout: Path, root: Path, data: Path) -> None:
        self.name = name
        self.bin = checkout / ".venv" / "bin"
        self.root = root / name
        self.data = data

    def env(self, clock: bool = True) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # measured as installed: bytecode cached
        env.update(
            GOALTUI_STATE_DIR=str(self.root / "state"),
            GOALTUI_CACHE_DIR=str(self.root / "cache"),
            GOALTUI_CONFIG_DIR=str(self.root / "config"),
            HOME=str(self.root / "home"),
            GOALTUI_NOW=NOW,
        )
        if not clock:
            env.pop("GOALTUI_NOW")
        return env

    def folder(self, name: str) -> Path:
        """This side's copy of a generated folder (``name`` under the run's data)."""
        mine = self.root / name
        if not mine.exists():
            shutil.copytree(self.data / name, mine, symlinks=True)
        return mine

    def timed(self, cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
        """(wall ms, CPU ms, what it printed) of one process."""
        start = time.perf_counter()
        process = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert process.stdout is not None
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = (time.perf_counter() - start) * 1000
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:  # a figure of a failed run would compare nothing
            raise RuntimeError(f"{self.name}: {' '.join(cmd)} exited {process.returncode}")
        return wall, (usage.ru_utime + usage.ru_stime) * 1000, out.strip()

    def goaltui(self, *args: str, folder: str, clock: bool = True) -> tuple[float, float, str]:
        env = self.env(clock) | {"GOALTUI_DATA_DIR": str(self.folder(folder))}
        return self.timed([str(self.bin / "goaltui"), *args], env)

    def probe(self, mode: str, folder: str) -> tuple[float, float, str]:
        mine = self.folder(folder)
        where = mine.parent if folder == "team" else mine  # the team view reads the folder that holds team/
        return self.timed([str(self.bin / "python"), str(PROBE), mode, str(where), NOW], self.env())

    def quiet(self, limit: float = 30.0) -> None:
        """Wait until no process of this side runs (a tap's child rewriting the status line)."""
        deadline = time.monotonic() + limit
        me = str(os.getpid())  # the bench itself may run on this side's Python
        while time.monotonic() < deadline:
            if not any(str(self.bin) in _cmdline(p) for p in os.listdir("/proc") if p.isdigit() and p != me):
                return
            time.sleep(0.01)


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def tap(side: Side) -> float:
    wall = side.goaltui("log", "p", folder="week", clock=False)[0]
    side.quiet()  # outside the timing
    return wall


def in_tmux(side: Side) -> float:
    return first_frame_in_tmux("goaltui", side.folder("5y"), side.env(), side.bin / "goaltui")


def key_after_a_pause(side: Side) -> float:
    """The median of one session's presses, each PAUSE s after the last (the rows' figure in `make bench`)."""
    return statistics.median(key_latencies("goaltui", side.folder("keys"), side.env(), PAUSE, side.bin / "goaltui"))


# name: (what is measured, the unit, a measure of one side)
MEASURES: dict[str, tuple[str, str, Callable[[Side], float]]] = {
    "log": ("`goaltui log p`", "ms", tap),
    "line": ("`goaltui status --line`", "ms", lambda s: s.goaltui("status", "--line", folder="week")[0]),
    "status": ("`goaltui status`, 5 years", "ms", lambda s: s.goaltui("status", folder="5y")[0]),
    "start": ("app start to first frame (headless), 5 years", "ms", lambda s: s.probe("start", "5y")[0]),
    "start-cpu": ("CPU of that start", "ms", lambda s: s.probe("start", "5y")[1]),
    "memory": ("peak memory at start, 5 years", "MB", lambda s: float(s.probe("memory", "5y")[2])),
    "goals": ("open the goals screen, 5 years", "ms", lambda s: float(s.probe("goals", "5y")[2])),
    "team-screen": ("Team screen to first frame, 200 members", "ms", lambda s: s.probe("team", "team")[0]),
    "people": ("open the People screen, 5,000 people", "ms", lambda s: float(s.probe("people", "people")[2])),
    "frame": ("first frame in tmux, 5 years", "ms", in_tmux),
    "key": (f"a key press to its count in tmux, {PAUSE:g} s after the last", "ms", key_after_a_pause),
}


def make_folders(data: Path) -> None:
    make_data(data, "week", 7)
    make_data(data, "keys", 7)
    make_data(data, "5y", 5 * 365)
    add_people(make_data(data, "people", 5 * 365))
    team_folders(data)


def checkout_of(rev: str, where: Path) -> Path:
    """REV in a worktree of its own under ``where``, with its virtualenv (its own Makefile makes it)."""
    tree = where / "before"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev], check=True)
    subprocess.run(["make", "-C", str(tree), ".venv/.installed"], check=True, stdout=subprocess.DEVNULL)
    return tree


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the commit to measure against")
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each side (default 15)")
    parser.add_argument("--only", choices=sorted(MEASURES), action="append", help="run just these")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goaltui-against-", ignore_cleanup_errors=True) as tmp:
        root = Path(tmp)
        try:
            before = Side("before", checkout_of(args.rev, root), root, root / "data")
            now = Side("now", ROOT, root, root / "data")
            print("making the data ...", file=sys.stderr, flush=True)
            make_folders(root / "data")
            lines = [f"| measure | before ({args.rev}) | now | now / before |", "|---|---|---|---|"]
            for name in args.only or list(MEASURES):
                what, unit, measure = MEASURES[name]
                print(f"running {name} ...", file=sys.stderr, flush=True)
                measure(before), measure(now)  # a warm-up each: caches made, bytecode compiled
                xs: list[float] = []
                ys: list[float] = []
                for _ in range(args.runs):
                    xs.append(measure(before))
                    ys.append(measure(now))
                b, n = statistics.median(xs), statistics.median(ys)
                lines.append(f"| {what} | {b:.1f} {unit} | {n:.1f} {unit} | {n / b:.2f}x |")
                print(lines[-1], file=sys.stderr, flush=True)
            print(f"\nmedians of {args.runs} runs each, alternating\n")
            print("\n".join(lines), flush=True)
        finally:
            stop_server()
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(root / "before")], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

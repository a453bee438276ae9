"""A soak beyond the suite: thousands of kill -9s and of generated bad files, then the figures.

    python soak/run.py [--kills 1000] [--cases 10000] [--minutes 28]

Kills `goaltui log` and the running app (headless, tapping) at moments spread
over a run's measured length, and checks after each kill that every tap the
user was shown as saved is on disk. Feeds generated bad goals.toml and tap files
to the commands a user runs, and counts tracebacks and changed files. Stops by
itself within --minutes; exits 1 if anything was lost, a traceback escaped, a
file was changed, or a phase ran out of time before its count.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests' helpers and generators

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=1)))


@dataclass
class Figures:
    """One phase's results."""

    name: str
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def line(self) -> str:
        figures = "  ".join(f"{key} {value:,}" for key, value in self.counts.items())
        return f"{self.name:<12} {figures}  {'ok' if not self.failures else 'FAILED: ' + self.failures[0]}"


def isolate(root: Path) -> None:
    """Every directory goaltui and HOME use, inside ``root``."""
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(root / var.lower())
    for var in ("GOALTUI_CONFIG_DIR", "GOALTUI_STATE_DIR", "GOALTUI_CACHE_DIR"):
        os.environ[var] = str(root / var.lower())
    os.environ["GOALTUI_NOW"] = NOW.isoformat()
    os.environ.pop("NO_COLOR", None)


def on_disk(data: Path, metric: str) -> tuple[float, int]:
    """The total of ``metric`` over every day, and the torn lines skipped."""
    from goaltui.store.taplog import TapLog

    result = TapLog(data, device="soak-reader").read()
    return sum(n.get(metric, 0) for _, n in result.counts.items()), len(result.problems)


def kill_log(data: Path, kills: int, deadline: float) -> Figures:
    """SIGKILL `goaltui log p` at moments over 1.5 runs' length; every acknowledged tap must be on disk."""
    from tests.reliability.kill import run_and_kill, span

    figures = Figures("goaltui log")
    rng = random.Random(1)
    cmd = [sys.executable, "-m", "goaltui", "--data-dir", str(data), "log", "p"]
    acknowledged = started = 0
    seconds = 0.0
    for i in range(100 * kills):
        if figures.counts.get("kills", 0) >= kills or time.monotonic() > deadline:
            break
        if i % 100 == 0:  # measure again now and then: the machine's load may change
            outs, seconds = span(cmd)
            started += len(outs)
            acknowledged += sum(out.startswith("prospects: ") for out in outs)
        out, ended = run_and_kill(cmd, rng.uniform(0.0, 1.5) * seconds)
        started += 1
        if not ended:
            figures.add("kills")
        acknowledged += out.startswith("prospects: ")
    total, torn = on_disk(data, "prospects")
    figures.counts.update(runs=started, acknowledged=acknowledged, **{"on disk": int(total), "torn lines": torn})
    figures.counts.setdefault("kills", 0)
    if figures.counts.get("kills", 0) < kills:
        figures.failures.append(f"time ran out after {figures.counts.get('kills', 0)} kills")
    if not acknowledged <= total <= started:
        figures.failures.append(f"{acknowledged} acknowledged but {total:g} on disk")
    return figures


def kill_app(data: Path, kills: int, deadline: float, parallel: int = 2) -> Figures:
    """SIGKILL the app while it taps (two at once); after each kill, the count it showed must be on disk."""
    from tests.reliability.kill import run_and_kill
    from tests.reliability.test_crash_and_concurrency import driver_span

    figures = Figures("app")
    cmd = [sys.executable, str(ROOT / "tests" / "reliability" / "app_driver.py"), str(data), "p", "20"]
    started, done = driver_span(cmd, dict(os.environ))
    lock = threading.Lock()

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            with lock:
                if figures.counts.get("kills", 0) >= kills:
                    return
            # Most kills while taps are being written; few runs get to the end (they kill nothing).
            out, ended = run_and_kill(cmd, rng.uniform(0.8 * started, started + 0.9 * (done - started)))
            shown = [float(line.split()[1].replace(",", "")) for line in out.splitlines() if line.startswith("shown ")]
            total = on_disk(data, "prospects")[0] if shown else 0.0
            with lock:
                figures.add("runs")
                figures.add("kills", not ended)
                figures.add("taps shown", len(shown))
                if shown and total < shown[-1]:  # both apps' taps count: whatever was shown is saved
                    figures.add("lost", int(shown[-1] - total))
                    figures.failures.append(f"showed {shown[-1]:g}, {total:g} on disk")

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total, torn = on_disk(data, "prospects")
    figures.counts.update({"on disk": int(total), "torn lines": torn})
    figures.counts.setdefault("lost", 0)
    if figures.counts.get("kills", 0) < kills:
        figures.failures.append(f"time ran out after {figures.counts.get('kills', 0)} kills")
    return figures


def run_cli(data: Path, *args: str) -> tuple[int | None, str]:
    """Run a command in this process as a user would: (exit code or None for an escaped exception, stderr)."""
    from goaltui.command import run as main

    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["--data-dir", str(data), *args], clock=lambda: NOW)
    except Exception as exc:  # a traceback the user would have seen
        return None, f"{type(exc).__name__}: {exc}"
    return code, err.getvalue()


def bad_files(root: Path, cases: int, deadline: float) -> list[Figures]:
    """Generated goals.toml and tap files through status, check and log: no traceback, no file changed."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.reliability.test_bad_input import TAP_LINES, goals_files

    goals, taps = Figures("goals.toml"), Figures("tap files")
    budget = settings(max_examples=cases // 2, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    counter = iter(range(10**9))

    def check(figures: Figures, data: Path, path: Path, commands: list[list[str]]) -> None:
        before = path.read_bytes()
        figures.add("cases")
        for command in commands:
            code, err = run_cli(data, *command)
            if code is None or "Traceback" in err:
                figures.add("tracebacks")
                figures.failures.append(f"{command}: {err.strip()[:200]}")
        if path.read_bytes() != before:
            figures.add("files changed")
            figures.failures.append(f"{path.name} was changed")

    @budget
    @given(text=goals_files())
    def goals_case(text: str) -> None:
        if time.monotonic() > deadline:
            return
        data = root / f"g{next(counter)}"
        data.mkdir(parents=True)
        path = data / "goals.toml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        check(goals, data, path, [["status"], ["check"], ["status", "--json"]])

    @budget
    @given(lines=st.lists(TAP_LINES, max_size=12), torn=st.booleans())
    def taps_case(lines: list[str], torn: bool) -> None:
        if time.monotonic() > deadline:
            return
        data = root / f"t{next(counter)}"
        month = data / "taps" / "laptop" / "2026-11.toml"
        month.parent.mkdir(parents=True)
        month.write_bytes(("\n".join(lines) + ("" if torn or not lines else "\n")).encode("utf-8", "surrogateescape"))
        run_cli(data, "init")
        check(taps, data, month, [["status"], ["export", "--format", "csv"], ["export", "--format", "md"]])

    goals_case()
    taps_case()
    for figures in (goals, taps):
        figures.counts.setdefault("tracebacks", 0)
        figures.counts.setdefault("files changed", 0)
    if goals.counts["cases"] + taps.counts["cases"] < cases:
        goals.failures.append(f"time ran out after {goals.counts['cases'] + taps.counts['cases']} cases")
    return [goals, taps]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000, help="SIGKILLs of goaltui log, and of the app (each)")
    parser.add_argument("--cases", type=int, default=10000, help="generated bad goals.toml and tap files")
    parser.add_argument("--minutes", type=float, default=28, help="stop by then, whatever is left")
    args = parser.parse_args()
    begun = time.monotonic()
    end = begun + args.minutes * 60
    with tempfile.TemporaryDirectory(prefix="goaltui-soak-") as tmp:
        root = Path(tmp)
        isolate(root)
        phases = []
        log_data, app_data = root / "log", root / "app"
        for data in (log_data, app_data):
            code, err = run_cli(data, "init")
            assert code == 0, err
        # Kills get most of the time (each needs a new process); bad files run in this process, fast.
        phases.append(kill_log(log_data, args.kills, begun + (end - begun) * 0.2))
        print(phases[-1].line(), flush=True)
        phases.append(kill_app(app_data, args.kills, begun + (end - begun) * 0.88))
        print(phases[-1].line(), flush=True)
        for figures in bad_files(root / "bad", args.cases, end):
            phases.append(figures)
            print(figures.line(), flush=True)
    minutes = (time.monotonic() - begun) / 60
    failed = [f for phase in phases for f in phase.failures]
    print(f"soak: {minutes:.1f} minutes, {'all held' if not failed else f'{len(failed)} problems'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""A key press to its count on screen, in a real terminal (tmux), against a bare Textual counter.

Each side runs in its own tmux session; a key is sent with `tmux send-keys` and the
pane is read with `capture-pane` until the new count shows. goaltui's count is the
count after its fsync (the counters show saved taps only); the counter app saves
nothing. Run by python -m bench.

python -m bench.keys run minimal DATA_DIR   the bare counter, in the terminal tmux gives it (goaltui runs as
                                           its own command, `goaltui --data-dir DATA_DIR`)
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.run import PY, ROOT, Row, env_for, make_data, side_by_side

PRESSES = 20
LIMIT = 30.0  # seconds: a generous wait for a frame on a busy machine


def pane(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def goaltui_count(screen: str) -> int | None:
    """The prospects figure of the first pace gauge (`12/30`)."""
    match = re.search(r"\b(\d+)/30\b", screen)
    return int(match.group(1)) if match else None


def minimal_count(screen: str) -> int | None:
    lines = [line.strip() for line in screen.splitlines() if line.strip().isdigit()]
    return int(lines[0]) if lines else None


def wait_for(session: str, read: Callable[[str], int | None], want: int) -> float:
    """Poll the pane until ``read`` finds ``want``; the moment it did."""
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        if read(pane(session)) == want:
            return time.perf_counter()
    raise RuntimeError(f"{session}: the screen never showed {want}")


def open_in_tmux(which: str, data: Path, env: dict[str, str]) -> tuple[str, int, float]:
    """Start the app in a tmux session: (session, the count it first shows, ms from start to that frame)."""
    session = f"goaltui-bench-{which}"
    read = goaltui_count if which == "goaltui" else minimal_count
    # goaltui as you start it (the console script); the minimal app from this file.
    goaltui = f"{Path(PY).parent / 'goaltui'} --data-dir {data}"
    command = goaltui if which == "goaltui" else f"cd {ROOT} && {PY} -m bench.keys run {which} {data}"
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    begun = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], env=env, check=True)
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        count = read(pane(session))
        if count is not None:
            return session, count, (time.perf_counter() - begun) * 1000
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    raise RuntimeError(f"{which}: no count on screen")


def key_latencies(which: str, data: Path, env: dict[str, str]) -> list[float]:
    """Start the app in tmux, press p PRESSES times, and time each press until its count shows (ms)."""
    read = goaltui_count if which == "goaltui" else minimal_count
    session, start, _ = open_in_tmux(which, data, env)
    try:
        times = []
        for i in range(1, PRESSES + 1):
            sent = time.perf_counter()
            subprocess.run(["tmux", "send-keys", "-t", session, "p"], check=True)
            times.append((wait_for(session, read, start + i) - sent) * 1000)
        return times
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def bench_keys(root: Path, runs: int) -> list[Row]:
    if shutil.which("tmux") is None:
        print("keys: tmux is not installed (apt-get install tmux): skipped", file=sys.stderr)
        return []
    data = make_data(root, "keys", 7)
    env = env_for(root, data)
    ours, bare = [], []
    for _ in range(max(1, runs // 5)):  # alternate whole sessions: noise hits both sides alike
        bare += key_latencies("minimal", data, env)
        ours += key_latencies("goaltui", data, env)
    return [
        Row(
            "a key press to its count on screen (tmux), saved",
            "bare Textual counter that saves nothing",
            statistics.median(ours),
            statistics.median(bare),
            1.2,
        )
    ]


def first_frame_in_tmux(which: str, data: Path, env: dict[str, str]) -> float:
    session, _, ms = open_in_tmux(which, data, env)
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    return ms


def bench_frame(root: Path, runs: int) -> list[Row]:
    if shutil.which("tmux") is None:
        print("frame: tmux is not installed (apt-get install tmux): skipped", file=sys.stderr)
        return []
    data = make_data(root, "frame-5y", 5 * 365)
    env = env_for(root, data)
    base, value = side_by_side(
        lambda: first_frame_in_tmux("minimal", data, env), lambda: first_frame_in_tmux("goaltui", data, env), runs
    )
    return [
        Row("first frame in tmux, 5 years of history", "minimal Textual app (header, footer, label)", value, base, 1.1)
    ]


BENCHES = {"keys": bench_keys, "frame": bench_frame}


if __name__ == "__main__":
    _, which, data_dir = sys.argv[1:4]
    from bench.screens import goaltui_app, minimal_app

    app = goaltui_app(Path(data_dir)) if which == "goaltui" else minimal_app(counter=True)
    app.run()

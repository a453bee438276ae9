"""Keys pressed to their count on screen, in a real terminal (tmux), against a bare Textual counter.

Each side runs in its own tmux session on a tmux server of the bench's own
(``tmux -L``), started with the bench's folders and clock passed in
(``new-session -e``): a user's running tmux server, and its environment, are
never used. A key is sent with `tmux send-keys` and the pane is read with
`capture-pane` until the new count shows. goaltui's count is the count after
its fsync (the counters show saved taps only); the counter app saves nothing.
Run by python -m bench.

python -m bench.keys run minimal DATA_DIR   the bare counter, in the terminal tmux gives it (goaltui runs as
                                           its own command, `goaltui --data-dir DATA_DIR`)
"""

from __future__ import annotations

import os
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
BURST = 200  # keys sent at once, as a paste or a slow link delivers them
PAUSE = 0.3  # seconds between presses in the row "after a pause", as a person types
LIMIT = 30.0  # seconds: a generous wait for a frame on a busy machine
SOCKET = f"goaltui-bench-{os.getpid()}"  # the bench's own tmux server
PASSED = ("GOALTUI_", "HOME", "XDG_", "LANG", "LC_")  # what the apps get from the bench's environment
GOALTUI = Path(PY).parent / "goaltui"  # this checkout's, as you start it


def tmux(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check)


def stop_server() -> None:
    tmux("kill-server")


def pane(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session).stdout


def goaltui_count(screen: str) -> int | None:
    """The prospects figure of the first pace gauge (`12/30`)."""
    match = re.search(r"(?<![\d,])(\d{1,3}(?:,\d{3})*)/30\b", screen)  # 1,000/30 once a burst passes 999
    return int(match.group(1).replace(",", "")) if match else None


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


def open_in_tmux(which: str, data: Path, env: dict[str, str], program: Path = GOALTUI) -> tuple[str, int, float]:
    """Start the app in a tmux session: (session, the count it first shows, ms from start to that frame).

    ``program``: the goaltui started (another checkout's, for `python -m bench.against`).
    """
    session = f"goaltui-bench-{which}"
    read = goaltui_count if which == "goaltui" else minimal_count
    # goaltui as you start it (the console script); the minimal app from this file.
    goaltui = f"{program} --data-dir {data}"
    command = goaltui if which == "goaltui" else f"cd {ROOT} && {PY} -m bench.keys run {which} {data}"
    tmux("kill-session", "-t", session)
    passed = [f"-e{name}={value}" for name, value in sorted(env.items()) if name.startswith(PASSED)]
    begun = time.perf_counter()
    for _ in range(50):  # the bench's tmux server may still be going from the last row: a moment later it takes it
        if tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", *passed, command).returncode == 0:
            break
        time.sleep(0.1)
    else:
        raise RuntimeError(f"{which}: tmux would not start a session")
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        count = read(pane(session))
        if count is not None:
            return session, count, (time.perf_counter() - begun) * 1000
    tmux("kill-session", "-t", session)
    raise RuntimeError(f"{which}: no count on screen")


def key_latencies(
    which: str, data: Path, env: dict[str, str], pause: float = 0.0, program: Path = GOALTUI
) -> list[float]:
    """Start the app in tmux, press p PRESSES times (``pause`` seconds apart), and time each press until its count
    shows (ms)."""
    read = goaltui_count if which == "goaltui" else minimal_count
    session, start, _ = open_in_tmux(which, data, env, program)
    try:
        times = []
        for i in range(1, PRESSES + 1):
            time.sleep(pause)
            sent = time.perf_counter()
            tmux("send-keys", "-t", session, "p", check=True)
            times.append((wait_for(session, read, start + i) - sent) * 1000)
        return times
    finally:
        tmux("kill-session", "-t", session)


def burst_time(which: str, data: Path, env: dict[str, str]) -> float:
    """Start the app in tmux, send BURST presses of p in one go, and time until the screen shows all of them (ms)."""
    read = goaltui_count if which == "goaltui" else minimal_count
    session, start, _ = open_in_tmux(which, data, env)
    try:
        time.sleep(0.5)  # the app settled after its first frame, on both sides
        sent = time.perf_counter()
        tmux("send-keys", "-t", session, "p" * BURST, check=True)
        return (wait_for(session, read, start + BURST) - sent) * 1000
    finally:
        tmux("kill-session", "-t", session)


def have_tmux(row: str) -> bool:
    if shutil.which("tmux") is None:
        print(f"{row}: tmux is not installed (apt-get install tmux): skipped", file=sys.stderr)
        return False
    return True


def bench_keys(root: Path, runs: int) -> list[Row]:
    if not have_tmux("keys"):
        return []
    data = make_data(root, "keys", 7)
    env = env_for(root, data)
    rows = []
    try:
        for pause, measure, target in (
            (0.0, "a key press to its count on screen (tmux), saved, keys back to back", 1.2),
            (PAUSE, f"a key press to its count on screen (tmux), saved, {PAUSE:g} s after the last", 1.2),
        ):
            ours, bare = [], []
            for _ in range(max(1, runs // 5)):  # alternate whole sessions: noise hits both sides alike
                bare += key_latencies("minimal", data, env, pause)
                ours += key_latencies("goaltui", data, env, pause)
            baseline = "bare Textual counter that saves nothing"
            rows.append(Row(measure, baseline, statistics.median(ours), statistics.median(bare), target))
    finally:
        stop_server()
    return rows


def bench_burst(root: Path, runs: int) -> list[Row]:
    if not have_tmux("burst"):
        return []
    data = make_data(root, "burst", 7)
    env = env_for(root, data)
    try:
        base, value = side_by_side(
            lambda: burst_time("minimal", data, env), lambda: burst_time("goaltui", data, env), runs
        )
    finally:
        stop_server()
    measure = f"{BURST} keys at once to all {BURST} on screen (tmux), saved"
    return [Row(measure, "bare Textual counter that saves nothing", value, base, 3.0)]


def first_frame_in_tmux(which: str, data: Path, env: dict[str, str], program: Path = GOALTUI) -> float:
    session, _, ms = open_in_tmux(which, data, env, program)
    tmux("kill-session", "-t", session)
    return ms


def bench_frame(root: Path, runs: int) -> list[Row]:
    if not have_tmux("frame"):
        return []
    data = make_data(root, "frame-5y", 5 * 365)
    env = env_for(root, data)
    cold_env = dict(env, GOALTUI_CACHE_DIR=str(root / "cold-cache"))

    def cold() -> float:
        shutil.rmtree(root / "cold-cache", ignore_errors=True)  # a new device, or a cache a sync made cold
        return first_frame_in_tmux("goaltui", data, cold_env)

    try:
        base, value = side_by_side(
            lambda: first_frame_in_tmux("minimal", data, env), lambda: first_frame_in_tmux("goaltui", data, env), runs
        )
        warm, cold_ms = side_by_side(lambda: first_frame_in_tmux("goaltui", data, env), cold, runs)
    finally:
        stop_server()
    return [
        Row("first frame in tmux, 5 years of history", "minimal Textual app (header, footer, label)", value, base, 1.1),
        Row("first frame in tmux, 5 years, empty summary cache", "the same with the cache warm", cold_ms, warm, 2.0),
    ]


BENCHES = {"keys": bench_keys, "burst": bench_burst, "frame": bench_frame}


if __name__ == "__main__":
    _, which, data_dir = sys.argv[1:4]
    from bench.screens import goaltui_app, minimal_app

    app = goaltui_app(Path(data_dir)) if which == "goaltui" else minimal_app(counter=True)
    app.run()

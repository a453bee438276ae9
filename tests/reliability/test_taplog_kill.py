"""kill -9 at random moments (and simulated torn writes): no acknowledged tap is ever lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path

from goaltui.store.taplog import Tap, TapLog, parse_line

WRITER = Path(__file__).with_name("taplog_writer.py")
NOW = "2026-11-23T09:00:00.000+01:00"
TODAY = date(2026, 11, 23)
ROUNDS = 40
BUDGET = 20.0  # seconds: stop early rather than slow the suite down


def start(data_dir: Path, writer: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(WRITER), str(data_dir), "laptop", writer, "-1", NOW],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=os.environ.copy(),
                            bufsize=0)  # unbuffered: readline() must not swallow keys that communicate() then misses


def test_acknowledged_taps_survive_kill_9(data_dir: Path) -> None:
    rng = random.Random(47)
    path = data_dir / "taps" / "laptop" / "2026-11.toml"
    acked: set[str] = set()
    kills = torn = 0
    deadline = time.monotonic() + BUDGET
    for round_ in range(ROUNDS):
        if time.monotonic() > deadline and round_ >= 10:
            break
        procs = [start(data_dir, f"r{round_}w{i}") for i in range(2)]
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.12))
        for proc in procs:
            os.kill(proc.pid, signal.SIGKILL)
        for proc in procs:
            out, _ = proc.communicate(timeout=10)
            assert proc.returncode == -signal.SIGKILL
            kills += 1
            for line in out.split(b"\n")[:-1]:  # only whole lines: a key cut off mid-print proves nothing
                acked.add(line.decode())
        if round_ % 4 == 3 and path.exists():
            # What a power cut can leave: the start of a line that never got its end.
            line = Tap(datetime(2026, 11, 23, 9, tzinfo=timezone(timedelta(hours=1))), "prospects").to_line()
            with path.open("ab") as f:
                f.write(line[: rng.randrange(1, len(line) - 2)].encode())
            torn += 1
    assert kills >= 20 and len(acked) > 50

    text = path.read_text(encoding="utf-8")
    found, junk = [], 0
    for line in text.splitlines():
        try:
            found.append(parse_line(line))
        except ValueError:
            junk += 1
    assert junk <= torn
    keys = [tap.key for tap in found]
    assert acked <= set(keys), f"lost {len(acked - set(keys))} acknowledged taps"
    assert len(keys) == len(set(keys))
    assert all(a.at < b.at for a, b in pairwise(found))

    log = TapLog(data_dir, device="laptop")
    result = log.read(TODAY)
    assert len(result.problems) == junk
    assert all("skipped" in problem for problem in result.problems)
    assert result.counts.get(TODAY, "prospects") == len(found)

    fresh = log.append("prospects", now=datetime.fromisoformat(NOW))
    assert fresh.at > found[-1].at
    assert path.read_text(encoding="utf-8").endswith(fresh.to_line())
    assert log.read(TODAY).counts.get(TODAY, "prospects") == len(found) + 1

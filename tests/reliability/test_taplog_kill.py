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

from goaltui.store.tap import Tap, parse_line
from goaltui.store.taplog import TapLog

WRITER = Path(__file__).with_name("taplog_writer.py")
NOW = "2026-11-23T09:00:00.000+01:00"
TODAY = date(2026, 11, 23)
ROUNDS = 30


def start(data_dir: Path, writer: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), "laptop", writer, "-1", NOW],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
        bufsize=0,
    )  # unbuffered: readline() must not swallow keys that communicate() then misses


def test_acknowledged_taps_survive_kill_9(data_dir: Path) -> None:
    rng = random.Random(47)
    path = data_dir / "taps" / "laptop" / "2026-11.toml"
    acked: set[str] = set()
    waited_for = kills = torn = 0
    for round_ in range(ROUNDS):
        procs = [start(data_dir, f"r{round_}w{i}") for i in range(2)]
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline() == b"ready\n"
        # Let each writer acknowledge a few taps (an event, whatever the machine's speed), timing them,
        # then kill at a moment spread over about one tap's time: mid-write as often as between writes.
        began = time.monotonic()
        for proc in procs:
            assert proc.stdout is not None
            want = rng.randint(2, 4)
            for _ in range(want):
                printed = proc.stdout.readline()
                assert printed.endswith(b"\n")
                acked.add(printed.decode().rstrip("\n"))
            waited_for += want
        per_tap = (time.monotonic() - began) / 4
        time.sleep(rng.uniform(0.0, 2.0) * per_tap)
        for proc in procs:
            os.kill(proc.pid, signal.SIGKILL)
        for proc in procs:
            out, _ = proc.communicate(timeout=30)
            assert proc.returncode == -signal.SIGKILL
            kills += 1
            for printed in out.split(b"\n")[:-1]:  # only whole lines: a key cut off mid-print proves nothing
                acked.add(printed.decode())
        if round_ % 4 == 3 and path.exists():
            # What a power cut can leave: the start of a line that never got its end.
            line = Tap(datetime(2026, 11, 23, 9, tzinfo=timezone(timedelta(hours=1))), "prospects").to_line()
            with path.open("ab") as f:
                f.write(line[: rng.randrange(1, len(line) - 2)].encode())
            torn += 1
    assert kills == 2 * ROUNDS and len(acked) >= waited_for

    text = path.read_text(encoding="utf-8")
    found, junk = [], 0
    for line in text.splitlines():
        try:
            found.append(parse_line(line))
        except ValueError:
            junk += 1
    # A kill can tear the line being written too (the kernel checks for a fatal signal between the
    # pages a write spans): never an acknowledged one, and at most one per kill.
    assert junk <= torn + kills
    keys = [tap.key for tap in found]
    assert acked <= set(keys), f"lost {len(acked - set(keys))} acknowledged taps"
    assert len(keys) == len(set(keys))
    assert all(a.at < b.at for a, b in pairwise(found))

    log = TapLog(data_dir, device="laptop")
    result = log.read()
    assert len(result.problems) == junk
    assert all("skipped" in problem for problem in result.problems)
    assert result.counts.get(TODAY, "prospects") == len(found)

    fresh = log.append("prospects", now=datetime.fromisoformat(NOW))
    assert fresh.at > found[-1].at
    assert path.read_text(encoding="utf-8").endswith(fresh.to_line())
    assert log.read().counts.get(TODAY, "prospects") == len(found) + 1

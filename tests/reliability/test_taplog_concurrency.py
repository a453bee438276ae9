"""Three processes tapping into the same device folder at once lose nothing and never share a key."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from itertools import pairwise
from pathlib import Path

from goaltui.store.tap import parse_line
from goaltui.store.taplog import TapLog

WRITER = Path(__file__).with_name("taplog_writer.py")
NOW = "2026-11-23T09:00:00.000+01:00"  # every writer uses the same instant: each key has to be bumped
PER_WRITER = 300


def test_three_writers_at_once(data_dir: Path, tmp_path: Path) -> None:
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(data_dir), "shared", f"w{i}", str(PER_WRITER), NOW, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
            bufsize=0,
        )
        for i in range(3)
    ]
    try:
        for writer in writers:
            assert writer.stdout is not None
            assert writer.stdout.readline() == b"ready\n"
        go.touch()
        outputs = [writer.communicate(timeout=60) for writer in writers]
    finally:
        for writer in writers:
            writer.kill()
    for writer, (_, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
    acked = [line for out, _ in outputs for line in out.decode().splitlines()]
    assert len(acked) == len(set(acked)) == 3 * PER_WRITER

    path = data_dir / "taps" / "shared" / "2026-11.toml"
    text = path.read_text(encoding="utf-8")
    taps = [parse_line(line) for line in text.splitlines()]
    assert len(taps) == 3 * PER_WRITER
    assert all(a.at < b.at for a, b in pairwise(taps))  # strictly increasing, in file order
    assert {t.key for t in taps} == set(acked)
    assert {t.note for t in taps} == {f"w{w}-{i}" for w in range(3) for i in range(PER_WRITER)}
    assert len(tomllib.loads(text)) == 3 * PER_WRITER

    result = TapLog(data_dir, device="reader").read()
    assert result.problems == []
    assert sum(n for _, metrics in result.counts.items() for n in metrics.values()) == 3 * PER_WRITER

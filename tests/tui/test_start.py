"""Starting the app for real: collecting garbage waits for the first frame, then resumes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUN = """
import gc
import time
from datetime import datetime
from pathlib import Path

from goaltui.store.goalsfile import starter_text, write_new
from goaltui.tui.app import make_app

now = datetime.fromisoformat("2026-11-25T10:00:00+01:00")
data = Path({data!r})
write_new(data / "goals.toml", starter_text(now.date()))
app = make_app(data, clock=lambda: now, poll_interval=0)
seen = []

async def pilot(p):
    seen.append(gc.isenabled())
    deadline = time.monotonic() + 30  # a generous wait for the first frame on a busy machine
    while not gc.isenabled() and time.monotonic() < deadline:
        await p.pause(0.01)
    seen.append(gc.isenabled())
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=pilot)
print(seen, gc.isenabled(), gc.get_freeze_count() > 0)
"""


def test_the_collector_waits_for_the_first_frame_then_resumes(tmp_path: Path) -> None:
    run = RUN.format(data=str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    out = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, check=True).stdout
    # Off while the first frame is made; on again once drawn, with what starting made frozen.
    assert out.split() == ["[False,", "True]", "True", "True"]

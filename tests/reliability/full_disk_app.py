"""Run the app headless on a tap log whose disk is full, tap KEYS, then wait to be told to stop.

    python full_disk_app.py DATA_DIR KEYS

Prints `waiting N` once N taps wait for the disk; the app then runs until a
signal ends it, and this process exits with the app's return code. The clock
is `$GOALTUI_NOW` when set, as for the command line.
"""

from __future__ import annotations

import asyncio
import errno
import sys
from pathlib import Path
from typing import Any

from goaltui.cli import system_clock
from goaltui.store.tap import Tap
from goaltui.store.taplog import TapLog
from goaltui.tui.app import make_app


def full(self: TapLog, *args: Any, **kwargs: Any) -> list[Tap]:
    raise OSError(errno.ENOSPC, "No space left on device")


async def drive(data: Path, keys: str) -> int:
    app = make_app(data, clock=system_clock, poll_interval=0.2)
    TapLog.append_all = full  # type: ignore[method-assign]  # every append goes through it

    async def tap(pilot: Any) -> None:
        await pilot.press(*keys)
        while f"{len(keys)} taps waiting" not in app.disk.save_error:
            await pilot.pause(0.01)
        print("waiting", app.disk.pending, flush=True)

    await app.run_async(headless=True, size=(100, 30), auto_pilot=tap)
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(asyncio.run(drive(Path(sys.argv[1]), sys.argv[2])))

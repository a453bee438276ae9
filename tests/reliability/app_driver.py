"""Run the app headless and press a metric key in a loop, printing each count the screen shows.

    python app_driver.py DATA_DIR KEY COUNT

The clock is `$GOALTUI_NOW` when set, as for the command line. Prints `shown N`
after every tap the screen shows as saved, so a test that
kills this process knows what the user had been shown.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from goaltui.cli import system_clock
from goaltui.tui.app import make_app
from goaltui.tui.widgets.counter import MetricCounter


async def drive(data: Path, key: str, count: int) -> None:
    app = make_app(data, clock=system_clock, poll_interval=0.2)
    metric = app.tracker.plan.metric_for_key(key)
    assert metric is not None
    async with app.run_test(size=(100, 30)) as pilot:
        counter = app.screen.query_one(f"#counter-{metric.id}", MetricCounter)
        print("started", counter.value, flush=True)
        for _ in range(count):
            await pilot.press(key)
            deadline = time.monotonic() + 60  # a tap that never saves is a failure, not a hang
            while not app.disk.idle:
                if time.monotonic() > deadline:
                    raise SystemExit("a tap was not saved within 60 s")
                await pilot.pause(0.005)
            await pilot.pause()
            print("shown", counter.value, flush=True)
        print("done", flush=True)


if __name__ == "__main__":
    asyncio.run(drive(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])))

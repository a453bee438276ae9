"""Save the README's screenshots (SVG) from the real app on generated data.

python docs/screenshots.py        (or: make screenshots)
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOW = datetime(2026, 11, 25, 11, 15, tzinfo=timezone(timedelta(hours=1)))  # a Wednesday morning


async def shoot(data: Path, name: str, keys: list[str], taps: str = "") -> None:
    from goaltui.tui.app import make_app

    app = make_app(data, clock=lambda: NOW, poll_interval=0, device="laptop")
    async with app.run_test(size=(110, 34)) as pilot:
        if taps:
            await pilot.press(*taps)
            deadline = time.monotonic() + 60
            while not app.disk.idle:
                if time.monotonic() > deadline:
                    raise SystemExit("the taps were not saved within 60 s")
                await pilot.pause(0.01)
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.save_screenshot(filename=f"{name}.svg", path=str(HERE))
        print(f"wrote docs/{name}.svg")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for var, sub in (("STATE", "state"), ("CACHE", "cache"), ("CONFIG", "config")):
            os.environ[f"GOALTUI_{var}_DIR"] = str(root / sub)
        from goaltui.store.goalsfile import starter_text, write_new
        from synthetic import generate_history

        data = root / "data"
        data.mkdir()
        write_new(data / "goals.toml", starter_text(date(2026, 9, 28)))
        generate_history(data, start=date(2026, 9, 28), end=date(2026, 11, 24), seed=3)
        asyncio.run(shoot(data, "daily", [], taps="p" * 14 + "lll"))
        asyncio.run(shoot(data, "goals", ["g"]))
        asyncio.run(shoot(data, "review", ["r"]))


if __name__ == "__main__":
    main()

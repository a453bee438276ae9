"""A full garbage collection comes due while a large app starts, and holds its first frame back.

    python collector_at_first_frame.py

starts an app of 400 widgets and prints the collections that ran before its first frame
and how long they took. Expected: none worth measuring. Seen on Textual 8.2.8: one of the
oldest generation, 11-13 ms here (about 10 ms with goaltui's screens), that frees nothing:
the objects made while starting live as long as the app. goaltui turns the collector off
while it starts and freezes what it made after the first frame (goaltui/tui/app.py).
"""

import asyncio
import gc
import time

from textual.app import App, ComposeResult
from textual.widgets import Label

runs: list[tuple[int, float, int]] = []
began: dict[str, float] = {}


def watch(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        began["at"] = time.perf_counter()
    else:
        runs.append((info["generation"], (time.perf_counter() - began["at"]) * 1000, info["collected"]))


class Many(App[None]):
    def compose(self) -> ComposeResult:
        yield from (Label(f"label {i}") for i in range(400))


async def main() -> None:
    gc.callbacks.append(watch)
    async with Many().run_test():
        gc.callbacks.remove(watch)
    for generation in (0, 1, 2):
        mine = [(ms, freed) for g, ms, freed in runs if g == generation]
        ms, freed = sum(m for m, _ in mine), sum(f for _, f in mine)
        print(f"generation {generation}: {len(mine)} collections, {ms:.1f} ms, {freed} objects freed")


if __name__ == "__main__":
    asyncio.run(main())

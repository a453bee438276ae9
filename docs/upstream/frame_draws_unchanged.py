"""A frame that changes two lines far apart asks every widget between them for its lines.

    python frame_draws_unchanged.py

changes the top and the bottom row of twenty and prints which rows were asked for lines
(`render_lines`) in that frame. Expected: the two that changed. Seen on Textual 8.2.8: all
twenty; the compositor draws the box around the changed lines, then sends the changed ones.
A tap on goaltui's daily screen changes lines from the top to the bottom. goaltui's own
compositor (goaltui/tui/compositor.py) asks each widget only for the changed lines it covers.
"""

import asyncio

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

asked: list[str] = []


class Row(Widget):
    DEFAULT_CSS = "Row { height: 1; }"
    text = reactive("")  # a change repaints the row: no layout

    def render(self) -> str:
        return self.text

    def render_lines(self, crop: Region) -> list[Strip]:
        asked.append(f"{self.id}:{crop.height}")
        return super().render_lines(crop)


class Rows(App[None]):
    def compose(self) -> ComposeResult:
        yield from (Row(id=f"r{n}") for n in range(20))


async def main() -> None:
    app = Rows()
    async with app.run_test() as pilot:
        await pilot.pause()
        asked.clear()
        app.query_one("#r0", Row).text = "row 0 changed"
        app.query_one("#r19", Row).text = "row 19 changed"
        await pilot.pause(0.2)
    print(f"asked {len(asked)} rows for lines: {' '.join(asked)}")


if __name__ == "__main__":
    asyncio.run(main())

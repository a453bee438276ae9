"""Setting the theme in __init__ parses the whole stylesheet once more before the first frame.

    python theme_in_init.py

prints how often the stylesheet was parsed before the first frame, with the theme set in
__init__ and without. Expected: the same. Seen: one parse more with the theme set; with
goaltui's stylesheet that is about a tenth of its start-up time. goaltui overrides
App.refresh_css (goaltui/tui/app.py) to only set the variables while no screen exists.
"""

import asyncio

from textual.app import App
from textual.css.stylesheet import Stylesheet

parses = 0
original = Stylesheet.parse


def counted(self: Stylesheet) -> None:
    global parses
    parses += 1
    original(self)


Stylesheet.parse = counted  # type: ignore[method-assign]


class Themed(App[None]):
    def __init__(self, theme: str | None) -> None:
        super().__init__()
        if theme:
            self.theme = theme


async def first_frame(theme: str | None) -> int:
    global parses
    parses = 0
    async with Themed(theme).run_test():
        return parses


if __name__ == "__main__":
    print("default theme:", asyncio.run(first_frame(None)), "parses")
    print("theme in __init__:", asyncio.run(first_frame("nord")), "parses")

"""Footer builds its keys only after the first frame, in a second round of work on every screen.

    python footer_second_round.py

prints how many times Footer composed and how many keys it shows for a screen of twelve
bindings (and the palette's key). Expected: one compose, in the first frame.
Seen on Textual 8.2.8: two; the first makes no key (the bindings have not settled), the
second, after the first frame, makes all 13 and lays the footer out again. On goaltui's
daily screen that second round was a sixth of the start-up time. goaltui draws the same
line in one widget (goaltui/tui/widgets/keybar.py) from ``screen.active_bindings``.
"""

import asyncio

from textual.app import App, ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

composed = 0
original_compose = Footer.compose


def compose(self: Footer) -> ComposeResult:
    global composed
    composed += 1
    yield from original_compose(self)


Footer.compose = compose  # type: ignore[method-assign]


class Keys(App[None]):
    BINDINGS = [(key, f"notify('{key}')", f"key {key}") for key in "abcdefghijkl"]

    def compose(self) -> ComposeResult:
        yield Footer()


async def main() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause(0.5)
        shown = len(app.query(FooterKey))
    print(f"Footer composed {composed} times; {shown} keys shown")


if __name__ == "__main__":
    asyncio.run(main())

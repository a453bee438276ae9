"""The daily screen's compositor sends what Textual's sends, and asks only the widgets on a changed line."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Header

from goaltui.tui.app import GoalApp
from goaltui.tui.compositor import LineCompositor
from goaltui.tui.widgets.keybar import KeyBar
from tests.factories import settle

WIDTH, HEIGHT = 100, 30


def _regions() -> st.SearchStrategy[list[Region]]:
    def region(x: int, y: int, width: int, height: int) -> Region:
        return Region(x, y, min(width, WIDTH - x), min(height, HEIGHT - y))

    one = st.builds(
        region,
        st.integers(0, WIDTH - 1),
        st.integers(0, HEIGHT - 1),
        st.integers(1, WIDTH),
        st.integers(1, 4),
    )
    return st.lists(one, min_size=1, max_size=6)


def _sent(app: GoalApp, regions: list[Region], render: Callable[[LineCompositor], ChopsUpdate | None]) -> str:
    """What a partial update of ``regions`` writes to the terminal, every line drawn afresh."""
    compositor = app.screen._compositor
    assert isinstance(compositor, LineCompositor)
    for widget in compositor.visible_widgets:
        widget._styles_cache.clear()
    compositor._dirty_regions.update(regions)
    update = render(compositor)
    assert update is not None
    return update.render_segments(app.console)


async def test_a_partial_update_sends_what_textuals_sends(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.press(*"ppl")
        await settle(pilot)
        app.notify("a toast over the panels")  # a widget in front of others: the front one wins its cells
        await settle(pilot)
        assert isinstance(app.screen._compositor, LineCompositor)

        @settings(max_examples=150, deadline=None)
        @given(_regions())
        def same(regions: list[Region]) -> None:
            ours = _sent(app, regions, LineCompositor.render_partial_update)
            textuals = _sent(app, regions, Compositor.render_partial_update)
            assert ours == textuals

        same()


async def test_a_tap_asks_no_widget_off_the_lines_it_changed(new_app) -> None:
    """The header and the key bar cover the whole screen's width at its top and bottom: a tap changes neither."""
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        asked: list[str] = []
        for widget in (app.screen.query_one(Header), app.screen.query_one(KeyBar), app.screen.query_one("#history")):
            _count_asks(widget, asked)
        await pilot.press("p")
        await settle(pilot)
        assert asked == ["history"], "only the weeks, whose line for this week changed"
        assert "2 this week" in str(app.screen.query_one("#history").render())


async def test_a_tap_asks_no_widget_beside_or_behind_what_changed(new_app) -> None:
    """The prospects' counter changes: the leads' counter beside it on the same lines is not asked, nor the grid
    and the scrolling panel behind it; what is sent is still Textual's (the test above)."""
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        asked: list[str] = []
        for name in ("#counter-prospects", "#counter-leads", "#counter-customers", "#counters", "#daily", "#pace"):
            _count_asks(app.screen.query_one(name), asked)
        _count_asks(app.screen, asked)
        await pilot.press("p")
        await settle(pilot)
        assert sorted(set(asked)) == ["counter-prospects", "pace"]
        assert "2/30" in str(app.screen.query_one("#pace").render())


def _count_asks(widget: Widget, asked: list[str]) -> None:
    draw = widget.render_lines

    def render_lines(crop: Region) -> list[Strip]:
        asked.append(widget.id or type(widget).__name__)
        return draw(crop)

    widget.render_lines = render_lines  # type: ignore[method-assign]

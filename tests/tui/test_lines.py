"""A Lines widget repaints only the lines a change changed, and lays out again when their number changes."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content
from textual.strip import Strip

from goaltui.tui.widgets.lines import Lines


class Rows(Lines):
    """Three rows of words; records each line it is asked to draw."""

    DEFAULT_CSS = "Rows { height: auto; }"

    def __init__(self) -> None:
        super().__init__()
        self.rows = ["prospects 12", "leads 3", "customers 1"]
        self.drawn: list[int] = []

    def lines(self, width: int) -> list[Content]:
        return [Content.styled(row, "bold" if row.startswith("leads") else "") for row in self.rows]

    def render_line(self, y: int) -> Strip:
        self.drawn.append(y)
        return super().render_line(y)


class RowsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Rows()


def text_of(app: RowsApp) -> list[str]:
    return [line.text.rstrip() for line in app.screen._compositor.render_strips()[:4]]


async def test_a_change_repaints_the_line_it_changed_and_no_other() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 6)) as pilot:
        rows = app.query_one(Rows)
        await pilot.pause()
        assert set(rows.drawn) == {0, 1, 2}
        rows.drawn.clear()

        rows.rows[0] = "prospects 13"
        rows.changed()
        await pilot.pause()
        assert rows.drawn == [0], "only the line whose figure moved"
        assert text_of(app)[:3] == ["prospects 13", "leads 3", "customers 1"]

        rows.drawn.clear()
        rows.changed()  # nothing changed: nothing painted
        await pilot.pause()
        assert rows.drawn == []


async def test_a_line_more_lays_the_widget_out_again() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 6)) as pilot:
        rows = app.query_one(Rows)
        await pilot.pause()
        assert rows.size.height == 3
        rows.rows.append("recruits 2")
        rows.changed()
        await pilot.pause()
        assert rows.size.height == 4
        assert text_of(app) == ["prospects 12", "leads 3", "customers 1", "recruits 2"]


async def test_a_repaint_of_the_whole_widget_draws_no_line_again_that_is_drawn_already() -> None:
    """A hover or a class repaints every line; the lines are kept by what they are made of."""
    app = RowsApp()
    async with app.run_test(size=(40, 6)) as pilot:
        rows = app.query_one(Rows)
        await pilot.pause()
        first = [rows.render_line(y) for y in range(3)]
        rows.refresh()
        await pilot.pause()
        again = [rows.render_line(y) for y in range(3)]
        assert all(line is kept for line, kept in zip(again, first, strict=True)), "the same strips, not drawn anew"

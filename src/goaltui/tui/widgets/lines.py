"""A widget drawn as lines of text, one Content a line, that repaints only the lines a change changed.

A tap changes a figure or two: the counter's digits, one gauge's bar, one
week of one metric. Repainting a whole panel for that cost the frame the
most: the screen draws every line a changed widget covers, so four panels
repainted whole were 17 lines of 118 cells for the 7 that changed. A
:class:`Lines` widget keeps the lines it last drew, and a change repaints
the lines that differ (by their text and their styles); a line more or less
lays it out again. Each line is drawn on its own and kept by what it is made
of, so a repaint of the whole widget (a hover, a class) draws no line again
that it has drawn; a new width, style or theme draws them all again.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widget import Widget


def wrapped(lines: list[Content], width: int) -> list[Content]:
    """``lines`` with their words wrapped whole at ``width``, as a Static wraps them."""
    return [piece for line in lines for piece in line.wrap(max(1, width))]


def same(a: Content, b: Content) -> bool:
    """The same line on screen: the same text in the same styles (Content's == compares the text alone)."""
    return a.plain == b.plain and a.spans == b.spans


class Lines(Widget):
    """Lines of text, none wrapped (the subclass breaks its own lines to fit the width it is given)."""

    auto_links = False  # no line here is a link: nothing to light up under the mouse

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._drawn: tuple[int, list[Content]] | None = None  # the width, and the lines last drawn at it
        self._with: tuple[Any, ...] = ()  # what every line was drawn with: the width, the style, the theme
        self._strips: dict[tuple[str, tuple[Any, ...]], Strip] = {}  # each line drawn, by its text and styles

    def lines(self, width: int) -> list[Content]:
        """What the widget shows at ``width`` cells, a Content a line: each kind of panel says (none here)."""
        return []

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def _lines_at(self, width: int) -> list[Content]:
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, self.lines(width))
        return self._drawn[1]

    def render(self) -> Content:
        return Content("\n").join(self._lines_at(self.size.width))

    def render_line(self, y: int) -> Strip:
        """Line ``y``, drawn again only when it, or what every line is drawn with, changed."""
        if self.text_selection is not None:  # a selection runs across lines: drawn whole, as Textual draws
            return super().render_line(y)
        width = self.size.width
        lines = self._lines_at(width)
        style = self.visual_style
        if y >= len(lines):
            return Strip.blank(width, style.rich_style)
        drawn_with = (width, style, self.app.theme, self.styles.text_overflow, self.styles.text_align)
        if drawn_with != self._with or len(self._strips) > 2 * len(lines) + 8:
            self._with, self._strips = drawn_with, {}
        line = lines[y]
        key = (line.plain, tuple(line.spans))
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw(line, width, style)
        return strip

    def _draw(self, line: Content, width: int, style: VisualStyle) -> Strip:
        """One line, as ``Visual.to_strips`` draws it. A line that fits, left-aligned, with no tab (every line the
        panels draw) is made from its segments directly, which takes a quarter of the time: nothing to wrap,
        align or cut. The tui tests' snapshots draw the same either way."""
        styles = self.styles
        if (
            line.cell_length > width
            or styles.text_align not in ("left", "start")
            or styles.content_align != ("left", "top")
            or self.auto_links
            or styles.line_pad
            or "\t" in line.plain
            or "\n" in line.plain
        ):
            return Visual.to_strips(self, line, width, 1, style)[0]
        segments = []
        x = 0
        for text, text_style in line.render(style, end="", parse_style=self._get_style):
            segments.append(Segment(text, (style + text_style).rich_style_with_offset(x, 0)))
            x += len(text)
        return Strip(segments, line.cell_length)

    def changed(self) -> None:
        """What the lines are made of changed: repaint the lines that differ, or lay out if their number did."""
        drawn = self._drawn
        width = self.size.width
        if drawn is None or drawn[0] != width or not self.is_mounted:
            self._drawn = None
            self.refresh(layout=True)
            return
        new = self.lines(width)
        self._drawn = (width, new)
        if len(new) != len(drawn[1]):
            self.refresh(layout=True)
            return
        regions = [
            Region(0, y, width, 1)
            for y, (old, line) in enumerate(zip(drawn[1], new, strict=True))
            if not same(old, line)
        ]
        if regions:
            self.refresh(*regions)

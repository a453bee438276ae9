"""The road chart: cumulative progress against the line, drawn in braille dots (two by four to a cell).

Drawn with Content alone, so the chart costs no import beyond Textual. Each
series is a polyline from the window's start (at zero) through the end of
each day; a cell takes the colour of the most telling series in it. A legend
names every series by its glyph as well as its colour.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from textual.content import Content
from textual.widget import Widget

from goaltui.lang import N_, _
from goaltui.model.calendar import short_date
from goaltui.model.format import count
from goaltui.model.road import Road
from goaltui.tui.text import assemble

# Dot bits of a braille cell, by (column, row) within it.
DOTS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
BRAILLE = 0x2800
# Series, most telling first: a cell with several shows the first one's colour.
PROGRESS, PROJECTION, LINE, STRETCH = "progress", "projection", "line", "stretch"
STYLES = {
    PROGRESS: "bold $road-progress",
    PROJECTION: "$road-projection",
    LINE: "$road-line",
    STRETCH: "$road-stretch",
}
LEGEND = (  # each series' glyph and its name
    (PROGRESS, "⣿", N_("done so far")),
    (LINE, "⠉", N_("the line")),
    (STRETCH, "⠒", N_("stretch")),
    (PROJECTION, "⠤", N_("projection")),
)
TODAY_MARK = "┊"
Point = tuple[float, float]  # (share of the window's days, value)


class Canvas:
    """A grid of braille cells, each remembering the most telling series drawn in it."""

    def __init__(self, width: int, height: int, top: float) -> None:
        self.width, self.height, self.top = width, height, top
        self.bits = [[0] * width for _row in range(height)]
        self.owner: list[list[str | None]] = [[None] * width for _row in range(height)]

    def dot(self, x: int, y: int, series: str) -> None:
        """Set the dot at pixel (x, y), y counted up from the bottom."""
        if not (0 <= x < 2 * self.width and 0 <= y < 4 * self.height):
            return
        row, col = self.height - 1 - y // 4, x // 2
        self.bits[row][col] |= DOTS[x % 2][3 - y % 4]
        held = self.owner[row][col]
        if held is None or list(STYLES).index(series) < list(STYLES).index(held):
            self.owner[row][col] = series

    def pixel(self, point: Point) -> tuple[int, int]:
        share, value = point
        x = round(share * (2 * self.width - 1))
        y = round(min(value, self.top) / self.top * (4 * self.height - 1)) if self.top > 0 else 0
        return x, y

    def polyline(self, points: list[Point], series: str, *, every: int = 1) -> None:
        """Join the points; ``every`` > 1 leaves gaps (a dotted line)."""
        step = 0
        for a, b in pairwise(points):
            (x0, y0), (x1, y1) = self.pixel(a), self.pixel(b)
            n = max(abs(x1 - x0), abs(y1 - y0), 1)
            for i in range(n + 1):
                if step % every == 0:
                    self.dot(round(x0 + (x1 - x0) * i / n), round(y0 + (y1 - y0) * i / n), series)
                step += 1

    def rows(self, today_col: int | None) -> list[Content]:
        lines = []
        for bits, owners in zip(self.bits, self.owner, strict=True):
            cells: list[tuple[str, str]] = []
            for col, (b, who) in enumerate(zip(bits, owners, strict=True)):
                if b:
                    cells.append((chr(BRAILLE + b), STYLES[who or LINE]))
                elif col == today_col:
                    cells.append((TODAY_MARK, "$road-today"))
                else:
                    cells.append((" ", ""))
            lines.append(assemble(*cells).simplify())
        return lines


def series(values: tuple[float, ...], days: int, offset: int = 0) -> list[Point]:
    """Points at the end of each day, from zero at the window's start."""
    return [(0.0, 0.0), *(((offset + i + 1) / days, v) for i, v in enumerate(values))]


def road_chart(road: Road, width: int, height: int) -> Content:
    """The chart in ``width`` x ``height`` cells: axis labels, plot, dates, legend."""
    days = road.window.days
    top = max([road.target, road.stretch or 0, road.projection or 0, *road.progress, 1]) * 1.05
    labels = [count(round(top / 1.05)), count(round(road.target)), "0"]
    axis = max(len(label) for label in labels) + 1
    plot_w, plot_h = max(4, width - axis - 1), max(2, height - 3)
    canvas = Canvas(plot_w, plot_h, top)
    if road.stretch_line is not None:
        canvas.polyline(series(road.stretch_line, days), STRETCH, every=4)
    canvas.polyline(series(road.line, days), LINE, every=2)
    done = len(road.progress)
    if road.projection is not None and road.progress and done < days:
        canvas.polyline([(done / days, road.progress[-1]), (1.0, road.projection)], PROJECTION, every=3)
    canvas.polyline(series(road.progress, days), PROGRESS)
    today_col = None
    if road.window.contains(road.today):
        today_col = canvas.pixel(((road.today - road.window.start).days / days + 0.5 / days, 0))[0] // 2
    target_row = plot_h - 1 - canvas.pixel((0, road.target))[1] // 4
    lines = []
    for i, row in enumerate(canvas.rows(today_col)):
        label = labels[0] if i == 0 else labels[1] if i == target_row else labels[2] if i == plot_h - 1 else ""
        if i == target_row and i != 0 and labels[1] == labels[0]:
            label = ""  # the top is the target itself: named once
        lines.append(assemble((f"{label:>{axis - 1}} ┤" if label else " " * axis + "│"), row))
    lines.append(Content(" " * axis + "└" + "─" * plot_w))
    lines.append(Content(" " * (axis + 1)) + _dates(road, plot_w, today_col))
    legend = [(glyph + " " + _(words), STYLES[name]) for name, glyph, words in LEGEND if _shown(road, name)]
    lines.append(assemble(" " * (axis + 1), *_spaced(legend)))
    return Content("\n").join(lines[:height])


def _shown(road: Road, name: str) -> bool:
    return {STRETCH: road.stretch_line is not None, PROJECTION: road.projection is not None}.get(name, True)


def _spaced(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    spaced: list[tuple[str, str]] = []
    for part in parts:
        spaced += [part, ("  ", "")]
    return spaced[:-1]


def _dates(road: Road, width: int, today_col: int | None) -> Content:
    """The window's first day on the left, its last on the right, today under its mark where it fits."""
    start, end = _day(road.window.start), _day(road.window.end)
    text = [" "] * width
    text[: len(start)] = start
    text[width - len(end) :] = end
    if today_col is not None:
        mark = _("today")
        at = min(max(today_col - len(mark) // 2, len(start) + 1), width - len(end) - len(mark) - 1)
        if at > len(start):
            text[at : at + len(mark)] = mark
    return Content("".join(text)[:width]).stylize("$text-muted")


def _day(day: date) -> str:
    return short_date(day, day)


class RoadChart(Widget):
    """The road chart of one goal, redrawn at the widget's size."""

    DEFAULT_CSS = """
    RoadChart {
        height: 1fr;
        min-height: 8;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, road: Road, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.road = road

    def render(self) -> Content:
        return road_chart(self.road, self.size.width, self.size.height)

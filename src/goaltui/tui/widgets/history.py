"""Bars in a line (sparklines), and the daily screen's strip of the last weeks of each metric."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from textual.content import Content

from goaltui.lang import _
from goaltui.model.daily import DailyView
from goaltui.model.format import from_day, quantity
from goaltui.tui.text import assemble, styled
from goaltui.tui.widgets.lines import Lines, wrapped

BLOCKS = " ▁▂▃▄▅▆▇█"
HIT = "$spark-hit"  # a window whose target was reached


def bar(value: float | None, top: float) -> str:
    """One value as a block from ▁ to █ of ``top``; `·` for nothing."""
    return BLOCKS[min(8, max(1, round(8 * value / top)))] if value and value > 0 and top > 0 else "·"


def sparkline(
    values: Sequence[float | None],
    targets: Sequence[float | None] = (),
    *,
    top: float | None = None,
    style: str = "",
) -> Content:
    """Values as bars on one scale (the targets' included, at least 1); a bar that reached its target in colour."""
    top = top or max([*(v or 0 for v in values), *(t or 0 for t in targets), 1])
    return assemble(
        *(
            (bar(v, top), HIT if t and v is not None and v >= t else style)
            for v, t in zip_longest(values, targets[: len(values)])
        )
    ).simplify()


def history_lines(view: DailyView) -> list[Content]:
    """The section's title line, then one bar strip per metric."""
    lines = [styled(_("Last 8 weeks"), "bold")]
    width = max((len(r.metric.id) for r in view.history), default=0)
    for row in view.history:
        unit = row.metric.unit
        since = from_day(row.since, view.today)
        aim = ""
        if row.target:
            aimed = quantity(round(row.target, 2 if unit else 1), unit)
            aim = " " + _("(aim {amount}{since})").format(amount=aimed, since=since)
        lines.append(
            assemble(
                f"{row.metric.id:<{width}}  ",
                sparkline(row.weeks, top=max([*row.weeks, row.target or 0, 1]), style="bold"),
                ("  " + _("{amount} this week").format(amount=quantity(row.weeks[-1], unit)) + aim, "dim"),
            )
        )
    return lines


class HistoryStrip(Lines):
    """Weekly totals for the last eight weeks, this week last: a tap repaints the line of its metric."""

    DEFAULT_CSS = """
    HistoryStrip {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, view: DailyView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows = history_lines(view)

    def show(self, view: DailyView) -> None:
        """Show ``view``'s weeks."""
        self._rows = history_lines(view)
        self.changed()

    def lines(self, width: int) -> list[Content]:
        if self.styles.text_wrap != "wrap":
            return self._rows
        return wrapped(self._rows, width)  # on a phone a week's words go on the next line, not off the edge

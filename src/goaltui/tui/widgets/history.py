"""Bars in a line (sparklines), and the daily screen's strip of the last weeks of each metric."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from textual.content import Content
from textual.widgets import Static

from goaltui.lang import _
from goaltui.model.daily import DailyView
from goaltui.model.format import from_day, quantity
from goaltui.tui.text import assemble, styled

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


def history_text(view: DailyView) -> Content:
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
    return Content("\n").join(lines)


class HistoryStrip(Static):
    """Weekly totals for the last eight weeks, this week last."""

    DEFAULT_CSS = """
    HistoryStrip {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def show(self, view: DailyView) -> None:
        """Show ``view``'s weeks. One line a metric: only a metric more or less needs a layout (unless the
        lines wrap, on a phone)."""
        text, old = history_text(view), self.content
        if isinstance(old, Content) and (old.plain, old.spans) == (text.plain, text.spans):
            return
        lines_before = old.plain.count("\n") if isinstance(old, Content) else -1
        wraps = self.styles.text_wrap == "wrap"
        self.update(text, layout=wraps or text.plain.count("\n") != lines_before)

"""A short history strip: the last weeks of each metric as bars."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from goaltui.model.daily import DailyView, HistoryRow
from goaltui.model.format import count, from_day

BLOCKS = " ▁▂▃▄▅▆▇█"


def bars(row: HistoryRow) -> str:
    top = max([*row.weeks, row.target or 0, 1])
    return "".join(BLOCKS[min(8, max(1, round(8 * w / top)))] if w > 0 else "·" for w in row.weeks)


def history_text(view: DailyView) -> Text:
    """The section's title line, then one bar strip per metric."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("Last 8 weeks\n", "bold")
    width = max((len(r.metric.id) for r in view.history), default=0)
    for i, row in enumerate(view.history):
        if i:
            text.append("\n")
        text.append(f"{row.metric.id:<{width}}  ")
        text.append(bars(row), "bold")
        text.append(f"  {count(row.weeks[-1])} this week", "dim")
        if row.target:
            text.append(f" (aim {count(round(row.target))}{from_day(row.since, view.today)})", "dim")
    return text


class HistoryStrip(Static):
    """Weekly totals for the last eight weeks, this week last."""

    def show(self, view: DailyView) -> None:
        self.update(history_text(view))

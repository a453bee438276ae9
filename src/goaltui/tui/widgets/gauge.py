"""A pace gauge: progress bar, a marker where the line is today, the status in words."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from goaltui.model.daily import STATUS_SYMBOL, GaugeView
from goaltui.model.format import buffer_words, count, more_today, period_words

LINE_MARK = "│"
BAR_FULL = "█"
BAR_EMPTY = "░"


STATUS_CLASSES = ("-done", "-ahead", "-on-pace", "-behind", "-missed")


def status_class(view: GaugeView) -> str:
    return f"-{view.pace.status.replace(' ', '-')}"


class PaceGauge(Widget):
    """Two lines per goal: title, bar and status; then what it takes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pace-gauge--fill",
        "pace-gauge--empty",
        "pace-gauge--line",
        "pace-gauge--status",
        "pace-gauge--detail",
    }

    DEFAULT_CSS = """
    PaceGauge { height: 2; }
    """

    view: reactive[GaugeView | None] = reactive(None)

    def __init__(self, view: GaugeView, *, id: str | None = None) -> None:
        super().__init__(id=id, classes=status_class(view))
        self.set_reactive(PaceGauge.view, view)

    def watch_view(self, view: GaugeView | None) -> None:
        if view is not None and not self.has_class(status_class(view)):
            self.remove_class(*STATUS_CLASSES)
            self.add_class(status_class(view))

    def render(self) -> Text:
        view = self.view
        if view is None:
            return Text()
        pace, goal = view.pace, view.goal
        width = max(self.content_size.width, 40)
        status = f"{STATUS_SYMBOL.get(pace.status, '')} {pace.status}"
        figures = f"{count(pace.progress)}/{count(pace.target)}"
        figures = figures.rjust(9)
        title_width = max(8, min(48, (width - 11 - len(figures)) // 2))
        bar_width = max(10, width - 11 - title_width - 2 - len(figures))
        title = goal.title or goal.id
        if len(title) > title_width:
            title = title[: title_width - 1] + "…"
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{status:<10} ", self.get_component_rich_style("pace-gauge--status"))
        line.append(f"{title:<{title_width}}  ")
        line.append_text(self._bar(pace.fraction, pace.line_fraction, bar_width))
        line.append(figures)
        detail = Text(no_wrap=True, overflow="ellipsis", style=self.get_component_rich_style("pace-gauge--detail"))
        detail.append(" " * 11 + self.details(view))
        return Text("\n").join([line, detail])

    def _bar(self, fraction: float, line_fraction: float, width: int) -> Text:
        filled = round(fraction * width)
        marker = min(width - 1, int(line_fraction * width)) if line_fraction > 0 else -1
        bar = Text()
        fill = self.get_component_rich_style("pace-gauge--fill")
        empty = self.get_component_rich_style("pace-gauge--empty")
        mark = self.get_component_rich_style("pace-gauge--line")
        for i in range(width):
            if i == marker:
                bar.append(LINE_MARK, mark)
            elif i < filled:
                bar.append(BAR_FULL, fill)
            else:
                bar.append(BAR_EMPTY, empty)
        return bar

    @staticmethod
    def details(view: GaugeView) -> str:
        pace, goal = view.pace, view.goal
        parts = [] if goal.every == "day" else [period_words(goal.every, pace.window.end)]
        if pace.status not in ("done", "missed"):
            parts.append(more_today(pace))
            parts.append(buffer_words(pace))
            if goal.every != "day" and pace.required_rate is not None:
                parts.append(f"needs {pace.required_rate:.1f}/day")
            if goal.every != "day" and pace.projection is not None:
                parts.append(f"heading for {count(round(pace.projection))}")
        elif pace.status == "done":
            parts.append(more_today(pace))
        if pace.stretch and pace.status != "done":
            parts.append(f"stretch {count(pace.stretch.target)}")
        return " · ".join(p for p in parts if p)

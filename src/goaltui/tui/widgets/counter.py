"""A counter per metric: big digits for the day's count, the quota beside it in words."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.reactive import reactive
from textual.renderables.digits import Digits
from textual.widget import Widget

from goaltui.model.daily import STATUS_SYMBOL, CounterView
from goaltui.model.format import count, more_today, period_words

STATUS_CLASSES = ("-done", "-ahead", "-on-pace", "-behind", "-missed", "-none")


def status_class(view: CounterView, today: bool) -> str:
    status = view.pace.status if view.pace and today else "none"
    return f"-{status.replace(' ', '-')}"


class MetricCounter(Widget):
    """The day's count of one metric, with what is left to stay on pace.

    One widget draws the title, the digits and the words: a screen opened
    every morning should start fast, and each widget costs start-up time.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"metric-counter--title", "metric-counter--digits",
                                             "metric-counter--detail"}

    DEFAULT_CSS = """
    MetricCounter { height: 6; }
    """

    view: reactive[CounterView | None] = reactive(None)

    def __init__(self, view: CounterView, *, today: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, classes=status_class(view, today))
        self._today = today
        self.set_reactive(MetricCounter.view, view)

    @property
    def value(self) -> str:
        """The number shown, as text."""
        return count(self.view.count) if self.view else ""

    def show(self, view: CounterView, *, today: bool) -> None:
        self._today = today
        self.view = view
        mine = status_class(view, today)
        if not self.has_class(mine):
            self.remove_class(*STATUS_CLASSES)
            self.add_class(mine)
        self.refresh()

    def render(self) -> Group:
        view = self.view
        if view is None:
            return Group()
        title = Text.from_markup(self.title(view), style=self.get_component_rich_style("metric-counter--title"))
        digits = Digits(count(view.count), self.get_component_rich_style("metric-counter--digits"))
        detail = Text(self.detail(view), style=self.get_component_rich_style("metric-counter--detail"),
                      no_wrap=True, overflow="ellipsis")
        return Group(title, digits, detail)

    @staticmethod
    def title(view: CounterView) -> str:
        unit = f" ({view.metric.unit})" if view.metric.unit else ""
        return f"[b]{view.metric.key}[/b]  {view.metric.id}{unit}"

    def detail(self, view: CounterView) -> str:
        pace, goal = view.pace, view.goal
        if pace is None or goal is None:
            return "no goal yet\n"
        stretch = f" · stretch {count(pace.stretch.target)}" if pace.stretch else ""
        aim = f"target {count(pace.target)}{stretch}"
        if not self._today:
            return f"{aim}\n(counting a past day)"
        symbol = STATUS_SYMBOL.get(pace.status, "")
        if goal.every == "day":
            return f"{symbol} {more_today(pace)}\n{aim}"
        period = period_words(goal.every, pace.window.end)
        return f"{symbol} {count(pace.progress)}/{count(pace.target)} {period}\n{pace.status}"

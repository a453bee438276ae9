"""A counter per metric: big digits for the day's count, the quota beside it in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Label

from goaltui.model.daily import STATUS_SYMBOL, CounterView
from goaltui.model.format import count, more_today

STATUS_CLASSES = ("-done", "-ahead", "-on-pace", "-behind", "-missed", "-none")


class MetricCounter(Vertical):
    """Today's count of one metric, with what is left to stay on pace."""

    view: reactive[CounterView | None] = reactive(None, layout=True)

    def __init__(self, view: CounterView, *, today: bool = True, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._today = today
        self.set_reactive(MetricCounter.view, view)

    def compose(self) -> ComposeResult:
        yield Label(classes="counter-title")
        yield Digits(classes="counter-digits")
        yield Label(classes="counter-detail")

    def on_mount(self) -> None:
        self.watch_view(self.view)

    def show(self, view: CounterView, *, today: bool) -> None:
        self._today = today
        self.view = view
        self.watch_view(view)

    def watch_view(self, view: CounterView | None) -> None:
        if view is None or not self.is_mounted:
            return
        metric = view.metric
        unit = f" {metric.unit}" if metric.unit else ""
        self.query_one(".counter-title", Label).update(f"[b]{metric.key}[/b]  {metric.id}{unit}")
        self.query_one(".counter-digits", Digits).update(count(view.count))
        self.query_one(".counter-detail", Label).update(self.detail(view))
        status = view.pace.status if view.pace and self._today else "none"
        self.set_class(True, f"-{status.replace(' ', '-')}")
        for cls in STATUS_CLASSES:
            if cls != f"-{status.replace(' ', '-')}":
                self.remove_class(cls)

    def detail(self, view: CounterView) -> str:
        pace, goal = view.pace, view.goal
        if pace is None or goal is None:
            return "no goal yet"
        stretch = f" · stretch {count(goal.stretch)}" if goal.stretch else ""
        if not self._today:
            return f"target {count(pace.target)}{stretch}"
        symbol = STATUS_SYMBOL.get(pace.status, "")
        if goal.every == "day":
            return f"{symbol} {more_today(pace)} · target {count(pace.target)}{stretch}"
        return f"{symbol} {count(pace.progress)}/{count(pace.target)} {pace.status}"

"""A counter per metric: big digits for the day's count, the quota beside it in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Label

from goaltui.model.daily import STATUS_SYMBOL, CounterView
from goaltui.model.format import count, more_today, period_words

STATUS_CLASSES = ("-done", "-ahead", "-on-pace", "-behind", "-missed", "-none")


class MetricCounter(Vertical):
    """Today's count of one metric, with what is left to stay on pace."""

    view: reactive[CounterView | None] = reactive(None, layout=True)

    def __init__(self, view: CounterView, *, today: bool = True, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._today = today
        self.set_reactive(MetricCounter.view, view)

    def compose(self) -> ComposeResult:
        view = self.view
        assert view is not None
        yield Label(self.title(view), classes="counter-title")
        yield Digits(count(view.count), classes="counter-digits")
        yield Label(self.detail(view), classes="counter-detail")

    def on_mount(self) -> None:
        self._set_status(self.view)

    def show(self, view: CounterView, *, today: bool) -> None:
        self._today = today
        self.view = view
        self.watch_view(view)

    def watch_view(self, view: CounterView | None) -> None:
        if view is None or not self.is_mounted:
            return
        self.query_one(".counter-title", Label).update(self.title(view))
        self.query_one(".counter-digits", Digits).update(count(view.count))
        self.query_one(".counter-detail", Label).update(self.detail(view))
        self._set_status(view)

    def _set_status(self, view: CounterView | None) -> None:
        status = view.pace.status if view and view.pace and self._today else "none"
        mine = f"-{status.replace(' ', '-')}"
        for cls in STATUS_CLASSES:
            self.set_class(cls == mine, cls)

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
        return f"{symbol} {count(pace.progress)}/{count(pace.target)} {period_words(goal.every, pace.window.end)}\n{pace.status}"

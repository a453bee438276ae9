"""The keys, in one place: the screen's commands plus the metric keys from goals.toml."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from goaltui.model.goals import Metric
from goaltui.tui.commands import Command


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", show=False)]

    def __init__(self, commands: tuple[Command, ...], metrics: list[Metric], keys: dict[str, str]) -> None:
        super().__init__()
        self._commands = commands
        self._metrics = metrics
        self._keys = keys

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for metric in self._metrics:
            what = f"an amount of {metric.id} ({metric.unit})" if metric.unit else f"one {metric.id}"
            table.add_row(metric.key, f"count {what}")
            table.add_row(metric.key.upper(), f"take one {metric.id} back" if not metric.unit else "take an amount back")
        for command in self._commands:
            table.add_row(self._keys.get(command.id, command.key_display or command.key), command.help)
        table.add_row("ctrl+p", "command palette: every action, themes")
        with VerticalScroll(id="help-box"):
            yield Static("[b]Keys[/b]  (esc to close)\n")
            yield Static(table)

"""The keys, in one place: the screen's commands plus the metric keys from goals.toml."""

from __future__ import annotations

from rich.text import Text
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

    def rows(self) -> list[tuple[str, str]]:
        rows = []
        for metric in self._metrics:
            what = f"an amount of {metric.id} ({metric.unit})" if metric.unit else f"one {metric.id}"
            rows.append((metric.key, f"count {what}"))
            rows.append((metric.key.upper(), f"take back {what}"))
        for command in self._commands:
            rows.append((self._keys.get(command.id, command.key_display or command.key), command.help))
        rows.append(("ctrl+p", "command palette: every action, and themes"))
        return rows

    def compose(self) -> ComposeResult:
        rows = self.rows()
        width = max(len(key) for key, _ in rows) + 2
        text = Text()
        for key, words in rows:
            text.append(f"{key:<{width}}", "bold")
            text.append(f"{words}\n")
        with VerticalScroll(id="help-box"):
            yield Static("[b]Keys[/b]  (esc to close)\n")
            yield Static(text, id="help-keys")

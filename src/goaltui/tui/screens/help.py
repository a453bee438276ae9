"""The keys of the screen it was opened from, in one list: what each key does there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from goaltui.lang import _
from goaltui.model.keymap import CLOSE_HELP, HELP_SCREEN
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.text import assemble


class HelpScreen(CommandsMixin, ModalScreen[None]):
    """(keys, what they do) rows, given by the screen it was opened from."""

    CSS_PATH = "help.tcss"
    COMMANDS_TABLE = HELP_SCREEN

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _words in self.rows) + 2
        lines = [assemble((f"{key:<{width}}", "bold"), words) for key, words in self.rows]
        close = _("({key} to close)").format(key=self.key(CLOSE_HELP))
        with VerticalScroll(id="help-box"):
            yield Static(assemble((_("Keys"), "bold"), f"  {close}\n"))
            yield Static(Content("\n").join(lines), id="help-keys")

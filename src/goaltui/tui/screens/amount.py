"""A small prompt for metrics counted in amounts (revenue): the amount and an optional note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from goaltui.model.goals import Metric


class AmountScreen(ModalScreen[tuple[float, str] | None]):
    """Ask for an amount and a note; dismisses with (amount, note), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, metric: Metric, *, sign: int = 1) -> None:
        super().__init__()
        self.metric = metric
        self.sign = sign

    def compose(self) -> ComposeResult:
        verb = "Take back" if self.sign < 0 else "Add"
        with Vertical(id="amount-box"):
            yield Label(f"{verb} {self.metric.id} ({self.metric.unit})")
            yield Input(placeholder="amount, e.g. 250", id="amount", type="number")
            yield Input(placeholder="note (optional): who, which deal", id="note")
            yield Label("", id="amount-error")
            yield Label("[dim]enter to save · esc to cancel[/dim]")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "amount" and not self.query_one("#note", Input).value:
            if self._amount() is not None:
                self.query_one("#note", Input).focus()
            return
        amount = self._amount()
        if amount is not None:
            self.dismiss((self.sign * amount, self.query_one("#note", Input).value.strip()))

    def _amount(self) -> float | None:
        text = self.query_one("#amount", Input).value.strip().replace(",", "")
        error = self.query_one("#amount-error", Label)
        try:
            amount = float(text)
        except ValueError:
            error.update("[b]Type an amount as a number, like 250 or 99.50[/b]")
            self.query_one("#amount", Input).focus()
            return None
        if not 0 < amount < 1e12:
            error.update("[b]The amount must be above 0 (use shift+key to take an amount back)[/b]")
            return None
        error.update("")
        return int(amount) if amount.is_integer() else amount

    def action_cancel(self) -> None:
        self.dismiss(None)

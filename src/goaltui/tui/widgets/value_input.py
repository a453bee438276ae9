"""A text field for an id, a number or a date."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class ValueInput(Input):
    """An input whose value never holds a `?`: there the key opens the screen's keys, as everywhere else."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character != "?" and super().check_consume_key(key, character)

    def on_key(self, event: events.Key) -> None:
        if event.character == "?":
            event.prevent_default()  # not typed: it goes on to the screen's bindings

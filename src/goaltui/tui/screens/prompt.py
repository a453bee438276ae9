"""The one-line prompt: one value (an amount, a target, a date), and optionally a note, read as it is typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from goaltui.lang import _
from goaltui.model.keymap import CANCEL_PROMPT, PROMPT
from goaltui.model.names import clean_name
from goaltui.model.record import record
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.text import assemble, styled
from goaltui.tui.widgets.value_input import ValueInput

T = TypeVar("T")


@record
class Answer(Generic[T]):
    """What the prompt was given: the value read, and the note (empty without a note field)."""

    value: T
    note: str = ""
    who: str = ""  # the person named in the who field, trimmed ("" without one)


class PromptScreen(CommandsMixin, ModalScreen[Answer[T] | None], Generic[T]):
    """Ask for one value; ``read`` turns the text into it or raises ValueError saying what to type.

    Dismisses with an :class:`Answer`, or None when cancelled. With ``note``
    (its placeholder) a second field takes an optional note. With ``names`` a
    field below takes who it was about, completed from those names (right arrow
    takes the suggestion); the value or the name must then be given.
    """

    CSS_PATH = "prompt.tcss"
    COMMANDS_TABLE = PROMPT

    def __init__(
        self,
        question: str,
        read: Callable[[str], T],
        *,
        value: str = "",
        placeholder: str = "",
        hint: str = "",
        note: str | None = None,
        names: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        self.question, self.read, self.value, self.placeholder = question, read, value, placeholder
        self.hint, self.note, self.names = hint, note, names

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(assemble(self.question))
            yield ValueInput(self.value, placeholder=self.placeholder, id="value")
            if self.note is not None:
                yield Input(placeholder=self.note, id="note")
            if self.names is not None:
                yield Input(
                    placeholder=_("who (optional): tab here, → takes a known name"),
                    suggester=SuggestFromList(self.names, case_sensitive=False),
                    id="who",
                )
            if self.hint:
                yield Label(styled(self.hint), id="prompt-hint")
            yield Label("", id="prompt-error")
            yield Label(styled(_("enter to choose · {key} to cancel").format(key=self.key(CANCEL_PROMPT)), "dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = self.query_one("#value", Input)
        who_field = next(self.query("#who").results(Input), None)
        try:
            who = clean_name(who_field.value) if who_field is not None and who_field.value.strip() else ""
        except ValueError as err:
            self._say(str(err), who_field)
            return
        if self.names is not None and not value.value.strip() and not who:
            self._say(_("type a note or a name, or press escape to close without either"), value)
            return
        try:
            answer = self.read(value.value)
        except ValueError as err:
            self._say(str(err), value)
            return
        self.query_one("#prompt-error", Label).update("")
        notes = self.query("#note").results(Input)
        note = next(notes, None)
        if note is not None and event.input is value and not note.value:
            note.focus()  # enter after the value: on to the note
            return
        self.dismiss(Answer(answer, note.value.strip() if note is not None else "", who))

    def _say(self, error: str, field: Input | None) -> None:
        self.query_one("#prompt-error", Label).update(styled(error[:1].upper() + error[1:], "bold"))
        if field is not None:
            field.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

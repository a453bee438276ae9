"""Asked on quitting while taps wait for the disk: wait for them, go back, or quit anyway.

It waits by itself: the app goes on retrying, and quits as soon as every tap
is on disk. Quitting anyway keeps the waiting taps in the spill file
(store/spill.py), which the next start writes to the tap log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from goaltui.lang import _, ngettext
from goaltui.model.format import count
from goaltui.model.keymap import QUIT_ANYWAY, QUIT_BACK, QUIT_SCREEN
from goaltui.store.spill import spill_path
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.messages import SaveFailed, TapsSaved, TapsWaiting
from goaltui.tui.text import assemble, styled

if TYPE_CHECKING:
    from goaltui.tui.app import GoalApp


class QuitScreen(CommandsMixin, ModalScreen[None]):
    """How many taps wait and why; the app quits when they are saved, or at once on "quit anyway"."""

    CSS_PATH = "quit.tcss"
    COMMANDS_TABLE = QUIT_SCREEN

    app: GoalApp

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-box"):
            yield Label(id="quit-title")
            yield Static(id="quit-why")
            yield Static(self._choices(), id="quit-choices")
            yield Label("", id="quit-error")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        disk = self.app.disk
        n = disk.pending
        if not n:
            self.app.exit()  # every tap is on disk now: quit, as asked
            return
        title = ngettext("{n} tap not saved yet", "{n} taps not saved yet", n).format(n=count(n))
        self.query_one("#quit-title", Label).update(styled(title, "bold"))
        on_the_way = ngettext("{n} tap on the way to the disk.", "{n} taps on the way to the disk.", n)
        why = disk.save_error if disk.save_error else on_the_way.format(n=count(n))
        self.query_one("#quit-why", Static).update(
            assemble(why, ("\n" + _("Waiting: goaltui quits by itself once they are saved."), "dim"))
        )

    def _choices(self) -> Content:
        rows = [
            (self.key(QUIT_BACK), _("back to goaltui: keep counting while it retries")),
            (self.key(QUIT_ANYWAY), _("quit anyway: keep them on this device; the next start writes them")),
        ]
        width = max(len(key) for key, _words in rows) + 2
        lines = [assemble((f"{key:<{width}}", "bold"), words) for key, words in rows]
        where = spill_path(self.app.tracker.data_dir)
        lines.append(styled(" " * width + _("(in {where})").format(where=where), "dim"))
        return Content("\n").join(lines)

    def on_taps_saved(self, message: TapsSaved) -> None:
        self._show()

    def on_taps_waiting(self, message: TapsWaiting) -> None:
        self._show()

    def on_save_failed(self, message: SaveFailed) -> None:
        self._show()

    def action_back(self) -> None:
        self.dismiss()

    def action_quit_anyway(self) -> None:
        problem = self.app.disk.keep_waiting()
        if problem is None:
            self.app.exit()
            return
        self.query_one("#quit-error", Label).update(
            styled(_("{problem}. Free some space, or wait here.").format(problem=problem), "bold")
        )

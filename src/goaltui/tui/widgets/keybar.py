"""The keys of the screen on one line at the bottom: what Textual's Footer shows, in one widget.

Footer builds a widget per key, and only once the screen's bindings have
settled after the first frame: on the daily screen that second round of
work was a sixth of the start-up time. The key bar draws the same line from
``screen.active_bindings`` and redraws when they change (a keymap, a focus
change, a binding turned off). Click a key to press it. On a narrow screen
(a phone) it takes two lines rather than leave keys out.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from goaltui.lang import _
from goaltui.model.record import record
from goaltui.tui.sizes import NARROW
from goaltui.tui.text import assemble

KEY_STYLE = "bold $footer-key-foreground"
DESCRIPTION_STYLE = "$footer-description-foreground"
KEEP = ("help", "app.help", "app.quit", "quit")  # the last keys to give up when the line is too narrow


@record
class Key:
    """One key as the bar shows it."""

    key: str  # what to press (for a click)
    display: str  # how it is written
    description: str
    action: str
    enabled: bool = True


# In place of Footer; why, shown without goaltui: docs/upstream/footer_second_round.py.
class KeyBar(Widget, can_focus=False):
    """The screen's keys, then the command palette's key on the right."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def keys(self) -> tuple[list[Key], Key | None]:
        """The keys shown, one per action in binding order, and the palette's key."""
        shown: dict[str, Key] = {}
        palette: Key | None = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            words = _(binding.description) if binding.description else ""  # a table's title, marked where defined
            key = Key(binding.key, self.app.get_key_display(binding), words, binding.action, enabled)
            if binding.action == "app.command_palette" or binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = key if self.app.ENABLE_COMMAND_PALETTE else None
            elif binding.show and binding.action not in shown:
                shown[binding.action] = key
        # A keymap moves the bindings it remaps to the end: keep the order of the screen's command table.
        table = [command.action for command in getattr(self.screen, "COMMANDS_TABLE", ())]
        order = {action: table.index(action) if action in table else len(table) for action in shown}
        return sorted(shown.values(), key=lambda key: order[key.action]), palette

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows(width))

    def rows(self, width: int) -> list[list[tuple[Key | None, Content]]]:
        """The keys drawn on each line, the palette's key at the right of the last; keys give way when they must."""
        keys, palette = self.keys()
        drawn: list[tuple[Key, Content]] = [(key, self._key(key)) for key in keys]
        right = self._key(palette) if palette else Content("")
        most = 2 if width < NARROW else 1  # a phone: two lines rather than keys left out
        while len(rows := self._pack(drawn, right, width)) > most and drawn:
            droppable = [item for item in drawn if item[0].action not in KEEP]
            drawn.remove(droppable[-1] if droppable else drawn[0])
        rows = [row for row in rows if row] or [[]]
        if palette is not None:
            last = rows[-1]
            gap = max(1, width - sum(part.cell_length for _key, part in last) - right.cell_length)
            last += [(None, Content(" " * gap)), (palette, right)]
        return rows

    @staticmethod
    def _pack(drawn: list[tuple[Key, Content]], right: Content, width: int) -> list[list[tuple[Key | None, Content]]]:
        """``drawn`` in lines of at most ``width`` cells, room kept on the last for ``right`` and a space."""
        rows: list[list[tuple[Key | None, Content]]] = [[]]
        for key, part in drawn:
            used = sum(p.cell_length for _key, p in rows[-1])
            if rows[-1] and used + part.cell_length > width:
                rows.append([])
            rows[-1].append((key, part))
        if sum(p.cell_length for _key, p in rows[-1]) + right.cell_length + 1 > width:
            rows.append([])
        return rows

    def render(self) -> Content:
        rows = self.rows(self.size.width)
        # Where each key is drawn, for clicks.
        self._spans: list[tuple[int, int, int, Key]] = []
        for y, row in enumerate(rows):
            x = 0
            for key, part in row:
                if key is not None:
                    self._spans.append((y, x, x + part.cell_length, key))
                x += part.cell_length
        return Content("\n").join(Content("").join(part for _key, part in row) for row in rows)

    @staticmethod
    def _key(key: Key) -> Content:
        dim = "" if key.enabled else " dim"
        return assemble(
            (f" {key.display} ", KEY_STYLE + dim),
            (f"{key.description} ", DESCRIPTION_STYLE + dim) if key.description else "",
        )

    def key_at(self, x: int, y: int = 0) -> Key | None:
        """The key drawn at column ``x`` of line ``y``, if any."""
        spans = getattr(self, "_spans", [])
        return next((key for row, start, end, key in spans if row == y and start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x, event.y)
        if key is not None and key.enabled:
            event.stop()
            self.app.simulate_key(key.key)

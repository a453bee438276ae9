"""The screens' side of the command tables (model/keymap.py): bindings, keys in words, help and palette.

A screen lists its table once, as ``COMMANDS_TABLE``; :class:`CommandsMixin` then gives it its bindings,
``?`` help and its command palette entries.
Keys written in hints come from :func:`key_for`, which reads the screen's active
bindings: a remap in config.toml's ``[keymap]`` shows in every sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker

from goaltui.lang import N_, _
from goaltui.model.keymap import HELP, QUIT, Command

# Textual's own palette entries that a screen's command table replaces.
REPLACED = {"Keys": HELP, "Quit": QUIT}
# Textual's own words in the palette and on its screens, for the catalog: translated where they are shown.
TEXTUAL_WORDS = (
    N_("Keys"),
    N_("Quit"),
    N_("palette"),  # the command palette's key, in the key bar
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit the application as soon as possible"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Hide the keys and widget help panel"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)


def binding(command: Command) -> Binding:
    """The Textual binding for a command."""
    return Binding(
        command.key, command.action, command.title, show=command.show, priority=command.priority, id=command.id
    )


def bindings(commands: tuple[Command, ...]) -> list[BindingType]:
    return [binding(c) for c in commands]


def keys_for(node: DOMNode, command: Command) -> list[str]:
    """Every key bound to ``command`` where ``node`` is, as the key bar writes it (a keymap applied)."""
    screen = node if isinstance(node, Screen) else node.screen
    keys = [active.binding.key for active in screen.active_bindings.values() if active.binding.id == command.id]
    # Not active just now (a text field has the focus, say): the keys the table gives it.
    keys = keys or [key.strip() for key in command.key.split(",")]
    return [node.app.get_key_display(Binding(key, "")) for key in keys]


def key_for(node: DOMNode, command: Command) -> str:
    """The first key bound to ``command``, as written in hints: `?`, `esc`, `^s`."""
    return keys_for(node, command)[0]


class CommandsMixin:
    """What every goaltui screen (and modal) shares: its bindings, ``?`` help and palette entries, all from its
    command table, and a redraw when the theme changes.

    A screen names its table once (``COMMANDS_TABLE = DAILY``): its ``BINDINGS`` are made from it here. A screen
    whose text carries the theme's colours (a table, a tree of labels) overrides :meth:`theme_changed`, and is
    subscribed to the app's theme signal while it is mounted. A mixin rather than a base class, as textual-enhanced's
    ``EnhancedScreen`` is one: the same goes for a ``Screen`` and a ``ModalScreen``.
    """

    COMMANDS_TABLE: ClassVar[tuple[Command, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        if "COMMANDS_TABLE" in cls.__dict__ and "BINDINGS" not in cls.__dict__:
            cls.BINDINGS = bindings(cls.COMMANDS_TABLE)  # type: ignore[attr-defined]  # before Textual merges them
        super().__init_subclass__(**kwargs)

    def theme_changed(self) -> None:
        """Redraw what holds the theme's colours in its text; nothing by default (CSS follows the theme by itself)."""

    def on_mount(self) -> None:
        # A keymap or the focus changes which key a hint names: worked out again when next asked.
        self.bindings_updated_signal.subscribe(self, lambda _: self.__dict__.pop("_hint_keys", None))  # type: ignore[attr-defined]
        if type(self).theme_changed is not CommandsMixin.theme_changed:
            self.app.theme_changed_signal.subscribe(self, lambda _: self.theme_changed())  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        if type(self).theme_changed is not CommandsMixin.theme_changed:
            self.app.theme_changed_signal.unsubscribe(self)  # type: ignore[attr-defined]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A screen's worker ends: told to the app, where every worker's failure is heard (tui/diskwork.py)."""
        hear = getattr(self.app, "on_worker_state_changed", None)  # type: ignore[attr-defined]
        if hear is not None:
            hear(event)

    def key(self, command: Command) -> str:
        """The key a hint names for ``command`` on this screen, kept until the bindings change: the daily screen's
        day bar names one at every tap, and working it out from the screen's bindings took 0.07 ms."""
        known: dict[str, str] = self.__dict__.setdefault("_hint_keys", {})
        if command.id not in known:
            known[command.id] = key_for(self, command)  # type: ignore[arg-type]
        return known[command.id]

    def extra_help(self) -> list[tuple[str, str]]:
        """Rows the help lists before the screen's commands (the daily screen's metric keys)."""
        return []

    def extra_commands(self) -> Iterable[SystemCommand]:
        """Palette entries besides the command table's."""
        return ()

    def help_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for each command of this screen, then the palette."""
        by_action: dict[str, tuple[list[str], str]] = {}
        for command in self.COMMANDS_TABLE:
            keys, _words = by_action.setdefault(command.action, ([], _(command.help)))
            keys += keys_for(self, command)  # type: ignore[arg-type]
        rows = list(self.extra_help())
        rows += [(" ".join(keys), words) for keys, words in by_action.values()]
        app = self.app  # type: ignore[attr-defined]
        rows.append(
            (app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "")), _("the command palette: every action"))
        )
        return rows

    def action_help(self) -> None:
        from goaltui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.help_rows()))  # type: ignore[attr-defined]

    def palette_commands(self) -> Iterator[SystemCommand]:
        """Every action of this screen for the command palette."""
        yield from self.extra_commands()
        actions = set()
        for command in self.COMMANDS_TABLE:
            if command.action not in actions and command.action != "dismiss":
                actions.add(command.action)
                run = partial(self.run_action, command.action)  # type: ignore[attr-defined]
                yield SystemCommand(_(command.title), _(command.help), run)


def palette(screen: Screen[object], textual: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's palette entries, less those the screen's own table replaces, then the screen's: each action once."""
    table = getattr(screen, "COMMANDS_TABLE", ())
    for c in textual:
        if REPLACED.get(c.title) not in table:
            yield SystemCommand(_(c.title), _(c.help), c.callback, c.discover)
    if isinstance(screen, CommandsMixin):
        yield from screen.palette_commands()

"""The command palette's search: a command is found by the words it shows and by its English name.

The palette lists each command in the user's language. Someone who learned
goaltui in English, or reads its README, still types "undo": each title is
matched as shown and, when the catalog translated it, as the English it came
from (the catalog read backwards). The better of the two matches counts; a
match on the English shows that name beside the title, so the hit is plain.
"""

from __future__ import annotations

from textual.command import Hit, Hits
from textual.content import Content
from textual.system_commands import SystemCommandsProvider

import goaltui.lang

_reverse: tuple[object, dict[str, str]] = (None, {})


def english_of(words: str) -> str | None:
    """The English msgid the catalog in use translates to ``words``; None in English, or when none does."""
    global _reverse
    catalog = goaltui.lang.CURRENT.catalog
    if catalog is None:
        return None
    if _reverse[0] is not catalog:
        table: dict[str, str] = {}
        for msgid, text in catalog.pairs():
            if msgid and "\x00" not in msgid and text and text != msgid:
                table.setdefault(text, msgid.rsplit("\x04", 1)[-1])
        _reverse = (catalog, table)
    return _reverse[1].get(words)


class PaletteCommands(SystemCommandsProvider):
    """Textual's system commands, searched in the user's language and in English."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback, *_rest in self.app.get_system_commands(self.screen):
            shown = matcher.match(name)
            english = english_of(Content.from_markup(name).plain)
            in_english = matcher.match(english) if english else 0
            if shown >= in_english and shown > 0:
                yield Hit(shown, matcher.highlight(name), callback, help=help_text)
            elif in_english > 0 and english:
                display = Content.assemble(Content.from_markup(name), "  (", matcher.highlight(english), ")")
                yield Hit(in_english, display, callback, text=Content.from_markup(name).plain, help=help_text)


def palette_provider() -> type[PaletteCommands]:
    return PaletteCommands

"""Words on screen, with text from files in them: every part escaped (model/shown.py), none read as markup.

A title, a note or a metric name may hold an escape sequence the terminal
would obey, or `[bold]`, `[link=...]` that Textual would read as markup. The
screens build what they draw with these instead of ``Content.assemble``,
``Content.styled`` and plain strings: each run of text goes through
:func:`goaltui.model.shown.shown` (newlines stay) and is never parsed.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.markup import escape

from goaltui.model.shown import shown

Part = str | Content | tuple[str, str]


def _safe(part: Part) -> str | Content | tuple[str, str]:
    if isinstance(part, str):
        return shown(part, lines=True)
    if isinstance(part, tuple):
        return shown(part[0], lines=True), part[1]
    return part  # built with these functions already


def assemble(*parts: Part) -> Content:
    """``Content.assemble`` with every run of text escaped: a str, a (text, style) pair, or Content made here."""
    return Content.assemble(*(_safe(part) for part in parts))


def styled(text: str, style: str = "") -> Content:
    """``text``, escaped, in ``style``; never markup."""
    return Content.styled(shown(text, lines=True), style)


def rich(text: str, style: str = "") -> Text:
    """Rich Text for widgets that take no Content (DataTable cells), escaped."""
    return Text(shown(text, lines=True), style)


def read_back(typed: str, original: str) -> str:
    """What a text field holds: ``original`` when it still shows it as :func:`shown` wrote it, else what was typed.

    A field shows text from a file escaped; saved unedited, the file keeps what was written.
    """
    return original if typed == shown(original) else typed


def as_markup(text: str) -> str:
    """For the few places Textual reads only markup (the command palette's entries): escaped both ways."""
    return escape(shown(text))


def fitted(line: str, width: int) -> list[str]:
    """``line`` as it fits ``width`` cells with its words whole: broken at its ` · `, then between words."""
    return [piece for part in packed(line, " · ", width) for piece in packed(part, " ", width)]


def packed(line: str, sep: str, width: int) -> list[str]:
    """``line`` split at ``sep``, its parts joined back into lines of at most ``width`` cells where they fit."""
    if cell_len(line) <= width:
        return [line]
    lines: list[str] = []
    for part in line.split(sep):
        joined = f"{lines[-1]}{sep}{part}" if lines else part
        if lines and cell_len(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(part)
    return lines

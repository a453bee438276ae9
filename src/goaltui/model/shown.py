"""Text from a file, made safe to show: what a terminal would obey is written out as visible escapes.

Titles, notes, metric names, units, member names: anyone who can write a file
in a synced folder chooses them. A terminal obeys some characters instead of
showing them: ESC starts sequences that clear the screen, retitle the window
or write the clipboard (OSC 52); C1 controls such as ``\\x9b`` do the same in
one byte; bidi overrides make text read other than it is. Every place that
prints or draws text from a file passes it through :func:`shown`, which writes
each such character as a Python-style escape (``\\x1b``, ``\\x9b``, ``\\t``,
``\\u202e``) and leaves the rest alone. Files keep what was written.

No imports: the quick path and every layer may use it.
"""

from __future__ import annotations

_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
# C0 controls, DEL and the C1 controls, as \xNN (or \t, \n, \r).
_ESCAPES: dict[int, str] = {c: _NAMED.get(c, f"\\x{c:02x}") for c in [*range(0x20), *range(0x7F, 0xA0)]}
# Bidi marks, embeddings, overrides and isolates; line and paragraph separators.
_ESCAPES.update({c: f"\\u{c:04x}" for c in [0x061C, 0x200E, 0x200F, *range(0x2028, 0x202F), *range(0x2066, 0x206A)]})
_WITH_LINES = {c: escape for c, escape in _ESCAPES.items() if c != 0x0A}
_SPREADSHEET_FORMULA = ("=", "+", "-", "@")


SPACES = " \xa0\u202f"  # a space, and the no-break spaces a number's thousands are grouped with (1 234,50)


def shown(text: str, *, lines: bool = False) -> str:
    """``text`` with control characters and bidi overrides written as visible escapes; ``lines`` keeps newlines."""
    if text.isprintable() or (lines and text.replace("\n", "").isprintable()):  # the usual case, in C
        return text  # none of the characters escaped here is printable
    table = _WITH_LINES if lines else _ESCAPES
    # Any other character that is not printable (a zero-width one, an unassigned one) is written out too.
    return "".join(
        table.get(ord(c)) or (c if c.isprintable() or c in SPACES or (lines and c == "\n") else _escape(c))
        for c in text
    )


def _escape(c: str) -> str:
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as surrogateescape keeps it: that byte
        return f"\\x{code - 0xDC00:02x}"
    # Any other lone surrogate, as any character not printable.
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def cell(text: str) -> str:
    """Text for a CSV cell: :func:`shown` (newlines kept), and a ``'`` before a leading ``= + - @``.

    A spreadsheet would run a cell that starts so as a formula; the quote is the usual guard.
    """
    text = shown(text, lines=True)
    return f"'{text}" if text.startswith(_SPREADSHEET_FORMULA) else text

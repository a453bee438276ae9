"""A reader made for the lines goaltui writes (taps and touches), beside tomllib for anything else.

A month file is one line per entry, each exactly as :mod:`goaltui.store.tapline`
and the people log write it::

    "2026-11-23T11:02:10.300+01:00" = { metric = "revenue", n = 250, note = "Acme" }

tomllib reads such a line in about 20 µs; this reader takes a few. It reads
only what it is sure of: keys and strings with no backslash and no control
character, whole numbers and plain decimals, and days (YYYY-MM-DD), in
exactly that spacing. For anything else (an escape, a comment, a duplicate key,
another spacing, a line from another tool) it answers None and the caller
reads the text with tomllib, so what is read, and what is refused, is what
tomllib would say. A property test holds the two to the same answer.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_STRING = r'"([^"\\\x00-\x1f\x7f]*)"'
_LINE = re.compile(_STRING + r" = \{ (.+) \}")
# ASCII: TOML's digits are 0 to 9; Python's \d (and int()) take any script's, a count tomllib refuses.
_FIELD = re.compile(
    r"([A-Za-z0-9_-]+) = (?:" + _STRING + "|"  # a string
    r"(\d{4}-\d{2}-\d{2})(?![\dT:])"  # a day
    r"|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.:-]))",  # a number
    re.ASCII,
)
# A tap as goaltui writes most of them (metric, then a count, then a day): read with one match.
_TAP = re.compile(
    _STRING + r" = \{ metric = " + _STRING + r"(?:, n = (-?(?:0|[1-9]\d{0,18})(?:\.\d{1,20})?(?:[eE][+-]?\d{1,3})?))?"
    r"(?:, day = (\d{4}-\d{2}-\d{2}))? \}",
    re.ASCII,
)


def read_doc(text: str) -> dict[str, dict[str, Any]] | None:
    """The entries of ``text`` as ``tomllib.loads`` would give them, when every line is as goaltui writes it.

    None when a line is anything else (then read it with tomllib).
    """
    doc: dict[str, dict[str, Any]] = {}
    for line in text.split("\n"):
        if not line:
            continue
        entry = read_line(line)
        if entry is None or entry[0] in doc:
            return None
        doc[entry[0]] = entry[1]
    return doc


def read_line(line: str) -> tuple[str, dict[str, Any]] | None:
    """One line as ``(key, table)``, or None when it is not exactly as goaltui writes it."""
    tap = _TAP.fullmatch(line)
    if tap is not None:
        key, metric, number, day = tap.groups()
        table: dict[str, Any] = {"metric": metric}
        if number is not None:
            table["n"] = _number(number)
        if day is not None:
            try:
                table["day"] = date.fromisoformat(day)
            except ValueError:  # 2027-02-30: tomllib refuses it too, in its own words
                return None
        return key, table
    whole = _LINE.fullmatch(line)
    if whole is None:
        return None
    body, table = whole[2], {}
    pos, end = 0, len(body)
    while True:
        field = _FIELD.match(body, pos)
        if field is None:
            return None
        name, text, day, number = field.groups()
        if name in table:
            return None
        if text is not None:
            table[name] = text
        elif day is not None:
            try:
                table[name] = date.fromisoformat(day)
            except ValueError:  # 2027-02-30: tomllib refuses it too, in its own words
                return None
        else:
            table[name] = _number(number)
        pos = field.end()
        if pos == end:
            return whole[1], table
        if not body.startswith(", ", pos):
            return None
        pos += 2


def _number(text: str) -> float:
    """A TOML number as tomllib reads it: a float with a point or an exponent, else an int."""
    return float(text) if "." in text or "e" in text or "E" in text else int(text)

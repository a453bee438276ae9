"""A person's name as goaltui keeps it: plain text, no control characters, short.

This module sits on the quick path (the tap line's encoder checks a name): it
imports nothing.
"""

from __future__ import annotations

MAX_NAME = 80  # characters of a person's name


def name_problem(who: object) -> str:
    """Why ``who`` cannot name a person; "" when it can."""
    if not isinstance(who, str):
        return "a name must be text"
    if not who.strip():
        return "a name needs some letters"
    if len(who) > MAX_NAME:
        return f"a name has at most {MAX_NAME} characters"
    if not who.isprintable():
        return "a name cannot hold control characters (a tab, a line break, an escape)"
    return ""


def clean_name(text: str) -> str:
    """``text`` as a name is kept: spaces trimmed and single; ``ValueError`` saying why it cannot be one."""
    name = " ".join(text.split())
    problem = name_problem(name)
    if problem:
        raise ValueError(problem)
    return name


def name_key(name: str) -> str:
    """The same person however the name's case and spaces were typed."""
    return " ".join(name.split()).casefold()

"""A person's name as goaltui keeps it: plain text, no control characters, short; and the details beside it.

This module sits on the quick path (the tap line's encoder checks a name): it
imports only goaltui.lang, which every run has loaded before it.
"""

from __future__ import annotations

from goaltui.lang import _

MAX_NAME = 80  # characters of a person's name
DETAIL_FIELDS = ("company", "phone", "email", "source")  # what is kept beside a name (model/people.Person)


def name_problem(who: object) -> str:
    """Why ``who`` cannot name a person; "" when it can."""
    if not isinstance(who, str):
        return _("a name must be text")
    if not who.strip():
        return _("a name needs some letters")
    if len(who) > MAX_NAME:
        return _("a name has at most {most} characters").format(most=MAX_NAME)
    if not who.isprintable():
        return _("a name cannot hold control characters (a tab, a line break, an escape)")
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

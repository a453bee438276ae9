"""Counts as people write them, in the user's language's marks (1,250.50; 1 250,50); light, for the quick path too."""

from __future__ import annotations

from goaltui import lang

MAX_N = 1_000_000_000  # the most one tap can count or take back: a larger number is a typo, or not ours
SURE_N = 100  # a count of at most this many is taken as typed; more is checked against the user's best day


def is_slip(n: float, best: float, *, amount: bool = False) -> bool:
    """True for a count to confirm first: over SURE_N and over ten times the best day so far.

    An ``amount`` (money) has no usual size before its first day: only then is it taken as typed.
    """
    if amount and not best:
        return False
    return abs(n) > SURE_N and abs(n) > 10 * best


def count(n: float | None) -> str:
    """A count as people write it: 12, 1,250, 12.5."""
    if n is None:
        return "–"
    if float(n).is_integer():
        return local(f"{n:,.0f}")
    return local(f"{n:,.2f}".rstrip("0").rstrip("."))


def plain(n: float) -> str:
    """A count for a file (CSV): 1250, 12.5, in no language's marks."""
    return f"{n:.0f}" if float(n).is_integer() else f"{n:.2f}".rstrip("0").rstrip(".")


def local(text: str) -> str:
    """A number Python wrote (1,250.5) in the marks of the language in use (1 250,5 in Swedish)."""
    form = lang.CURRENT.form
    if form.decimal == "." and form.group == ",":
        return text
    return text.translate({44: form.group, 46: form.decimal})


def money(n: float | None, unit: str) -> str:
    """An amount of money as people read it: 249.90 EUR, 45,587.10 EUR, 250.00 EUR ('' for ``unit``: the number alone).

    Always two decimals, whole amounts too: a column of amounts lines up, and 250.00 says the cents were counted,
    not dropped. Every amount shown goes through here, in the marks of the language in use (1 234,50 kr).
    """
    if n is None:
        return "–"
    text = local(f"{round(n, 2) + 0.0:,.2f}")  # + 0.0: no -0.00
    return f"{text} {unit}" if unit else text


def quantity(n: float | None, unit: str | None) -> str:
    """A metric's figure: a count (12, 1,250) or, for a metric with a ``unit``, an amount of money (249.90 EUR)."""
    return money(n, unit) if unit else count(n)

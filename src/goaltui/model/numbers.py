"""Counts as people write them; imports nothing, so the quick path can say a total too."""

from __future__ import annotations

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
        return f"{n:,.0f}"
    return f"{n:,.2f}".rstrip("0").rstrip(".")

"""Screen widths the layouts change at, and how many counters go side by side."""

NARROW = 60  # columns: below, a phone's layout (counters two by two, the key bar on two lines)

COUNTER_WIDTH = 26  # columns a counter takes with its words whole ("✔ done · 15 to stretch"), its border and gap
NARROW_COUNTER = 20  # columns a counter takes with its words broken at their " · ": two of them fit a phone


def counter_columns(counters: int, width: int) -> int:
    """How many counters side by side on a screen ``width`` wide: each with its words whole, rows as even as can be.

    A phone (two narrow counters fit, one wide one does not) takes them two by two.
    """
    room = width - 2  # the screen's padding
    fit = max(1, min(counters, room // COUNTER_WIDTH))
    if fit == 1 and counters > 1 and room >= 2 * NARROW_COUNTER:
        fit = 2
    rows = -(-counters // fit)
    return max(1, -(-counters // max(1, rows)))

"""What a person types in a field, read as a number or a date; a mistake says how to write it."""

from __future__ import annotations

import math
from datetime import date

from goaltui.model.format import plain_number


def read_number(text: str) -> float:
    """`1,250` -> 1250, `99.5` -> 99.5; whole numbers come back as int. Raises ValueError with a message."""
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        raise ValueError("type a number, like 20")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a number: type digits, like 20") from None
    if not math.isfinite(value):
        raise ValueError("type an ordinary number, like 20")
    return plain_number(value)


def read_date(text: str) -> date:
    """`2027-03-31` -> a date. Raises ValueError with a message."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a date: write it as YYYY-MM-DD, like 2027-03-31") from None


class CountPrefix:
    """Digits typed before a metric's key, as vim's count: `35p` counts 35 prospects, `3P` takes back three.

    The count is held to what one tap may count (1 to ``MAX_N``); a digit that would
    leave that range is refused with the reason, and the digits stay as they were.
    """

    def __init__(self) -> None:
        self.digits = ""

    def __bool__(self) -> bool:
        return bool(self.digits)

    def add(self, digit: str) -> str | None:
        """Add ``digit`` ('0' to '9'); returns why it was refused, else None."""
        from goaltui.model.numbers import MAX_N

        if not self.digits and digit == "0":
            return "a count starts with 1 to 9, like 35 then the metric's key"
        if int(self.digits + digit) > MAX_N:
            return f"one tap counts at most {MAX_N:,}: {self.digits}{digit} is too many"
        self.digits += digit
        return None

    def back(self) -> None:
        """Forget the last digit typed (backspace)."""
        self.digits = self.digits[:-1]

    def take(self) -> int:
        """The count typed (1 when none), and clear it for the next key."""
        n = int(self.digits) if self.digits else 1
        self.digits = ""
        return n

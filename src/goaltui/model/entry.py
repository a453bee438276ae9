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

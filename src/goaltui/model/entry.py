"""What a person types in a field, read as a number or a date; a mistake says how to write it."""

from __future__ import annotations

import math
from datetime import date

from goaltui import lang
from goaltui.lang import _
from goaltui.lang.form import Form
from goaltui.model.format import plain_number
from goaltui.model.numbers import count, local

SPACES = " \xa0\u202f'’"  # thousands marks that are never a decimal mark: spaces, no-break spaces, de_CH's '
MINUS = "-−"


class Unclear(ValueError):
    """A number the user's language reads one way and English the other (1,234 in Swedish): asked, not guessed."""


def read_number(text: str, form: Form | None = None) -> float:
    """A number as the user writes it, in their language's marks or in English's; whole numbers come back as int.

    English: `1,250` -> 1250, `99.5` -> 99.5. Swedish: `12,50` and `12.50` -> 12.5, `1 234,50` -> 1234.5.
    With both marks, the last is the decimal one (`1.234,50`, `1,234.50`); a mark followed by anything but three
    digits is decimal (`12,50` in English too). A lone mark before three digits that the language reads one way
    and English the other (`1,234` in Swedish) is asked about: ValueError, saying what to type for each.
    Raises ValueError with a one-line message.
    """
    form = form or lang.form()
    raw = text.strip()
    body = raw
    sign = ""
    if body[:1] in ("+", *MINUS):
        sign, body = ("-" if body[0] in MINUS else ""), body[1:].lstrip()
    for space in SPACES:
        body = body.replace(space, "")
    if not body:
        raise ValueError(_("type a number, like 20"))
    if not body[0].isdigit() and body[0] not in ",.":  # a second sign, or letters
        raise ValueError(_("'{text}' is not a number: type digits, like 20").format(text=raw))
    plain = _plain(body, form, raw)
    try:
        value = float(sign + plain)
    except ValueError:
        raise ValueError(_("'{text}' is not a number: type digits, like 20").format(text=raw)) from None
    if not math.isfinite(value):
        raise ValueError(_("type an ordinary number, like 20"))
    return plain_number(value)


def _plain(body: str, form: Form, raw: str) -> str:
    """``body`` (no sign, no spaces) with its thousands marks dropped and its decimal mark a point."""
    commas, points = body.count(","), body.count(".")
    if commas and points:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        group = "." if decimal == "," else ","
        if body.count(decimal) > 1 or body.rfind(group) > body.rfind(decimal):
            raise ValueError(_("'{text}' is not a number: type digits, like 20").format(text=raw))
        return body.replace(group, "").replace(decimal, ".")
    mark = "," if commas else "." if points else ""
    if not mark:
        return body
    if body.count(mark) > 1:  # 1,234,567 or 1.234.567: thousands
        head, *groups = body.split(mark)
        if not (1 <= len(head) <= 3 and head.isdigit() and all(len(g) == 3 and g.isdigit() for g in groups)):
            raise ValueError(_("'{text}' is not a number: type digits, like 20").format(text=raw))
        return body.replace(mark, "")
    before, after = body.split(mark)
    if len(after) != 3 or not after.isdigit() or not before.isdigit() or before == "0":
        return f"{before}.{after}"  # 12,50 and 99.5: a decimal mark
    # A mark before three digits: English reads a comma as thousands and a point as decimal.
    english_thousands = mark == ","
    ours_thousands = mark == form.group or (mark == "," and form.decimal == ".")
    if english_thousands == ours_thousands:
        return body.replace(mark, "") if ours_thousands else f"{before}.{after}"
    whole = f"{before}{after}"
    fraction = f"{before}.{after}" if form.group != "." else f"{before}{form.decimal}{after}0"
    raise Unclear(
        _("'{text}' is unclear: type {whole} for {whole_shown}, or {fraction} for {fraction_shown}").format(
            text=raw,
            whole=whole,
            whole_shown=count(int(whole)),
            fraction=fraction,
            fraction_shown=local(f"{before}.{after}"),
        )
    )


def read_date(text: str) -> date:
    """`2027-03-31` -> a date. Raises ValueError with a message."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        message = _("'{text}' is not a date: write it as YYYY-MM-DD, like 2027-03-31")
        raise ValueError(message.format(text=text.strip())) from None


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
            return _("a count starts with 1 to 9, like 35 then the metric's key")
        if int(self.digits + digit) > MAX_N:
            return _("one tap counts at most {most}: {typed} is too many").format(
                most=count(MAX_N), typed=self.digits + digit
            )
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

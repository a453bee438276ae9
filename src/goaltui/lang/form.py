"""How a language writes numbers and dates (lang/forms.py holds the others', from CLDR), and English's own."""

from __future__ import annotations


class Form:
    """A language's marks and names: 1 234,50 and "tors 3 dec" in Swedish."""

    __slots__ = ("decimal", "first_weekday", "group", "month_names", "months", "percent", "weekday_names", "weekdays")

    def __init__(
        self,
        *,
        decimal: str,
        group: str,
        percent: str,
        first_weekday: int,
        weekdays: tuple[str, ...],
        weekday_names: tuple[str, ...],
        months: tuple[str, ...],
        month_names: tuple[str, ...],
    ) -> None:
        self.decimal, self.group, self.percent, self.first_weekday = decimal, group, percent, first_weekday
        self.weekdays, self.weekday_names, self.months, self.month_names = weekdays, weekday_names, months, month_names

    def with_first_weekday(self, day: int) -> Form:
        """The same form in a territory whose week starts on ``day`` (0 = Monday)."""
        return Form(
            decimal=self.decimal,
            group=self.group,
            percent=self.percent,
            first_weekday=day,
            weekdays=self.weekdays,
            weekday_names=self.weekday_names,
            months=self.months,
            month_names=self.month_names,
        )


# English as goaltui has always written it: "Fri 27 Nov", 1,250.50, weeks from Monday (an English
# user's weeks do not move under them); CLDR's "en" differs only in the percent sign's spacing.
ENGLISH = Form(
    decimal=".",
    group=",",
    percent="%",
    first_weekday=0,
    weekdays=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    weekday_names=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    month_names=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
)

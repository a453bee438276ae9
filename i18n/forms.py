"""src/goaltui/lang/forms.py from Babel's CLDR data: how each language writes numbers and dates."""

from __future__ import annotations

from babel import Locale

from i18n.catalogs import LANG

# The languages whose numbers and dates goaltui shows in their own form (their words may still be English);
# a locale with a form of its own (de_CH's group mark) is named whole. English's is lang/form.py's own.
LOCALES: tuple[str, ...] = (
    "sv",
    "sv_FI",
    "da",
    "de",
    "de_AT",
    "de_CH",
    "es",
    "fi",
    "fr",
    "fr_CH",
    "it",
    "nb",
    "nl",
    "pl",
    "pt",
)
LOCALES += ("pt_PT", "cs", "et", "lt", "lv", "is", "tr", "ro", "hu")

HEAD = '''"""How other languages write numbers and dates, from CLDR (written by `python -m i18n forms`: do not edit).

Loaded only for a language other than English (lang/form.py holds English's).
"""

from __future__ import annotations

from goaltui.lang.form import Form

FORMS: dict[str, Form] = {
'''


def form_of(name: str) -> str:
    """One locale's Form, a few lines long: the marks on one line, then each list of names on its own."""
    locale = Locale.parse(name)
    symbols = locale.number_symbols["latn"]
    days = locale.days["format"]
    months = locale.months["format"]
    percent = locale.percent_formats[None].pattern.replace("#,##0", "")
    return (
        f"    {name!r}: Form(\n"
        f"        decimal={symbols['decimal']!r}, group={symbols['group']!r}, percent={percent!r}, "
        f"first_weekday={locale.first_week_day},\n"
        f"        weekdays={tuple(days['abbreviated'][i] for i in range(7))!r},\n"
        f"        weekday_names={tuple(days['wide'][i] for i in range(7))!r},\n"
        f"        months={tuple(months['abbreviated'][i] for i in range(1, 13))!r},\n"
        f"        month_names={tuple(months['wide'][i] for i in range(1, 13))!r},\n"
        "    ),\n"
    )


def first_days() -> dict[str, int]:
    """Each territory whose week does not start on Monday, and its first day (0 = Monday)."""
    from babel.localedata import locale_identifiers

    found: dict[str, int] = {}
    for name in sorted(locale_identifiers()):
        territory = Locale.parse(name).territory
        if territory and len(territory) == 2 and territory not in found:
            found[territory] = Locale.parse(name).first_week_day
    return {territory: day for territory, day in sorted(found.items()) if day != 0}


def forms_text() -> str:
    """The module: each locale's Form, then the territories' first days, ten to a line (not formatted by ruff)."""
    pairs = [f"{territory!r}: {day}," for territory, day in first_days().items()]
    days = "".join("    " + " ".join(pairs[i : i + 10]) + "\n" for i in range(0, len(pairs), 10))
    tail = "}\n\n# A territory whose week starts on another day than Monday (CLDR weekData).\nFIRST_DAYS = {\n"
    return HEAD + "".join(form_of(name) for name in LOCALES) + tail + days + "}\n"


def write_forms() -> None:
    path = LANG / "forms.py"
    path.write_text(forms_text(), encoding="utf-8")

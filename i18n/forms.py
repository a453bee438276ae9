"""src/goaltui/lang/forms.py from Babel's CLDR data: how each language writes numbers and dates."""

from __future__ import annotations

import subprocess
import sys

from babel import Locale

from i18n.catalogs import LANG

# The languages whose numbers and dates goaltui shows in their own form (their words may still be English);
# a locale with a form of its own (de_CH's group mark) is named whole. English's is lang/form.py's own.
LOCALES: tuple[str, ...] = ("sv", "sv_FI", "da", "de", "de_AT", "de_CH", "es", "fi", "fr", "fr_CH", "it", "nb", "nl", "pl", "pt")
LOCALES += ("pt_PT", "cs", "et", "lt", "lv", "is", "tr", "ro", "hu")

HEAD = '''"""How other languages write numbers and dates, from CLDR (written by `python -m i18n forms`: do not edit).

Loaded only for a language other than English (lang/form.py holds English's).
"""

from __future__ import annotations

from goaltui.lang.form import Form

FORMS: dict[str, Form] = {
'''


def form_of(name: str) -> str:
    locale = Locale.parse(name)
    symbols = locale.number_symbols["latn"]
    days = locale.days["format"]
    months = locale.months["format"]
    return (
        f"    {name!r}: Form(\n"
        f"        decimal={symbols['decimal']!r},\n"
        f"        group={symbols['group']!r},\n"
        f"        percent={locale.percent_formats[None].pattern.replace('#,##0', '')!r},\n"
        f"        first_weekday={locale.first_week_day},\n"
        f"        weekdays={tuple(days['abbreviated'][i] for i in range(7))!r},\n"
        f"        weekday_names={tuple(days['wide'][i] for i in range(7))!r},\n"
        f"        months={tuple(months['abbreviated'][i] for i in range(1, 13))!r},\n"
        f"        month_names={tuple(months['wide'][i] for i in range(1, 13))!r},\n"
        "    ),\n"
    )


def forms_text() -> str:
    return HEAD + "".join(form_of(name) for name in LOCALES) + "}\n"


def write_forms() -> None:
    path = LANG / "forms.py"
    path.write_text(forms_text(), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(path)], check=True)

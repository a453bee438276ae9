"""`python -m i18n [extract|update|compile|forms|all]`: the catalogs and the locale forms, from the source and CLDR.

- extract: every marked string in src/goaltui into src/goaltui/lang/goaltui.pot (Babel's extractor).
- update: each language's .po takes the template's new strings (a new one is empty, to translate).
- compile: each .po into the .mo goaltui reads.
- forms: src/goaltui/lang/forms.py, numbers' and dates' forms from Babel's CLDR data.
- all (the default): all four, in that order.
"""

from __future__ import annotations

import sys

from i18n.catalogs import compile_all, extract, update_all
from i18n.forms import write_forms


def main(argv: list[str]) -> int:
    steps = argv or ["all"]
    for step in steps:
        if step in ("extract", "all"):
            extract()
        if step in ("update", "all"):
            update_all()
        if step in ("compile", "all"):
            compile_all()
        if step in ("forms", "all"):
            write_forms()
        if step not in ("extract", "update", "compile", "forms", "all"):
            print(f"python -m i18n: no step {step!r}: use extract, update, compile, forms or all", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

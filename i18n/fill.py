"""Fill a language's .po from translation files (JSON: msgid -> msgstr, or [singular, plural] for a plural).

`python -m i18n.fill sv FILE...`: each untranslated entry of sv's .po whose msgid (or, for a plural, whose
singular) a file names takes that translation; an entry already translated is kept. Then it compiles.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from i18n.catalogs import _dump, compile_all, po_path, read


def fill(code: str, files: list[Path]) -> tuple[int, int]:
    found: dict[str, object] = {}
    for path in files:
        found.update(json.loads(path.read_text(encoding="utf-8")))
    catalog = read(code)
    filled = missing = 0
    for message in catalog:
        if not message.id:
            continue
        key = str(message.id[0] if isinstance(message.id, (tuple, list)) else message.id)
        if message.context:
            key = f"{message.context}\x04{key}"
        done = all(message.string) if isinstance(message.string, tuple) else bool(message.string)
        if done and not message.fuzzy:
            continue
        value = found.get(key)
        if value is None:
            missing += 1
            continue
        if isinstance(message.id, tuple):
            forms = value if isinstance(value, list) else [value, value]
            message.string = tuple(str(form) for form in forms)
        else:
            message.string = str(value[0] if isinstance(value, list) else value)
        message.flags.discard("fuzzy")
        filled += 1
    po_path(code).write_bytes(_dump(catalog, ignore_obsolete=True, sort_output=True))
    compile_all()
    return filled, missing


if __name__ == "__main__":
    done, left = fill(sys.argv[1], [Path(name) for name in sys.argv[2:]])
    print(f"{done} filled, {left} still untranslated")

"""The template (.pot) from the source, each language's .po kept in step with it, and the .mo goaltui reads."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "goaltui"
LANG = SOURCE / "lang"
TEMPLATE = LANG / "goaltui.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ["TRANSLATORS:"]


def languages() -> list[str]:
    return sorted(path.parent.parent.name for path in LANG.glob("*/LC_MESSAGES/goaltui.po"))


def po_path(code: str) -> Path:
    return LANG / code / "LC_MESSAGES" / "goaltui.po"


def mo_path(code: str) -> Path:
    return LANG / code / "LC_MESSAGES" / "goaltui.mo"


def template() -> Catalog:
    """Every marked string in the source, with where it is and the comment a translator is left."""
    catalog = Catalog(project="goaltui", msgid_bugs_address="", charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCE), method_map, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True
    ):
        catalog.add(message, None, [(f"src/goaltui/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def _dump(catalog: Catalog, **options: bool) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, **options)
    return out.getvalue()


def extract() -> None:
    TEMPLATE.write_bytes(_dump(template(), sort_output=True))


def read(code: str) -> Catalog:
    with po_path(code).open("rb") as file:
        return read_po(file, locale=code, domain="goaltui")


def update_all() -> None:
    with TEMPLATE.open("rb") as file:
        pot = read_po(file)
    for code in languages():
        catalog = read(code)
        catalog.update(pot, update_header_comment=False)
        po_path(code).write_bytes(_dump(catalog, ignore_obsolete=True, sort_output=True))


def compiled(code: str) -> bytes:
    out = io.BytesIO()
    write_mo(out, read(code), use_fuzzy=False)
    return out.getvalue()


def compile_all() -> None:
    for code in languages():
        mo_path(code).write_bytes(compiled(code))

"""The catalogs are what the source marks, Swedish is complete, and what ships is what the .po says."""

from __future__ import annotations

import io
import re

import pytest
from babel import Locale
from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.mofile import write_mo

from goaltui.lang import Catalog, forms
from i18n.catalogs import compiled, mo_path, read, template
from i18n.forms import LOCALES

PLACEHOLDER = re.compile(r"\{[a-z_]+(?:![rs])?(?::[^{}]*)?\}|%\([a-z_]+\)[sdr]|%[sdr]")


def _key(message) -> tuple[str, str]:
    ident = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
    return str(ident), message.context or ""


def _ids(catalog) -> set[tuple[str, str]]:
    return {_key(m) for m in catalog if m.id}


def test_the_template_holds_every_string_the_source_marks() -> None:
    from babel.messages.pofile import read_po

    from i18n.catalogs import TEMPLATE

    with TEMPLATE.open("rb") as file:
        pot = _ids(read_po(file))
    source = _ids(template())
    assert source - pot == set(), "marked in the source, not in the catalog: run `make catalog`"
    assert pot - source == set(), "in the catalog, no longer in the source: run `make catalog`"


def test_swedish_translates_every_string_and_leaves_none_fuzzy() -> None:
    swedish = read("sv")
    source = _ids(template())
    translated = {_key(m): m for m in swedish if m.id}
    assert source - set(translated) == set(), "not in sv's .po: run `make catalog` and translate"
    untranslated = [
        key
        for key, m in translated.items()
        if key in source and (not all(m.string) if isinstance(m.string, tuple) else not m.string)
    ]
    assert untranslated == []
    assert [key for key, m in translated.items() if m.fuzzy] == []


def test_a_translation_keeps_every_placeholder_of_its_english() -> None:
    wrong = []
    for m in read("sv"):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, (tuple, list)) else (m.id,)
        strings = m.string if isinstance(m.string, (tuple, list)) else (m.string,)
        wanted = sorted(set(PLACEHOLDER.findall(str(ids[-1]))))
        for string in strings:
            if sorted(set(PLACEHOLDER.findall(string or ""))) != wanted:
                wrong.append((ids[0], string))
    assert wrong == []


def test_the_shipped_catalog_is_the_compiled_po() -> None:
    assert mo_path("sv").read_bytes() == compiled("sv"), "run `make catalog`"


@pytest.mark.parametrize("name", LOCALES)
def test_the_shipped_forms_are_cldrs(name: str) -> None:
    locale = Locale.parse(name)
    form = forms.FORMS[name]
    assert form.decimal == locale.number_symbols["latn"]["decimal"]
    assert form.group == locale.number_symbols["latn"]["group"]
    assert form.first_weekday == locale.first_week_day
    assert form.months == tuple(locale.months["format"]["abbreviated"][i] for i in range(1, 13))
    assert form.weekday_names == tuple(locale.days["format"]["wide"][i] for i in range(7))


def _lookups(catalog: Catalog, po) -> list[tuple[str, str | None, str]]:
    """(key, found, wanted) for every translated message of ``po``."""
    rows = []
    for m in po:
        if not m.id or m.fuzzy:
            continue
        if isinstance(m.id, (tuple, list)):
            key, wanted = "\x00".join(m.id), "\x00".join(m.string)
        else:
            key, wanted = m.id, m.string
        if m.context:
            key = f"{m.context}\x04{key}"
        if wanted.replace("\x00", ""):
            rows.append((key, catalog.lookup(key), wanted))
    return rows


def test_every_translation_is_found_in_the_shipped_catalog() -> None:
    rows = _lookups(Catalog(mo_path("sv").read_bytes()), read("sv"))
    assert rows and [row for row in rows if row[1] != row[2]] == []


def test_a_lookup_finds_plurals_and_contexts_among_their_neighbours() -> None:
    po = BabelCatalog(locale="sv")
    po.add("Undo", "Ångra")
    po.add("Undo", "Ångra trycket", context="key bar")
    po.add("Undo", "Ta tillbaka", context="a")
    po.add(("{n} tap", "{n} taps"), ("{n} tryck", "{n} tryck"))
    for word in ("a", "b", "Un", "Undo it", "zz", "Ä", "ö"):
        po.add(word, word.upper())
    out = io.BytesIO()
    write_mo(out, po)
    catalog = Catalog(out.getvalue())
    rows = _lookups(catalog, po)
    assert len(rows) == 11 and [row for row in rows if row[1] != row[2]] == []
    assert catalog.lookup("missing") is None and catalog.lookup("key bar\x04Redo") is None


def test_the_shipped_first_days_are_cldrs() -> None:
    from i18n.forms import first_days

    assert first_days() == forms.FIRST_DAYS

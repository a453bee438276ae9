"""Text from files, made safe to show: what a terminal would obey comes out as visible escapes."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from goaltui.model.shown import cell, shown

HOSTILE = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b]0;pwned\x07\x9b31m\u202egnp.exe"


def test_escape_sequences_come_out_as_visible_text() -> None:
    assert shown(HOSTILE) == "\\x1b]52;c;cHduZWQ=\\x07\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u202egnp.exe"


def test_ordinary_text_is_left_alone() -> None:
    for text in ["Talk to 30 new people", "Ünïcödé · ✔ ▲ 日本語", "a\\b", "[bold red]x[/]", "", "EUR 1 000"]:
        assert shown(text) == text


def test_lines_keep_their_newlines_and_nothing_else() -> None:
    assert shown("went well\n\x1b[2Jnext", lines=True) == "went well\n\\x1b[2Jnext"
    assert shown("a\nb\tc\r") == "a\\nb\\tc\\r"


def test_a_byte_that_was_not_utf8_shows_as_that_byte() -> None:
    raw = b"Caf\xe9 \xff".decode("utf-8", "surrogateescape")  # a Latin-1 name in a file, as Python reads it
    assert shown(raw) == "Caf\\xe9 \\xff"
    assert shown("\ud800 \udbff \udc7f \udfff") == "\\ud800 \\udbff \\udc7f \\udfff"  # other lone surrogates


@given(st.text())
def test_nothing_a_terminal_obeys_is_left(text: str) -> None:
    for out in (shown(text), shown(text, lines=True).replace("\n", "")):
        assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in out)
        assert not any(
            unicodedata.bidirectional(c) in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI") for c in out
        )
        out.encode("utf-8")  # never a lone surrogate


def test_csv_cells_never_start_a_formula() -> None:
    assert cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert [cell(t) for t in ["+1", "-2", "@SUM(A1)", "Acme", "\x1b[2J"]] == [
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "Acme",
        "\\x1b[2J",
    ]

"""Words goaltui reads back from its own sentences work in Swedish too."""

from __future__ import annotations

import pytest

from goaltui import lang
from goaltui.lang import _
from goaltui.tui.screens.goal_form import form_fix


@pytest.mark.parametrize(
    ("code", "wanted"),
    [
        ("en", ["set Target to 35 on x", "fill in Target: 20"]),
        ("sv", ["sätt Mål till 35 på x", "fyll i Mål: 20"]),
    ],
)
def test_a_smart_fix_names_the_forms_fields_in_either_language(code: str, wanted: list[str]) -> None:
    lang.use(code)
    fixes = [
        _("set target = {target} on {goal}").format(target=35, goal="x"),
        _("add target = {target}").format(target=20),
    ]
    assert [form_fix(fix) for fix in fixes] == wanted


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("i dag", 12),
        ("idag", 12),
        ("i morgon", 13),
        ("imorgon", 13),
        ("tors", 14),
        ("torsdag", 14),
        ("fre", 15),
        ("mån", 18),
        ("tomorrow", 13),  # English still works for someone who learned goaltui in it
        ("fri", 15),
        ("+3", 15),
    ],
)
def test_a_follow_up_day_is_read_in_swedish_and_english(typed: str, day: int) -> None:
    from datetime import date

    from goaltui.model.people import parse_when

    lang.use("sv", "sv_SE")
    assert parse_when(typed, date(2027, 1, 12)) == date(2027, 1, day)  # a Tuesday


def test_a_day_not_understood_says_how_to_write_it_in_swedish() -> None:
    from datetime import date

    from goaltui.model.people import parse_when

    lang.use("sv", "sv_SE")
    with pytest.raises(ValueError, match=r"skriv i morgon, en veckodag \(fre\)"):
        parse_when("snart", date(2027, 1, 12))


def test_a_raised_title_keeps_the_files_own_number_form_in_swedish() -> None:
    from goaltui.model.decisions import restated

    lang.use("sv", "sv_SE")
    assert restated("Call 1,500 people every month", {1500: 1600}) == "Call 1,600 people every month"
    assert restated("Ring 30 nya personer", {30: 35}) == "Ring 35 nya personer"


def test_a_count_for_a_file_is_written_in_no_languages_marks() -> None:
    from goaltui.model.numbers import count, plain

    lang.use("sv", "sv_SE")
    assert [plain(1234.5), plain(1500), plain(0.25)] == ["1234.5", "1500", "0.25"]
    assert count(1234.5) == "1\xa0234,5"


def test_config_toml_problems_are_said_in_swedish(tmp_path) -> None:
    from goaltui.store.config import load_config

    lang.use("sv", "sv_SE")
    path = tmp_path / "config.toml"
    path.write_text("theme = 5\n[settings]\nlanguage = 1\n")
    problem = load_config(path).problem
    assert problem is not None
    assert "skriv namnet inom citattecken" in problem and "skriv språket inom citattecken" in problem
    assert problem.endswith("(ignoreras tills det är rättat)")

"""Which language goaltui speaks, how it reads numbers typed in it, and how it writes numbers and dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from goaltui import lang
from goaltui.lang.form import ENGLISH
from goaltui.model.calendar import full_date, month_year, short_date
from goaltui.model.entry import read_number
from goaltui.model.numbers import count, money


@pytest.mark.parametrize(
    ("asked", "configured", "env", "code", "locale"),
    [
        (None, None, {}, "en", "en"),
        (None, None, {"LANG": "C.UTF-8"}, "en", "en"),
        (None, None, {"LANG": "sv_SE.UTF-8"}, "sv", "sv_SE"),
        (None, None, {"LANG": "en_GB.UTF-8", "LC_MESSAGES": "sv_FI.UTF-8"}, "sv", "sv_FI"),
        (None, None, {"LANG": "sv_SE.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en", "en_US"),
        (None, "sv", {"LANG": "en_US.UTF-8"}, "sv", "sv"),
        (None, "sv", {"LANG": "sv_FI.UTF-8"}, "sv", "sv_FI"),
        ("en", "sv", {"LANG": "sv_SE.UTF-8"}, "en", "en"),
        ("sv", None, {}, "sv", "sv"),
        (None, None, {"LANG": "de_DE.UTF-8"}, "en", "de_DE"),  # German numbers, English words
    ],
)
def test_the_language_comes_from_lang_then_config_then_the_locale(asked, configured, env, code, locale) -> None:
    choice = lang.choose(asked, configured, env)
    assert (choice.code, choice.locale, choice.problem) == (code, locale, None)


@pytest.mark.parametrize("asked", ["xx", "klingon", "../../etc", "sv\x1b[2J"])
def test_a_language_goaltui_does_not_speak_is_english_said_once(asked: str) -> None:
    choice = lang.choose(asked, None, {"LANG": "sv_SE.UTF-8"})
    assert (choice.code, choice.locale) == ("en", "en")
    assert choice.problem is not None and "English" in choice.problem and "sv (svenska)" in choice.problem


def test_settings_language_is_read_from_config_toml_without_a_parser(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    text = 'theme = "x"\nlanguage = "de"\n[keymap]\nlanguage = "fr"\n[settings]\nlanguage = "sv"  # svenska\n'
    config.write_text(text)
    assert lang.configured_language(str(tmp_path)) == "sv"
    config.write_text('[settings]\nweek = 1\n[other]\nlanguage = "sv"\n')
    assert lang.configured_language(str(tmp_path)) is None
    assert lang.configured_language(str(tmp_path / "missing")) is None


def test_swedish_numbers_and_dates_are_cldrs() -> None:
    lang.use("sv", "sv_SE")
    assert count(1234) == "1\xa0234"
    assert money(1234.5, "kr") == "1\xa0234,50 kr"
    assert short_date(date(2026, 12, 3), date(2026, 12, 3)) == "tors 3 dec"
    assert full_date(date(2026, 12, 3)) == "torsdag 3 december 2026"
    assert month_year(date(2027, 3, 1)) == "mars 2027"
    lang.use()
    assert (count(1234), money(1234.5, "EUR")) == ("1,234", "1,234.50 EUR")
    assert short_date(date(2026, 12, 3), date(2026, 12, 3)) == "Thu 3 Dec"
    assert lang.form() is ENGLISH


@pytest.mark.parametrize(
    ("typed", "english", "swedish"),
    [
        ("20", 20, 20),
        ("12,50", 12.5, 12.5),
        ("12.50", 12.5, 12.5),
        ("1 234,50", 1234.5, 1234.5),
        ("1\xa0234,50", 1234.5, 1234.5),
        ("1\u202f234", 1234, 1234),
        ("1,234.50", 1234.5, 1234.5),
        ("1.234,50", 1234.5, 1234.5),
        ("1,250", 1250, None),  # Swedish asks: a thousand and more, or a little over one?
        ("1.234", 1.234, 1.234),
        ("1,234,567", 1234567, 1234567),
        ("-3", -3, -3),
        ("−3", -3, -3),
        ("0,125", 0.125, 0.125),
    ],
)
def test_a_number_is_read_as_the_user_writes_it(typed: str, english: float, swedish: float | None) -> None:
    assert read_number(typed) == english
    lang.use("sv", "sv_SE")
    if swedish is None:
        with pytest.raises(ValueError, match=r"skriv 1250 för 1\xa0250 eller 1\.250 för 1,250"):
            read_number(typed)
    else:
        assert read_number(typed) == swedish


@pytest.mark.parametrize(
    "typed", ["", "abc", "1,2,3", "12,345,67", "1.2.3,4,5", "1,2.3,4", "nan", "inf", "--3", "+-3", "- -3", "e5"]
)
def test_what_is_not_a_number_is_refused_in_one_line(typed: str) -> None:
    for code in ("en", "sv"):
        lang.use(code)
        with pytest.raises(ValueError) as raised:
            read_number(typed)
        assert "\n" not in str(raised.value)


def test_a_week_starts_on_the_languages_first_day_unless_goals_toml_says() -> None:
    from goaltui.model.plan_parse import parse_settings

    assert parse_settings({}).week_starts == 0
    lang.use("sv", "sv_SE")
    assert parse_settings({}).week_starts == 0
    lang.use("sv", "sv_US")  # Swedish words, weeks as in the United States: from Sunday
    assert parse_settings({}).week_starts == 6
    lang.use("en", "en_US")  # English keeps Monday: an English user's weeks do not move under them
    assert parse_settings({}).week_starts == 0
    lang.use("sv", "sv_SE")
    assert parse_settings({"week_starts": "monday"}).week_starts == 0


def test_an_unknown_language_is_said_once_and_english_spoken(capsys: pytest.CaptureFixture[str]) -> None:
    from goaltui.command import run

    assert run(["--lang", "xx", "themes"]) == 0
    assert lang.CURRENT.code == "en"
    assert capsys.readouterr().err.count("no language 'xx' here yet") == 1


async def test_app_says_an_unknown_language_once(new_app) -> None:
    from tests.factories import Told, settle

    lang.use_choice(lang.choose("xx"))
    told = Told()
    app = new_app()
    async with app.run_test(message_hook=told) as pilot:
        await settle(pilot)
    assert told.text.count("no language 'xx' here yet") == 1

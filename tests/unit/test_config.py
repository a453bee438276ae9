"""config.toml: the theme and keymap, and a file that cannot be used reported in one line, never ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltui.store.config import ConfigError, config_path, load_config, updating


def config_file(text: str | bytes) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_no_file_is_the_defaults_without_a_problem() -> None:
    config = load_config()
    assert (config.theme, config.keymap, config.problem) == (None, {}, None)


def test_theme_and_keymap_are_read() -> None:
    config_file('theme = "goaltui-light"\n[keymap]\nundo = "u,ctrl+z"\n')
    config = load_config()
    assert (config.theme, config.keymap, config.problem) == ("goaltui-light", {"undo": "u,ctrl+z"}, None)


def test_a_syntax_error_names_the_file_the_line_and_what_to_do() -> None:
    path = config_file('theme = "goaltui-light"\n[keymap]\nundo = u\n')
    config = load_config()
    assert (config.theme, config.keymap) == (None, {})
    assert config.problem is not None and "\n" not in config.problem
    assert config.problem.startswith(f"{path}:3:8: ")
    assert "undo = u" in config.problem
    assert "fix or remove the file; using the defaults until then" in config.problem


def test_a_file_that_is_not_text_names_the_line() -> None:
    path = config_file(b'theme = "dark"\n# caf\xe9\n')
    assert (
        load_config().problem
        == f"{path}:2: not valid UTF-8 text: save the file as UTF-8; using the defaults until then"
    )


def test_a_folder_in_its_place_says_so() -> None:
    config_path().mkdir(parents=True)
    problem = load_config().problem
    assert problem is not None and problem.startswith(f"{config_path()}: cannot be read")
    assert problem.endswith("using the defaults until then")


def test_settings_of_the_wrong_kind_are_named_and_the_others_kept() -> None:
    path = config_file('theme = 3\n[keymap]\nundo = "z"\nquit = 7\n')
    config = load_config()
    assert (config.theme, config.keymap) == (None, {"undo": "z"})
    assert config.problem == (
        f'{path}: theme = 3: write the name in quotes, like theme = "goaltui-dark"; '
        'keymap quit = 7: write the keys in quotes, like quit = "u,ctrl+z" (ignored until fixed)'
    )


def test_a_keymap_that_is_not_a_table_is_named() -> None:
    config_file('theme = "goaltui-light"\nkeymap = "u"\n')
    config = load_config()
    assert config.theme == "goaltui-light"
    assert config.problem is not None and "keymap must be a table" in config.problem


def test_updating_keeps_what_else_the_file_says() -> None:
    path = config_file('# mine\ntheme = "goaltui-dark"\n[keymap]\nundo = "z"\n')
    with updating() as config:
        config.theme = "goaltui-light"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# mine\n") and 'theme = "goaltui-light"' in text and 'undo = "z"' in text


def test_updating_a_broken_file_leaves_it_as_it_was() -> None:
    path = config_file("theme = \n")
    with pytest.raises(ConfigError, match="not saved"), updating() as config:
        config.theme = "goaltui-light"
    assert path.read_text(encoding="utf-8") == "theme = \n"

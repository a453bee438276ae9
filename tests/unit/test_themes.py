"""Theme files: the shipped ones are complete and readable, and a bad user file is refused with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltui.store.themes import (
    COLOURS,
    DEFAULT_THEME,
    SHIPPED,
    USER,
    ThemeError,
    is_colour,
    load_catalog,
    parse_theme,
    shipped_dir,
)
from goaltui.tui.themes import VARIABLES

GOOD = """
name = "ocean"
dark = true
primary = "#1E90FF"
secondary = "#004578"
accent = "rgb(255, 166, 43)"
background = "#0B1220"
surface = "#111A2E"
panel = "#1B2742"
foreground = "#E6EEF8"
success = "#4EBF71"
warning = "hsl(36, 100%, 58%)"
error = "#E8505B"

[variables]
pace-ahead = "#3CC8C0"
gauge-line = "white"
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_theme_is_read() -> None:
    spec = parse_theme(GOOD, path=Path("ocean.toml"))
    assert (spec.name, spec.dark, spec.source) == ("ocean", True, USER)
    assert spec.colours["accent"] == "rgb(255, 166, 43)"
    assert spec.variables == {"pace-ahead": "#3CC8C0", "gauge-line": "white"}


def test_name_defaults_to_the_file_and_dark_to_the_background() -> None:
    text = GOOD.replace('name = "ocean"\ndark = true\n', "").replace('"#0B1220"', '"#FAFAF7"')
    spec = parse_theme(text, path=Path("paper.toml"))
    assert (spec.name, spec.dark) == ("paper", False)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda t: t.replace('primary = "#1E90FF"', "primary = "), "not valid TOML"),
        (lambda t: t.replace('panel = "#1B2742"\n', ""), "missing colour panel"),
        (
            lambda t: t.replace('panel = "#1B2742"\n', "").replace('error = "#E8505B"\n', ""),
            "missing colours panel, error",
        ),
        (lambda t: t.replace('"#1E90FF"', '"#1E90F"'), "primary = '#1E90F' is not a colour"),
        (lambda t: t.replace('"#1E90FF"', '"rgb(1, 2)"'), "is not a colour"),
        (lambda t: t.replace('"#1E90FF"', "12"), "primary = 12 is not a colour"),
        (lambda t: t.replace('gauge-line = "white"', 'gauge-line = "50%"'), "variables.gauge-line"),
        (lambda t: t.replace("dark = true", 'dark = "yes"'), "dark = 'yes' must be true or false"),
        (lambda t: t.replace('name = "ocean"', 'name = "my theme, v2"'), "is not usable"),
        (lambda t: t.replace("[variables]", "variables = 3\n[other]"), "[variables] must be a table"),
    ],
)
def test_a_bad_theme_names_the_file_and_the_reason(change, reason: str) -> None:
    with pytest.raises(ThemeError) as caught:
        parse_theme(change(GOOD), path=Path("/somewhere/ocean.toml"))
    message = str(caught.value)
    assert message.startswith("/somewhere/ocean.toml: ")
    assert reason in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "text",
    [
        "#abc",
        "#abcd",
        "#A1B2C3",
        "#a1b2c3d4",
        "rgb(1,2,3)",
        "rgba(1, 2, 3, 0.5)",
        "hsl(200, 50%, 40%)",
        "red",
        "ansi_bright_red",
    ],
)
def test_colour_forms(text: str) -> None:
    assert is_colour(text)


@pytest.mark.parametrize("text", ["", "#ab", "#abcde", "rgb(1,2)", "1e90ff", "red 50%", "Red Blue", "url(x)"])
def test_not_colours(text: str) -> None:
    assert not is_colour(text)


def test_every_shipped_theme_is_complete() -> None:
    catalog = load_catalog(user=Path("/nonexistent"))
    assert catalog.problems == []
    assert catalog.names[0] == DEFAULT_THEME
    assert {"goaltui-dark", "goaltui-light", "goaltui-high-contrast"} <= set(catalog.names)
    for path in shipped_dir().glob("*.toml"):
        spec = catalog.themes[path.stem]
        assert spec.source == SHIPPED
        assert set(spec.colours) == set(COLOURS)
        assert set(spec.variables) == set(VARIABLES), f"{path.name} must set every goaltui variable"
        assert "name" in path.read_text(encoding="utf-8")
    assert catalog.themes["goaltui-light"].dark is False


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", ["goaltui-dark", "goaltui-light", "goaltui-high-contrast"])
def test_shipped_text_colours_are_readable(name: str) -> None:
    """Status words are drawn in the pace colours: each keeps WCAG AA contrast (4.5:1) on the page."""
    spec = load_catalog(user=Path("/nonexistent")).themes[name]
    for page in (spec.colours["background"], spec.colours["surface"]):
        for key in (
            "pace-done",
            "pace-ahead",
            "pace-on",
            "pace-behind",
            "pace-missed",
            "counter",
            "smart-ok",
            "smart-warn",
        ):
            assert _contrast(spec.variables[key], page) >= 4.5, (name, key)
        assert _contrast(spec.colours["foreground"], page) >= 7


def test_user_themes_are_added_and_bad_ones_skipped(tmp_path: Path) -> None:
    user = tmp_path / "config" / "themes"
    write(user, "ocean.toml", GOOD)
    write(user, "broken.toml", "name = \n")
    write(user, "again.toml", GOOD)
    write(user, "notes.txt", "not a theme")
    catalog = load_catalog(user=user)
    assert catalog.themes["ocean"].path == user / "again.toml"  # files are read in name order: the first one wins
    assert catalog.themes["ocean"].source == USER
    assert len(catalog.problems) == 2
    assert catalog.problems[0].startswith(f"{user / 'broken.toml'}: not valid TOML")
    assert catalog.problems[1] == (
        f"{user / 'ocean.toml'}: name 'ocean' is already used by again.toml: rename one of them"
    )


def test_a_user_theme_may_replace_a_shipped_one(tmp_path: Path) -> None:
    user = tmp_path / "themes"
    write(user, "mine.toml", GOOD.replace('name = "ocean"', f'name = "{DEFAULT_THEME}"'))
    catalog = load_catalog(user=user)
    assert catalog.themes[DEFAULT_THEME].source == USER


def test_the_user_folder_is_in_the_config_dir(tmp_path: Path) -> None:
    write(tmp_path / "config" / "themes", "ocean.toml", GOOD)  # GOALTUI_CONFIG_DIR is tmp_path/config
    assert "ocean" in load_catalog().names


def test_store_themes_loads_no_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, goaltui.store.themes as t; t.load_catalog(); "
        "print(any(m.startswith('textual') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_readme_example_is_a_valid_theme() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Your own theme", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    spec = parse_theme(example, path=Path("ocean.toml"))
    assert spec.name == "ocean" and set(spec.variables) <= set(VARIABLES), "the rest come from its colours"

"""Theme files: goaltui's shipped themes and the user's own, read and checked without Textual.

A theme is one TOML file::

    name = "my-theme"            # optional: defaults to the file name
    dark = true                  # optional: guessed from the background
    primary = "#5B9BFF"          # the ten Textual colours are all required
    ...
    [variables]                  # goaltui's own colours; optional, each one
    pace-ahead = "#3CC8C0"       # falls back to a colour of the theme

Colour syntax is checked here (hex, rgb()/rgba()/hsl()/hsla(), or a name);
whether a *name* is a colour Textual knows is checked when the app turns the
theme into a ``textual.theme.Theme`` (``goaltui.tui.themes``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import field
from pathlib import Path
from typing import Literal

from goaltui.lang import _, ngettext
from goaltui.model.record import record
from goaltui.store import locations, tomlerrors

DEFAULT_THEME = "goaltui-dark"

COLOURS = (
    "primary",
    "secondary",
    "accent",
    "background",
    "surface",
    "panel",
    "foreground",
    "success",
    "warning",
    "error",
)
ThemeSource = Literal["shipped", "user"]
SHIPPED: ThemeSource = "shipped"
USER: ThemeSource = "user"

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
_VARIABLE = re.compile(r"[a-z][a-z0-9-]*")
_NUMBER = r"\s*[0-9]+(?:\.[0-9]+)?%?\s*"
_COLOUR = re.compile(
    r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})"
    rf"|(?:rgb|hsl)\({_NUMBER},{_NUMBER},{_NUMBER}\)"
    rf"|(?:rgba|hsla)\({_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}\)"
    r"|[a-z]+(?:_[a-z]+)*"  # a named colour: Textual checks the name itself
)


class ThemeError(Exception):
    """A theme file that cannot be used; the message says which file and why, in one line."""


@record
class ThemeSpec:
    """One theme as read from its file: Textual's colours and goaltui's variables."""

    name: str
    dark: bool
    colours: dict[str, str]
    variables: dict[str, str]
    source: ThemeSource
    path: Path


@record(frozen=False)
class ThemeCatalog:
    """Every usable theme by name (shipped first, then the user's), and the files that could not be used."""

    themes: dict[str, ThemeSpec] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return list(self.themes)


def is_colour(text: str) -> bool:
    """Whether ``text`` is written like a colour (a name is only checked for its shape)."""
    return _COLOUR.fullmatch(text.strip()) is not None


def _is_dark(background: str) -> bool:
    """Guess ``dark`` from a hex background; anything else counts as dark."""
    digits = background.strip().lstrip("#")
    if not background.strip().startswith("#") or len(digits) not in (3, 4, 6, 8):
        return True
    if len(digits) in (3, 4):
        digits = "".join(c * 2 for c in digits[:3])
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128


def parse_theme(text: str, *, path: Path, source: ThemeSource = USER) -> ThemeSpec:
    """Read one theme file's text. Raises ThemeError naming the file and the first reason it cannot be used."""

    def fail(reason: str) -> ThemeError:
        return ThemeError(f"{path}: {reason}")

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise fail(_("not valid TOML: {error}").format(error=err)) from None
    name = data.get("name", path.stem)
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise fail(
            _("name {name} is not usable: use up to 40 letters, digits, '-', '_' or '.'").format(name=repr(name))
        )
    missing = [key for key in COLOURS if key not in data]
    if missing:
        raise fail(
            ngettext(
                "missing colour {missing} (a theme sets all of {colours})",
                "missing colours {missing} (a theme sets all of {colours})",
                len(missing),
            ).format(missing=", ".join(missing), colours=", ".join(COLOURS))
        )
    colours: dict[str, str] = {}
    for key in COLOURS:
        value = data[key]
        if not isinstance(value, str) or not is_colour(value):
            raise fail(
                _('{key} = {value} is not a colour: write it like "#1E90FF" or "rgb(30, 144, 255)"').format(
                    key=key, value=repr(value)
                )
            )
        colours[key] = value.strip()
    dark = data.get("dark", _is_dark(colours["background"]))
    if not isinstance(dark, bool):
        raise fail(_("dark = {value} must be true or false").format(value=repr(dark)))
    table = data.get("variables", {})
    if not isinstance(table, dict):
        raise fail(_('[variables] must be a table of colours, like pace-ahead = "#3CC8C0"'))
    variables: dict[str, str] = {}
    for key, value in table.items():
        if not _VARIABLE.fullmatch(key):
            raise fail(
                _("variable {name} is not a usable name: use lower-case letters, digits and '-'").format(name=repr(key))
            )
        if not isinstance(value, str) or not is_colour(value):
            raise fail(
                _('variables.{key} = {value} is not a colour: write it like "#3CC8C0"').format(
                    key=key, value=repr(value)
                )
            )
        variables[key] = value.strip()
    return ThemeSpec(name=name, dark=dark, colours=colours, variables=variables, source=source, path=path)


def load_theme(path: Path, *, source: ThemeSource = USER) -> ThemeSpec:
    """Read and check one theme file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ThemeError(_("{path}: not a text file (UTF-8 expected)").format(path=path)) from None
    except OSError as err:
        raise ThemeError(tomlerrors.cannot_read(path, err)) from None
    return parse_theme(text, path=path, source=source)


def shipped_dir() -> Path:
    """The shipped themes: inside the package when installed from a wheel, else ``themes/`` of the checkout."""
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "themes"  # goaltui/store/themes.py -> goaltui/themes
    return packaged if packaged.is_dir() else here.parents[3] / "themes"  # src/goaltui/store -> repo root


def user_dir() -> Path:
    """The user's own themes: ``<config dir>/themes``."""
    return locations.config_dir() / "themes"


def _theme_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []


def load_catalog(shipped: Path | None = None, user: Path | None = None) -> ThemeCatalog:
    """Every theme: the shipped ones (the default first), then the user's, which may replace a shipped one.

    A user file that cannot be used is recorded in ``problems`` (one line each) and skipped.
    """
    catalog = ThemeCatalog()
    shipped = shipped_dir() if shipped is None else shipped
    user = user_dir() if user is None else user
    specs: list[ThemeSpec] = []
    for path in _theme_files(shipped):
        try:
            specs.append(load_theme(path, source=SHIPPED))
        except ThemeError as err:  # only a damaged install gets here: the tests load every shipped theme
            catalog.problems.append(str(err))
    specs.sort(key=lambda s: (s.name != DEFAULT_THEME, s.name))
    for spec in specs:
        catalog.themes[spec.name] = spec
    seen: dict[str, Path] = {}
    for path in _theme_files(user):
        try:
            spec = load_theme(path, source=USER)
        except ThemeError as err:
            catalog.problems.append(str(err))
            continue
        if spec.name in seen:
            catalog.problems.append(
                _("{path}: name {name} is already used by {other}: rename one of them").format(
                    path=path, name=repr(spec.name), other=seen[spec.name].name
                )
            )
            continue
        seen[spec.name] = path
        catalog.themes[spec.name] = spec
    return catalog

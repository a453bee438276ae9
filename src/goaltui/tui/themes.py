"""Theme files turned into ``textual.theme.Theme`` and registered on the app.

The app offers goaltui's themes only (shipped and the user's): Textual's own
built-in themes know nothing of the pace colours, so they are unregistered.
A user theme that cannot be used is skipped and reported once, in one notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

from goaltui.store.themes import COLOURS, DEFAULT_THEME, ThemeCatalog, ThemeError, ThemeSpec, load_catalog

# goaltui's own colours; every theme may set them in its [variables] table. A theme that leaves
# one out gets it from its own colours (DERIVED); these are the last resort.
THEME_VARIABLES = {
    "pace-done": "#4EBF71",
    "pace-ahead": "#4EBF71",
    "pace-on": "#7DB7FF",
    "pace-behind": "#FFA62B",
    "pace-missed": "#E8505B",
    "gauge-line": "#FFFFFF",
    "gauge-empty": "#3A3F4B",
    "counter": "#E0E0E0",
}

# goaltui's variables, when a theme leaves one out: taken from the theme's own colours.
DERIVED = {
    "pace-done": "success",
    "pace-ahead": "success",
    "pace-on": "primary",
    "pace-behind": "warning",
    "pace-missed": "error",
    "gauge-line": "foreground",
    "gauge-empty": "panel",
    "counter": "foreground",
}


@dataclass(slots=True)
class ThemeSetup:
    """What ``install_themes`` did: the theme in use, whether it is the one asked for, and what went wrong."""

    name: str
    requested: str | None
    problems: list[str] = field(default_factory=list)

    @property
    def applied_request(self) -> bool:
        """The theme asked for (by --theme or the config) is the one in use."""
        return self.requested is not None and self.requested == self.name


def to_textual_theme(spec: ThemeSpec) -> Theme:
    """Convert a checked theme file to a Textual theme. Raises ThemeError for a colour Textual cannot parse."""
    for key, value in [*spec.colours.items(), *spec.variables.items()]:
        try:
            Color.parse(value)
        except ColorParseError:
            where = key if key in COLOURS else f"variables.{key}"
            raise ThemeError(
                f'{spec.path}: {where} = {value!r} is not a colour Textual knows: write it like "#1E90FF"'
            ) from None
    colours = spec.colours
    return Theme(
        name=spec.name,
        primary=colours["primary"],
        secondary=colours["secondary"],
        accent=colours["accent"],
        background=colours["background"],
        surface=colours["surface"],
        panel=colours["panel"],
        foreground=colours["foreground"],
        success=colours["success"],
        warning=colours["warning"],
        error=colours["error"],
        dark=spec.dark,
        variables={**{var: colours[key] for var, key in DERIVED.items()}, **spec.variables},
    )


def variable_defaults(theme: Theme, fallback: dict[str, str]) -> dict[str, str]:
    """goaltui's variables for a theme that leaves some out: its own colours, else ``fallback``."""
    values = dict(fallback)
    for var, key in DERIVED.items():
        colour = getattr(theme, key, None)
        if colour:
            values[var] = colour
    return values


def install_themes(app: App[Any], requested: str | None, catalog: ThemeCatalog | None = None) -> ThemeSetup:
    """Register goaltui's themes on ``app`` and switch to ``requested`` (else the default).

    Call from the app's ``__init__``, before the first frame. Never raises for a bad user file.
    """
    catalog = load_catalog() if catalog is None else catalog
    problems = list(catalog.problems)
    registered: list[str] = []
    for spec in catalog.themes.values():
        try:
            theme = to_textual_theme(spec)
        except ThemeError as err:
            problems.append(str(err))
            continue
        app.register_theme(theme)
        registered.append(theme.name)
    if requested and requested not in registered:
        problems.append(f"there is no usable theme named {requested!r}")
    if not registered:  # only a damaged install: keep Textual's own themes so the app still starts
        return ThemeSetup(app.theme, requested, problems)
    name = requested if requested in registered else (DEFAULT_THEME if DEFAULT_THEME in registered else registered[0])
    app.theme = name
    for builtin in [n for n in app.available_themes if n not in registered]:
        app.unregister_theme(builtin)
    return ThemeSetup(name, requested, problems)


def problems_notice(setup: ThemeSetup) -> str:
    """The one notice for every theme that could not be used, ending with the theme in use."""
    return "\n".join([*setup.problems, f"Using {setup.name}."])


def remember_theme(name: str) -> None:
    """Save ``name`` as the chosen theme in config.toml, unless it is already saved there."""
    from goaltui.store.config import load_config, updating

    if load_config().theme == name:
        return
    with updating() as config:
        config.theme = name

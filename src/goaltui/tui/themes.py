"""Theme files turned into ``textual.theme.Theme`` and registered on the app.

The app offers goaltui's themes only (shipped and the user's): Textual's own
built-in themes know nothing of the pace colours, so they are unregistered.
A user theme that cannot be used is skipped and reported once, in one notice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import field
from typing import Any

from rich.text import Text
from textual.app import App
from textual.color import Color, ColorParseError
from textual.content import Content
from textual.theme import Theme

from goaltui.lang import _
from goaltui.model.record import record
from goaltui.store.themes import COLOURS, DEFAULT_THEME, ThemeCatalog, ThemeError, ThemeSpec, load_catalog

# goaltui's own colours, each a theme variable (`$pace-ahead` in CSS and in Content styles). A theme may set
# any of them in its [variables] table; one that leaves a variable out gets it from its own colours: the
# colour named here, at this strength over the theme's background. The hex value is the last resort.
VARIABLES: dict[str, tuple[str, float, str]] = {
    "pace-done": ("success", 1.0, "#4EBF71"),
    "pace-ahead": ("success", 1.0, "#4EBF71"),
    "pace-on": ("primary", 1.0, "#7DB7FF"),
    "pace-behind": ("warning", 1.0, "#FFA62B"),
    "pace-missed": ("error", 1.0, "#E8505B"),
    "gauge-line": ("foreground", 1.0, "#FFFFFF"),
    "gauge-empty": ("panel", 1.0, "#3A3F4B"),
    "counter": ("foreground", 1.0, "#E0E0E0"),
    # SMART levels (goals screen, goal form)
    "smart-ok": ("success", 1.0, "#4EBF71"),
    "smart-warn": ("warning", 1.0, "#FFA62B"),
    "smart-fail": ("error", 1.0, "#E8505B"),
    # the history heatmap: a day with nothing, then four steps up to the year's best day
    "heat-0": ("panel", 1.0, "#3A3F4B"),
    "heat-1": ("success", 0.35, "#2B5A3A"),
    "heat-2": ("success", 0.6, "#3A8A55"),
    "heat-3": ("success", 0.8, "#45A865"),
    "heat-4": ("success", 1.0, "#4EBF71"),
    # a bar in a sparkline for a window whose target was reached
    "spark-hit": ("success", 1.0, "#4EBF71"),
    # the road chart (goals screen): progress, the line, the stretch's, the projection, today's mark
    "road-progress": ("primary", 1.0, "#7DB7FF"),
    "road-line": ("foreground", 0.7, "#B0B0B0"),
    "road-stretch": ("secondary", 1.0, "#C792EA"),
    "road-projection": ("accent", 1.0, "#FFC857"),
    "road-today": ("warning", 0.8, "#CC8522"),
}

# A state in words, and the variable its colour comes from.
PACE_COLOUR = {
    "done": "$pace-done",
    "ahead": "$pace-ahead",
    "on pace": "$pace-on",
    "behind": "$pace-behind",
    "missed": "$pace-missed",
}
LEVEL_COLOUR = {"ok": "$smart-ok", "warn": "$smart-warn", "fail": "bold $smart-fail"}
HEAT_COLOUR = ("$heat-0", "$heat-1", "$heat-2", "$heat-3", "bold $heat-4")


_VARIABLE = re.compile(r"\$([a-z0-9-]+)")


def rich_text(content: Content, variables: Mapping[str, str]) -> Text:
    """``content`` as Rich Text, for widgets that take no Content (Tree labels, DataTable cells).

    Rich cannot look up `$pace-done`: each variable is replaced by its colour in
    ``variables`` (the app's ``theme_variables``), so redraw on a theme change.
    """
    text = Text(content.plain)
    for span in content.spans:
        style = _VARIABLE.sub(lambda m: variables.get(m.group(1), "default"), str(span.style))
        text.stylize(style, span.start, span.end)
    return text


def derived(colours: dict[str, str]) -> dict[str, str]:
    """goaltui's variables made from a theme's own colours (``primary``, ``success``, ``background``, ...)."""
    values = {}
    background = Color.parse(colours.get("background") or "#000000")
    for var, (source, strength, fallback) in VARIABLES.items():
        colour = colours.get(source)
        if not colour:
            values[var] = fallback
        elif strength >= 1:
            values[var] = colour
        else:
            values[var] = background.blend(Color.parse(colour), strength).hex
    return values


@record(frozen=False)
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
                _('{path}: {key} = {value} is not a colour Textual knows: write it like "#1E90FF"').format(
                    path=spec.path, key=where, value=repr(value)
                )
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
        variables={**derived(colours), **spec.variables},
    )


def variable_defaults(theme: Theme) -> dict[str, str]:
    """goaltui's variables for a theme that leaves some out (one not made from a theme file)."""
    colours = {key: value for key in VARIABLE_SOURCES if isinstance(value := getattr(theme, key, None), str)}
    return derived(colours)


VARIABLE_SOURCES = {"background", *(source for source, _alpha, _fallback in VARIABLES.values())}


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
        problems.append(_("there is no usable theme named {name}").format(name=repr(requested)))
    if not registered:  # only a damaged install: keep Textual's own themes so the app still starts
        return ThemeSetup(app.theme, requested, problems)
    name = requested if requested in registered else (DEFAULT_THEME if DEFAULT_THEME in registered else registered[0])
    app.theme = name
    for builtin in [n for n in app.available_themes if n not in registered]:
        app.unregister_theme(builtin)
    return ThemeSetup(name, requested, problems)


def problems_notice(setup: ThemeSetup) -> str:
    """The one notice for every theme that could not be used, ending with the theme in use."""
    return "\n".join([*setup.problems, _("Using {theme}.").format(theme=setup.name)])


def remember_theme(name: str) -> None:
    """Save ``name`` as the chosen theme in config.toml, unless it is already saved there."""
    from goaltui.store.config import load_config, updating

    if load_config().theme == name:
        return
    with updating() as config:
        config.theme = name

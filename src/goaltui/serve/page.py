"""The page `goaltui serve` sends a browser: goaltui's own template, its own font, the theme's colours.

textual-serve's page asks another host for its font and has no viewport tag, so a
phone lays it out 980 pixels wide. goaltui's template (``templates/app_index.html``)
keeps textual-serve's scripts and styles (its own ``static`` folder) and adds what a
phone needs; goaltui's own files (the font and its licence) are served from
``static`` here. The page loads nothing from any other host.
"""

from __future__ import annotations

import re
from pathlib import Path

import textual_serve

from goaltui.model.record import record

TEMPLATES = Path(__file__).parent / "templates"
OWN_STATIC = Path(__file__).parent / "static"  # goaltui's files: the font and its licence
TEXTUAL_STATIC = Path(textual_serve.__file__).parent / "static"  # textual-serve's scripts and styles
# What a theme colour may be to go into the page as it is: hex, or rgb()/hsl() of plain numbers.
_NUMBER = r"\s*[0-9]+(?:\.[0-9]+)?%?\s*"
CSS_COLOUR = re.compile(
    r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})"
    rf"|(?:rgb|hsl)a?\({_NUMBER},{_NUMBER},{_NUMBER}(?:,{_NUMBER})?\)"
)


@record
class PageColours:
    """The colours of the page around the terminal: those of the theme the app is drawn in."""

    background: str = "#15181E"
    foreground: str = "#DDE3EC"
    accent: str = "#5B9BFF"


def page_colours(theme: str | None) -> PageColours:
    """The colours of ``theme``, else of the config's theme, else of the default one; a colour CSS cannot take as
    it is written (a name Textual knows, say) is the default's."""
    from goaltui.store.config import load_config
    from goaltui.store.themes import DEFAULT_THEME, load_catalog

    catalog = load_catalog()
    spec = catalog.themes.get(theme or load_config().theme or DEFAULT_THEME) or catalog.themes.get(DEFAULT_THEME)
    if spec is None:
        return PageColours()
    fallback = PageColours()
    chosen = {}
    for field, source in (("background", "background"), ("foreground", "foreground"), ("accent", "primary")):
        value = spec.colours.get(source, "")
        chosen[field] = value if CSS_COLOUR.fullmatch(value) else getattr(fallback, field)
    return PageColours(**chosen)

"""`goaltui themes`: the colour themes there are, and which one is used."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from goaltui.cli.common import Clock, UsageError, say, warning
from goaltui.lang import _, pgettext
from goaltui.store.config import Config, load_config
from goaltui.store.themes import DEFAULT_THEME, load_catalog, user_dir


def check_theme_name(name: str) -> None:
    """--theme NAME must name a usable theme: checked before Textual is imported."""
    catalog = load_catalog()
    if name not in catalog.themes:
        names = ", ".join(catalog.names)
        if catalog.problems:
            words = _(
                "unknown theme {name!r}: choose one of {names} "
                "({n} theme file(s) could not be used: see 'goaltui themes')"
            )
        else:
            words = _("unknown theme {name!r}: choose one of {names}")
        raise UsageError(words.format(name=name, names=names, n=len(catalog.problems)))


def read_config() -> Config:
    """config.toml; what in it cannot be used is a warning on stderr, and the defaults stand in."""
    config = load_config()
    if config.problem:
        say(warning(config.problem), file=sys.stderr)
    return config


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    catalog = load_catalog()
    saved = args.theme or read_config().theme
    current = saved if saved in catalog.themes else DEFAULT_THEME
    width = max((len(name) for name in catalog.themes), default=0)
    sources = {"shipped": pgettext("theme", "shipped"), "user": pgettext("theme", "user")}
    source_width = max(len(word) for word in sources.values())
    for name, spec in catalog.themes.items():
        mark = "*" if name == current else " "
        say(f"{mark} {name:<{width}}  {sources[spec.source]:<{source_width}}  {spec.path}")
    say("\n" + _("* in use: switch with 'goaltui --theme NAME' or ctrl+p in the app"))
    say(_("your own themes go in {folder}/*.toml").format(folder=user_dir()))
    for problem in catalog.problems:
        say("goaltui: " + _("{problem} (skipped)").format(problem=problem), file=sys.stderr)
    return 1 if catalog.problems else 0

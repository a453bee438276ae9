"""`goaltui themes`: the colour themes there are, and which one is used."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from goaltui.cli.common import Clock, UsageError, say
from goaltui.store.config import Config, load_config
from goaltui.store.themes import DEFAULT_THEME, load_catalog, user_dir


def check_theme_name(name: str) -> None:
    """--theme NAME must name a usable theme: checked before Textual is imported."""
    catalog = load_catalog()
    if name not in catalog.themes:
        broken = (
            f" ({len(catalog.problems)} theme file(s) could not be used: see 'goaltui themes')"
            if catalog.problems
            else ""
        )
        raise UsageError(f"unknown theme {name!r}: choose one of {', '.join(catalog.names)}{broken}")


def read_config() -> Config:
    """config.toml; what in it cannot be used is a warning on stderr, and the defaults stand in."""
    config = load_config()
    if config.problem:
        say(f"goaltui: warning: {config.problem}", file=sys.stderr)
    return config


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    catalog = load_catalog()
    saved = args.theme or read_config().theme
    current = saved if saved in catalog.themes else DEFAULT_THEME
    width = max((len(name) for name in catalog.themes), default=0)
    for name, spec in catalog.themes.items():
        mark = "*" if name == current else " "
        say(f"{mark} {name:<{width}}  {spec.source:<7}  {spec.path}")
    say("\n* in use: switch with 'goaltui --theme NAME' or ctrl+p in the app")
    say(f"your own themes go in {user_dir()}/*.toml")
    for problem in catalog.problems:
        say(f"goaltui: {problem} (skipped)", file=sys.stderr)
    return 1 if catalog.problems else 0

"""`goaltui init`: the starter goals.toml, and where the files are."""

from __future__ import annotations

import argparse
from pathlib import Path

from goaltui.cli.common import Clock, say
from goaltui.store.goalsfile import goals_path, starter_text, write_new


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    path = goals_path(data)
    if path.exists() or path.is_symlink():
        say(f"goaltui: {path} already exists; left it as it is")
        return 0
    write_new(path, starter_text(clock().date()))
    say(f"wrote starter goals to {path}")
    return 0

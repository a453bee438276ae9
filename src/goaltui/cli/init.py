"""`goaltui init`: the starter goals.toml, and where the files are."""

from __future__ import annotations

import argparse
from pathlib import Path

from goaltui.cli.common import Clock, say
from goaltui.lang import _
from goaltui.store.goalsfile import goals_path, starter_text, write_new


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    path = goals_path(data)
    if path.exists() or path.is_symlink():
        say("goaltui: " + _("{path} already exists; left it as it is").format(path=path))
        return 0
    write_new(path, starter_text(clock().date()))
    say(_("wrote starter goals to {path}").format(path=path))
    return 0

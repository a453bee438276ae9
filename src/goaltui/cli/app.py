"""`goaltui` with no command: the app."""

from __future__ import annotations

import argparse
from pathlib import Path

from goaltui.cli.common import Clock, load_goals
from goaltui.tui import app


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    today = clock().date()
    load_goals(data, today, kept=True)

    return app.run(data_dir=data, theme=args.theme, clock=clock)

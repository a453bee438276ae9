"""`goaltui` with no command: the app."""

from __future__ import annotations

import argparse
from pathlib import Path

from goaltui.cli.common import Clock, load_goals
from goaltui.tui.app import run as run_app


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    today = clock().date()
    load_goals(data, today, kept=True)

    return run_app(data_dir=data, theme=args.theme, clock=clock)

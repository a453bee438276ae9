"""`goaltui review [--week W]`: the app, opened on the weekly review."""

from __future__ import annotations

import argparse
from pathlib import Path

from goaltui.cli.common import Clock, UsageError, load_goals
from goaltui.cli.weeks import asked_week
from goaltui.lang import _
from goaltui.model.weeks import review_week, reviewable, week_label
from goaltui.tui import app


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    today = clock().date()
    file = load_goals(data, today, kept=True)
    week = review_week(today, file.plan.settings)
    asked = asked_week(args.week, file.plan.settings)
    if asked is not None:
        if not reviewable(asked, today, file.plan.settings):
            raise UsageError(
                _("--week {week} has not reached its last working day yet: review one that has, like {example}").format(
                    week=args.week, example=week_label(week)
                )
            )
        week = asked

    return app.run(data_dir=data, theme=args.theme, clock=clock, review_week=week)

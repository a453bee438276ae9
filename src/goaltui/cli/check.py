"""`goaltui check`: is goals.toml SMART, and do its goals add up (the ladder)?"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from goaltui.cli.common import Clock, load_goals, read_counts, say, say_unknown_keys
from goaltui.lang import _, ngettext, pgettext
from goaltui.model.numbers import count
from goaltui.model.smart import check_plan


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    today = clock().date()
    file = load_goals(data, today)
    say_unknown_keys(file)
    counts = read_counts(data).counts
    results = check_plan(file.plan, counts, today)
    failed = 0
    levels = {
        "ok": pgettext("smart check", "ok"),
        "warn": pgettext("smart check", "warn"),
        "fail": pgettext("smart check", "fail"),
    }
    for goal_id, findings in results.items():
        for f in findings:
            fix = " " + _("Fix: {fix}").format(fix=f.fix) if f.fix and f.level != "ok" else ""
            say(f"{goal_id}: {f.letter} {levels[f.level]}: {f.message}{fix}")
        failed += any(f.level == "fail" for f in findings)
    if not results:
        say(_("no active goals: add one to goals.toml or press g in the app"))
    if failed:
        say(
            ngettext("{n} goal failed the check", "{n} goals failed the check", failed).format(n=count(failed)),
            file=sys.stderr,
        )
        return 1
    return 0

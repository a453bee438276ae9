"""`goaltui remind`: one desktop notification when a goal is behind, a review is due, or follow-ups are due today."""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
from datetime import date
from pathlib import Path

from goaltui.cli.common import Clock, load_goals, read_counts, say
from goaltui.cli.followups import due_today
from goaltui.lang import _
from goaltui.model.format import more_today
from goaltui.model.goals import Plan
from goaltui.model.pace import plan_paces
from goaltui.model.shown import shown
from goaltui.store.statusline import remember_reminded, reminded


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    now = clock()
    today = now.date()
    plan = load_goals(data, today, kept=True).plan
    settings = plan.settings
    if now.time() < settings.remind_after:
        return _quiet(
            args, _("nothing before {time} (settings.remind_after)").format(time=f"{settings.remind_after:%H:%M}")
        )
    if not settings.is_workday(today):
        return _quiet(args, _("a day off or a break: no reminders"))
    counts = read_counts(data).counts
    done = reminded(data, today)
    due = [
        (pace.goal_id, f"{plan.goals[pace.goal_id].title or pace.goal_id}: {more_today(pace)}")
        for pace in plan_paces(plan, counts, today)
        if pace.quota_today > 1e-9 and pace.status != "missed" and pace.goal_id not in done
    ]
    due += _follow_ups_due(data, plan, today, done)
    if not due:
        return _quiet(args, _("every goal has what today asks of it") if not done else _("already reminded today"))
    for _goal_id, text in due:
        if args.dry_run:
            say(_("would send: {text}").format(text=text))
        else:
            notify(text)
    if not args.dry_run:
        remember_reminded(data, today, done | {goal_id for goal_id, _text in due})
    return 0


FOLLOW_UPS = "@follow-ups"  # in the reminded record beside goal ids, which never start with @


def _follow_ups_due(data: Path, plan: Plan, today: date, done: set[str]) -> list[tuple[str, str]]:
    """``remind``: the follow-ups due today, once a day, as one more notification."""

    text = "" if FOLLOW_UPS in done else due_today(data, plan, today)
    return [(FOLLOW_UPS, text)] if text else []


def _quiet(args: argparse.Namespace, why: str) -> int:
    """Nothing to send: said only on a dry run (cron mails whatever a job prints)."""
    if args.dry_run:
        say(_("nothing to send: {why}").format(why=why))
    return 0


def notify(text: str) -> None:
    """A desktop notification through notify-send; printed instead where there is none (cron mails it).

    The body is escaped (model/shown.py), and its <, > and & too: a notification server may read it as markup.
    """

    sender = shutil.which("notify-send")
    if sender is not None:
        body = html.escape(shown(text), quote=False)
        try:
            if subprocess.run([sender, "--app-name=goaltui", "goaltui", body], timeout=10).returncode == 0:
                return
        except (OSError, subprocess.TimeoutExpired):
            pass
    say(text)

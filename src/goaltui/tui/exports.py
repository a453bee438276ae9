"""Exports from the app: the daily counts (CSV), last week's and this month's report (Markdown), as files.

Textual's ``deliver_text`` saves them to the downloads folder in a terminal, and
downloads them in a browser (`goaltui serve`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Literal

from platformdirs import user_downloads_path
from textual.app import SystemCommand
from textual.events import DeliveryComplete, DeliveryFailed

from goaltui.lang import _
from goaltui.model.calendar import Window
from goaltui.model.record import record

if TYPE_CHECKING:
    from goaltui.model.month_report import TapNote
    from goaltui.model.report import ReviewNotes
    from goaltui.tui.app import GoalApp

Format = Literal["csv", "md", "month"]
DELIVERY = "export"  # the delivery's name, telling exports from Textual's screenshots


@record(slots=False)
class Notes:
    """What a report reads from files besides the counts: the saved reviews' notes, and notes on taps."""

    saved: dict[str, ReviewNotes] = field(default_factory=dict)
    taps: list[TapNote] = field(default_factory=list)


def export_text(app: GoalApp, what: Format, notes: Notes) -> tuple[str, str]:
    """(file name, text) of an export, from the goals and counts the app holds and the ``notes`` read for it."""
    # Loaded when asked for, like the review code: not at every start of the app.
    from goaltui.model.month_report import month_report
    from goaltui.model.report import csv_text, markdown_report

    plan, counts, today = app.tracker.plan, app.tracker.counts, app.today
    if what == "csv":
        start = counts.first_day() or today
        return f"goaltui-counts-{start}-to-{today}.csv", csv_text(plan, counts, start, today)
    start, end = span(app, what)
    if what == "month":
        text = month_report(plan, counts, Window(start, end), today, notes.saved, notes.taps)
        return f"goaltui-report-{start:%Y-%m}.md", text
    return f"goaltui-report-{start}-to-{end}.md", markdown_report(plan, counts, start, end, today, notes.saved)


def span(app: GoalApp, what: Format) -> tuple[date, date]:
    """The days a report covers: this month, or the last completed week."""
    from goaltui.model.calendar import period_window
    from goaltui.model.report import default_span

    plan, today = app.tracker.plan, app.today
    if what == "month":
        month = period_window("month", today, plan.settings.week_starts)
        return month.start, month.end
    return default_span(today, plan)


def deliver(app: GoalApp, what: Format) -> None:
    """Hand an export to the user: a download in a browser, a file in the downloads folder in a terminal.

    The review files and tap notes a report needs are read in a worker, never on the app's thread; the text is
    then made on the app's thread from the counts it holds, and delivered.
    """
    if what == "csv":
        _deliver(app, what, Notes())
        return
    start, end = span(app, what)
    data, plan = app.tracker.data_dir, app.tracker.plan

    def read() -> None:
        from goaltui.store.reports import saved_notes, tap_notes
        from goaltui.store.reviews import ReviewFileError

        try:
            notes = Notes(
                saved_notes(data, plan, start, end), tap_notes(data, Window(start, end)) if what == "month" else []
            )
        except ReviewFileError as err:
            app.call_from_thread(app.notify, str(err), title=_("Report not exported"), severity="error", timeout=10)
            return
        app.call_from_thread(_deliver, app, what, notes)

    app.run_worker(read, thread=True, group="export", exit_on_error=False)


def _deliver(app: GoalApp, what: Format, notes: Notes) -> None:
    name, text = export_text(app, what, notes)
    folder = None
    if not app.is_web:
        folder = user_downloads_path()
        folder.mkdir(parents=True, exist_ok=True)  # a new account may have no Downloads folder yet
    app.deliver_text(io.StringIO(text), save_directory=folder, save_filename=name, encoding="utf-8", name=DELIVERY)


def export_commands(app: GoalApp) -> Iterator[SystemCommand]:
    """The palette's export entries."""
    yield SystemCommand(
        _("Export counts (CSV)"),
        _("Every day's counts per metric, as a file to download"),
        partial(deliver, app, "csv"),
    )
    yield SystemCommand(
        _("Export last week's report (Markdown)"),
        _("Results, funnel, notes and decisions of the last completed week, as a file to download"),
        partial(deliver, app, "md"),
    )
    yield SystemCommand(
        _("Export this month's report (Markdown)"),
        _("Totals, each goal's result, the best and worst week and the notes of this month, as a file to download"),
        partial(deliver, app, "month"),
    )


def delivered(app: GoalApp, event: DeliveryComplete | DeliveryFailed) -> None:
    """Say where an export went, or that it failed."""
    if event.name != DELIVERY:
        return
    if isinstance(event, DeliveryFailed):
        words = _("Could not save the export: {error}").format(error=event.exception)
        app.notify(words, title=_("Export"), severity="error", timeout=10)
    elif event.path is None:
        app.notify(_("Sent to your browser's downloads"), title=_("Export"))
    else:
        app.notify(_("Saved to {path}").format(path=event.path), title=_("Export"), timeout=8)

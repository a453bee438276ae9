"""Exports from the palette: the same files as `goaltui export`, delivered as Textual delivers files."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette

from goaltui.command import run as main
from tests.factories import START, Told, wait_until
from tests.tui.test_daily import WITH_REVENUE

MONTH = "goaltui-report-2026-11"


def command(app, title: str) -> SystemCommand:
    (found,) = [c for c in app.get_system_commands(app.screen) if c.title == title]
    return found


def exported(data_dir: Path, *args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--data-dir", str(data_dir), "export", *args], clock=lambda: START) == 0
    return out.getvalue()


@pytest.mark.parametrize(
    ("title", "args", "name"),
    [
        ("Export counts (CSV)", ("--format", "csv"), "goaltui-counts-2026-11-25-to-2026-11-25.csv"),
        ("Export last week's report (Markdown)", ("--format", "md"), "goaltui-report-2026-11-16-to-2026-11-22.md"),
        ("Export this month's report (Markdown)", ("--format", "md", "--month", "2026-11"), f"{MONTH}.md"),
    ],
)
async def test_an_export_from_the_palette_is_saved_to_the_downloads_folder(
    new_app,
    data_dir: Path,
    tmp_path: Path,
    title: str,
    args: tuple[str, ...],
    name: str,
) -> None:
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("p", "p")
        assert await wait_until(pilot, lambda: app.disk.idle)
        command(app, title).callback()
        saved = tmp_path / "home" / "Downloads" / name
        assert await wait_until(pilot, lambda: told.notes), "no notice of the export"  # the file is written in a thread
        assert [note.message for note in told.notes] == [f"Saved to {saved}"]
    assert saved.read_text(encoding="utf-8") == exported(data_dir, *args)


def month_first(app) -> bool:
    """The command palette is open and its first hit is this month's report."""
    if not isinstance(app.screen, CommandPalette):
        return False
    hits = app.screen.query_one(CommandList)
    return hits.option_count > 0 and "month's report" in str(hits.get_option_at_index(0).prompt)


async def test_this_months_report_is_typed_for_in_the_palette(new_app, data_dir: Path, tmp_path: Path) -> None:
    (data_dir / "goals.toml").write_text(WITH_REVENUE)
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("v", *"249.9", "enter", "enter")  # an amount: the month's report says it as money
        assert await wait_until(pilot, lambda: app.disk.idle)
        await pilot.press("ctrl+p", *"month's report")
        assert await wait_until(pilot, lambda: month_first(app))  # the palette has found it
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: bool(told.notes))
    saved = tmp_path / "home" / "Downloads" / "goaltui-report-2026-11.md"
    assert [note.message for note in told.notes] == [f"Saved to {saved}"]
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# Monthly report: November 2026") and "| Revenue | 249.90 EUR |" in text

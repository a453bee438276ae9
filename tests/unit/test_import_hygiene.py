"""model/ and store/ never load Textual; neither does `goaltui log`; the road chart loads only when shown."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
{imports}
loaded = sorted(m for m in sys.modules if {wanted})
print(",".join(loaded))
"""
TEXTUAL_OR_TOMLKIT = 'm == "textual" or m.startswith("textual.") or m == "tomlkit"'


def loaded_after(imports: str, wanted: str = TEXTUAL_OR_TOMLKIT) -> list[str]:
    """The modules (``wanted``: a test of the name ``m``) loaded once ``imports`` have run."""
    out = subprocess.run(
        [sys.executable, "-c", CHECK.format(imports=imports, wanted=wanted)], capture_output=True, text=True, check=True
    ).stdout.strip()
    return [m for m in out.split(",") if m]


def test_model_and_store_load_no_textual() -> None:
    modules = (
        "import goaltui.model.goals, goaltui.model.counts, goaltui.model.calendar, goaltui.model.pace, "
        "goaltui.model.funnel, goaltui.model.smart, goaltui.store.locations, goaltui.store.durable, "
        "goaltui.store.goalsfile, goaltui.store.taplog"
    )
    assert [m for m in loaded_after(modules) if m.startswith("textual")] == []


def test_log_command_loads_neither_textual_nor_tomlkit(tmp_path) -> None:
    run = (
        "import contextlib, io\n"
        "from goaltui.command import run as main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--data-dir', {str(tmp_path / 'd')!r}, 'log', 'p']) == 0\n"
    )
    assert loaded_after(run) == []


def test_the_road_chart_loads_only_when_shown() -> None:
    """The app, the daily screen and the goals screen start without the chart's modules."""
    screens = "import goaltui.tui.app, goaltui.tui.screens.daily, goaltui.tui.screens.goals"
    assert loaded_after(screens, wanted="m.endswith('.road')") == []


def test_the_app_starts_without_the_people_model_or_the_exports() -> None:
    """The people are read after the first frame and the exports open from the palette: neither loads to start."""
    start = "import goaltui.cli.parser, goaltui.cli.app, goaltui.tui.app, goaltui.tui.screens.daily"
    wanted = "m in ('goaltui.model.people', 'goaltui.tui.exports')"
    assert loaded_after(start, wanted=wanted) == []
    assert loaded_after(start + "\nimport goaltui.tui.folder, goaltui.model.people", wanted=wanted) == [
        "goaltui.model.people"
    ]


def test_status_and_remind_load_neither_the_check_nor_the_people_commands() -> None:
    """`goaltui status` (and the status line a tap's child rewrites) and `remind` read who is due, no more."""
    commands = "import goaltui.cli.status, goaltui.cli.remind"
    wanted = (
        "m in ('goaltui.cli.check', 'goaltui.cli.people', 'goaltui.model.smart', 'goaltui.model.cohort', 'traceback')"
    )
    assert loaded_after(commands, wanted=wanted) == []
    assert loaded_after(commands + "\nimport goaltui.cli.check", wanted=wanted) == [
        "goaltui.cli.check",
        "goaltui.model.smart",
    ]

"""The week a command is asked about: `--week YYYY-Www` for review, export and the team's report."""

from __future__ import annotations

from goaltui.cli.common import UsageError
from goaltui.model.calendar import Window
from goaltui.model.goals import Settings
from goaltui.model.review import ReviewError, parse_week


def asked_week(text: str | None, settings: Settings) -> Window | None:
    """The week ``--week`` names (a review Window), None when not given; a usage error when it is no week."""
    if not text:
        return None
    try:
        return parse_week(text, settings)
    except ReviewError as err:
        raise UsageError(f"--week: {err}") from None

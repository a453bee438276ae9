"""Which weeks have a saved review: the names in reviews/, found without reading any review.

Kept apart from store/reviews.py, which needs the whole review model: the
daily screen asks this as it opens, to remind of a week not reviewed yet.
"""

from __future__ import annotations

import re
from pathlib import Path

FOLDER = "reviews"
_NAME = re.compile(r"^\d{4}-W\d{2}\.toml$")


def review_path(data_dir: Path, label: str) -> Path:
    return data_dir / FOLDER / f"{label}.toml"


def reviewed_weeks(data_dir: Path) -> set[str]:
    """Labels of the weeks that have a saved review."""
    try:
        return {p.stem for p in (data_dir / FOLDER).iterdir() if _NAME.match(p.name)}
    except OSError:
        return set()

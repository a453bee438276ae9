"""Sync-conflict copies: how they are named, and finding those of goals.toml and the reviews.

A sync tool that finds a file changed on two devices keeps one version in
place and the other beside it: Syncthing names it ``*.sync-conflict-*``,
Dropbox ``* (conflicted copy ...)``, and ``goaltui sync`` follows Syncthing:
``goals.sync-conflict-2026-12-01-desk-1a2b3c.toml``. They are reported, never
read as goals or counted, and never deleted: the user compares and decides.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

MARK = ".sync-conflict-"


def is_conflict(name: str) -> bool:
    """A copy made by a sync tool when two versions clashed (Syncthing, Dropbox, goaltui sync)."""
    return MARK in name or "conflicted copy" in name.lower()


def copy_path(path: Path, day: date, device: str) -> Path:
    """A free name beside ``path`` for ``device``'s clashing version: ``goals.sync-conflict-DATE-DEVICE.toml``."""
    base = f"{path.stem}{MARK}{day.isoformat()}-{device}"
    candidate = path.with_name(f"{base}{path.suffix}")
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{base}-{n}{path.suffix}")
        n += 1
    return candidate


def goal_and_review_copies(data_dir: Path) -> list[Path]:
    """Conflict copies of goals.toml and of the reviews (the tap log finds its own), sorted."""
    found: list[Path] = []
    for folder in (data_dir, data_dir / "reviews"):
        try:
            with os.scandir(folder) as it:
                names = [e.name for e in it if e.name.endswith(".toml") and is_conflict(e.name)]
        except OSError:
            continue
        if folder == data_dir:
            names = [n for n in names if n.startswith("goals")]
        found.extend(folder / n for n in sorted(names))
    return found

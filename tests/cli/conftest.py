"""Fixtures of the command line's tests: a stand-in notify-send."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NOTIFY = '#!/bin/sh\nprintf "%s\\n" "$*" >> "$(dirname "$0")/sent"\n'


@pytest.fixture
def notify_send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in notify-send on PATH that records what it was asked to show."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "notify-send").write_text(NOTIFY)
    (bin_dir / "notify-send").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return bin_dir / "sent"

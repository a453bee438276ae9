"""Git for the sync tests: bare repositories on local disk, a test identity, and a look inside a working copy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Person",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test Person",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def set_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)


def git(folder: Path, *args: str, check: bool = True) -> str:
    """Run git in ``folder`` as a user would; its output."""
    done = subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, timeout=60, env=_env(), check=False
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


def bare_remote(tmp_path: Path, name: str = "remote.git") -> Path:
    """An empty bare repository: the stick or the server."""
    path = tmp_path / name
    path.mkdir()
    git(path, "init", "-q", "--bare")
    return path


def mid_merge(folder: Path) -> bool:
    """True when the working copy is in the middle of a merge or a rebase."""
    git_dir = Path(git(folder, "rev-parse", "--absolute-git-dir").strip())
    return any((git_dir / name).exists() for name in ("MERGE_HEAD", "rebase-merge", "rebase-apply"))


def is_clean(folder: Path) -> bool:
    """Nothing changed and not committed (untracked files aside)."""
    return git(folder, "status", "--porcelain", "--untracked-files=no") == ""

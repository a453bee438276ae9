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


def push_another_project(tmp_path: Path, remote: Path) -> None:
    """Another project's history (one C file) pushed over ``remote``'s main: the wrong remote, or one reused."""
    other = tmp_path / "project"
    other.mkdir()
    git(other, "init", "-q", "-b", "main")
    (other / "main.c").write_text("int main;\n")
    git(other, "add", "main.c")
    git(other, "commit", "-qm", "code")
    git(other, "push", "-q", "--force", str(remote), "main")


class Pusher:
    """Someone else with push access to the remote, writing into it with plain git: a careless device or an attacker.

    Changes are staged with ``git update-index`` (any mode: a symbolic link, a
    submodule) and, for names git would refuse to stage (``..``, bytes that are
    not UTF-8), put into the top tree with ``git mktree``.
    """

    def __init__(self, tmp_path: Path, remote: Path) -> None:
        self.folder = tmp_path / "pusher"
        git(tmp_path, "clone", "-q", "-b", "main", str(remote), str(self.folder))
        self._top: list[bytes] = []

    def pull(self) -> None:
        git(self.folder, "pull", "-q", "--ff-only")

    def blob(self, content: bytes) -> str:
        return _git_bytes(self.folder, "hash-object", "-w", "--stdin", data=content).decode().strip()

    def put(self, rel: str, content: bytes, mode: str = "100644") -> None:
        git(self.folder, "update-index", "--add", "--cacheinfo", f"{mode},{self.blob(content)},{rel}")

    def link(self, rel: str, target: Path | str) -> None:
        self.put(rel, str(target).encode(), mode="120000")

    def submodule(self, rel: str) -> None:
        commit = git(self.folder, "rev-parse", "HEAD").strip()
        git(self.folder, "update-index", "--add", "--cacheinfo", f"160000,{commit},{rel}")

    def remove(self, rel: str) -> None:
        git(self.folder, "update-index", "--force-remove", rel)

    def put_on_top(self, name: bytes, content: bytes, *, inside: bytes | None = None) -> None:
        """A top-level entry ``name`` git would refuse to stage: a file, or a folder holding the file ``inside``."""
        blob = self.blob(content)
        if inside is None:
            self._top.append(b"100644 blob " + blob.encode() + b"\t" + name)
        else:
            entry = b"100644 blob " + blob.encode() + b"\t" + inside + b"\0"
            tree = _git_bytes(self.folder, "mktree", "-z", data=entry).decode().strip()
            self._top.append(b"040000 tree " + tree.encode() + b"\t" + name)

    def push(self, message: str = "a change") -> None:
        tree = git(self.folder, "write-tree").strip()
        if self._top:
            listing = _git_bytes(self.folder, "ls-tree", "-z", tree).split(b"\0")
            entries = [e for e in listing if e] + self._top
            tree = _git_bytes(self.folder, "mktree", "-z", data=b"\0".join(entries) + b"\0").decode().strip()
            self._top = []
        commit = git(self.folder, "commit-tree", tree, "-p", "HEAD", "-m", message).strip()
        git(self.folder, "reset", "-q", "--soft", commit)
        git(self.folder, "push", "-q", "origin", "HEAD:main")


def _git_bytes(folder: Path, *args: str, data: bytes | None = None) -> bytes:
    done = subprocess.run(
        ["git", *args], cwd=folder, input=data, capture_output=True, timeout=60, env=_env(), check=False
    )
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
    return done.stdout


def tree_of(remote: Path, ref: str = "main") -> dict[bytes, str]:
    """Every path in ``ref`` of the remote, with its mode."""
    found = {}
    for record in _git_bytes(remote, "ls-tree", "-r", "-z", ref).split(b"\0"):
        if record:
            meta, _, path = record.partition(b"\t")
            found[path] = meta.split()[0].decode()
    return found

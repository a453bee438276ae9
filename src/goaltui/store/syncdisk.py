"""The data folder as git's working copy, for a sync: its state, its files, and what of it may be sent.

What git says has changed here (``status``), the blobs of a commit, and the
files themselves, read and written without following a link: a step of a
path that is a link or a file stops the sync, a link where a file goes is
replaced, never written through. Before a sync goes on, ``check_ready``
refuses in one line what only the user should sort out (a merge of theirs,
a detached HEAD, git's lock file). Links and submodules an earlier sync let
into git are taken out, and a name that is not a plain file here is not sent.

``WorkingCopy`` is the first base of the sync's session (store/sync.py) and
declares what every part of it shares. Nothing here imports Textual.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from goaltui.lang import N_, _
from goaltui.store import goalsfile, locations
from goaltui.store.durable import atomic_write, locked
from goaltui.store.git import Git
from goaltui.store.syncrules import MAX_FILE, PLAIN_MODES, is_synced_file, names, shown

if TYPE_CHECKING:
    from goaltui.store.sync import Clock
    from goaltui.store.syncresult import SyncResult

MARKER = "goaltui sync"  # starts every message goaltui writes, so an interrupted merge of its own is known
TRAILER = "Goaltui-Device"  # names the device in each commit: the conflict copy of its version carries it
PARTED = "Goaltui-Parted"  # on the merge of a machine that found another writing under its name, and left it
_DEVICE_CHARS = re.compile(r"[^A-Za-z0-9_-]+")
_IN_PROGRESS = (  # git's file, what it means (translated where it is shown), and the command that undoes it
    ("MERGE_HEAD", N_("a merge"), "git merge --abort"),
    ("rebase-merge", N_("a rebase"), "git rebase --abort"),
    ("rebase-apply", N_("a rebase"), "git rebase --abort"),
    ("CHERRY_PICK_HEAD", N_("a cherry-pick"), "git cherry-pick --abort"),
    ("REVERT_HEAD", N_("a revert"), "git revert --abort"),
)
MISSING, FILE, LINK, ODD = "missing", "file", N_("a symbolic link"), N_("not a plain file")  # what a path is here


class SyncError(Exception):
    """Sync cannot go on; the message is one line saying what to do."""


class WorkingCopy:
    """The working copy one sync works in; what the session's parts share is declared here."""

    git: Git
    data: Path
    device: str
    clock: Clock
    result: SyncResult
    _ident: list[str] | None
    _screened: dict[str, str]  # a remote commit -> the commit merged in its place (refused paths back)
    _incoming: str | None  # the remote commit being screened

    @contextmanager
    def lock(self) -> Iterator[None]:
        """The lock the tap log and goals.toml writer take: no tap is half-written while git works."""
        with locked(locations.lock_path(self.data)):
            yield

    def check_ready(self, *, locked_now: bool) -> None:
        """Refuse, in one line, a state only the user should sort out: detached HEAD, a merge of theirs, ..."""
        git_dir = Path(self.git.text("rev-parse", "--absolute-git-dir"))
        for name, what, undo in _IN_PROGRESS:
            if not (git_dir / name).exists():
                continue
            if name == "MERGE_HEAD" and _read(git_dir / "MERGE_MSG").startswith(MARKER):
                if not locked_now:
                    return  # a sync of ours was interrupted: undone under the lock, then checked again
                self.git.run("merge", "--abort")
                continue
            raise SyncError(
                _(
                    "{what} is in progress in {folder}: finish it, or undo it with "
                    "'git -C {folder} {undo}', then sync again"
                ).format(what=_(what), folder=self.data, undo=undo.removeprefix("git "))
            )
        if locked_now and (git_dir / "index.lock").exists():
            raise SyncError(
                _(
                    "git's lock file {lock} is in the way: a git command is working in {folder}, "
                    "or one was stopped before it finished; if none is running, delete that file, then sync again"
                ).format(lock=git_dir / "index.lock", folder=self.data)
            )
        if self.git.run("symbolic-ref", "-q", "HEAD", check=False).code != 0:
            raise SyncError(
                _(
                    "{folder} is on a detached HEAD, not a branch: run 'git -C {folder} switch main' "
                    "(or your branch), then sync again"
                ).format(folder=self.data)
            )
        foreign, unmerged = [], []
        for code, rel in self.status(untracked=False):
            if "U" in code or code in ("AA", "DD"):
                unmerged.append(rel)
            elif not is_synced_file(rel):
                foreign.append(rel)
        if unmerged:
            raise SyncError(
                _("{folder} has unresolved conflicts ({names}): resolve them with git, then sync again").format(
                    folder=self.data, names=names(unmerged)
                )
            )
        if foreign:
            raise SyncError(
                _(
                    "{folder} has changes to files goaltui does not sync ({names}): undo them with git "
                    "('git -C {folder} restore --staged --worktree -- FILE'), or take the files out of git "
                    "('git -C {folder} rm --cached -- FILE', then commit), then sync again"
                ).format(folder=self.data, names=names(foreign))
            )

    def status(self, *, untracked: bool) -> list[tuple[str, str]]:
        """``(XY, path)`` for every changed path (both names of a rename)."""
        out = self.git.run(
            "status", "--porcelain=v1", "-z", f"--untracked-files={'all' if untracked else 'no'}", "--no-renames"
        ).out
        fields = out.split(b"\0")
        found = []
        i = 0
        while i < len(fields):
            entry = as_text(fields[i])
            i += 1
            if len(entry) < 4:
                continue
            code, rel = entry[:2], entry[3:]
            found.append((code, rel))
            if "R" in code or "C" in code:
                found.append((code, as_text(fields[i])))
                i += 1
        return found

    def on_paths(self, paths: list[str], *command: str) -> None:
        """``git COMMAND -- PATHS``, the paths taken as they are (no globs) and passed on stdin (no length limit)."""
        listed = b"\0".join(rel.encode("utf-8", "surrogateescape") for rel in paths)
        self.git.run("--literal-pathspecs", *command, "--pathspec-from-file=-", "--pathspec-file-nul", data=listed)

    def blob(self, sha: str) -> bytes:
        return self.git.run("cat-file", "blob", sha).out

    def show(self, commit: str, rel: str) -> bytes | None:
        found = self.git.run("cat-file", "blob", f"{commit}:{rel}", check=False)
        return found.out if found.code == 0 else None

    def folder_of(self, rel: str, *, make: bool) -> Path | None:
        """The folder ``rel`` goes in, each step a real folder inside the data folder (``make``: made where missing).

        None when a step is missing and not ``make``. A step that is a link or a
        file stops the sync: nothing is written through a link.
        """
        folder = self.data
        for part in rel.split("/")[:-1]:
            folder = folder / part
            try:
                mode = os.lstat(folder).st_mode
            except FileNotFoundError:
                if not make:
                    return None
                folder.mkdir(mode=locations.DIR_MODE)
                continue
            if not stat.S_ISDIR(mode):
                where = shown(folder.relative_to(self.data).as_posix())
                raise SyncError(
                    _(
                        "{path} in {folder} is not a folder (a symbolic link?) where goaltui keeps one: "
                        "move it out of the data folder, then sync again"
                    ).format(path=where, folder=self.data)
                )
        return folder

    def on_disk(self, rel: str) -> str:
        """What ``rel`` is here: MISSING, FILE (a plain one), LINK or ODD (in English: say it with ``_``)."""
        folder = self.folder_of(rel, make=False)
        try:
            mode = os.lstat(folder / rel.rpartition("/")[2]).st_mode if folder is not None else None
        except FileNotFoundError:
            mode = None
        if mode is None:
            return MISSING
        if stat.S_ISREG(mode):
            return FILE
        return LINK if stat.S_ISLNK(mode) else ODD

    def read_plain(self, rel: str) -> bytes | None:
        """The bytes of ``rel`` if it is a plain file in the working tree (no link followed), else None."""
        folder = self.folder_of(rel, make=False)
        if folder is None:
            return None
        try:
            fd = os.open(folder / rel.rpartition("/")[2], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE:
                return None
            chunks = []
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            return b"".join(chunks)
        finally:
            os.close(fd)

    def write(self, rel: str, content: bytes) -> None:
        """Replace ``rel`` with ``content`` durably; a link in its place is replaced, never written through."""
        folder = self.folder_of(rel, make=True)
        assert folder is not None
        path = folder / rel.rpartition("/")[2]
        if path.is_symlink():
            path.unlink()  # the link itself goes (under the lock): what it points to is never touched
        atomic_write(path, content)

    def their_device(self, rel: str, theirs: str) -> str:
        """The device that made the other version of ``rel``: from its commit's trailer, else its author."""
        log = self.git.run(
            "log",
            "-1",
            f"--format=%(trailers:key={TRAILER},valueonly,separator=%x20)%x00%an",
            theirs,
            "--",
            rel,
            check=False,
        ).text
        for candidate in log.split("\0"):
            name = _DEVICE_CHARS.sub("-", candidate.strip()).strip("-")[:40]
            if name:
                return name
        return "remote"

    def ident(self) -> list[str]:
        """The user's git identity, or a fallback naming this device (commits and merges need one)."""
        if self._ident is None:
            self._ident = self.git.identity(self.device)
        return self._ident

    def drop_links(self) -> None:
        """Take out of git the links and submodules a sync before this check let in, and the links out of the folder.

        goaltui writes its taps and reviews where such a link stood, so it goes
        (the link itself; what it points to is never touched). A goals.toml link
        stays on disk: it may be the user's own (see the README).
        """
        if self.git.ref("HEAD") is None:
            return
        tracked = [path for path, entry in self.git.files("HEAD").items() if entry.mode in ("120000", "160000")]
        if not tracked:
            return
        names_ = [as_text(path) for path in tracked]
        self.on_paths(names_, "rm", "-q", "-r", "--cached", "--ignore-unmatch")
        for rel in names_:
            if rel != goalsfile.FILENAME and self.on_disk(rel) == LINK:
                (self.data / rel).unlink()
        self.result.dropped += names_

    def committed_file(self, rel: str) -> bytes | None:
        """``rel`` as the last commit holds it, if a plain file there (a link's text is no tap file)."""
        listed = self.git.run("--literal-pathspecs", "ls-tree", "-z", "HEAD", "--", rel).out.partition(b"\t")[0]
        mode, _sep, rest = listed.decode("ascii").partition(" ")
        return self.blob(rest.split()[-1]) if mode in PLAIN_MODES else None

    def sendable(self, rel: str) -> bool:
        """True when ``rel`` is a plain file here (or gone): anything else is named in ``not_sent``."""
        what = self.on_disk(rel)
        if what in (MISSING, FILE):
            return True
        if rel not in (n.partition(" (")[0] for n in self.result.not_sent):
            self.result.not_sent.append(f"{rel} ({_(what)})")
        return False


def decoded(path: bytes) -> str | None:
    """A path git gave as bytes, as text; None when it is not UTF-8."""
    try:
        return path.decode("utf-8")
    except UnicodeDecodeError:
        return None


def as_text(path: bytes) -> str:
    """A path git gave as bytes, as text whatever it holds (bytes that are not UTF-8 kept as surrogates)."""
    return path.decode("utf-8", "surrogateescape")


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8", "replace")
    except OSError:
        return ""

"""The real git, run for one data folder: a timeout, no prompts, and never a repository above the folder.

Every call runs with ``GIT_TERMINAL_PROMPT=0``, no terminal to ask on (its own
session) and standard input closed, so a remote that wants a password fails
at once instead of waiting for an answer nobody can give. Messages are in
English (``LC_ALL=C``) so goaltui can tell an unreachable remote from a
refused login. New files are owner-only (``umask 077``), as everything goaltui
writes. Settings of the user's that would change a file's bytes on the way in
or out (line endings, attributes, filters) are off, and a symbolic link would
be checked out as a plain file (goaltui's sync brings none in: see
store/syncrules.py).

Trees are read and written with plumbing (``diff-tree``, ``ls-tree``,
``mktree``), which takes any name as bytes, so a tree can be looked at and
changed before anything of it reaches the disk.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from pathlib import Path

from goaltui.lang import _, ngettext
from goaltui.model.numbers import local
from goaltui.model.record import record

LOCAL_TIMEOUT = 120.0  # seconds for a step on this disk
NETWORK_TIMEOUT = 300.0  # seconds for a fetch or a push
# Variables that would point git at another repository than the data folder's own.
_FOREIGN = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE", "GIT_PREFIX")
# Every command runs with these: files keep their bytes, whatever the user's git config says.
_SETTINGS = (
    "core.symlinks=false",
    "core.autocrlf=false",
    f"core.attributesFile={os.devnull}",
)
ZERO_MODE = "000000"


class GitMissing(Exception):
    """No git on PATH."""


class GitFailed(Exception):
    """A git command failed; ``detail`` is git's own reason, on one line."""

    def __init__(self, args: tuple[str, ...], code: int, detail: str) -> None:
        super().__init__(f"git {' '.join(args)}: {detail}")
        self.code = code
        self.detail = detail


class GitTimedOut(GitFailed):
    """A git command took longer than its timeout and was stopped."""


@record
class Entry:
    """One entry of a git tree: its mode (``100644``, ``120000``, ``040000``, ...) and object."""

    mode: str
    sha: str

    @property
    def type(self) -> str:
        return "tree" if self.mode == "040000" else "commit" if self.mode == "160000" else "blob"


@record
class Change:
    """A path one tree has and the other has otherwise: ``old`` or ``new`` is None where it is absent."""

    path: bytes
    old: Entry | None
    new: Entry | None


@record
class Run:
    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", "replace").strip()


# What git adds after the real reason when a remote cannot be used: it says nothing by itself.
_GENERIC = (
    "could not read from remote repository",
    "please make sure you have the correct access rights",
    "and the repository exists",
)


def reason(err: str) -> str:
    """git's own reason for failing, on one line: its first ``fatal:`` or ``error:`` line that says something."""
    lines = [line.rstrip() for line in err.splitlines() if line.strip()]
    telling = [(i, line) for i, line in enumerate(lines) if not any(g in line.lower() for g in _GENERIC)]
    for i, line in telling:
        for prefix in ("fatal:", "error:"):
            if line.startswith(prefix):
                text = line[len(prefix) :].strip()
                if text.endswith(":"):  # a list of files follows, indented: name them
                    names = [n.strip() for n in lines[i + 1 :] if n[:1].isspace()]
                    text = f"{text} {', '.join(names)}"
                return text
    return telling[0][1].strip() if telling else (lines[-1].strip() if lines else _("no reason given"))


class Git:
    """git commands run in ``folder``, which must be (or become) a repository of its own."""

    def __init__(self, folder: Path, *, network_timeout: float = NETWORK_TIMEOUT) -> None:
        exe = shutil.which("git")
        if exe is None:
            raise GitMissing(_("git is not installed (or not on PATH)"))
        self.exe = exe
        self.folder = folder
        self.network_timeout = network_timeout
        env = {k: v for k, v in os.environ.items() if k not in _FOREIGN}
        env.update(
            GIT_TERMINAL_PROMPT="0",
            GIT_CEILING_DIRECTORIES=str(folder.resolve().parent),  # a repository above the folder is not ours
            GIT_MERGE_AUTOEDIT="no",
            GIT_EDITOR=":",
            LC_ALL="C",
        )
        self.env = env
        self._empty: str | None = None

    def run(self, *args: str, data: bytes | None = None, network: bool = False, check: bool = True) -> Run:
        """Run ``git ARGS``; ``GitFailed`` on a non-zero exit when ``check``, ``GitTimedOut`` after the timeout."""
        timeout = self.network_timeout if network else LOCAL_TIMEOUT
        settings = [part for setting in _SETTINGS for part in ("-c", setting)]
        proc = subprocess.Popen(
            [self.exe, *settings, *args],
            cwd=self.folder,
            env=self.env,
            stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # no terminal to prompt on, and its helpers (ssh) can be stopped together
            umask=0o077,
        )
        try:
            out, err = proc.communicate(data, timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            waited = ngettext("no answer within {seconds} second", "no answer within {seconds} seconds", timeout)
            raise GitTimedOut(args, -1, waited.format(seconds=local(f"{timeout:g}"))) from None
        result = Run(proc.returncode, out, err.decode("utf-8", "replace"))
        if check and result.code != 0:
            raise GitFailed(args, result.code, reason(result.err))
        return result

    def text(self, *args: str) -> str:
        """The output of ``git ARGS``, stripped."""
        return self.run(*args).text

    def succeeds(self, *args: str) -> bool:
        return self.run(*args, check=False).code == 0

    def ref(self, name: str) -> str | None:
        """The commit ``name`` points to, or None when there is no such ref."""
        found = self.run("rev-parse", "--verify", "-q", f"{name}^{{commit}}", check=False)
        return found.text if found.code == 0 else None

    def is_own_repository(self) -> bool:
        """True when the folder is the top of a git working copy (not inside another one)."""
        if not (self.folder / ".git").exists():
            return False
        top = self.run("rev-parse", "--show-toplevel", check=False)
        return top.code == 0 and Path(top.text).resolve() == self.folder.resolve()

    def identity(self, device: str) -> list[str]:
        """``-c`` options naming a fallback author when the user has set up no git identity."""
        if self.succeeds("var", "GIT_AUTHOR_IDENT") and self.succeeds("var", "GIT_COMMITTER_IDENT"):
            return []
        options = []
        if not self.run("config", "--get", "user.name", check=False).text:
            options += ["-c", "user.name=goaltui"]
        if not self.run("config", "--get", "user.email", check=False).text:
            options += ["-c", f"user.email={device}@goaltui.invalid"]
        return options

    # ------------------------------------------------------------------ trees, as bytes

    def empty_tree(self) -> str:
        if self._empty is None:
            self._empty = self.run("hash-object", "-t", "tree", "--stdin", data=b"").text
        return self._empty

    def merge_base(self, one: str, other: str) -> str | None:
        """The newest commit both histories share, or None when they share none."""
        found = self.run("merge-base", one, other, check=False)
        return found.text if found.code == 0 and found.text else None

    def changes(self, old: str | None, new: str) -> list[Change]:
        """Every file (blob, link, submodule) that differs between ``old`` (None: nothing) and ``new``."""
        out = self.run("diff-tree", "-r", "-z", "--no-renames", "--full-index", old or self.empty_tree(), new).out
        fields = out.split(b"\0")
        found = []
        for i in range(0, len(fields) - 1, 2):
            meta = fields[i].decode("ascii").lstrip(":").split()
            if len(meta) < 5:
                continue
            old_mode, new_mode, old_sha, new_sha = meta[:4]
            found.append(
                Change(
                    fields[i + 1],
                    None if old_mode == ZERO_MODE else Entry(old_mode, old_sha),
                    None if new_mode == ZERO_MODE else Entry(new_mode, new_sha),
                )
            )
        return found

    def files(self, tree: str) -> dict[bytes, Entry]:
        """Every file of ``tree`` (a tree or a commit), by its path, folders walked."""
        return self._listing(tree, recursive=True)

    def _listing(self, tree: str, *, recursive: bool) -> dict[bytes, Entry]:
        out = self.run("ls-tree", "-z", "--full-tree", *(["-r"] if recursive else []), tree).out
        found = {}
        for entry in out.split(b"\0"):
            if entry:
                meta, _sep, path = entry.partition(b"\t")
                mode, _type, sha = meta.decode("ascii").split()
                found[path] = Entry(mode, sha)
        return found

    def sizes(self, shas: list[str]) -> dict[str, int]:
        """The size in bytes of each blob, from one ``cat-file --batch-check``."""
        if not shas:
            return {}
        out = self.run("cat-file", "--batch-check=%(objectname) %(objectsize)", data="\n".join(shas).encode() + b"\n")
        found = {}
        for line in out.text.splitlines():
            sha, _sep, size = line.partition(" ")
            if size.isdigit():
                found[sha] = int(size)
        return found

    def rewrite_tree(self, tree: str | None, changes: dict[tuple[bytes, ...], Entry | None]) -> str:
        """``tree`` (None: empty) with each path of ``changes`` set to its entry, or taken out where it is None.

        Only the folders on the way to a change are written again; the rest is
        kept as it is, whatever its names.
        """
        listing = self._listing(tree, recursive=False) if tree else {}
        below: dict[bytes, dict[tuple[bytes, ...], Entry | None]] = {}
        here: dict[bytes, Entry | None] = {}
        for path, entry in changes.items():
            if len(path) == 1:
                here[path[0]] = entry
            else:
                below.setdefault(path[0], {})[path[1:]] = entry
        for name, inner in below.items():
            current = listing.get(name)
            sub = self.rewrite_tree(current.sha if current and current.type == "tree" else None, inner)
            if sub == self.empty_tree():
                listing.pop(name, None)
            else:
                listing[name] = Entry("040000", sub)
        for name, entry in here.items():
            if entry is not None:
                listing[name] = entry
            elif name not in below:
                listing.pop(name, None)
        lines = [f"{e.mode} {e.type} {e.sha}\t".encode() + name for name, e in listing.items()]
        return self.run("mktree", "-z", data=b"".join(line + b"\0" for line in lines)).text

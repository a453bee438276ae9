"""Sync through git: the data folder as a working copy of a remote, committed, merged and pushed.

One sync: fetch (no lock: a slow remote never delays a tap), then under the
data folder's lock commit what changed here and merge what came in, then push
(no lock; when the remote moved meanwhile, fetch and merge again, a few
times). Tap files never clash: each device writes only its own. A file git
cannot merge (goals.toml, a review) keeps this device's version in place and
the other device's beside it as a conflict copy, committed and reported. The
repository is never left mid-merge, and nothing is ever lost: when the remote
cannot be reached the commit waits here for the next sync.

Nothing the remote holds is trusted (store/syncrules.py): what it changed is
looked at as git trees before any of it is merged, and a path that may not
come in (a symbolic link, a submodule, a file that is not goaltui's, a tap
file that lost lines) keeps this device's version: the merge takes a copy of
the remote's commit with those paths put back, so the refused things never
reach the disk and this device's push puts them right on the remote too. The
other paths come in as usual: one bad file does not stop the taps. What this
device commits follows the same rules: only goaltui's own plain files, and a
tap file that lost lines since the last sync is restored first.

Nothing here imports Textual; the app runs ``sync`` in a worker.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from goaltui.store import conflicts, goalsfile, locations
from goaltui.store.durable import atomic_write, locked
from goaltui.store.git import NETWORK_TIMEOUT, Change, Entry, Git, GitFailed, GitMissing, reason
from goaltui.store.syncrules import (
    MAX_FILE,
    PLAIN_MODES,
    fold,
    grows,
    is_synced_file,
    names,
    refusal,
    shown,
    tap_file_device,
    union,
)

Clock = Callable[[], datetime]

MARKER = "goaltui sync"  # starts every message goaltui writes, so an interrupted merge of its own is known
TRAILER = "Goaltui-Device"  # names the device in each commit: the conflict copy of its version carries it
PARTED = "Goaltui-Parted"  # on the merge of a machine that found another writing under its name, and left it
ATTEMPTS = 3  # pushes tried while the remote keeps moving
_REVIEW_FILE = re.compile(r"reviews/[^/]+\.toml")
_DEVICE_CHARS = re.compile(r"[^A-Za-z0-9_-]+")
_IN_PROGRESS = (
    ("MERGE_HEAD", "a merge", "git merge --abort"),
    ("rebase-merge", "a rebase", "git rebase --abort"),
    ("rebase-apply", "a rebase", "git rebase --abort"),
    ("CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick --abort"),
    ("REVERT_HEAD", "a revert", "git revert --abort"),
)
_WAITS = "your changes are committed here and go with the next sync"


class SyncError(Exception):
    """Sync cannot go on; the message is one line saying what to do."""


class NeedsRemote(ValueError):
    """``init`` without a remote, in a folder that has none: bad usage."""


@dataclass(slots=True)
class SyncResult:
    """What one sync did, for the command line and the app."""

    summary: str = ""  # the one line to show: what happened, or what went wrong and what to do
    ok: bool = True
    received: bool = False  # files came in: taps and goals to read again
    conflicts: list[Path] = field(default_factory=list)  # conflict copies this sync kept
    sent_taps: int = 0
    received_taps: int = 0
    sent_files: list[str] = field(default_factory=list)  # other files sent (goals.toml, reviews/...)
    received_files: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # paths the remote changed that were kept out, each with why
    restored: list[str] = field(default_factory=list)  # tap files here that had lost lines, put back
    not_sent: list[str] = field(default_factory=list)  # goaltui's names here that are not plain files
    dropped: list[str] = field(default_factory=list)  # links and submodules an earlier sync let in, taken out
    reread: bool = False  # a tap file here changed other than at its end: read every tap again
    clash: bool = False  # another machine writes taps under this device's name: ``follow_up`` gives this one a new name
    device: str = ""  # this device's new name, when ``follow_up`` gave it one

    @property
    def warnings(self) -> list[str]:
        """One line for each thing the user should know beyond the summary: what was refused, restored, held back."""
        lines = []
        if self.refused:
            lines.append(
                f"refused from the remote: {_listed(self.refused)}; none of it came into this folder, and this "
                "device's version goes back with its push: check who can push to the remote"
            )
        if self.restored:
            lines.append(
                f"restored {names(self.restored)} from the last sync: lines were taken out or changed, and a tap "
                "file only grows (any lines added by hand are in a conflict copy beside it)"
            )
        if self.not_sent:
            lines.append(f"not sent: {_listed(self.not_sent)}: goaltui syncs plain files only")
        if self.dropped:
            lines.append(
                f"took out of sync the links an earlier sync let in: {names(self.dropped)} (what they point to "
                "is untouched)"
            )
        return lines


def is_set_up(data_dir: Path) -> bool:
    """True when ``data_dir`` is a git working copy (``goaltui sync init`` ran); cheap: no git is run."""
    return (data_dir / ".git").exists()


def sync(data_dir: Path, device: str, clock: Clock, *, network_timeout: float = NETWORK_TIMEOUT) -> SyncResult:
    """Commit what changed here, merge what the remote has, push; never raises for what a user can fix."""
    return _attempt(data_dir, device, clock, network_timeout, lambda session: session.sync_set_up())


def init(
    data_dir: Path, remote: str | None, device: str, clock: Clock, *, network_timeout: float = NETWORK_TIMEOUT
) -> SyncResult:
    """Make ``data_dir`` a git working copy of ``remote`` (empty or made by goaltui), then sync.

    A folder that is already a repository of its own is used as it is; ``remote``
    is added as ``origin`` when it has none. ``NeedsRemote`` when no remote is
    given and the folder has none.
    """
    return _attempt(data_dir, device, clock, network_timeout, lambda session: session.set_up(remote))


def follow_up(result: SyncResult, device: str) -> list[str]:
    """What to tell after a sync, beyond its summary; gives this machine a new device name on a clash.

    Another machine writing taps under ``device`` (a copied home folder) is
    found when its taps arrive in this device's own files; every tap is kept
    either way, and from now on this machine writes under a name of its own.
    """
    told = list(result.warnings)
    if result.clash:
        new = locations.renew_device_id(device)
        result.device = new
        told.append(
            f"another machine also writes taps as {device}: this one writes as {new} from now on "
            "(every tap stays counted once)"
        )
    return told


def _attempt(
    data_dir: Path, device: str, clock: Clock, network_timeout: float, steps: Callable[[_Session], SyncResult]
) -> SyncResult:
    """Run ``steps`` on a new session; what went wrong becomes a failed result that says what to do."""
    session: _Session | None = None
    try:
        session = _Session(data_dir, device, clock, network_timeout)
        return steps(session)
    except SyncError as err:
        return _failed(session, str(err))
    except GitFailed as err:
        return _failed(session, f"{err}: sort it out with git in {data_dir}, then sync again")
    except OSError as err:
        return _failed(session, f"{err.filename or data_dir}: {err.strerror or err}; nothing was lost")
    except NeedsRemote:
        raise  # bad usage: the command line says so
    except ValueError as err:  # git gave what goaltui did not foresee (text that is not UTF-8, say): a bug of ours
        what = (str(err).splitlines() or [type(err).__name__])[0]
        return _failed(session, f"{what}; nothing was lost: sync again, and if this comes back, report it")


def _failed(session: _Session | None, error: str) -> SyncResult:
    result = session.result if session is not None else SyncResult()
    done = session.describe() if session is not None else ""
    result.ok = False
    error = shown(error)  # git's words may carry a remote's: no control character reaches a terminal
    result.summary = f"{done}; but {error}" if done and done != "up to date" else error
    return result


def remote_address(remote: str) -> str:
    """``remote`` as git should keep it: a local path made absolute (git would read it from the data folder)."""
    path = Path(remote).expanduser()
    if "://" not in remote and path.exists():
        return str(path.resolve())
    return remote


class _Session:
    """One sync of one data folder."""

    def __init__(self, data_dir: Path, device: str, clock: Clock, network_timeout: float) -> None:
        try:
            self.git = Git(data_dir, network_timeout=network_timeout)
        except GitMissing:
            raise SyncError("git is not installed (or not on PATH): install git, then sync again") from None
        self.data = data_dir
        self.device = device
        self.clock = clock
        self.result = SyncResult()
        self._ident: list[str] | None = None
        self._screened: dict[str, str] = {}  # a remote commit -> the commit merged in its place (refused paths back)
        self._incoming: str | None = None  # the remote commit being screened

    # ------------------------------------------------------------------ the steps

    def sync_set_up(self) -> SyncResult:
        if not self.data.is_dir() or not self.git.is_own_repository():
            raise SyncError(f"{self.data} is not set up for sync yet: run 'goaltui sync init REMOTE' first")
        return self.sync()

    def set_up(self, remote: str | None) -> SyncResult:
        locations.ensure_dir(self.data)
        if self.git.is_own_repository():
            self.adopt(remote)
            return self.sync()
        if not remote:
            raise NeedsRemote("give the remote to sync with: goaltui sync init REMOTE")
        return self.clone_into(remote)

    def sync(self) -> SyncResult:
        self.check_ready(locked_now=False)
        remote, branch = self.upstream()
        fetch_error = self.fetch(remote)
        with self.lock():
            self.check_ready(locked_now=True)
            self.commit_local()
            if fetch_error:
                raise SyncError(f"{fetch_error}; {_WAITS}")
            self.merge(remote, branch)
        self.push_until_accepted(remote, branch)
        self.result.summary = self.describe()
        return self.result

    def adopt(self, remote: str | None) -> None:
        """Use a repository the user made: add ``remote`` as origin if it has none, else check it is the same."""
        remotes = self.git.text("remote").split()
        if remote:
            address = remote_address(remote)
            if "origin" in remotes:
                current = self.git.text("remote", "get-url", "origin")
                if current not in (remote, address):
                    raise SyncError(
                        f"{self.data} already syncs with {current}: to change it run "
                        f"'git -C {self.data} remote set-url origin {remote}', then sync again"
                    )
            else:
                self.git.run("remote", "add", "origin", address)
        elif not remotes:
            raise NeedsRemote(f"{self.data} is a git repository with no remote: goaltui sync init REMOTE adds one")

    def clone_into(self, remote: str) -> SyncResult:
        """Turn a plain folder (empty or with goals and taps) into a working copy of ``remote``, then push."""
        address = remote_address(remote)
        heads = self.remote_heads(address)
        branch = _pick_branch(heads)
        self.git.run("init", "-q", f"--initial-branch={branch}")
        try:
            self.git.run("remote", "add", "origin", address)
            if heads:
                self.fetch("origin", strict=True)
        except (SyncError, GitFailed):
            self._undo_init()
            raise
        with self.lock():
            if heads:
                self.take_remote(f"refs/remotes/origin/{branch}")
            self.git.run("config", f"branch.{branch}.remote", "origin")
            self.git.run("config", f"branch.{branch}.merge", f"refs/heads/{branch}")
            self.commit_local(first=not heads)
        self.push_until_accepted("origin", branch)
        self.result.summary = f"{self.data} now syncs with {address}: {self.describe()}"
        return self.result

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
                f"{what} is in progress in {self.data}: finish it, or undo it with "
                f"'git -C {self.data} {undo.removeprefix('git ')}', then sync again"
            )
        if locked_now and (git_dir / "index.lock").exists():
            raise SyncError(
                f"git's lock file {git_dir / 'index.lock'} is in the way: a git command is working in {self.data}, "
                "or one was stopped before it finished; if none is running, delete that file, then sync again"
            )
        if self.git.run("symbolic-ref", "-q", "HEAD", check=False).code != 0:
            raise SyncError(
                f"{self.data} is on a detached HEAD, not a branch: run 'git -C {self.data} switch main' "
                "(or your branch), then sync again"
            )
        foreign, unmerged = [], []
        for code, rel in self.status(untracked=False):
            if "U" in code or code in ("AA", "DD"):
                unmerged.append(rel)
            elif not is_synced_file(rel):
                foreign.append(rel)
        if unmerged:
            raise SyncError(
                f"{self.data} has unresolved conflicts ({names(unmerged)}): resolve them with git, then sync again"
            )
        if foreign:
            raise SyncError(
                f"{self.data} has changes to files goaltui does not sync ({names(foreign)}): undo them with git "
                f"('git -C {self.data} restore --staged --worktree -- FILE'), or take the files out of git "
                f"('git -C {self.data} rm --cached -- FILE', then commit), then sync again"
            )

    def upstream(self) -> tuple[str, str]:
        """The remote and the remote branch this branch syncs with."""
        branch = self.git.text("symbolic-ref", "--short", "HEAD")
        remote = self.git.run("config", "--get", f"branch.{branch}.remote", check=False).text
        merge = self.git.run("config", "--get", f"branch.{branch}.merge", check=False).text
        if not remote:
            remotes = self.git.text("remote").split()
            if not remotes:
                raise SyncError(f"{self.data} has no remote to sync with: run 'goaltui sync init REMOTE'")
            remote = "origin" if "origin" in remotes else remotes[0]
        return remote, merge.removeprefix("refs/heads/") or branch

    def fetch(self, remote: str, *, strict: bool = False) -> str | None:
        """Fetch ``remote`` (no lock); the reason in one line when it cannot be reached (raised when ``strict``)."""
        try:
            self.git.run("fetch", "--quiet", "--no-tags", remote, network=True)
        except GitFailed as err:
            problem = self.network_problem(remote, err.detail)
            if strict:
                raise SyncError(f"{problem}; nothing was changed") from None
            return problem
        return None

    def remote_heads(self, address: str) -> dict[str, str]:
        """The branches of ``address`` and what HEAD names, from one ``ls-remote`` (no lock)."""
        try:
            listing = self.git.run("ls-remote", "--symref", address, network=True).text
        except GitFailed as err:
            raise SyncError(f"{self.network_problem(address, err.detail)}; nothing was changed") from None
        heads: dict[str, str] = {}
        for line in listing.splitlines():
            first, _, name = line.partition("\t")
            if first.startswith("ref: ") and name == "HEAD":
                heads["HEAD"] = first.removeprefix("ref: refs/heads/")
            elif name.startswith("refs/heads/"):
                heads[name.removeprefix("refs/heads/")] = first
        if "HEAD" in heads and heads["HEAD"] not in heads:
            del heads["HEAD"]  # a bare repository's HEAD may name a branch nobody pushed
        return heads

    def commit_local(self, *, first: bool = False) -> None:
        """Commit every change to goaltui's files (under the lock). ``first`` commits even when there is none.

        A tap file that lost or changed lines since the last commit is restored
        first; a name that is not a plain file here (a symbolic link) is not sent,
        and one an earlier sync let into git is taken out.
        """
        self.drop_links()
        changed = [(code, rel) for code, rel in self.status(untracked=True) if is_synced_file(rel)]
        self.keep_taps_growing(changed)
        sendable = [rel for code, rel in changed if code != "D " and self.sendable(rel)]  # "D ": staged, gone
        if sendable:
            self.on_paths(sendable, "add", "-A")
        first = first or self.git.ref("HEAD") is None  # a branch needs a commit before it can merge or push
        if not first and self.git.succeeds("diff", "--cached", "--quiet"):
            return
        self.commit("-m", f"{MARKER}: {self.device}, {self.stamp()}", *(["--allow-empty"] if first else []))

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
        names_ = [_name(path) for path in tracked]
        self.on_paths(names_, "rm", "-q", "-r", "--cached", "--ignore-unmatch")
        for rel in names_:
            if rel != goalsfile.FILENAME and self.on_disk(rel) == "a symbolic link":
                (self.data / rel).unlink()
        self.result.dropped += names_

    def keep_taps_growing(self, changed: list[tuple[str, str]]) -> None:
        """Restore each tap file whose committed bytes are no longer where they were: a tap file only grows.

        This device's own file keeps the lines it gained; another device's file
        goes back to what that device sent, and a version edited here is kept
        beside it as a conflict copy when it holds lines of its own.
        """
        for code, rel in changed:
            device = tap_file_device(rel)
            committed = self.committed_file(rel) if device is not None and code != "??" else None
            if committed is None:
                continue
            current = self.read_plain(rel)
            if current is not None and self.may_change(rel, committed, current):
                continue
            restored = union(committed, current or b"") if device == self.device else committed
            if device != self.device and current is not None and union(committed, current) != committed:
                self.keep_copy(rel, current, self.device)
            self.write(rel, restored)
            self.result.restored.append(rel)
            self.result.reread = True

    def committed_file(self, rel: str) -> bytes | None:
        """``rel`` as the last commit holds it, if a plain file there (a link's text is no tap file)."""
        listed = self.git.run("--literal-pathspecs", "ls-tree", "-z", "HEAD", "--", rel).out.partition(b"\t")[0]
        mode, _, rest = listed.decode("ascii").partition(" ")
        return self.blob(rest.split()[-1]) if mode in PLAIN_MODES else None

    def sendable(self, rel: str) -> bool:
        """True when ``rel`` is a plain file here (or gone): anything else is named in ``not_sent``."""
        what = self.on_disk(rel)
        if what in ("missing", "file"):
            return True
        if rel not in (n.partition(" (")[0] for n in self.result.not_sent):
            self.result.not_sent.append(f"{rel} ({what})")
        return False

    def stamp(self) -> str:
        """This device's local time, for a commit message."""
        return self.clock().astimezone().strftime("%Y-%m-%d %H:%M %z")

    def ident(self) -> list[str]:
        """The user's git identity, or a fallback naming this device (commits and merges need one)."""
        if self._ident is None:
            self._ident = self.git.identity(self.device)
        return self._ident

    def commit(self, *args: str, parted: bool = False) -> None:
        trailers = [f"{PARTED}: {self.device}"] if parted else []
        trailers.append(f"{TRAILER}: {self.device}")
        self.git.run(*self.ident(), "commit", "-q", "--no-verify", "--no-gpg-sign", *args, "-m", "\n".join(trailers))

    def merge(self, remote: str, branch: str) -> None:
        """Merge the fetched branch into this one (under the lock); unmergeable files become conflict copies.

        What the remote changed is screened first (``screen``): the merge takes
        a commit in which every refused path is as it was.
        """
        theirs = self.git.ref(f"refs/remotes/{remote}/{branch}")
        before = self.git.ref("HEAD")
        if theirs is None or before is None or self.git.succeeds("merge-base", "--is-ancestor", theirs, before):
            return
        base = self.git.merge_base(before, theirs)
        if base is None and not self.holds_goaltui(theirs):
            raise SyncError(
                f"{self.address(remote)} holds another history than {self.data}, and no goaltui folder: check the "
                f"address with 'git -C {self.data} remote -v' (change it with 'git -C {self.data} remote set-url "
                f"{remote} ADDRESS'), then sync again; your changes are committed here"
            )
        incoming = self.screen(base, theirs, f"{remote}/{branch}")
        if base == before:
            tried = self.git.run(*self.ident(), "merge", "-q", "--ff-only", incoming, check=False)
            if tried.code != 0:
                raise self.refused(remote, branch, reason(tried.err))
        else:
            message = f"{MARKER}: {self.device} merged {remote}/{branch}, {self.stamp()}"
            unrelated = ["--allow-unrelated-histories"] if base is None else []
            tried = self.git.run(
                *self.ident(),
                *("merge", "--no-commit", "--no-ff", "--no-verify", "-Xno-renames", *unrelated),
                *("-m", message, incoming),
                check=False,
            )
            git_dir = Path(self.git.text("rev-parse", "--absolute-git-dir"))
            if not (git_dir / "MERGE_HEAD").exists():
                raise self.refused(remote, branch, reason(tried.err))
            try:
                self.keep_both(incoming)
                self.keep_valid(before, incoming)
                self.commit("-m", message, parted=self.result.clash)
            finally:
                if (git_dir / "MERGE_HEAD").exists():
                    self.git.run("merge", "--abort", check=False)  # back to our own commit: nothing lost
        self.count(before, "HEAD", received=True)

    def holds_goaltui(self, commit: str) -> bool:
        """True when ``commit`` holds a goaltui folder: a goals.toml or a tap file."""
        files = self.git.files(commit)
        return any(path == goalsfile.FILENAME.encode() or tap_file_device(_decoded(path) or "") for path in files)

    def screen(self, base: str | None, theirs: str, name: str) -> str:
        """``theirs``, or a commit on top of it with every path that may not come in put back as it was in ``base``.

        Each refused path is named in ``result.refused``. A tap file of this
        device's that the remote added to means another machine writes under
        this device's name: ``result.clash``.
        """
        self._incoming = theirs  # its forget markers may rewrite a tap file (why_refused)
        changes = self.git.changes(base, theirs)
        sizes = self.git.sizes([c.new.sha for c in changes if c.new and c.new.mode in PLAIN_MODES])
        added = any(c.old is None for c in changes)
        known = self.known_names(theirs) if added and self.ignores_case() else {}
        put_back: dict[tuple[bytes, ...], Entry | None] = {}
        for change in changes:
            why = self.why_refused(change, sizes, known)
            if why:
                put_back[tuple(change.path.split(b"/"))] = change.old
                self.result.refused.append(f"{shown(_name(change.path))} ({why})")
            elif base is not None and change.new is not None and not self.result.clash:
                rel = _decoded(change.path)
                mine = rel is not None and tap_file_device(rel) == self.device
                self.result.clash = mine and not self.parted(base, theirs)
        if not put_back:
            return theirs
        tree = self.git.rewrite_tree(f"{theirs}^{{tree}}", put_back)
        message = f"{MARKER}: {self.device} refused from {name}: " + names([_name(b"/".join(k)) for k in put_back])
        trailer = f"{TRAILER}: {self.device}"
        screened = self.git.text(
            *self.ident(), "commit-tree", "--no-gpg-sign", tree, "-p", theirs, "-m", message, "-m", trailer
        )
        self._screened[theirs] = screened
        return screened

    def parted(self, base: str, theirs: str) -> bool:
        """True when the other machine writing under this device's name has found it too, and taken a new name."""
        found = self.git.run("log", f"--format=%(trailers:key={PARTED},valueonly)", f"{base}..{theirs}").text
        return self.device in found.split()

    def why_refused(self, change: Change, sizes: dict[str, int], known: dict[str, set[str]]) -> str | None:
        """Why the remote's ``change`` may not come in, in a few words; None when it may."""
        rel = _decoded(change.path)
        if change.new is None:
            kept = rel is not None and (rel == goalsfile.FILENAME or tap_file_device(rel) is not None)
            was_plain = change.old is not None and change.old.mode in PLAIN_MODES
            return "deleted: goaltui never deletes it" if kept and was_plain else None
        why = refusal(rel, change.new.mode)
        if why or rel is None:
            return why
        if sizes.get(change.new.sha, 0) > MAX_FILE:
            return "larger than any file of goaltui's"
        if change.old is None and _collides(rel, known):
            return "its name differs only in case from another"
        old = change.old
        if (
            tap_file_device(rel)
            and old
            and old.mode in PLAIN_MODES
            and not self.may_change(rel, self.blob(old.sha), self.blob(change.new.sha), self._incoming)
        ):
            return "lines taken out or changed: a tap file only grows"
        return None

    def may_change(self, rel: str, old: bytes, new: bytes, commit: str | None = None) -> bool:
        """How a tap or people file may change: it grows, or a forget marker here or in ``commit`` rewrote it."""
        if grows(old, new):
            return True
        from goaltui.store import forget

        markers = forget.read_markers(self.data)
        for path, entry in self.git.files(commit).items() if commit else ():
            name = _decoded(path)
            if name and name.startswith(f"{forget.FOLDER}/") and entry.mode in PLAIN_MODES:
                try:
                    markers.append(forget.parse_marker(name, self.blob(entry.sha)[:4096]))
                except (ValueError, UnicodeDecodeError):
                    continue
        return bool(markers) and forget.only_forgets(old, new, rel, forget.matcher(markers))

    def ignores_case(self) -> bool:
        """True when the data folder's disk takes ``.GIT`` for ``.git`` (macOS and Windows, as a rule)."""
        return (self.data / ".GIT").exists()

    def known_names(self, theirs: str) -> dict[str, set[str]]:
        """Every folder and file name in ``theirs`` and in HEAD, by how a disk that ignores case sees it."""
        paths = set(self.git.files(theirs))
        if self.git.ref("HEAD") is not None:
            paths |= set(self.git.files("HEAD"))
        known: dict[str, set[str]] = {}
        for path in paths:
            parts = _name(path).split("/")
            for i in range(1, len(parts) + 1):
                prefix = "/".join(parts[:i])
                known.setdefault(fold(prefix), set()).add(prefix)
        return known

    def refused(self, remote: str, branch: str, detail: str) -> SyncError:
        """git would not even start the merge (a file in the way, unrelated histories): what to do, in one line."""
        return SyncError(
            f"git could not merge {remote}/{branch} into {self.data}: {detail}; move such files away "
            f"or sort it out with git, then sync again ({_WAITS})"
        )

    def keep_both(self, theirs: str) -> None:
        """Settle every file git could not merge: a tap file gets both sides' lines; else ours stays, theirs a copy."""
        stages: dict[str, dict[int, str]] = {}
        for entry in self.git.run("ls-files", "-u", "-z").out.split(b"\0"):
            if entry:
                meta, _, path = entry.partition(b"\t")
                _mode, sha, stage = meta.decode("ascii").split()
                stages.setdefault(_name(path), {})[int(stage)] = sha
        for rel, blobs in stages.items():
            ours, other = blobs.get(2), blobs.get(3)
            if ours and other and tap_file_device(rel) is not None:
                self.write(rel, union(self.blob(other), self.blob(ours)))  # grows theirs: every device accepts it
                self.result.reread = True  # it does not grow ours: their lines came in before our last ones
                self.git.run("--literal-pathspecs", "add", "--", rel)
                continue
            if ours and other:
                self.keep_copy(rel, self.blob(other), self.their_device(rel, theirs))
            kept = ours or other
            if kept:
                self.write(rel, self.blob(kept))
                self.git.run("--literal-pathspecs", "add", "--", rel)
            else:
                self.git.run("--literal-pathspecs", "rm", "-q", "--cached", "--ignore-unmatch", "--", rel)

    def keep_valid(self, before: str, theirs: str) -> None:
        """A goals.toml or review git merged line by line into what goaltui cannot read: keep ours, copy theirs."""
        staged = self.git.run("diff", "--cached", "--name-only", "-z", before).out.split(b"\0")
        for rel in (_name(r) for r in staged if r):
            if rel != goalsfile.FILENAME and not _REVIEW_FILE.fullmatch(rel):
                continue
            ours = self.show(before, rel)
            other = self.show(theirs, rel)
            merged = self.read_plain(rel)
            path = self.data / rel
            if ours is None or other is None or merged is None:
                continue
            if not _readable(rel, merged, path) and _readable(rel, ours, path):
                self.keep_copy(rel, other, self.their_device(rel, theirs))
                self.write(rel, ours)
                self.git.run("--literal-pathspecs", "add", "--", rel)

    def keep_copy(self, rel: str, content: bytes, device: str) -> None:
        copy = conflicts.copy_path(self.data / rel, self.clock().date(), device)
        self.write(copy.relative_to(self.data).as_posix(), content)
        self.git.run("--literal-pathspecs", "add", "--", copy.relative_to(self.data).as_posix())
        self.result.conflicts.append(copy)

    def take_remote(self, tracking: str) -> None:
        """Check out what the remote holds over a plain folder, screened first; nothing of either side is hidden.

        A tap file on both sides gets the lines of both. Any other local file
        that differs (goals.toml the user wrote, a review) is kept as a copy.
        """
        theirs = self.git.text("rev-parse", "--verify", f"{tracking}^{{commit}}")
        if not self.holds_goaltui(theirs) and self.git.files(theirs):
            self._undo_init()
            raise SyncError(
                "the remote holds no goaltui folder (no goals.toml, no taps): give an empty repository, "
                "or one goaltui set up"
            )
        incoming = self.screen(None, theirs, tracking.removeprefix("refs/remotes/"))
        take = []
        today = self.clock().date()
        for path, entry in self.git.files(incoming).items():
            rel = _name(path)
            where = self.on_disk(rel)
            if where == "missing":
                take.append(rel)
                continue
            remote_bytes = self.blob(entry.sha)
            mine = self.read_plain(rel) if where == "file" else None
            if mine == remote_bytes:
                continue
            if mine is not None and tap_file_device(rel) is not None:
                merged = union(remote_bytes, mine)  # grows the remote's: the other devices take it as it is
                if merged != mine:
                    self.write(rel, merged)
                continue
            if rel == goalsfile.FILENAME and mine is not None and _is_unedited_starter(mine):
                take.append(rel)  # the starter a first run wrote: nothing of the user's in it
                continue
            copy = conflicts.copy_path(self.data / rel, today, self.device)
            os.rename(self.data / rel, copy)  # a link is moved itself, never what it points to
            self.result.conflicts.append(copy)
            take.append(rel)
        self.git.run("reset", "-q", incoming)
        if take:
            self.on_paths(take, "checkout", "-q")
        self.count(None, "HEAD", received=True)

    def push_until_accepted(self, remote: str, branch: str) -> None:
        """Push (no lock); when the remote moved meanwhile, fetch, merge and push again, a few times."""
        for _ in range(ATTEMPTS):
            tracking = f"refs/remotes/{remote}/{branch}"
            theirs = self.git.ref(tracking)
            if theirs is not None and self.git.succeeds("merge-base", "--is-ancestor", "HEAD", theirs):
                return  # nothing to send
            self.check_outgoing(theirs)
            pushed = self.git.run(
                "push", "--porcelain", "--no-verify", remote, f"HEAD:refs/heads/{branch}", network=True, check=False
            )
            if pushed.code == 0:
                # What this device sent: not the refused paths it put back on the remote.
                self.count(self._screened.get(theirs, theirs) if theirs else None, "HEAD", received=False)
                return
            refused = [line for line in pushed.text.splitlines() if line.startswith("!")]
            if not refused:
                raise SyncError(f"{self.network_problem(remote, reason(pushed.err))}; {_WAITS}")
            if not any(word in refused[0] for word in ("fetch first", "non-fast-forward")):
                why = refused[0].rpartition("\t")[2]  # "[remote rejected] (protected branch)": a rule over there
                raise SyncError(f"{self.address(remote)} would not take the push: {why}; {_WAITS}")
            problem = self.fetch(remote)
            if problem:
                raise SyncError(f"{problem}; {_WAITS}")
            with self.lock():
                self.check_ready(locked_now=True)
                self.merge(remote, branch)
        raise SyncError(f"{self.address(remote)} kept changing while this sync ran: {_WAITS}")

    def check_outgoing(self, theirs: str | None) -> None:
        """Refuse to push what no device would take in: a commit made by hand with a link or a file not goaltui's."""
        bad = []
        for change in self.git.changes(theirs, "HEAD"):
            why = refusal(_decoded(change.path), change.new.mode) if change.new is not None else None
            if why:
                bad.append(f"{shown(_name(change.path))} ({why})")
        if bad:
            raise SyncError(
                f"{self.data} has commits with what goaltui does not sync: {_listed(bad)}; take each out of git "
                f"with 'git -C {self.data} rm -r --cached -- PATH' and commit (the file stays on disk), "
                "then sync again"
            )

    # ------------------------------------------------------------------ helpers

    @contextmanager
    def lock(self) -> Iterator[None]:
        """The lock the tap log and goals.toml writer take: no tap is half-written while git works."""
        with locked(locations.lock_path(self.data)):
            yield

    def status(self, *, untracked: bool) -> list[tuple[str, str]]:
        """``(XY, path)`` for every changed path (both names of a rename)."""
        out = self.git.run(
            "status", "--porcelain=v1", "-z", f"--untracked-files={'all' if untracked else 'no'}", "--no-renames"
        ).out
        fields = out.split(b"\0")
        found = []
        i = 0
        while i < len(fields):
            entry = _name(fields[i])
            i += 1
            if len(entry) < 4:
                continue
            code, rel = entry[:2], entry[3:]
            found.append((code, rel))
            if "R" in code or "C" in code:
                found.append((code, _name(fields[i])))
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
                    f"{where} in {self.data} is not a folder (a symbolic link?) where goaltui keeps one: "
                    "move it out of the data folder, then sync again"
                )
        return folder

    def on_disk(self, rel: str) -> str:
        """What ``rel`` is here: "missing", "file" (a plain one), "a symbolic link" or "not a plain file"."""
        folder = self.folder_of(rel, make=False)
        try:
            mode = os.lstat(folder / rel.rpartition("/")[2]).st_mode if folder is not None else None
        except FileNotFoundError:
            mode = None
        if mode is None:
            return "missing"
        if stat.S_ISREG(mode):
            return "file"
        return "a symbolic link" if stat.S_ISLNK(mode) else "not a plain file"

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

    def count(self, start: str | None, end: str, *, received: bool) -> None:
        """Add what changed from ``start`` (None: nothing) to ``end`` to what was sent or received."""
        base = start or self.git.run("hash-object", "-t", "tree", "--stdin", data=b"").text
        out = self.git.run("diff", "--numstat", "-z", "--no-renames", base, end).out
        taps, files, copies = 0, [], []
        for entry in out.split(b"\0"):
            added, _, rest = _name(entry).partition("\t")
            rel = rest.partition("\t")[2]
            if not rel or any(rel == c.relative_to(self.data).as_posix() for c in self.result.conflicts):
                continue
            if conflicts.is_conflict(rel.rpartition("/")[2]):
                copies.append(self.data / rel)
                continue
            if tap_file_device(rel) is not None:
                deleted = rest.partition("\t")[0]  # a forget rewrites lines: the taps stay, none is new
                gained = int(added) - (int(deleted) if deleted.isdigit() else 0) if added.isdigit() else 0
                taps += max(0, gained) if rel.startswith("taps/") else 0
            elif rel not in files:
                files.append(rel)
        result = self.result
        if received:
            result.received_taps += taps
            result.received_files += [f for f in files if f not in result.received_files]
            result.conflicts += copies  # another device kept this one's version aside: tell this device too
            result.received = result.received or bool(taps or files or copies)
        else:
            result.sent_taps += taps
            result.sent_files += [f for f in files if f not in result.sent_files]

    def describe(self) -> str:
        """The one line of what happened: sent, received, conflict copies kept."""
        r = self.result
        parts = []
        sent = _what(r.sent_taps, r.sent_files)
        got = _what(r.received_taps, r.received_files)
        if sent:
            parts.append(f"sent {sent}")
        if got:
            parts.append(f"received {got}")
        if r.conflicts:
            names = ", ".join(c.relative_to(self.data).as_posix() for c in r.conflicts)
            parts.append(f"conflict copies kept: {names} (compare each with its file, keep what you need, delete it)")
        return "; ".join(parts) or "up to date"

    def address(self, remote: str) -> str:
        """Where ``remote`` points (its URL or path), to name it the way the user set it up."""
        return self.git.run("remote", "get-url", remote, check=False).text or remote

    def network_problem(self, remote: str, detail: str) -> str:
        return network_problem(self.address(remote), detail)

    def _undo_init(self) -> None:
        """Remove the .git this init made (before its first commit), so the folder is as it was."""
        import shutil

        shutil.rmtree(self.data / ".git", ignore_errors=True)


def network_problem(where: str, detail: str) -> str:
    """Why the remote at ``where`` could not be used (git's ``detail``), and what to do: login refused, or no way in."""
    low = detail.lower()
    refused = (
        *("authentication failed", "permission denied", "could not read username", "could not read password"),
        *("terminal prompts disabled", "access denied", "error: 403", "error: 401", "host key verification"),
    )
    if any(word in low for word in refused):
        return f"{where} refused the login ({detail}): check your SSH key or access token, then sync again"
    return f"could not reach {where} ({detail}): check the address and your connection, then sync again"


def _pick_branch(heads: dict[str, str]) -> str:
    """The remote's branch to follow: what its HEAD names, else main, else master, else the first; main if empty."""
    if "HEAD" in heads:
        return heads["HEAD"]
    for name in ("main", "master"):
        if name in heads:
            return name
    return min(heads) if heads else "main"


def _what(taps: int, files: list[str]) -> str:
    """``4 taps and goals.toml``."""
    items = [f"{taps} tap{'s' if taps != 1 else ''}"] if taps else []
    items += files if len(files) <= 3 else [f"{len(files)} files"]
    return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def _listed(items: list[str]) -> str:
    """``a (why), b (why), c (why) and 2 more``: items already shown safely."""
    return ", ".join(items[:3]) + (f" and {len(items) - 3} more" if len(items) > 3 else "")


def _decoded(path: bytes) -> str | None:
    """A path git gave as bytes, as text; None when it is not UTF-8."""
    try:
        return path.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _name(path: bytes) -> str:
    """A path git gave as bytes, as text whatever it holds (bytes that are not UTF-8 kept as surrogates)."""
    return path.decode("utf-8", "surrogateescape")


def _collides(rel: str, known: dict[str, set[str]]) -> bool:
    """True when ``rel`` or a folder on its way is another name on a disk that ignores case."""
    parts = rel.split("/")
    for i in range(1, len(parts) + 1):
        prefix = "/".join(parts[:i])
        if known.get(fold(prefix), set()) - {prefix}:
            return True
    return False


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8", "replace")
    except OSError:
        return ""


def _readable(rel: str, content: bytes, path: Path) -> bool:
    """True when goaltui can use ``content`` as ``rel``: valid goals for goals.toml, valid TOML for a review."""
    try:
        text = content.decode("utf-8")
        if rel == goalsfile.FILENAME:
            goalsfile.parse_text(path, text)
        else:
            tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, goalsfile.GoalsFileError):
        return False
    return True


def _is_unedited_starter(content: bytes) -> bool:
    """True for a goals.toml exactly as a first run wrote it."""
    text = content.decode("utf-8", "replace")
    found = re.search(r"^start = (\d{4}-\d{2}-\d{2})$", text, re.MULTILINE)
    if found is None:
        return False
    try:
        return text == goalsfile.starter_text(date.fromisoformat(found.group(1)))
    except ValueError:
        return False

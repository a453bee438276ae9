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
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from goaltui import lang
from goaltui.lang import _
from goaltui.store import conflicts, goalsfile, locations
from goaltui.store.git import NETWORK_TIMEOUT, Git, GitFailed, GitMissing, reason
from goaltui.store.syncdisk import FILE, MARKER, MISSING, PARTED, TRAILER, SyncError, as_text, decoded
from goaltui.store.syncremote import Remote, pick_branch, remote_address
from goaltui.store.syncresult import UP_TO_DATE, SyncResult, waits, what
from goaltui.store.syncrules import is_synced_file, listed, refusal, shown, tap_file_device, union
from goaltui.store.syncscreen import Screening

Clock = Callable[[], datetime]

ATTEMPTS = 3  # pushes tried while the remote keeps moving


class NeedsRemote(ValueError):
    """``init`` without a remote, in a folder that has none: bad usage."""


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
        return _failed(
            session, _("{error}: sort it out with git in {folder}, then sync again").format(error=err, folder=data_dir)
        )
    except OSError as err:
        return _failed(
            session,
            _("{path}: {reason}; nothing was lost").format(path=err.filename or data_dir, reason=err.strerror or err),
        )
    except NeedsRemote:
        raise  # bad usage: the command line says so
    except ValueError as err:  # git gave what goaltui did not foresee (text that is not UTF-8, say): a bug of ours
        what = (str(err).splitlines() or [type(err).__name__])[0]
        return _failed(
            session, _("{error}; nothing was lost: sync again, and if this comes back, report it").format(error=what)
        )


def _failed(session: _Session | None, error: str) -> SyncResult:
    result = session.result if session is not None else SyncResult()
    done = session.describe() if session is not None else ""
    result.ok = False
    error = shown(error)  # git's words may carry a remote's: no control character reaches a terminal
    result.summary = (
        _("{done}; but {error}").format(done=done, error=error) if done and done != _(UP_TO_DATE) else error
    )
    return result


class _Session(Screening, Remote):
    """One sync of one data folder: the steps; the parts they use are in syncdisk, syncscreen and syncremote."""

    def __init__(self, data_dir: Path, device: str, clock: Clock, network_timeout: float) -> None:
        try:
            self.git = Git(data_dir, network_timeout=network_timeout)
        except GitMissing:
            raise SyncError(_("git is not installed (or not on PATH): install git, then sync again")) from None
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
            raise SyncError(
                _("{folder} is not set up for sync yet: run 'goaltui sync init REMOTE' first").format(folder=self.data)
            )
        return self.sync()

    def set_up(self, remote: str | None) -> SyncResult:
        locations.ensure_dir(self.data)
        if self.git.is_own_repository():
            self.adopt(remote)
            return self.sync()
        if not remote:
            raise NeedsRemote(_("give the remote to sync with: goaltui sync init REMOTE"))
        return self.clone_into(remote)

    def sync(self) -> SyncResult:
        self.check_ready(locked_now=False)
        remote, branch = self.upstream()
        fetch_error = self.fetch(remote)
        with self.lock():
            self.check_ready(locked_now=True)
            self.commit_local()
            if fetch_error:
                raise SyncError(waits(fetch_error))
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
                        _(
                            "{folder} already syncs with {current}: to change it run "
                            "'git -C {folder} remote set-url origin {remote}', then sync again"
                        ).format(folder=self.data, current=current, remote=remote)
                    )
            else:
                self.git.run("remote", "add", "origin", address)
        elif not remotes:
            raise NeedsRemote(
                _("{folder} is a git repository with no remote: goaltui sync init REMOTE adds one").format(
                    folder=self.data
                )
            )

    def clone_into(self, remote: str) -> SyncResult:
        """Turn a plain folder (empty or with goals and taps) into a working copy of ``remote``, then push."""
        address = remote_address(remote)
        heads = self.remote_heads(address)
        branch = pick_branch(heads)
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
        self.result.summary = _("{folder} now syncs with {address}: {done}").format(
            folder=self.data, address=address, done=self.describe()
        )
        return self.result

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

    def stamp(self) -> str:
        """This device's local time, for a commit message."""
        return self.clock().astimezone().strftime("%Y-%m-%d %H:%M %z")

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
                _(
                    "{address} holds another history than {folder}, and no goaltui folder: check the "
                    "address with 'git -C {folder} remote -v' (change it with 'git -C {folder} remote set-url "
                    "{remote} ADDRESS'), then sync again; your changes are committed here"
                ).format(address=self.address(remote), folder=self.data, remote=remote)
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

    def refused(self, remote: str, branch: str, detail: str) -> SyncError:
        """git would not even start the merge (a file in the way, unrelated histories): what to do, in one line."""
        return SyncError(
            _(
                "git could not merge {remote}/{branch} into {folder}: {detail}; move such files away "
                "or sort it out with git, then sync again (your changes are committed here and go with the next sync)"
            ).format(remote=remote, branch=branch, folder=self.data, detail=detail)
        )

    def take_remote(self, tracking: str) -> None:
        """Check out what the remote holds over a plain folder, screened first; nothing of either side is hidden.

        A tap file on both sides gets the lines of both. Any other local file
        that differs (goals.toml the user wrote, a review) is kept as a copy.
        """
        theirs = self.git.text("rev-parse", "--verify", f"{tracking}^{{commit}}")
        if not self.holds_goaltui(theirs) and self.git.files(theirs):
            self._undo_init()
            raise SyncError(
                _(
                    "the remote holds no goaltui folder (no goals.toml, no taps): give an empty repository, "
                    "or one goaltui set up"
                )
            )
        incoming = self.screen(None, theirs, tracking.removeprefix("refs/remotes/"))
        take = []
        today = self.clock().date()
        for path, entry in self.git.files(incoming).items():
            rel = as_text(path)
            where = self.on_disk(rel)
            if where == MISSING:
                take.append(rel)
                continue
            remote_bytes = self.blob(entry.sha)
            mine = self.read_plain(rel) if where == FILE else None
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
        for _attempt in range(ATTEMPTS):
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
                raise SyncError(waits(self.network_problem(remote, reason(pushed.err))))
            if not any(word in refused[0] for word in ("fetch first", "non-fast-forward")):
                why = refused[0].rpartition("\t")[2]  # "[remote rejected] (protected branch)": a rule over there
                raise SyncError(
                    waits(_("{address} would not take the push: {why}").format(address=self.address(remote), why=why))
                )
            problem = self.fetch(remote)
            if problem:
                raise SyncError(waits(problem))
            with self.lock():
                self.check_ready(locked_now=True)
                self.merge(remote, branch)
        raise SyncError(
            _(
                "{address} kept changing while this sync ran: your changes are committed here and go with the next sync"
            ).format(address=self.address(remote))
        )

    def check_outgoing(self, theirs: str | None) -> None:
        """Refuse to push what no device would take in: a commit made by hand with a link or a file not goaltui's."""
        bad = []
        for change in self.git.changes(theirs, "HEAD"):
            why = refusal(decoded(change.path), change.new.mode) if change.new is not None else None
            if why:
                bad.append(f"{shown(as_text(change.path))} ({why})")
        if bad:
            raise SyncError(
                _(
                    "{folder} has commits with what goaltui does not sync: {paths}; take each out of git "
                    "with 'git -C {folder} rm -r --cached -- PATH' and commit (the file stays on disk), "
                    "then sync again"
                ).format(folder=self.data, paths=listed(bad))
            )

    # ------------------------------------------------------------------ helpers

    def count(self, start: str | None, end: str, *, received: bool) -> None:
        """Add what changed from ``start`` (None: nothing) to ``end`` to what was sent or received."""
        base = start or self.git.run("hash-object", "-t", "tree", "--stdin", data=b"").text
        out = self.git.run("diff", "--numstat", "-z", "--no-renames", base, end).out
        taps, files, copies = 0, [], []
        for entry in out.split(b"\0"):
            added, _sep, rest = as_text(entry).partition("\t")
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
        sent = what(r.sent_taps, r.sent_files)
        got = what(r.received_taps, r.received_files)
        if sent:
            parts.append(_("sent {what}").format(what=sent))
        if got:
            parts.append(_("received {what}").format(what=got))
        if r.conflicts:
            copies = ", ".join(c.relative_to(self.data).as_posix() for c in r.conflicts)
            parts.append(
                _("conflict copies kept: {copies} (compare each with its file, keep what you need, delete it)").format(
                    copies=copies
                )
            )
        return "; ".join(parts) or _(UP_TO_DATE)

    def _undo_init(self) -> None:
        """Remove the .git this init made (before its first commit), so the folder is as it was."""
        import shutil

        shutil.rmtree(self.data / ".git", ignore_errors=True)


def _is_unedited_starter(content: bytes) -> bool:
    """True for a goals.toml exactly as a first run wrote it."""
    text = content.decode("utf-8", "replace")
    found = re.search(r"^start = (\d{4}-\d{2}-\d{2})$", text, re.MULTILINE)
    if found is None:
        return False
    try:
        start = date.fromisoformat(found.group(1))
        return any(text == goalsfile.starter_text(start, lang.words_in(code)) for code in lang.NAMES)
    except ValueError:
        return False

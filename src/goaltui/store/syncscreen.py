"""What a remote brings, screened before any of it is merged, and what git could not merge, settled.

Each path the remote changed is looked at as git trees (store/syncrules.py
has the rules): one that may not come in is put back as this device has it,
in a commit made on top of the remote's, and named in the sync's result. A
tap file of this device's that the remote added to means another machine
writes under this device's name. A tap file that lost lines here since the
last sync is restored before it is committed: a tap file only grows, unless
a forget marker rewrote it.

After the merge, a file git could not merge keeps this device's version and
the other's beside it as a conflict copy; a tap file gets both sides' lines,
and a goals.toml or review merged line by line into what goaltui cannot read
keeps this device's version. Nothing here imports Textual.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from goaltui.lang import _
from goaltui.store import conflicts, goalsfile
from goaltui.store.git import Change, Entry
from goaltui.store.syncdisk import MARKER, PARTED, TRAILER, WorkingCopy, as_text, decoded
from goaltui.store.syncrules import MAX_FILE, PLAIN_MODES, fold, grows, names, refusal, shown, tap_file_device, union

_REVIEW_FILE = re.compile(r"reviews/[^/]+\.toml")


class Screening(WorkingCopy):
    """Screening what a remote brings, and settling what git could not merge."""

    def holds_goaltui(self, commit: str) -> bool:
        """True when ``commit`` holds a goaltui folder: a goals.toml or a tap file."""
        files = self.git.files(commit)
        return any(path == goalsfile.FILENAME.encode() or tap_file_device(decoded(path) or "") for path in files)

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
                self.result.refused.append(f"{shown(as_text(change.path))} ({why})")
            elif base is not None and change.new is not None and not self.result.clash:
                rel = decoded(change.path)
                mine = rel is not None and tap_file_device(rel) == self.device
                self.result.clash = mine and not self.parted(base, theirs)
        if not put_back:
            return theirs
        tree = self.git.rewrite_tree(f"{theirs}^{{tree}}", put_back)
        put = [as_text(b"/".join(k)) for k in put_back]
        message = f"{MARKER}: {self.device} refused from {name}: " + names(put, english=True)  # git's, not the user's
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
        rel = decoded(change.path)
        if change.new is None:
            kept = rel is not None and (rel == goalsfile.FILENAME or tap_file_device(rel) is not None)
            was_plain = change.old is not None and change.old.mode in PLAIN_MODES
            return _("deleted: goaltui never deletes it") if kept and was_plain else None
        why = refusal(rel, change.new.mode)
        if why or rel is None:
            return why
        if sizes.get(change.new.sha, 0) > MAX_FILE:
            return _("larger than any file of goaltui's")
        if change.old is None and _collides(rel, known):
            return _("its name differs only in case from another")
        old = change.old
        if (
            tap_file_device(rel)
            and old
            and old.mode in PLAIN_MODES
            and not self.may_change(rel, self.blob(old.sha), self.blob(change.new.sha), self._incoming)
        ):
            return _("lines taken out or changed: a tap file only grows")
        return None

    def may_change(self, rel: str, old: bytes, new: bytes, commit: str | None = None) -> bool:
        """How a tap or people file may change: it grows, or a forget marker here or in ``commit`` rewrote it."""
        if grows(old, new):
            return True
        from goaltui.store import forget

        markers = forget.read_markers(self.data)
        for path, entry in self.git.files(commit).items() if commit else ():
            name = decoded(path)
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
            parts = as_text(path).split("/")
            for i in range(1, len(parts) + 1):
                prefix = "/".join(parts[:i])
                known.setdefault(fold(prefix), set()).add(prefix)
        return known

    def keep_both(self, theirs: str) -> None:
        """Settle every file git could not merge: a tap file gets both sides' lines; else ours stays, theirs a copy."""
        stages: dict[str, dict[int, str]] = {}
        for entry in self.git.run("ls-files", "-u", "-z").out.split(b"\0"):
            if entry:
                meta, _sep, path = entry.partition(b"\t")
                _mode, sha, stage = meta.decode("ascii").split()
                stages.setdefault(as_text(path), {})[int(stage)] = sha
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
        for rel in (as_text(r) for r in staged if r):
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


def _collides(rel: str, known: dict[str, set[str]]) -> bool:
    """True when ``rel`` or a folder on its way is another name on a disk that ignores case."""
    parts = rel.split("/")
    for i in range(1, len(parts) + 1):
        prefix = "/".join(parts[:i])
        if known.get(fold(prefix), set()) - {prefix}:
            return True
    return False


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

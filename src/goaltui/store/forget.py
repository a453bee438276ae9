"""`goaltui forget NAME`: a person's name, details and notes erased from this device's files, and a marker for the rest.

The tap log and the people log only ever grow, except here. Forgetting
rewrites this device's own month files atomically, under the data folder's
lock: a tap that named the person keeps its count and loses ``who`` and
``note`` (and so does a note line added to it later); a touch of theirs goes.
It leaves a marker that holds no name, only a salted hash of it::

    forgotten/3f2a1c9b0d4e5f60.toml
    salt = "b1946ac92492d2347c6235b4d2611184"
    sha256 = "…"
    device = "laptop-3f2a1c"
    at = 2026-11-23T09:00:00+01:00

Every device, at its next start, hashes the names in its own files with each
marker's salt and rewrites the ones that match, by the same rule. Git sync
accepts a change to a tap or people file that is exactly that rule applied
(:func:`only_forgets`); any other change that does not grow a file is still
refused.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from goaltui.lang import _
from goaltui.model.names import name_key
from goaltui.model.record import record
from goaltui.store import files, locations, tapmonth
from goaltui.store.durable import atomic_write, locked
from goaltui.store.tap import Tap, parse_line

FOLDER = "forgotten"
MARKER_FILE = re.compile(r"[0-9a-f]{16}\.toml")
_MARKER_LIMIT = 4096
_HEX = re.compile(r"[0-9a-f]{32,64}")


@record
class Marker:
    """A forgotten name: its salted hash, never the name."""

    id: str
    salt: str
    sha256: str

    def matches(self, who: str) -> bool:
        return bool(who) and digest(self.salt, who) == self.sha256


def digest(salt: str, who: str) -> str:
    import hashlib  # loaded once a marker is found: every start looks for markers, few find one (about 2 ms)

    return hashlib.sha256(f"{salt}\n{name_key(who)}".encode()).hexdigest()


def matcher(markers: list[Marker]) -> Callable[[str], bool]:
    """True for a name one of ``markers`` forgets."""
    return lambda who: any(m.matches(who) for m in markers)


def parse_marker(rel: str, data: bytes) -> Marker:
    """The marker in ``forgotten/<id>.toml``; ``ValueError`` for anything else."""
    name = rel.rsplit("/", 1)[-1]
    if not MARKER_FILE.fullmatch(name):
        raise ValueError(_("not a marker's name"))
    doc = tomllib.loads(data.decode("utf-8"))
    salt, sha = doc.get("salt"), doc.get("sha256")
    if not isinstance(salt, str) or not isinstance(sha, str) or not _HEX.fullmatch(salt) or len(sha) != 64:
        raise ValueError(_("salt and sha256 are not hex digests"))
    return Marker(name[:16], salt, sha)


def marker_ids(data_dir: Path) -> list[str]:
    """The ids of the markers in the data folder, by their file names alone."""
    try:
        with os.scandir(data_dir / FOLDER) as it:
            return sorted(e.name[:16] for e in it if MARKER_FILE.fullmatch(e.name))
    except OSError:
        return []


def read_markers(data_dir: Path, problems: list[str] | None = None, ids: list[str] | None = None) -> list[Marker]:
    """Every marker in the data folder (or those of ``ids``): plain files only, never through a link."""
    markers = []
    for id in marker_ids(data_dir) if ids is None else ids:
        rel = f"{FOLDER}/{id}.toml"
        try:
            data, _st = files.read_file(data_dir, rel, _MARKER_LIMIT)
            markers.append(parse_marker(rel, data))
        except (OSError, ValueError, UnicodeDecodeError) as err:
            if problems is not None:
                problems.append(_("{path}: skipped: not a forget marker ({error})").format(path=rel, error=err))
    return markers


# --------------------------------------------------------------------------- the rule


def _is_people(rel: str) -> bool:
    return rel.startswith("people/")


def _forgotten_keys(lines: list[bytes], forgets: Callable[[str], bool]) -> set[str]:
    """The keys of the tap lines that name someone forgotten."""
    keys = set()
    for line in lines:
        tap = _tap(line)
        if tap is not None and forgets(tap.who):
            keys.add(tap.for_key or tap.key)  # a name given later, on a note line: the tap it names
    return keys


def _tap(line: bytes) -> Tap | None:
    try:
        return parse_line(line.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None


def _forget_line(line: bytes, rel: str, forgets: Callable[[str], bool], keys: set[str]) -> bytes | None:
    """The line as forgetting leaves it (b"" for a touch that goes); None when forgetting leaves it as it is."""
    if _is_people(rel):
        from goaltui.store.peoplelog import parse_touch

        try:
            touch = parse_touch(line.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None
        return b"" if touch is not None and forgets(touch.who) else None
    tap = _tap(line)
    if tap is None or not (forgets(tap.who) or ((tap.for_key or tap.key) in keys and tap.note)):
        return None
    kept = Tap(tap.at, tap.metric, tap.n, tap.day, "", tap.for_key, "")
    return kept.to_line().encode("utf-8").rstrip(b"\n")


def forget_bytes(data: bytes, rel: str, forgets: Callable[[str], bool]) -> bytes:
    """A tap or people month file with everything of the forgotten names taken out; counts stay."""
    lines = data.split(b"\n")
    keys = set() if _is_people(rel) else _forgotten_keys(lines, forgets)
    out = []
    for i, line in enumerate(lines):
        new = _forget_line(line, rel, forgets, keys) if i < len(lines) - 1 else None  # a torn end stays as it is
        if new is None:
            out.append(line)
        elif new:
            out.append(new)
    return b"\n".join(out)


def only_forgets(old: bytes, new: bytes, rel: str, forgets: Callable[[str], bool]) -> bool:
    """True when ``new`` is ``old`` with some forgotten lines rewritten by the rule, then perhaps more lines."""
    if new.startswith(old):
        return True
    lines = old.split(b"\n")
    if lines[-1]:
        return False  # a torn end: only growing is allowed
    lines.pop()
    keys = set() if _is_people(rel) else _forgotten_keys(lines, forgets)
    pos = 0
    for line in lines:
        whole = line + b"\n"
        if new.startswith(whole, pos):
            pos += len(whole)
            continue
        forgotten = _forget_line(line, rel, forgets, keys)
        if forgotten is None:
            return False
        if forgotten:
            if not new.startswith(forgotten + b"\n", pos):
                return False
            pos += len(forgotten) + 1
    return True


# --------------------------------------------------------------------------- doing it


@record(frozen=False)
class Forgotten:
    """What forgetting changed: this device's files rewritten, and the lines that lost the name."""

    files: list[str]
    taps: int  # lines of the tap log that lost the name (their counts stay)
    touches: int  # lines of the people log taken out


def forget(data_dir: Path, name: str, device: str, now: datetime) -> Forgotten:
    """Leave a marker for ``name``, then erase it from this device's files and caches."""
    import secrets  # only here: not loaded at every start

    salt = secrets.token_hex(16)
    marker = Marker(secrets.token_hex(8), salt, digest(salt, name))
    text = (
        "# goaltui forget: a name was erased here; every device erases it from its own files\n"
        f'salt = "{marker.salt}"\nsha256 = "{marker.sha256}"\ndevice = "{device}"\n'
        f"at = {now.isoformat(timespec='seconds')}\n"
    )
    with locked(locations.lock_path(data_dir)):
        files.replace_file(data_dir, f"{FOLDER}/{marker.id}.toml", text.encode())
    done = apply_markers(data_dir, device, [marker])
    scrub_device_folders(data_dir, name)
    return done


def apply_markers(data_dir: Path, device: str, markers: list[Marker] | None = None) -> Forgotten:
    """Rewrite this device's own month files by every marker (or ``markers``) not yet applied here."""
    result = Forgotten([], 0, 0)
    ids = marker_ids(data_dir) if markers is None else [m.id for m in markers]
    if not ids:
        return result  # the common case: one listing of a folder that is not there
    record = _applied_path(data_dir)
    applied = _applied(record)
    if markers is None:
        markers = read_markers(data_dir, ids=[id for id in ids if id not in applied])
    todo = [m for m in markers if m.id not in applied]
    if not todo:
        return result
    forgets = matcher(todo)
    with locked(locations.lock_path(data_dir)):
        for top in ("taps", "people"):
            for _path, rel, _st in tapmonth.month_files(data_dir, top, [], []):
                if rel.split("/")[1] != device:
                    continue
                data, _st = files.read_file(data_dir, rel, files.TAP_FILE_LIMIT)
                new = forget_bytes(data, rel, forgets)
                if new != data:
                    files.replace_file(data_dir, rel, new)
                    result.files.append(rel)
                    before, after = data.split(b"\n"), new.split(b"\n")
                    if top == "people":
                        result.touches += len(before) - len(after)
                    else:
                        result.taps += sum(a != b for a, b in zip(before, after, strict=True))
    atomic_write(record, "\n".join(sorted(applied | {m.id for m in todo})).encode() + b"\n")
    return result


def _applied_path(data_dir: Path) -> Path:
    return locations.ensure_dir(locations.state_dir()) / f"forgotten-{locations.data_key(data_dir)}.txt"


def _applied(path: Path) -> set[str]:
    try:
        return {line for line in path.read_text("utf-8").split() if MARKER_FILE.fullmatch(f"{line}.toml")}
    except (OSError, UnicodeDecodeError):
        return set()


def scrub_device_folders(data_dir: Path, name: str) -> list[Path]:
    """Drop what this device keeps of ``name`` beside the data: a cache holding it goes, a crash report loses it."""
    needle = name.encode("utf-8")
    touched = []
    for folder in (locations.cache_dir(), locations.state_dir()):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_symlink() or not path.is_file():
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if needle not in data:
                continue
            if folder == locations.cache_dir():
                path.unlink()
            else:
                atomic_write(path, data.replace(needle, b"<forgotten>"))
            touched.append(path)
    return touched

"""The month files of the tap log (and the people log): finding every device's, and reading one into taps.

A month file is read line by line, so one bad line costs only itself, and
the result is what reading the whole text as TOML gives whenever that
succeeds (see ``parse_bytes``). Each line is checked by store/tap.py.

On the path of `goaltui log`: it imports only the standard library it needs.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from goaltui.lang import N_, _
from goaltui.store import files
from goaltui.store.conflicts import is_conflict
from goaltui.store.tap import FIRST_YEAR, MONTH_FILE, month_of, one_pair, tap_fields, tap_of, written


class Parsed:
    """What one read of a file found (a plain class: dataclasses cost import time on the quick path)."""

    __slots__ = ("consumed", "low", "plain", "problems", "taps", "top", "torn")

    def __init__(self, taps: list[Any], problems: list[str], consumed: int) -> None:
        self.taps = taps
        self.problems = problems
        self.consumed = consumed  # bytes taken: every complete line, plus a trailing fragment that was a whole tap
        # Read line by line with no line that could open a statement spanning lines: reading more bytes
        # after these reads the same lines the same way (see TapLog.read).
        self.plain = False
        self.low = self.top = ""  # the least and greatest key taken (as text)
        self.torn = False  # the last problem is the last line's, which had no newline yet


def parse_month(data: bytes, rel: str, make: Callable[[str, Any, date | None], Any] | None = None) -> Parsed:
    """The lines of a month file made by ``make`` (taps by default; touches for the people log), bad lines reported."""
    return parse_bytes(data, rel, make=make)


_SPANS_LINES = ("[", '"""', "'''")  # how TOML goes on past a line: an array, a table, a multi-line string


# What a line of a tap file, and of a people file, is not when it is skipped (a repeated key: the line it repeats).
_NOT_A_TAP = (
    N_("{path}:{line}: skipped a line that is not a tap: {reason}"),
    N_("{path}:{line}: skipped a line that is not a tap: its key {key} repeats line {other}"),
)
_NOT_A_TOUCH = (
    N_("{path}:{line}: skipped a line that is not a touch: {reason}"),
    N_("{path}:{line}: skipped a line that is not a touch: its key {key} repeats line {other}"),
)


def could_not_read(rel: str, err: OSError) -> str:
    """``REL: could not read the file: REASON``, for a month file the system would not read."""
    return _("{path}: could not read the file: {reason}").format(path=rel, reason=err.strerror or err)


def parse_bytes(data: bytes, rel: str, first_line: int = 1, make: Callable[..., Any] | None = None) -> Parsed:
    """The taps in ``data`` (whole lines of a month file), with a problem line for each bad line.

    Line by line, so one bad line costs only itself: a line in the form the
    writers write is read by the reader made for it (store/lineread.py), any
    other by tomllib. The result is the same as reading the whole text as TOML
    whenever that succeeds; a line that might make the two differ (one that
    could go on past its line, or one whose key another line holds too) has the
    whole text read as TOML first. A trailing fragment without a newline is taken only if it is a
    whole tap (a write in progress or a torn write is left alone).
    """
    month = month_of(rel)
    make = make or tap_of
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # never TOML as a whole: each line for itself
        return _by_line(data.split(b"\n"), rel, first_line, month, make)[0]
    lines = text.split("\n")
    quick = _all_written(lines, len(data), month, make)
    if quick is not None:
        return quick
    parsed, tangled = _by_line(lines, rel, first_line, month, make, data.isascii())
    # With nothing to skip, a last comment or blank without its newline is taken as the whole text takes it.
    if tangled or (not parsed.problems and parsed.consumed < len(data)):
        try:
            doc = tomllib.loads(text)
            return Parsed([make(key, value, month) for key, value in doc.items()], [], len(data))
        except ValueError:  # not TOML, or not taps: line by line it is
            pass
    return parsed


def _all_written(lines: list[str], size: int, month: date | None, make: Callable[..., Any]) -> Parsed | None:
    """The taps of ``lines`` (``size`` bytes), whole lines each blank or a good tap in the writers' form; else None.

    The common case, read as _by_line would read it, with less to do a line.
    """
    if lines[-1]:
        return None  # a last line without its newline
    decode = written
    taps: list[Any] = []
    keys: set[str] = set()
    for raw in lines:
        if not raw:
            continue
        pair = decode(raw)
        if pair is None:
            return None
        key, value = pair
        try:
            taps.append(make(key, value, month))
        except ValueError:
            return None
        keys.add(key)
    if len(keys) != len(taps):
        return None  # a key repeats
    parsed = Parsed(taps, [], size)
    parsed.plain = True
    if keys:
        parsed.low, parsed.top = min(keys), max(keys)
    return parsed


def _by_line(
    lines: Sequence[str | bytes],
    rel: str,
    first_line: int,
    month: date | None,
    make: Callable[..., Any],
    ascii: bool = False,
) -> tuple[Parsed, bool]:
    """The lines read one by one (see parse_bytes), and whether the whole text as TOML might read otherwise.

    ``ascii``: the lines are text of one byte a character.
    """
    not_one, repeats = _NOT_A_TAP if make is tap_of or make is tap_fields else _NOT_A_TOUCH
    taps: list[Any] = []
    problems: list[str] = []
    keys: dict[str, int] = {}  # the line of each key taken
    held: dict[str, bool] = {}  # every key on a line, and whether a line not in the writers' form holds it
    tangled = False  # a line could go on past its end, or a key is on two lines, one not in the writers' form
    plain = isinstance(lines[0], str)  # see Parsed.plain
    torn = False
    last = len(lines) - 1
    consumed = pos = 0
    for i, raw in enumerate(lines):
        lineno = first_line + i
        complete = i < last
        end = pos + (len(raw) if ascii or isinstance(raw, bytes) else len(raw.encode())) + complete
        entry: tuple[str, Any] | None = None
        reason = ""
        try:
            text = raw.strip() if isinstance(raw, str) else raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            text, reason = "", _("not UTF-8 text")
        pair = written(text) if text and text[0] != "#" else None
        odd = pair is None and bool(text) and text[0] != "#"  # not the writers' form, nor blank, nor a comment
        unsure = False  # what the bytes after this line could change
        if odd:
            unsure = any(mark in text for mark in _SPANS_LINES)
            tangled = tangled or unsure
            try:
                pair = one_pair(text)
                if pair is None:
                    reason = _("expected one tap on the line")
            except ValueError as err:
                reason = str(err)
        if pair is not None:
            key, value = pair
            if key in held and (odd or held[key]):
                tangled = True
            held[key] = held.get(key, False) or odd
            unsure = unsure or odd  # a line tomllib reads that the writers never write
            try:
                entry = key, make(key, value, month)
            except ValueError as err:
                reason = str(err)
        if reason:
            if complete:
                problems.append(_(not_one).format(path=rel, line=lineno, reason=reason))
                consumed = end
            else:
                problems.append(
                    _("{path}:{line}: skipped an incomplete last line (an interrupted write?): {reason}").format(
                        path=rel, line=lineno, reason=reason
                    )
                )
                torn = True
        elif entry is not None:
            key, tap = entry
            if key in keys:
                problems.append(_(repeats).format(path=rel, line=lineno, key=key, other=keys[key]))
            else:
                keys[key] = lineno
                taps.append(tap)
            consumed = end
        elif complete:
            consumed = end
        if unsure and consumed == end:
            plain = False
        pos = end
    parsed = Parsed(taps, problems, consumed)
    parsed.plain, parsed.torn = plain, torn
    if keys:
        parsed.low, parsed.top = min(keys), max(keys)
    return parsed, tangled


def device_folders(data_dir: Path, top: str, problems: list[str], conflicts: list[Path]) -> list[str]:
    """The device folders under ``top`` (taps, people), sorted; conflict copies go to ``conflicts``."""
    try:
        with os.scandir(data_dir / top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except FileNotFoundError:
        return []
    except OSError as err:
        problems.append(_could_not_list(top, err))
        return []
    devices = []
    for entry in entries:
        if is_conflict(entry.name):
            conflicts.append(Path(entry.path))
        elif entry.name.startswith("."):
            continue
        elif entry.is_symlink():
            problems.append(str(files.refusal(f"{top}/{entry.name}", 0o120000)))
        elif entry.is_dir(follow_symlinks=False):
            devices.append(entry.name)
    return devices


def _could_not_list(folder: str, err: OSError) -> str:
    return _("{folder}: could not list the folder: {reason}").format(folder=folder, reason=err.strerror)


def month_files(
    data_dir: Path, top: str, problems: list[str], conflicts: list[Path]
) -> list[tuple[Path, str, os.stat_result]]:
    """Every month file of every device under ``top``: ``(path, path relative to the data dir, stat)``."""
    found = []
    for device in device_folders(data_dir, top, problems, conflicts):
        folder = data_dir / top / device
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            problems.append(_could_not_list(f"{top}/{device}", err))
            continue
        for entry in entries:
            if is_conflict(entry.name):
                conflicts.append(Path(entry.path))
            elif MONTH_FILE.fullmatch(entry.name):
                rel = f"{top}/{device}/{entry.name}"
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not stat.S_ISREG(st.st_mode):  # a link, a pipe, a device: never opened
                    problems.append(str(files.refusal(rel, st.st_mode)))
                elif month_of(entry.name) is None:
                    problems.append(
                        _("{path}: skipped: no month of the years {first} to {last}").format(
                            path=rel, first=FIRST_YEAR, last=9998
                        )
                    )
                elif st.st_size > files.TAP_FILE_LIMIT:
                    problems.append(str(files.too_large(rel, st.st_size, files.TAP_FILE_LIMIT)))
                else:
                    found.append((Path(entry.path), rel, st))
    return found

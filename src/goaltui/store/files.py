"""Files in a folder that others can write to: the data folder, a member's folder.

A synced remote, a sync tool or a teammate may have put anything there: a
symlink to ``~/.bashrc``, a FIFO that never answers, a link to ``/dev/zero``,
a file of a gigabyte. Everything goaltui reads or writes below such a folder
goes through here:

- every folder on the way is opened with ``O_NOFOLLOW`` from the folder itself
  (the root is the user's choice and trusted), so neither a linked file nor a
  linked folder on the way leads outside;
- the file is opened with ``O_NOFOLLOW | O_NONBLOCK`` and must be a regular
  file (a FIFO then cannot hang the open, and is refused after it);
- a file is read only up to a limit; a larger one is refused unread.

A refusal is a :class:`Refused` (an ``OSError``) whose message says what the
path is and what to do. This module sits on the quick path: it imports only
what Python has loaded before it runs a line of ours.
"""

from __future__ import annotations

import os
import stat

from goaltui.lang import _

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

DIR_MODE = 0o700
FILE_MODE = 0o600
MiB = 1024 * 1024
TAP_FILE_LIMIT = 16 * MiB  # one device's month: ten thousand taps a day with notes stay far below
GOALS_FILE_LIMIT = 2 * MiB  # years of goals, milestones and changes by hand stay far below
REVIEW_FILE_LIMIT = 1 * MiB
_NOFOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW


class Refused(OSError):
    """A path below a shared folder that goaltui will not open: a link, not a plain file, or too large."""


def what_it_is(mode: int) -> str:
    """A file type in words, for a message."""
    if stat.S_ISLNK(mode):
        return _("a link")
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a plain file")


def refusal(rel: str, mode: int) -> Refused:
    """Why ``rel`` is skipped, for a file or folder of type ``mode``."""
    kind = what_it_is(mode)
    if stat.S_ISLNK(mode):
        return Refused(
            _("{path}: skipped: it is a link (goaltui never follows links in a shared folder): remove it").format(
                path=rel
            )
        )
    return Refused(_("{path}: skipped: it is {kind}, not a plain file: remove it").format(path=rel, kind=kind))


def too_large(rel: str, size: int, limit: int) -> Refused:
    from goaltui.model.numbers import local  # only for a message

    return Refused(
        _("{path}: skipped: {size} MB is more than such a file can hold ({limit} MB): move it away").format(
            path=rel, size=local(f"{size / MiB:.1f}"), limit=limit // MiB
        )
    )


def _split(rel: str) -> list[str]:
    parts = [p for p in rel.split("/") if p and p != "."]
    if not parts or ".." in parts:
        raise Refused(_("{path}: not a path inside the folder").format(path=rel))
    return parts


def open_folder(root: str | os.PathLike[str], parts: Sequence[str], *, create: bool = False) -> int:
    """A descriptor of the folder ``root/parts...``, no step of it a link (made, 0700, if ``create``)."""
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        if not create:
            raise
        os.makedirs(root, DIR_MODE, exist_ok=True)  # the folder itself is the user's choice
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    done: list[str] = []
    try:
        for part in parts:
            try:
                next_fd = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                try:
                    os.mkdir(part, DIR_MODE, dir_fd=fd)
                    os.fsync(fd)  # the new entry survives a crash
                except FileExistsError:
                    pass
                next_fd = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError as err:
                _refuse_odd("/".join([*done, part]), fd, part, err)
                raise
            os.close(fd)
            fd = next_fd
            done.append(part)
        return fd
    except BaseException:
        os.close(fd)
        raise


def _refuse_odd(rel: str, dir_fd: int, name: str, err: OSError) -> None:
    """Turn a failed open of ``name`` into a Refused when it is a link or not the kind asked for."""
    try:
        st = os.lstat(name, dir_fd=dir_fd)
    except OSError:
        return
    if stat.S_ISLNK(st.st_mode) or not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        raise refusal(rel, st.st_mode) from err


def open_file(
    root: str | os.PathLike[str], rel: str, flags: int = os.O_RDONLY, mode: int = FILE_MODE
) -> tuple[int, os.stat_result]:
    """Open ``root/rel`` (a ``/``-separated path) as a plain file, never through a link; its descriptor and stat.

    With ``os.O_CREAT`` in ``flags`` the missing folders on the way are made.
    """
    *folders, name = _split(rel)
    dir_fd = open_folder(root, folders, create=bool(flags & os.O_CREAT))
    try:
        try:
            fd = os.open(name, flags | _NOFOLLOW | os.O_NONBLOCK, mode, dir_fd=dir_fd)
        except OSError as err:
            _refuse_odd(rel, dir_fd, name, err)
            raise
    finally:
        os.close(dir_fd)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise refusal(rel, st.st_mode)
        if flags & os.O_CREAT:
            os.set_blocking(fd, True)
        return fd, st
    except BaseException:
        os.close(fd)
        raise


def read_file(root: str | os.PathLike[str], rel: str, limit: int, start: int = 0) -> tuple[bytes, os.stat_result]:
    """The bytes of the plain file ``root/rel`` from ``start`` to its size when opened, and that stat.

    Refused, unread, when it is a link or not a plain file, or when what is to
    be read is more than ``limit`` bytes.
    """
    fd, st = open_file(root, rel)
    try:
        if st.st_size - start > limit:
            raise too_large(rel, st.st_size, limit)
        return read_to(fd, st.st_size, start), st
    finally:
        os.close(fd)


def read_to(fd: int, size: int, start: int = 0) -> bytes:
    """The bytes of ``fd`` from ``start`` up to ``size`` (fewer if the file is shorter now)."""
    parts = []
    want = max(0, size - start)
    while want > 0:
        part = os.pread(fd, want, start)
        if not part:
            break
        parts.append(part)
        start += len(part)
        want -= len(part)
    return b"".join(parts)


def replace_file(root: str | os.PathLike[str], rel: str, data: bytes) -> None:
    """Replace ``root/rel`` with ``data`` atomically, never through a link: a link there is replaced, not followed.

    Writes a temp file in the same folder, fsyncs it, renames it over the name,
    and fsyncs the folder. A failed write leaves the old file as it was.
    """
    *folders, name = _split(rel)
    dir_fd = open_folder(root, folders, create=True)
    try:
        try:
            old = os.lstat(name, dir_fd=dir_fd)
            mode = old.st_mode & 0o7777 if stat.S_ISREG(old.st_mode) else FILE_MODE
        except FileNotFoundError:
            mode = FILE_MODE
        tmp = f".{name}.{os.getpid()}.new"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, mode, dir_fd=dir_fd)
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fchmod(fd, mode)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            try:  # noqa: SIM105 (contextlib is not loaded on the quick path)
                os.unlink(tmp, dir_fd=dir_fd)
            except OSError:
                pass
            raise
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _open_existing(name: str, flags: int, dir_fd: int, folders: Sequence[str]) -> int:
    try:
        return os.open(name, flags, dir_fd=dir_fd)
    except OSError as err:
        _refuse_odd("/".join([*folders, name]), dir_fd, name, err)
        raise


def open_append(root: str | os.PathLike[str], folders: Sequence[str], name: str) -> tuple[int, int]:
    """``root/folders.../name`` opened for appending (made, and made durable, if new), never through a link.

    Returns the descriptor and the file's size when opened.
    """
    dir_fd = open_folder(root, folders, create=True)
    try:
        flags = os.O_RDWR | os.O_APPEND | _NOFOLLOW | os.O_NONBLOCK
        new = False
        try:  # the file there already, as it is at every tap of a month but its first
            fd = _open_existing(name, flags, dir_fd, folders)
        except FileNotFoundError:
            try:
                fd = os.open(name, flags | os.O_CREAT | os.O_EXCL, FILE_MODE, dir_fd=dir_fd)
                new = True
            except FileExistsError:  # made by another process meanwhile
                fd = _open_existing(name, flags, dir_fd, folders)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise refusal("/".join([*folders, name]), st.st_mode)
            os.set_blocking(fd, True)
            if new:
                os.fsync(dir_fd)  # the new file's entry survives a crash
        except BaseException:
            os.close(fd)
            raise
        return fd, st.st_size
    finally:
        os.close(dir_fd)


def remove_odd(root: str | os.PathLike[str], parts: Sequence[str]) -> list[str]:
    """Remove whatever stands on the path ``root/parts...`` that is not a plain folder or file: one line for each.

    Only for this device's own path (where goaltui alone writes): a link or a
    pipe there holds none of its data, and a link's target is never touched.
    """
    removed = []
    dir_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for i, part in enumerate(parts):
            rel = "/".join(parts[: i + 1])
            try:
                st = os.lstat(part, dir_fd=dir_fd)
            except FileNotFoundError:
                break
            last = i == len(parts) - 1
            plain = stat.S_ISREG(st.st_mode) if last else stat.S_ISDIR(st.st_mode)
            if not plain and not stat.S_ISDIR(st.st_mode):
                os.unlink(part, dir_fd=dir_fd)
                os.fsync(dir_fd)
                kind = what_it_is(st.st_mode)
                removed.append(
                    _("{path}: was {kind}, not a plain file: removed it (nothing it pointed at)").format(
                        path=rel, kind=kind
                    )
                )
                break
            if last or not stat.S_ISDIR(st.st_mode):
                break
            next_fd = os.open(part, _DIR_FLAGS, dir_fd=dir_fd)
            os.close(dir_fd)
            dir_fd = next_fd
    finally:
        os.close(dir_fd)
    return removed

"""Durable writes and the lock: the two things that keep a user's data safe."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from goaltui.store.locations import DIR_MODE, FILE_MODE


def fsync_dir(path: Path) -> None:
    """Make a new or renamed entry in ``path`` survive a crash."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def locked(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``lock_file`` (never the file being replaced)."""
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except FileNotFoundError:  # its folder is made the first time (a mkdir at each tap was two system calls more)
        lock_file.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file, never half.

    Follows a symlink to its target (the link stays a link), keeps the
    original's permissions, writes a temp file beside it, fsyncs, renames,
    and fsyncs the directory.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = FILE_MODE
    tmp = target.with_name(f".{target.name}.{os.getpid()}.new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)

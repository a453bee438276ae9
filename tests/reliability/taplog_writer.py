"""A tap writer for the reliability tests: appends taps and prints each key once append() has returned.

Usage: python taplog_writer.py DATA_DIR DEVICE WRITER COUNT NOW [GO_FILE]
COUNT < 0 means forever; NOW is the ISO time passed to every append (so keys
must be bumped past each other); GO_FILE, if given, is waited for after
printing "ready" so that several writers start at once.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime
from pathlib import Path

from goaltui.store.taplog import TapLog


def main(argv: list[str]) -> None:
    data, device, writer, count, now = argv[:5]
    go = Path(argv[5]) if len(argv) > 5 else None
    log = TapLog(Path(data), device=device)
    at = datetime.fromisoformat(now)
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    while go is not None and not go.exists():
        time.sleep(0.001)
    i = 0
    limit = int(count)
    while limit < 0 or i < limit:
        tap = log.append("prospects", now=at, note=f"{writer}-{i}")
        os.write(out.fileno(), f"{tap.key}\n".encode())  # unbuffered: an acknowledged tap is reported at once
        i += 1


if __name__ == "__main__":
    main(sys.argv[1:])

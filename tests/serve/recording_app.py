"""A stand-in for a tab's app process: says it is ready, then writes down what textual-serve sends it.

Usage: recording_app.py FILE. One line per event in FILE: ``size COLUMNSxROWS`` at start (from the
environment textual-serve sets), then ``D <keys>`` or ``M <json>`` per packet on stdin, until a quit.
"""

from __future__ import annotations

import json
import os
import sys


def main(path: str) -> None:
    def note(line: str) -> None:
        with open(path, "a", encoding="utf-8") as out:
            out.write(line + "\n")

    note(f"size {os.environ['COLUMNS']}x{os.environ['ROWS']}")
    sys.stdout.buffer.write(b"__GANGLION__\n")
    sys.stdout.flush()
    packets = sys.stdin.buffer
    while (kind := packets.read(1)) in (b"D", b"M"):
        payload = packets.read(int.from_bytes(packets.read(4), "big"))
        note(f"{kind.decode()} {payload.decode('utf-8', 'backslashreplace')}")
        if kind == b"M" and json.loads(payload).get("type") == "quit":
            break


if __name__ == "__main__":
    main(sys.argv[1])

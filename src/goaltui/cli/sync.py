"""`goaltui sync` and `goaltui sync init REMOTE`: the data folder through git."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from goaltui.cli.common import Clock, DataError, UsageError, obey_forget_markers, say, warning
from goaltui.store import locations, sync
from goaltui.store.syncresult import follow_up


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    device = locations.device_id()
    if args.sync_command == "init":
        try:
            result = sync.init(data, args.remote, device, clock)
        except sync.NeedsRemote as err:
            raise UsageError(str(err)) from None
    else:
        obey_forget_markers(data)
        result = sync.sync(data, device, clock)
        obey_forget_markers(data)  # a marker that came in
    for problem in follow_up(result, device):
        print(warning(f"sync: {problem}"), file=sys.stderr)
    if not result.ok:
        raise DataError(f"sync: {result.summary}")
    say(result.summary)
    return 0

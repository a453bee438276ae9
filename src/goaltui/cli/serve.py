"""`goaltui serve`: the app in a browser, behind a token, on this machine unless told otherwise."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from goaltui.cli.common import Clock, DataError, UsageError, load_goals, say
from goaltui.serve import server
from goaltui.serve.guard import TokenError, chosen_token, others_can_read
from goaltui.serve.origin import AddressError, checked_public_url, is_loopback
from goaltui.serve.server import cannot_listen


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    try:
        token = chosen_token(args.token, args.token_file, os.environ)
        url = None if args.public_url is None else checked_public_url(args.public_url)
    except (TokenError, AddressError) as err:
        raise UsageError(str(err)) from None
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port: give one from 1 to 65535, like 8000")
    if args.max_tabs < 1:
        raise UsageError(f"--max-tabs {args.max_tabs}: give 1 or more, like 4")

    problem = cannot_listen(args.host, args.port)
    if problem:
        raise DataError(f"{problem} (choose another with --port)")
    load_goals(data, clock().date(), kept=True)  # the first tab finds the starter goals written already
    if args.token_file is not None and others_can_read(args.token_file):
        print(
            f"goaltui: warning: other users of this machine can read --token-file {args.token_file}: "
            f"chmod 600 {args.token_file}",
            file=sys.stderr,
        )
    if not is_loopback(args.host):
        say(
            f"goaltui: warning: --host {args.host} lets other machines connect over plain http, where the token "
            "can be read on the way: put TLS in front (see the README: a reverse proxy, or tailscale serve)",
            file=sys.stderr,
        )
    server.serve(
        data,
        theme=args.theme,
        host=args.host,
        port=args.port,
        token=token,
        url=url,
        out=sys.stdout,
        max_tabs=args.max_tabs,
    )
    return 0

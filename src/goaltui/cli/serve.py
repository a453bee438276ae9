"""`goaltui serve`: the app in a browser, behind a token, on this machine unless told otherwise."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from goaltui.cli.common import Clock, DataError, UsageError, load_goals, say, warning
from goaltui.lang import _
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
        raise UsageError(_("--port {port} is not a port: give one from 1 to 65535, like 8000").format(port=args.port))
    if args.max_tabs < 1:
        raise UsageError(_("--max-tabs {n}: give 1 or more, like 4").format(n=args.max_tabs))

    problem = cannot_listen(args.host, args.port)
    if problem:
        raise DataError(_("{problem} (choose another with --port)").format(problem=problem))
    load_goals(data, clock().date(), kept=True)  # the first tab finds the starter goals written already
    if args.token_file is not None and others_can_read(args.token_file):
        words = _("other users of this machine can read --token-file {path}: chmod 600 {path}")
        print(warning(words.format(path=args.token_file)), file=sys.stderr)
    if not is_loopback(args.host):
        words = _(
            "--host {host} lets other machines connect over plain http, where the token "
            "can be read on the way: put TLS in front (see the README: a reverse proxy, or tailscale serve)"
        )
        say(warning(words.format(host=args.host)), file=sys.stderr)
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

"""Which requests come from goaltui's own page: the Host and Origin checks, as Jupyter makes them.

Why both, on top of the token:

- Host: a hostile site can point its own name at 127.0.0.1 (DNS rebinding); its
  page is then same-origin with the server as far as the browser knows, but the
  browser still sends that name as Host. A request is answered only when Host
  names an address goaltui serves on: the address it listens on (localhost,
  127.0.0.1 and [::1] for loopback), the ``--public-url`` host, and, listening
  on every address, this machine's name or any IP address (an address typed as
  digits cannot be rebound).
- Origin: browsers treat every port of a host as one site (cookies, SameSite),
  so a page from any other local server is "same-site" with goaltui. A request
  that names an Origin (every websocket, every cross-origin fetch) must come
  from a page of this server itself: its Origin is the public URL's, or the
  address the request was sent to. A request that names none but says, in
  Sec-Fetch-Site, that another page made it (an ``<img>``, a ``<script>``) is
  refused too; only the user's own navigation (a link, a bookmark) may come
  from elsewhere.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from aiohttp import web

from goaltui.lang import _
from goaltui.serve.logs import LONGEST_SHOWN, shown

WILDCARDS = ("", "0.0.0.0", "::")
HOST = re.compile(r"(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._-]+))(?::[0-9]{1,5})?")


class AddressError(ValueError):
    """A --public-url that is not an address a browser could open."""


def checked_public_url(url: str) -> str:
    """``url`` without a trailing slash, or AddressError when it is not ``http(s)://host[:port][/path]``."""
    parts = urlsplit(url.strip())
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        raise AddressError(
            _("--public-url {url} is not an address a browser opens: give one like {example}").format(
                url=shown(url, LONGEST_SHOWN), example="https://laptop.example.ts.net"
            )
        )
    if parts.query or parts.fragment or parts.username is not None:
        raise AddressError(
            _("--public-url {url}: give the address alone, like {example}").format(
                url=shown(url, LONGEST_SHOWN), example="https://laptop.example.ts.net"
            )
        )
    return url.strip().rstrip("/")


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(host: str) -> str | None:
    """The name or address in a Host header (``[::1]:8000`` is ``::1``), lower case; None when it is not one."""
    found = HOST.fullmatch(host)
    if found is None:
        return None
    return (found.group("v6") or found.group("name")).lower().rstrip(".")


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL, as a browser writes it in an Origin header."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Addresses:
    """The names this server answers as, from where it listens and the public URL."""

    def __init__(self, host: str, public_url: str | None = None) -> None:
        self.everywhere = host in WILDCARDS
        self.loopback = self.everywhere or is_loopback(host)
        names = set()
        if self.everywhere:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        else:
            names.add(host.lower().strip("[]").rstrip("."))
        if self.loopback:
            names.add("localhost")
        self.public = origin(public_url) if public_url else None
        if public_url:
            names.add((urlsplit(public_url).hostname or "").rstrip("."))
        self.names = names

    def answers_as(self, name: str) -> bool:
        if name in self.names:
            return True
        try:
            address = ipaddress.ip_address(name)
        except ValueError:
            return False  # a name not ours: maybe one rebound to this machine
        return self.everywhere or (self.loopback and address.is_loopback)

    def foreign(self, request: web.Request) -> str | None:
        """Why the request does not come from goaltui's own page or its user (None: it does)."""
        host = request.headers.get("Host")
        if host is None:
            return "no Host header"
        name = host_name(host)
        if name is None or not self.answers_as(name):
            return f"Host {shown(host, LONGEST_SHOWN)} is not an address this server answers as"
        page = request.headers.get("Origin")
        if page is not None:
            own = (page.lower() == self.public) or page.lower() in (f"http://{host.lower()}", f"https://{host.lower()}")
            return None if own else f"Origin {shown(page, LONGEST_SHOWN)} is another site"
        made_by = request.headers.get("Sec-Fetch-Site", "")
        if made_by in ("cross-site", "same-site") and request.headers.get("Sec-Fetch-Mode") != "navigate":
            return f"a page of another site asked for it ({made_by})"
        return None

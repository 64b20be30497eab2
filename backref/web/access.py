"""Who may use a served backref: the rules, apart from the web server that applies them.

Three locks, each enough to keep a web page in the person's browser (or another user of the
machine) out: the per-run token, the Host the browser names (against DNS rebinding) and, on
the websocket, the Origin of the page that opens it.
"""
from __future__ import annotations

import ipaddress
import re
import secrets
from dataclasses import dataclass

LOCALHOST_NAMES = ("localhost", "127.0.0.1", "[::1]")
HOST_HEADER = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?")


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine alone: localhost or a loopback address (no lookup)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """Whether ``host`` means every address of the machine (0.0.0.0, ::)."""
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_unspecified
    except ValueError:
        return False


def url_host(host: str) -> str:
    """``host`` as it is written in a URL (an IPv6 address in brackets)."""
    bare = host.strip().strip("[]")
    return f"[{bare}]" if ":" in bare else bare


def host_header(host: str, port: int) -> str:
    """The Host header a browser sends for ``host`` and ``port``."""
    return url_host(host).lower() if port == 80 else f"{url_host(host).lower()}:{port}"


def page_host(host: str) -> str:
    """The host of the printed URL: 127.0.0.1 when bound to every address."""
    return "127.0.0.1" if is_wildcard(host) else host


@dataclass(frozen=True)
class Access:
    """The token of this run and the Host headers that name the served page."""

    token: str
    hosts: frozenset[str]  # "127.0.0.1:8000", "localhost:8000", ...
    any_host: bool = False  # bound to every address: any name may reach it (the token still guards)

    def token_ok(self, given: str | None) -> bool:
        """Whether ``given`` is this run's token (compared in constant time)."""
        return given is not None and secrets.compare_digest(given.encode(), self.token.encode())

    def host_ok(self, host: str | None) -> bool:
        """Whether a request's Host header names this server."""
        if not (host and HOST_HEADER.fullmatch(host)):  # it is written into the page and its policy
            return False
        return self.any_host or host.lower() in self.hosts

    def origin_ok(self, origin: str | None, host: str | None) -> bool:
        """Whether a websocket's Origin is the page this server served: same scheme, host and port."""
        if not (origin and self.host_ok(host)):
            return False
        assert host is not None
        return origin.lower() == f"http://{host.lower()}"


def new_access(host: str, port: int, token: str | None = None) -> Access:
    """The access rules for a server bound to ``host``:``port``, with a new random token."""
    names = {host}
    if is_loopback(host):
        names.update(LOCALHOST_NAMES)
    return Access(
        token=token or secrets.token_urlsafe(24),
        hosts=frozenset(host_header(name, port) for name in names),
        any_host=is_wildcard(host),
    )

"""Who may use a served backref: the token, the Host and the Origin rules (backref/web/access.py)."""
from __future__ import annotations

import pytest

from backref.web.access import host_header, is_loopback, new_access


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", "LocalHost", "app.localhost"])
def test_loopback_names_this_machine_alone(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "example.com", "localhost.example", ""])
def test_anything_else_is_not_loopback(host: str) -> None:
    assert not is_loopback(host)


def test_each_run_has_its_own_long_token() -> None:
    first, second = new_access("127.0.0.1", 8000), new_access("127.0.0.1", 8000)
    assert first.token != second.token and len(first.token) >= 32
    assert first.token_ok(first.token)
    for wrong in (second.token, first.token[:-1], first.token + "x", "", None, first.token.upper()):
        assert not first.token_ok(wrong)


def test_only_names_of_this_server_are_its_host() -> None:
    access = new_access("127.0.0.1", 8000)
    for host in ("127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"):
        assert access.host_ok(host), host
    for host in ("evil.example:8000", "127.0.0.1:8001", "127.0.0.1", "", None, "127.0.0.1:8000.evil.example"):
        assert not access.host_ok(host), host


def test_the_origin_must_be_the_page_this_server_served() -> None:
    access = new_access("127.0.0.1", 8000)
    assert access.origin_ok("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert access.origin_ok("http://localhost:8000", "localhost:8000")
    for origin, host in [
        ("https://evil.example", "127.0.0.1:8000"),
        ("http://localhost:8000", "127.0.0.1:8000"),  # another origin, even on this machine
        ("http://127.0.0.1:8001", "127.0.0.1:8000"),
        ("https://127.0.0.1:8000", "127.0.0.1:8000"),
        ("null", "127.0.0.1:8000"),  # a sandboxed frame or a file:// page
        (None, "127.0.0.1:8000"),
        ("http://evil.example:8000", "evil.example:8000"),  # DNS rebinding: Host and Origin agree, Host is foreign
    ]:
        assert not access.origin_ok(origin, host), (origin, host)


def test_every_address_takes_any_host_but_the_origin_must_match_it() -> None:
    access = new_access("0.0.0.0", 8000)
    assert access.host_ok("192.168.1.20:8000")
    assert access.origin_ok("http://192.168.1.20:8000", "192.168.1.20:8000")
    assert not access.origin_ok("http://evil.example", "192.168.1.20:8000")
    for host in ("evil; script-src *", "a b:8000", "x:8000/", "x:8000\r\nSet-Cookie: a=b", ""):
        assert not access.host_ok(host), host


def test_host_headers_as_browsers_write_them() -> None:
    assert host_header("::1", 8000) == "[::1]:8000"
    assert host_header("127.0.0.1", 80) == "127.0.0.1"
    assert new_access("::1", 80).host_ok("[::1]")

"""`backref serve` from outside, as a person (or a hostile page) meets it: the page, the token,
the websocket's Origin, directory listings, Ctrl-C, and the command without the web extra.

Every server here is `backref serve --port 0` on 127.0.0.1, stopped by the test itself.
"""
from __future__ import annotations

import asyncio
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from conftest import CONTENT
from served import Served, served_env, wait_for

pytest.importorskip("textual_serve", reason="the web extra is not installed: pip install -e '.[test,web]'")
aiohttp = pytest.importorskip("aiohttp", reason="the web extra is not installed: pip install -e '.[test,web]'")

pytestmark = pytest.mark.view  # servers running the full-screen view: left out of the fast loop
URL = re.compile(r"(?:https?|wss?)://[^\s\"'<>)]+")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = Served(served_env(tmp_path_factory.mktemp("served")))
    yield server
    server.stop()


def get(served: Served, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET ``path`` from the server: status, headers and body."""
    connection = http.client.HTTPConnection(served.host, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


async def handshake(served: Served, path: str, origin: str | None, host: str | None = None) -> tuple[int, bytes]:
    """Open a websocket at ``path`` with ``origin``: 101 and the first bytes the app drew, or the refusal's status."""
    headers = {"Host": host} if host else {}
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(f"ws://{served.host}{path}", origin=origin, headers=headers) as ws:
                message = await ws.receive(timeout=30)
                return 101, message.data if isinstance(message.data, bytes) else b""
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status, b""


def test_the_printed_url_is_on_loopback_with_a_long_token(served: Served) -> None:
    assert served.origin.startswith("http://127.0.0.1:")
    assert len(served.token) >= 32
    assert "Ctrl-C stops" in served.printed_line("Ctrl-C")


def test_the_page_loads_nothing_from_outside(served: Served) -> None:
    status, headers, body = get(served, f"/?token={served.token}")
    assert status == 200
    html = body.decode()
    assert [url for url in URL.findall(html) if not url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:"))] == []
    assert "googleapis" not in html and "<svg" not in html
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "https:" not in policy and "*" not in policy
    # every file the page names comes from this server, and none of them names a place to fetch
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"|url\("(/static/[^"]+)"\)', html)
    assert len(assets) == 4  # xterm.css, textual.js, the two fonts
    for path in (a or b for a, b in assets):
        status, _, data = get(served, path.replace("&amp;", "&"))
        assert status == 200, path
        text = re.sub(rb"/\*.*?\*/", b"", data, flags=re.S)  # xterm.css credits its authors in a comment
        assert not re.search(rb"https?://", text), path


def test_the_emergency_action_is_in_the_page_for_when_no_app_draws(served: Served) -> None:
    from backref.core.load import load_content

    action = load_content().urgency_of("emergency").action_line(None)
    html = get(served, f"/?token={served.token}")[2].decode()
    assert html.count(action) == 2  # starting, and the session ended


@pytest.mark.parametrize("path", ["/", "/?token=", "/?token=wrong", "/static/js/textual.js",
                                  "/static/js/textual.js?token=wrong", "/ws", "/download/x", "/missing"])
def test_without_the_token_everything_is_refused(served: Served, path: str) -> None:
    status, _, body = get(served, path)
    assert status == 403, path
    assert served.token.encode() not in body


@pytest.mark.parametrize("directory", ["/static", "/static/", "/static/js/", "/static/fonts", "/static/css/"])
def test_no_directory_is_listed(served: Served, directory: str) -> None:
    status, _, body = get(served, f"{directory}?token={served.token}")
    assert status in (403, 404)
    assert b"textual.js" not in body and b"Roboto" not in body


def test_another_host_name_is_refused_even_with_the_token(served: Served) -> None:
    # a page from a name that resolves to 127.0.0.1 (DNS rebinding) names itself in Host
    port = served.host.rsplit(":", 1)[1]
    assert get(served, f"/?token={served.token}", {"Host": f"evil.example:{port}"})[0] == 403
    assert get(served, f"/?token={served.token}", {"Host": f"localhost:{port}"})[0] == 200


def test_a_websocket_from_another_page_is_refused_and_starts_no_app(served: Served) -> None:
    with_token = f"/ws/{served.token}?width=80&height=24"
    port = served.host.rsplit(":", 1)[1]
    refused = [
        (with_token, "https://evil.example", None),
        (with_token, f"http://127.0.0.1:{int(port) + 1}", None),  # another local server's page
        (with_token, None, None),
        (with_token, f"http://evil.example:{port}", f"evil.example:{port}"),
        ("/ws?width=80&height=24", served.origin, None),
        ("/ws/wrong-token?width=80&height=24", served.origin, None),
        (f"/ws?token=x{served.token}", served.origin, None),
    ]
    for path, origin, host in refused:
        assert asyncio.run(handshake(served, path, origin, host)) == (403, b""), (path, origin, host)
    assert served.app_processes() == []


def test_the_served_page_opens_a_websocket_that_runs_backref(served: Served) -> None:
    status, first = asyncio.run(handshake(served, f"/ws/{served.token}?width=80&height=24", served.origin))
    assert status == 101 and first  # the app drew its first bytes
    # the session ends with the socket: no app process is left behind
    wait_for(lambda: served.app_processes() == [], "the app process to end")
    status, first = asyncio.run(handshake(served, f"/ws?token={served.token}&width=80&height=24", served.origin))
    assert status == 101 and first


def test_ctrl_c_stops_it_cleanly_and_ends_each_app(tmp_path: Path) -> None:
    server = Served(served_env(tmp_path))
    apps: list[int] = []

    async def open_session() -> None:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"ws://{server.host}/ws/{server.token}", origin=server.origin) as ws:
                await ws.receive(timeout=30)
                apps.extend(wait_for(server.app_processes, "an app process"))  # type: ignore[arg-type]
                server.process.send_signal(signal.SIGINT)
                async for _ in ws:  # the server ends the session: the socket closes
                    pass

    asyncio.run(open_session())
    assert server.stop() == 130
    assert "Traceback" not in server.stderr
    assert len(apps) == 1 and not os.path.exists(f"/proc/{apps[0]}")


def test_sigterm_stops_it_with_143(tmp_path: Path) -> None:
    server = Served(served_env(tmp_path))
    assert server.stop(signal.SIGTERM) == 143
    assert server.stderr == ""


def backref(*args: str, env: dict[str, str], code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "backref", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)


def test_without_the_web_extra_it_says_how_to_install_it(tmp_path: Path) -> None:
    for blocked in ("textual_serve", "aiohttp"):
        hide = (f"import sys; sys.modules[{blocked!r}] = None\n"  # as if not installed
                "from backref.__main__ import run; sys.exit(run())")
        done = backref("serve", "--port", "0", env=served_env(tmp_path), code=hide)
        assert done.returncode == 2
        assert done.stderr == "backref: serve needs the web extra: pip install 'backref[web]'\n"
        assert done.stdout == ""


def test_another_host_is_warned_about_loudly(tmp_path: Path) -> None:
    # 192.0.2.1 is a documentation address no machine has: the warning comes, then the bind fails
    done = backref("serve", "--host", "192.0.2.1", "--port", "0", env=served_env(tmp_path))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0].startswith("backref: WARNING: --host 192.0.2.1 is not this machine alone")
    assert lines[-1].startswith("backref: cannot listen on 192.0.2.1:0")
    assert "Traceback" not in done.stderr


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = backref("serve", "--port", port, env=served_env(tmp_path))
    assert done.returncode == 2
    assert done.stderr.startswith(f"backref: cannot listen on 127.0.0.1:{port}: ")
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("port", ["-1", "65536", "eighty"])
def test_a_port_that_is_no_port_is_a_usage_error(capsys: pytest.CaptureFixture[str], port: str) -> None:
    from backref.cli.main import main

    with pytest.raises(SystemExit) as exit:
        main(["serve", "--port", port])
    assert exit.value.code == 2 and "is not a port number" in capsys.readouterr().err


def test_content_from_a_pipe_is_refused(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "backref", "--content", "/dev/stdin", "serve", "--port", "0"],
                          input=CONTENT.read_bytes(), capture_output=True, env=served_env(tmp_path), timeout=60)
    assert done.returncode == 2
    assert b"serve needs a file it can read again, not a pipe" in done.stderr


def test_open_starts_the_browser_on_the_printed_url(tmp_path: Path) -> None:
    opened = tmp_path / "opened"
    browser = tmp_path / "browser"  # $BROWSER, as the webbrowser module reads it
    browser.write_text(f'#!/bin/sh\nprintf %s "$1" > {opened}\n')
    browser.chmod(0o755)
    env = served_env(tmp_path, BROWSER=str(browser))
    process = subprocess.Popen([sys.executable, "-m", "backref", "serve", "--port", "0", "--open"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_for(lambda: opened.exists() and opened.read_text(), "the browser to be started")
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert opened.read_text().startswith("http://127.0.0.1:") and f"  {opened.read_text()}\n" in out
    assert process.returncode == 130 and err == ""


def test_the_app_command_is_the_same_backref_with_the_same_files(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from backref.cli.parser import build_parser
    from backref.cli.serve import app_command

    monkeypatch.chdir(tmp_path)
    argv = ["--content", "c.toml", "--state", "s.toml", "--config", "my config.toml", "--pack", "a.toml",
            "--pack", "/b.toml", "--no-packs", "--topic", "relief", "--no-mouse", "serve"]
    assert app_command(build_parser(argv).parse_args(argv)) == [
        sys.executable, "-P", "-m", "backref", "--content", str(tmp_path / "c.toml"),
        "--state", str(tmp_path / "s.toml"), "--config", str(tmp_path / "my config.toml"),
        "--pack", str(tmp_path / "a.toml"), "--pack", "/b.toml", "--no-packs", "--no-mouse", "--topic", "relief"]
    assert app_command(build_parser(["serve"]).parse_args(["serve"])) == [sys.executable, "-P", "-m", "backref"]


def test_serve_is_listed_and_lookups_never_import_the_web_floor() -> None:
    code = (
        "import contextlib, io, sys\n"
        "from backref.cli.main import main\n"
        "for argv in (['search', 'ice'], ['topics'], ['redflags']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        main(argv)\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])\n"
        "print('serve' in out.getvalue())\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in ('textual_serve', 'aiohttp', 'jinja2', 'textual')"
        " or m.startswith('backref.web')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["True", ""]


def test_a_tab_past_the_limit_is_refused_before_any_app_starts(tmp_path: Path) -> None:
    from backref.web.server import MAX_SESSIONS, BackrefServer, listen

    started = tmp_path / "started"

    async def attempt() -> int:
        server = BackrefServer([sys.executable, "-c", f"open({str(started)!r}, 'w')"], "127.0.0.1", 0)
        runner = await listen(server, 0)
        server.sessions.update(object() for _ in range(MAX_SESSIONS))  # type: ignore[misc]
        try:
            async with aiohttp.ClientSession() as session:
                try:
                    async with session.ws_connect(f"ws://127.0.0.1:{server.port}/ws/{server.token}",
                                                  origin=server.public_url):
                        return 101
                except aiohttp.WSServerHandshakeError as refused:
                    return refused.status
        finally:
            server.sessions.clear()
            await runner.cleanup()

    assert asyncio.run(attempt()) == 503
    assert not started.exists()


def test_the_page_shows_content_as_text(tmp_path: Path) -> None:
    original = 'action = "Call {number} or go to the nearest emergency department now."'
    hostile = 'action = "Call {number} \\u001b]0;PWNED\\u0007 <b>now</b> & <script>alert(1)</script>."'
    assert original in CONTENT.read_text()
    path = tmp_path / "content.toml"
    path.write_text(CONTENT.read_text().replace(original, hostile))
    server = Served(served_env(tmp_path), "--content", str(path))
    try:
        html = get(server, f"/?token={server.token}")[2].decode()
    finally:
        server.stop()
    assert "\x1b" not in html and "\x07" not in html and "<b>now" not in html and "<script>alert" not in html
    assert "?]0;PWNED? &lt;b&gt;now&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;." in html


def test_a_topic_that_is_not_there_is_said_before_serving(capsys: pytest.CaptureFixture[str]) -> None:
    from backref.cli.main import main

    assert main(["--topic", "no-such-topic", "serve", "--port", "0"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("backref: ") and "no-such-topic" in err


def test_each_tab_runs_with_the_same_packs(tmp_path: Path) -> None:
    def pack(topic: str, tab: str) -> str:
        return (f'[pack]\ntitle = "{tab} plan"\nsource = "My physiotherapist"\n[[topics]]\nid = "{topic}"\n'
                f'title = "{tab} plan"\ntab = "{tab}"\nparagraphs = ["Gently."]\n')

    folder = tmp_path / "data" / "backref" / "content.d"
    folder.mkdir(parents=True)
    (folder / "physio.toml").write_text(pack("physio", "Physio"))
    named = tmp_path / "walks.toml"
    named.write_text(pack("walks", "Walks"))
    server = Served(served_env(tmp_path), "--pack", str(named))

    async def screen() -> bytes:
        drawn = b""
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"ws://{server.host}/ws/{server.token}?width=200&height=30",
                                          origin=server.origin) as ws:
                while b"Walks" not in drawn or b"Physio" not in drawn:
                    message = await ws.receive(timeout=30)
                    assert isinstance(message.data, (bytes, str)), message
                    drawn += message.data if isinstance(message.data, bytes) else b""
        return drawn

    try:
        drawn = asyncio.run(screen())
    finally:
        server.stop()
    assert b"Physio" in drawn and b"Walks" in drawn  # the tabs of both packs, after the guide's

"""`backref serve`: textual-serve's Server, with every request behind this run's token.

One backref process per browser tab, as textual-serve does; what this file adds: a guard in
front of every route (token, Host, and the websocket's Origin, checked before any process
starts), no directory listings, our own page (fonts from textual-serve's own files, nothing
from outside, and a Content-Security-Policy that lets the page fetch nothing but this
server), and an end for every app process when the server stops.
"""
from __future__ import annotations

import asyncio
import logging
import secrets
import signal
from pathlib import Path
from typing import Any, Awaitable, Callable

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from backref.core.errors import UserError
from backref.web.access import new_access, page_host, url_host

TEMPLATES = Path(__file__).parent / "templates"
MAX_SESSIONS = 8  # browser tabs at once: each is a backref process; a page that loops cannot fill memory
QUIT_GRACE = 5.0  # seconds an app has to quit when asked before it is terminated
DEFAULT_PORT = 8000
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
log = logging.getLogger("backref.web")


class ExecAppService(AppService):
    """textual-serve's app process, started without a shell and in a session of its own."""

    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        # replaced: exec, since the arguments are paths that may hold any character; its own
        # session, so that Ctrl-C reaches only the server, which then ends each app (end())
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self._build_environment(width=width, height=height),
            start_new_session=True)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        await super().run()
        await self.remote_close()  # the app ended (quit, or failed to start): the page says so

    async def end(self) -> None:
        """Ask the app to quit and wait for it; terminate it, then kill it, if it has not ended
        within QUIT_GRACE seconds of each."""
        try:
            await asyncio.wait_for(self.stop(), QUIT_GRACE)
        except (TimeoutError, asyncio.TimeoutError):
            pass
        process = self._process
        if process is None:
            return
        for hurry in (None, process.terminate, process.kill):
            if process.returncode is not None:
                return
            if hurry is not None:
                hurry()
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE)
            except (TimeoutError, asyncio.TimeoutError):
                continue


def bounded(text: str | None, default: int) -> int:
    """A terminal size from the page's query: a whole number from 1 to 1000, else ``default``."""
    try:
        return min(max(int(text or ""), 1), 1000)
    except ValueError:
        return default


class BackrefServer(Server):
    """Serve ``argv`` (a backref command line) to browsers on ``host``; see serve()."""

    def __init__(self, argv: list[str], host: str, port: int, *, fallback: str = "",
                 token: str | None = None) -> None:
        super().__init__(" ".join(argv), host=host, port=port, title="backref", templates_path=TEMPLATES)
        self.argv = argv
        self.fallback = fallback  # the emergency action, for the page while no app is drawing
        self.token = token or secrets.token_urlsafe(24)
        self.access = new_access(host, port, self.token)
        self.sessions: set[ExecAppService] = set()

    def bound(self, port: int) -> None:
        """Record the port the server listens on (the one the system chose, for port 0)."""
        self.port = port
        self.access = new_access(self.host, port, self.token)
        self.public_url = f"http://{url_host(page_host(self.host))}:{port}"

    @property
    def url(self) -> str:
        """The page's address, with this run's token."""
        return f"{self.public_url}/?token={self.token}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        # the websocket's token goes in its path: textual.js adds a query of its own to the URL
        app.router.add_get("/ws/{token}", self.handle_websocket)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: serve() says where the page is once the port is bound."""

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse (403) a request without this run's token or naming another host, a websocket
        opened by another page, and a directory under /static; then add the safety headers."""
        given = request.query.get("token") or request.match_info.get("token")
        if not (self.access.host_ok(request.headers.get("Host")) and self.access.token_ok(given)):
            raise web.HTTPForbidden(text="403: forbidden (this page needs the link backref serve printed)\n")
        if request.headers.get("Upgrade", "").lower() == "websocket" or request.path.startswith("/ws"):
            if not self.access.origin_ok(request.headers.get("Origin"), request.headers.get("Host")):
                raise web.HTTPForbidden(text="403: forbidden (opened from another page)\n")
        filename = request.match_info.get("filename")
        if request.match_info.route.name == "static" and not (self.statics_path / (filename or "")).is_file():
            raise web.HTTPForbidden(text="403: forbidden\n")  # textual-serve lists directories
        response = await handler(request)
        for name, value in SAFETY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    async def handle_index(self, request: web.Request) -> web.Response:
        # replaced: its page loads a font stylesheet from the internet and names no token
        nonce = secrets.token_urlsafe(16)
        context = {
            "token": self.token,
            "static": "/static/",
            "websocket_url": f"ws://{request.host}/ws/{self.token}",
            "font_size": bounded(request.query.get("fontsize"), 0),  # 0: the page picks for its width
            "title": self.title,
            "fallback": self.fallback,
            "nonce": nonce,
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Content-Security-Policy"] = page_policy(nonce, request.host)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        # replaced: to start the app with ExecAppService and keep it, so that stopping ends it
        if len(self.sessions) >= MAX_SESSIONS:
            raise web.HTTPServiceUnavailable(text=f"503: at most {MAX_SESSIONS} tabs at once\n")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 20)
        service = ExecAppService(self.argv, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                 close=websocket.close, download_manager=self.download_manager)
        self.sessions.add(service)
        try:
            await websocket.prepare(request)
            await service.start(bounded(request.query.get("width"), 80), bounded(request.query.get("height"), 24))
            await self._process_messages(websocket, service)
        except Exception as error:  # a garbled message, a closed connection: this tab's session ends
            log.warning("a browser session ended: %s", error or type(error).__name__)
        finally:
            await service.end()
            self.sessions.discard(service)
            await websocket.close()
        return websocket

    async def end_sessions(self) -> None:
        """End every app process (each is asked to quit first)."""
        await asyncio.gather(*(service.end() for service in list(self.sessions)))


SAFETY_HEADERS = {
    "Referrer-Policy": "no-referrer",  # the token is in the URL
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def page_policy(nonce: str, host: str) -> str:
    """The page's Content-Security-Policy: nothing from anywhere but this server (textual.js
    adds style elements, hence inline styles)."""
    return "; ".join([
        "default-src 'none'", f"script-src 'self' 'nonce-{nonce}'", "style-src 'self' 'unsafe-inline'",
        "font-src 'self'", "img-src 'self' data:", f"connect-src 'self' ws://{host}",
        "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ])


async def listen(server: BackrefServer, port: int | None) -> web.AppRunner:
    """Bind the server (DEFAULT_PORT when ``port`` is None, or a free one if that is taken)."""
    runner = web.AppRunner(await server._make_app(), access_log=None, shutdown_timeout=QUIT_GRACE)
    await runner.setup()
    for choice in ([port] if port is not None else [DEFAULT_PORT, 0]):
        try:
            await web.TCPSite(runner, server.host, choice).start()
            break
        except OSError as error:
            if port is not None or choice == 0:
                await runner.cleanup()
                raise UserError(f"cannot listen on {url_host(server.host)}:{choice}: "
                                f"{error.strerror or error}") from None
    server.bound(runner.addresses[0][1])
    return runner


async def serve_until_signal(server: BackrefServer, port: int | None, on_ready: Callable[[str], None]) -> int:
    """Serve until SIGINT, SIGTERM or SIGHUP, then end every app; the exit code, 128+N."""
    loop = asyncio.get_running_loop()
    stopped: asyncio.Future[int] = loop.create_future()

    def stop(signum: int) -> None:
        if not stopped.done():
            stopped.set_result(signum)

    for signum in SIGNALS:
        loop.add_signal_handler(signum, stop, signum)
    runner = await listen(server, port)
    try:
        # in a thread: on_ready may start a browser (webbrowser waits for some to exit)
        await loop.run_in_executor(None, on_ready, server.url)
        return 128 + await stopped
    finally:
        await server.end_sessions()
        await runner.cleanup()


def serve(argv: list[str], host: str, port: int | None, on_ready: Callable[[str], None], *,
          fallback: str = "") -> int:
    """Serve the backref command line ``argv`` to browsers on ``host``:``port`` (DEFAULT_PORT, or
    a free one, when None); on_ready(url) once it listens; 128+N after signal N."""
    logging.basicConfig(level=logging.WARNING, format="backref serve: %(message)s")
    server = BackrefServer(argv, host, port or 0, fallback=fallback)
    return asyncio.run(serve_until_signal(server, port, on_ready))

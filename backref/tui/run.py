"""Running the full-screen view for real: a crash is logged and never a success, and a
signal (SIGTERM, SIGHUP, or Ctrl-C before the terminal is taken) ends it the way `q` does,
so the terminal is always handed back: main screen, cursor shown, mouse off.
"""
from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from typing import TYPE_CHECKING

from backref.core.disk import make_private_dirs
from backref.core.locations import cache_dir
from backref.core.printable import one_line

if TYPE_CHECKING:
    from types import FrameType

    from textual.app import App

SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
CRASH_CODE = 70  # EX_SOFTWARE: an error of ours


def write_crash_log(error: BaseException) -> str | None:
    """Write ``error``'s traceback to a new file in the user cache dir; its path, or None."""
    directory = cache_dir()
    path = os.path.join(directory, f"crash-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.log")
    try:
        make_private_dirs(directory)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as log:
            log.write("".join(traceback.format_exception(error)))
    except OSError:
        return None
    return path


def run_tui(app: App[None], *, mouse: bool = True, headless: bool = False) -> int:
    """Run ``app``; 0 when it quits, 128+N after signal N, non-zero (and one line on
    stderr naming the log) after a crash."""
    import asyncio

    signalled: list[int] = []

    def exit_when_running(code: int) -> None:
        # the app's own shutdown restores the terminal (ticks are saved as they are made);
        # asked while it is still composing its first screen, it would stop half-built
        if app.is_running:
            app.call_after_refresh(app.exit, None, code)
        else:
            asyncio.get_running_loop().call_later(0.02, exit_when_running, code)

    def on_signal(signum: int) -> None:
        signalled.append(128 + signum)
        exit_when_running(128 + signum)

    async def run() -> None:
        loop = asyncio.get_running_loop()
        for signum in SIGNALS:  # from here on, a signal is handled inside the loop
            loop.add_signal_handler(signum, on_signal, signum)
        if signalled:  # one came before the loop ran
            exit_when_running(signalled[0])
        await app.run_async(mouse=mouse, headless=headless)

    def before_the_loop(signum: int, _frame: FrameType | None) -> None:
        signalled.append(128 + signum)  # acted on as soon as the loop runs (see run)

    previous = {signum: signal.signal(signum, before_the_loop) for signum in SIGNALS}
    try:
        asyncio.run(run())
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    crash: BaseException | None = getattr(app, "crash", None)
    if signalled:  # stopping half-started can trip Textual itself: the signal is the story
        return signalled[0]
    if crash is not None:
        log = write_crash_log(crash)
        where = f"details in {log}" if log else "no log could be written"
        sys.stderr.write(one_line(f"backref: crashed ({type(crash).__name__}); {where}") + "\n")
        return CRASH_CODE
    return app.return_code or 0

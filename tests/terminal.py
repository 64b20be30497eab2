"""backref run in a pseudo-terminal of a given size, for the tests that need a real terminal."""
from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager

from conftest import ROOT


class Terminal:
    """A running backref on a terminal: what it has shown, keys to type, and how it ended."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self.shown = b""
        self.status: int | None = None

    def read_until(self, wanted: bytes, timeout: float = 10) -> bool:
        """Read what it shows until ``wanted`` appears (True) or ``timeout`` seconds pass (False)."""
        end = time.monotonic() + timeout
        while wanted not in self.shown and time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:  # the other side closed: it has exited
                    return wanted in self.shown
                if not chunk:
                    break
                self.shown += chunk
        return wanted in self.shown

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def wait(self, timeout: float = 10) -> int | None:
        """Its exit code once it has exited (reading what it still shows), else None after ``timeout``."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = status
                self.read_until(b"\0never", 0.2)
                return os.waitstatus_to_exitcode(status)
            self.read_until(b"\0never", 0.05)
        return None

    @property
    def text(self) -> str:
        return self.shown.decode("utf-8", "replace").replace("\r\n", "\n")


@contextmanager
def terminal(*argv: str, columns: int = 80, rows: int = 24, env: dict[str, str] | None = None) -> Iterator[Terminal]:
    """``python -m backref ARGV`` on a terminal of ``columns`` x ``rows``; killed if it outlives the test."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: signals as a shell leaves them
        try:
            for number in (signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGPIPE):
                signal.signal(number, signal.SIG_DFL)
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            os.environ.update(env or {}, PYTHONPATH=os.fspath(ROOT), TERM="xterm-256color")
            os.environ.pop("COLUMNS", None)
            os.environ.pop("LINES", None)
            os.execv(sys.executable, [sys.executable, "-m", "backref", *argv])
        finally:
            os._exit(127)
    running = Terminal(pid, fd)
    try:
        yield running
    finally:
        if running.status is None and running.wait(0) is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)

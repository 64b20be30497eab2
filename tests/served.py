"""`backref serve` run as a person runs it, for the web tests: a real process on 127.0.0.1 and a
free port, its printed URL, the app processes it starts, and Ctrl-C at the end."""
from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

DEADLINE = 60.0  # seconds any wait here may take before the test fails (a bound, not a delay)


def served_env(root: Path, **extra: str) -> dict[str, str]:
    """An environment with its own state file, cache, data and config dirs under ``root``."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("BACKREF_") and key not in ("NO_COLOR", "BROWSER")}
    env.update(BACKREF_STATE=str(root / "state.toml"), BACKREF_CACHE_DIR=str(root / "cache"),
               XDG_DATA_HOME=str(root / "data"), XDG_CONFIG_HOME=str(root / "config"))
    env.update(extra)
    return env


def wait_for(condition: object, what: str, deadline: float = DEADLINE) -> object:
    """Call ``condition`` until it returns something true; that value (AssertionError after ``deadline``)."""
    end = time.monotonic() + deadline
    while True:
        value = condition()  # type: ignore[operator]
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"waited {deadline:.0f} s for {what}")
        time.sleep(0.05)


class Served:
    """A running `backref serve --port 0`: its URL, token, origin, and the lines it printed."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.env = env
        self.process = subprocess.Popen(
            [sys.executable, "-m", "backref", *args, "serve", "--port", "0"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.lines: queue.Queue[str] = queue.Queue()
        self.printed: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._printed_url()
        parts = urlsplit(self.url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.host = parts.netloc
        self.token = dict(q.split("=", 1) for q in parts.query.split("&"))["token"]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def _printed_url(self) -> str:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                break
            self.printed.append(line)
            if found := re.search(r"http://\S+", line):
                return found.group(0)
        self.stop()
        raise AssertionError(f"backref serve printed no URL: {self.printed} {self.stderr}")

    def printed_line(self, text: str) -> str:
        """The first line printed so far (waiting for more if need be) that holds ``text``."""
        def found() -> str | None:
            while not self.lines.empty():
                self.printed.append(self.lines.get())
            return next((line for line in self.printed if text in line), None)

        return str(wait_for(found, f"a line with {text!r}"))

    def app_processes(self) -> list[int]:
        """The pids of the app processes the server has running now (its children)."""
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    found.append(int(entry))
        return found

    def stop(self, signum: int = signal.SIGINT) -> int:
        """Send ``signum`` (Ctrl-C by default); the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise

    @property
    def stderr(self) -> str:
        """What the server wrote on stderr (after it stopped)."""
        if self.process.poll() is None or self.process.stderr is None:
            return ""
        return self.process.stderr.read()

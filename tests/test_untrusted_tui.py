"""The full-screen view with untrusted text, a crash, and signals: it shows text as text, a crash
is never a success, and the terminal is always handed back."""
from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from backref.core.load import load_content
from backref.tui.app import BackrefApp, make_app
from backref.tui.run import run_tui
from backref.tui.screens.search import SearchScreen
from conftest import CONTENT
from hostile import write_content

ALT_ON, ALT_OFF, CURSOR_ON, MOUSE_OFF = b"\x1b[?1049h", b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l"


def screen_strips(app: BackrefApp) -> list[object]:
    return list(app.screen._compositor.render_strips())


def screen_text(app: BackrefApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_only_text(app: BackrefApp) -> None:
    """No escape and no live hyperlink anywhere on screen: content was drawn as text."""
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            assert "\x1b" not in segment.text and "\x9b" not in segment.text
            assert segment.style is None or not segment.style.link, segment


async def test_search_quoting_markup_shows_no_matches(tmp_path: Path) -> None:
    app = make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"zzqx [b]qq[/]")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert "No matches for 'zzqx [b]qq[/]'" in screen_text(app)
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert "No matches for 'zzqx [b]qq['" in screen_text(app)
        assert app.is_running


@pytest.mark.parametrize("size", [(120, 40), (60, 20)])
async def test_hostile_content_is_drawn_as_text(tmp_path: Path, size: tuple[int, int]) -> None:
    content = load_content(write_content(tmp_path / "hostile.toml"))
    app = make_app(content, os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")  # the first topic (the home comes first)
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "[/]Tab" in text
        assert "First [b]x[/b] [/] [link=file:///etc/passwd]x[/link]" in text
        assert_only_text(app)
        for keys in (("e",), ("escape", "2"), ("slash", *"numb"), ("escape", "ctrl+p"), tuple("numb")):
            await pilot.press(*keys)
            await pilot.pause()
            assert_only_text(app)
        assert "[b]x[/b]" in screen_text(app)
        await pilot.press("escape", "q")
    assert app.return_code == 0


def test_a_crash_exits_non_zero_naming_its_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    def broken(self: BackrefApp) -> None:
        raise RuntimeError("something of ours broke")

    monkeypatch.setattr(BackrefApp, "on_mount", broken)
    app = make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))
    code = run_tui(app, headless=True)
    _out, err = capsys.readouterr()
    assert code != 0
    assert err.count("\n") == 1 and err.startswith("backref: crashed (RuntimeError); details in ")
    log = Path(err.rstrip("\n").rsplit(" ", 1)[1])
    assert log.parent == tmp_path / "cache"
    assert "something of ours broke" in log.read_text()


# -- signals, in a real pseudo-terminal ----------------------------------------------------------

class Terminal:
    """`python -m backref` on a pseudo-terminal of 80x24; what it wrote is kept in ``output``."""

    def __init__(self, tmp_path: Path) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "backref", "--state", os.fspath(tmp_path / "state.toml")],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_until(self, wanted: bytes | None = None, guard: float = 30) -> None:
        """Read until ``wanted`` appears (or, with None, until the program ends)."""
        while wanted is None or wanted not in self.output:
            ready, _, _ = select.select([self.master], [], [], guard)  # a guard against a hang, not a timing
            if not ready:
                raise AssertionError(f"waited for {wanted!r}; got {self.output[-300:]!r}")
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the program has ended
                chunk = b""
            if not chunk:
                if wanted is None:
                    return
                raise AssertionError(f"ended before {wanted!r}: {self.output[-300:]!r}")
            self.output += chunk

    def catches(self, signum: int) -> bool:
        """Whether the program has installed a handler for ``signum`` yet."""
        with open(f"/proc/{self.process.pid}/status") as status:
            caught = next(line for line in status if line.startswith("SigCgt:"))
        return bool(int(caught.split()[1], 16) & (1 << (signum - 1)))

    def finish(self) -> int:
        self.read_until(None)
        code = self.process.wait(timeout=30)
        os.close(self.master)
        return code


def assert_restored(output: bytes) -> None:
    """After the last time the view took the screen, it gave it back: main screen, cursor, no mouse."""
    tail = output[output.rindex(ALT_ON):]
    for sequence in (ALT_OFF, CURSOR_ON, MOUSE_OFF):
        assert sequence in tail, sequence


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_a_signal_restores_the_terminal(tmp_path: Path, signum: int, code: int) -> None:
    terminal = Terminal(tmp_path)
    terminal.read_until(b"EMERGENCY")  # the first screen is up
    terminal.process.send_signal(signum)
    assert terminal.finish() == code
    assert_restored(terminal.output)
    assert b"Traceback" not in terminal.output


def test_ctrl_c_during_start_up_exits_130_without_a_traceback(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path)
    while terminal.process.poll() is None and not terminal.catches(signal.SIGTERM):
        pass  # until the view is starting: its handlers are in place, its first screen not yet drawn
    terminal.process.send_signal(signal.SIGINT)
    assert terminal.finish() == 130
    assert b"Traceback" not in terminal.output
    if ALT_ON in terminal.output:
        assert_restored(terminal.output)


def test_ctrl_c_while_loading_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from backref.cli import main as cli_main

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_main, "load_with_packs", interrupted)
    assert cli_main.main(["show"]) == 130
    monkeypatch.setattr(cli_main, "build_parser", interrupted)
    assert cli_main.main(["show"]) == 130

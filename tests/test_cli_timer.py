"""`backref timer`: the list of timed items, a countdown piped and on a terminal, Ctrl-C, bad input."""
from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.cli.timer import show_lines
from backref.core.load import load_content
from backref.core.timers import Countdown, resolve_timed
from conftest import CONTENT, ROOT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def backref(*argv: str, state: Path) -> list[str]:
    return [sys.executable, "-m", "backref", "--state", os.fspath(state), *argv]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.fspath(ROOT)}


def test_timer_alone_lists_the_ice_heat_and_stretch_items_with_their_timings(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "timer")
    assert (code, err) == (0, "")
    flat = " ".join(out.split())
    assert "apply-ice-20-min: Apply ice 20 min every 2 hours - 20 minutes, every 2 hours for the first 48 hours" in flat
    assert "after the first 48 hours: Then alternate heat/cold" in flat
    assert "heat-for-chronic-spasms: Heat for chronic spasms - 20 minutes" in flat
    assert 'the guide: "20 minutes at a time"' in flat
    assert "with: Heating pads cautiously; Never sleep on heating pad" in flat
    for stretch in ("Knee-to-chest stretch", "Gentle trunk rotations", "Cat-cow stretch", "Child's pose", "Pelvic tilts"):
        assert f"{stretch} - 30 seconds" in flat
    assert flat.count("with: Stop if pain increases") == 5


def test_a_short_hold_piped_prints_plain_lines_and_a_final_line(tmp_path: Path) -> None:
    state = tmp_path / "state.toml"
    done = subprocess.run(backref("timer", "knee-to-chest-stretch", "--seconds", "3", state=state),
                          capture_output=True, text=True, env=env(), timeout=60)  # a guard against a hang
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[:2] == ["Knee-to-chest stretch: 3 seconds", "  with: Stop if pain increases"]
    assert lines[2:5] == [f"Knee-to-chest stretch  0:0{n} left" for n in (3, 2, 1)]
    assert lines[5:] == ["done: Knee-to-chest stretch (3 seconds)"]
    assert "\a" not in done.stdout  # piped output is plain text: no bell in it
    run = tomllib.loads(state.read_text())["timers"]["knee-to-chest-stretch"]
    assert (run["status"], run["seconds"]) == ("done", 3)
    assert run["started"] <= run["ended"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert 0 < seconds <= 1
        self.now += seconds


def test_piped_lines_come_each_minute_for_ice_and_each_phase_of_repeated_holds() -> None:
    content = load_content(os.fspath(CONTENT))
    clock = FakeClock()
    out: list[str] = []
    show_lines(Countdown(resolve_timed(content, "ice"), 1200, clock=clock), out.append,
               lambda: out.append("BELL"), clock.sleep)
    assert out[0] == "Apply ice 20 min every 2 hours  20:00 left"
    assert out[1] == "Apply ice 20 min every 2 hours  19:00 left"
    assert len(out) == 20 and out[-1].endswith(" 1:00 left")
    assert clock.now == 1200

    clock, out = FakeClock(), []
    show_lines(Countdown(resolve_timed(content, "pelvic"), 30, reps=2, rest_seconds=10, clock=clock),
               out.append, lambda: out.append("BELL"), clock.sleep)
    assert out == [
        "Pelvic tilts  hold 1/2  0:30 left", "Pelvic tilts  hold 1/2  0:20 left", "Pelvic tilts  hold 1/2  0:10 left",
        "BELL", "done: Pelvic tilts (30 seconds)",
        *(f"Pelvic tilts  rest  0:{n:02d} left" for n in range(10, 0, -1)),
        "Pelvic tilts  hold 2/2  0:30 left", "Pelvic tilts  hold 2/2  0:20 left", "Pelvic tilts  hold 2/2  0:10 left",
    ]


@pytest.mark.parametrize("argv, says", [
    (["timer", "no-such-thing"], "no checklist item matches 'no-such-thing'"),
    (["timer", "stop-activity-immediately"], "has no timing in the guide; give --minutes M or --seconds S"),
    (["timer", "--seconds", "3"], "--minutes, --seconds and --reps need an ITEM"),
    (["timer", "ice", "--seconds", "0"], "must be more than 0"),
    (["timer", "ice", "--seconds", "nan"], "is not a number"),
    (["timer", "ice", "--minutes", "1", "--seconds", "2"], "not allowed with argument"),
    (["timer", "knee", "--reps", "0"], "must be 1 or more"),
])
def test_bad_input_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], says: str) -> None:
    try:
        code, out, err = run(capsys, *argv)
    except SystemExit as exc:
        code, (out, err) = int(str(exc.code)), capsys.readouterr()
    assert code == 2 and out == ""
    assert says in err and err.count("\n") == 1


@pytest.mark.parametrize("argv, line", [
    (["timer", "yoga"], "backref: 'Yoga' has no timing in the guide; give --minutes M or --seconds S "
                        "(see 'backref timer' for the timed items)\n"),
    (["timer", "stretch"], "backref: 'stretch' matches 2 timed items: knee-to-chest-stretch (Knee-to-chest stretch), "
                           "cat-cow-stretch (Cat-cow stretch); name one by its id\n"),
])
def test_an_item_without_a_timing_or_a_name_of_two_is_said_in_full(
        capsys: pytest.CaptureFixture[str], argv: list[str], line: str) -> None:
    assert run(capsys, *argv) == (2, "", line)


def wait_for_exit(pid: int, timeout: float) -> int | None:
    """The child's wait status once it has exited, or None if it is still running after `timeout` s."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    return None


def read_until(fd: int, wanted: bytes, timeout: float) -> bytes:
    seen = b""
    end = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    return seen


def test_on_a_terminal_a_bar_moves_and_ctrl_c_exits_130_with_the_cursor_shown(tmp_path: Path) -> None:
    state = tmp_path / "state.toml"
    pid, fd = pty.fork()
    if pid == 0:  # the child: backref on a terminal, with Ctrl-C and hang-up as a shell leaves them
        for number in (signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):
            signal.signal(number, signal.SIG_DFL)
        os.environ.update(env(), COLUMNS="80", LINES="24", TERM="xterm-256color")
        os.execv(sys.executable, backref("timer", "heat", state=state))
    status = None
    try:
        shown = read_until(fd, b"19:58 left", 10)
        assert b"Heat for chronic spasms" in shown and b"19:58 left" in shown
        assert "━".encode() in shown  # the bar
        assert b"Never sleep on heating pad" in shown
        os.kill(pid, signal.SIGINT)
        shown += read_until(fd, b"stopped", 5)
        status = wait_for_exit(pid, 5)
    finally:
        os.close(fd)
        if status is None:  # a timer that never stopped fails the test; it must not outlive it
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    assert status is not None, "backref was still running 5 s after Ctrl-C"
    assert os.waitstatus_to_exitcode(status) == 130
    assert b"stopped: Heat for chronic spasms" in shown
    assert shown.rfind(b"\x1b[?25h") > shown.rfind(b"\x1b[?25l")  # the cursor is shown again
    assert tomllib.loads(state.read_text())["timers"]["heat-for-chronic-spasms"]["status"] == "cancelled"


@pytest.mark.parametrize("argv, line", [
    (["timer", "ice", "--minutes", "1e308"],
     "backref: --minutes 1e+308 is longer than 24 hours, the longest timer backref runs\n"),
    (["timer", "ice", "--seconds", "86401"],
     "backref: --seconds 86401 is longer than 24 hours, the longest timer backref runs\n"),
    (["timer", "knee", "--reps", "1000000000"],
     "backref: --reps 1000000000 is more than 100, the most holds one timer counts\n"),
    (["timer", "knee", "--reps", "100", "--minutes", "15"],
     "backref: 100 holds of 15 minutes take longer than 24 hours, the longest timer backref runs\n"),
])
def test_a_length_past_a_day_or_reps_past_a_hundred_are_one_line_and_nothing_is_kept(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], line: str) -> None:
    state = tmp_path / "state.toml"
    assert run(capsys, "--state", str(state), *argv) == (2, "", line)
    assert not state.exists()


@pytest.mark.parametrize("value", ["inf", "nan", "Infinity"])
def test_a_length_that_is_no_number_is_a_usage_error(capsys: pytest.CaptureFixture[str], value: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["timer", "ice", "--minutes", value])
    assert exited.value.code == 2
    assert f"argument --minutes: '{value}' is not a number" in capsys.readouterr().err


def test_piped_with_stderr_on_a_terminal_the_bell_rings_there(tmp_path: Path) -> None:
    import pty as ptys

    master, slave = ptys.openpty()
    try:
        done = subprocess.run(backref("timer", "knee-to-chest-stretch", "--seconds", "1", state=tmp_path / "s.toml"),
                              stdout=subprocess.PIPE, stderr=slave, env=env(), timeout=60)
        os.close(slave)
        rang = read_until(master, b"\a", 5)
    finally:
        os.close(master)
    assert done.returncode == 0 and b"\a" not in done.stdout and rang == b"\a"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_kill_or_a_hang_up_shows_the_cursor_and_keeps_the_run_as_cancelled(
        tmp_path: Path, signum: signal.Signals) -> None:
    from terminal import terminal

    state = tmp_path / "state.toml"
    with terminal("--state", os.fspath(state), "timer", "heat") as shown:
        assert shown.read_until(b" left", 20)  # the bar is up: the cursor is hidden
        os.kill(shown.pid, signum)
        assert shown.wait(20) == 128 + signum
    assert shown.shown.rfind(b"\x1b[?25h") > shown.shown.rfind(b"\x1b[?25l")  # the cursor is shown again
    assert b"stopped: Heat for chronic spasms" in shown.shown and b"Traceback" not in shown.shown
    assert tomllib.loads(state.read_text())["timers"]["heat-for-chronic-spasms"]["status"] == "cancelled"


def test_a_terminal_that_goes_away_ends_the_timer_as_a_hang_up(tmp_path: Path) -> None:
    from terminal import terminal

    state = tmp_path / "state.toml"
    with terminal("--state", os.fspath(state), "timer", "heat") as shown:
        assert shown.read_until(b" left", 20)  # the bar is up: the cursor is hidden
        os.close(shown.fd)  # the terminal closes: its session is hung up
        shown.fd = os.open(os.devnull, os.O_RDONLY)
        status = wait_for_exit(shown.pid, 20)
        shown.status = status
    assert status is not None and os.waitstatus_to_exitcode(status) == 129
    assert tomllib.loads(state.read_text())["timers"]["heat-for-chronic-spasms"]["status"] == "cancelled"


def test_a_reader_that_goes_away_stops_the_timer_as_a_broken_pipe(tmp_path: Path) -> None:
    state = tmp_path / "state.toml"
    command = " ".join([sys.executable, "-m", "backref", "--state", os.fspath(state), "timer", "ice"])
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {command} | head -1"], capture_output=True, text=True,
                          env=env(), timeout=60)  # a guard: a 20-minute timer must not run on
    assert done.returncode == 141 and done.stderr == ""
    assert done.stdout == "Apply ice 20 min every 2 hours: 20 minutes\n"
    assert tomllib.loads(state.read_text())["timers"]["apply-ice-20-min"]["status"] == "cancelled"

"""Ctrl-C at any moment from the entry point's first line on, and closed standard streams: exit
130 (or one line and exit 2), never a traceback."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

# Runs the `backref` entry point as the installed script does, delivering Ctrl-C (SIGINT to
# itself) at the moment named by WHEN: the N-th import after the entry module's first line,
# inside main() while it prints, as main() returns, or twice while the first is handled.
DRIVER = textwrap.dedent("""
    import builtins, os, signal, sys
    when, argv = sys.argv[1], sys.argv[2:]
    sys.argv = ["backref", *argv]
    import backref.__main__ as entry
    from backref.cli import output
    ctrl_c = lambda: os.kill(os.getpid(), signal.SIGINT)
    if when.startswith("import"):
        real, seen = builtins.__import__, [0]
        def counting(*args, **kwargs):
            seen[0] += 1
            if seen[0] == int(when[6:]):
                ctrl_c()
            return real(*args, **kwargs)
        builtins.__import__ = counting
    elif when == "print":
        real_print = output.print_lines
        output.print_lines = lambda lines: (ctrl_c(), real_print(lines))
    elif when == "twice":
        def twice(lines):
            try:
                ctrl_c()
            finally:
                ctrl_c()  # while the first is still being handled
        output.print_lines = twice
    code = entry.run()
    if when == "return":
        ctrl_c()
    sys.exit(code)
""")


def interrupted(when: str, *argv: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.fspath(ROOT), "BACKREF_STATE": os.fspath(tmp_path / "state.toml")}
    return subprocess.run([sys.executable, "-c", DRIVER, when, *argv], capture_output=True, text=True,
                          env=env, timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("when", ["import1", "import3", "import10", "import30", "import60", "print", "twice",
                                  "return"])
def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(tmp_path: Path, when: str) -> None:
    done = interrupted(when, "search", "ice", tmp_path=tmp_path)
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr


def test_without_ctrl_c_the_driver_runs_the_command(tmp_path: Path) -> None:
    done = interrupted("never", "search", "ice", tmp_path=tmp_path)
    assert (done.returncode, done.stderr) == (0, "") and "Apply ice" in done.stdout


def backref(*argv: str, tmp_path: Path, redirect: str) -> subprocess.CompletedProcess[str]:
    """backref run by a shell that closes a standard stream first (`<&-`, `>&-`, `2>&-`)."""
    env = {**os.environ, "PYTHONPATH": os.fspath(ROOT), "BACKREF_STATE": os.fspath(tmp_path / "state.toml"),
           "TERM": "xterm-256color"}
    command = " ".join([sys.executable, "-m", "backref", *argv, redirect])
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True, env=env, timeout=60)


def test_a_closed_stdin_is_an_empty_one(tmp_path: Path) -> None:
    done = backref("triage", tmp_path=tmp_path, redirect="<&-")
    assert done.returncode == 2
    assert done.stderr == "backref: the answers ended before the check did; nothing was recorded\n"
    done = backref(tmp_path=tmp_path, redirect="<&-")  # the full-screen view
    assert done.returncode == 2 and done.stderr.startswith("backref: not a terminal") and done.stderr.count("\n") == 1
    assert not (tmp_path / "state.toml").exists()


@pytest.mark.parametrize("argv", [["topics"], ["tick", "apply-ice-20-min"], ["triage"], ["summary"]])
def test_a_closed_stdout_is_said_and_nothing_is_done(tmp_path: Path, argv: list[str]) -> None:
    done = backref(*argv, tmp_path=tmp_path, redirect=">&-")
    assert done.returncode == 2
    assert done.stderr == "backref: standard output is closed: there is nowhere to print; nothing was done\n"
    assert not (tmp_path / "state.toml").exists()


def test_a_closed_stderr_keeps_the_exit_code_and_no_file_takes_its_place(tmp_path: Path) -> None:
    import tomllib

    # a notice on stderr ("read the words ... as one item") while the state file is open
    done = backref("tick", "proper", "warm-up", tmp_path=tmp_path, redirect="2>&-")
    assert (done.returncode, done.stdout) == (0, "ticked: Proper warm-up (today)\n")
    assert "read the words" not in (tmp_path / "state.toml").read_text()
    assert tomllib.loads((tmp_path / "state.toml").read_text())["version"] == 1
    assert backref("show", "nothing-like-this", tmp_path=tmp_path, redirect="2>&-").returncode == 2


def test_the_script_ends_with_every_line_printed_and_exit_handlers_still_run(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env.update(PYTHONPATH=os.fspath(ROOT), BACKREF_STATE=os.fspath(tmp_path / "state.toml"))
    shown = subprocess.run([sys.executable, "-m", "backref", "show"], capture_output=True, text=True, env=env,
                           timeout=60)
    assert shown.returncode == 0 and shown.stdout.rstrip().endswith(
        subprocess.run([sys.executable, "-m", "backref", "show", "doctor"], capture_output=True, text=True,
                       env=env, timeout=60).stdout.rstrip().splitlines()[-1])
    # something that waits for the exit (here a handler of its own) is never skipped by the quick end
    handler = ("import atexit, sys; atexit.register(lambda: sys.stderr.write('handler ran\\n'))\n"
               "sys.argv = ['backref', 'search', 'xqzzyv']\n"
               "from backref.__main__ import script; script()")
    done = subprocess.run([sys.executable, "-c", handler], capture_output=True, text=True, env=env, timeout=60)
    assert (done.returncode, done.stderr.splitlines()[-1]) == (1, "handler ran")

"""How the commands end: usage errors, a reader that goes away, Ctrl-C, narrow locales, JSON."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backref.cli.main import main
from conftest import CONTENT

ASCII_ENV = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"}


def backref(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """`python -m backref ARGV` in a fresh process, output piped."""
    return subprocess.run([sys.executable, "-m", "backref", *argv], capture_output=True, stdin=subprocess.DEVNULL,
                          env={**os.environ, **(env or {})}, timeout=60)


def non_ascii_content(tmp_path: Path) -> Path:
    """content.toml with an em dash and curly quotes in a red flag, and an em dash in a checklist item."""
    source = CONTENT.read_text(encoding="utf-8")
    edited = source.replace('"Severe night pain"', '"Severe night pain \u2014 \u201cworst ever\u201d"', 1)
    edited = edited.replace('text = "Proper warm-up"', 'text = "Proper warm-up \u2014 5 minutes"', 1)
    assert edited != source
    path = tmp_path / "content.toml"
    path.write_text(edited, encoding="utf-8")
    return path


@pytest.mark.parametrize(("argv", "prog"), [
    (["nosuchcommand"], "backref"),
    (["--nosuchflag"], "backref"),
    (["search"], "backref search"),
    (["show", "--width", "0"], "backref show"),
    (["search", "ice", "--limit", "many"], "backref search"),
])
def test_usage_errors_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], prog: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{prog}: ") and err.endswith(f" (see '{prog} --help')\n")
    assert err.count("\n") == 1


def test_usage_error_in_a_process_exits_2() -> None:
    done = backref("show", "--width", "-3")
    assert done.returncode == 2
    assert done.stdout == b"" and b"Traceback" not in done.stderr


@pytest.mark.parametrize("argv", [["show"], ["search", "pain", "--limit", "50"], ["redflags", "--json"]])
def test_a_reader_that_goes_away_ends_quietly(argv: list[str]) -> None:
    """`backref show | head -1`: the pipe closes before backref writes; no traceback, and the exit
    code of a process SIGPIPE ends (128 + 13), as `set -o pipefail` expects."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone already, so the first write fails however short it is
    try:
        done = subprocess.run([sys.executable, "-m", "backref", *argv], stdout=write_end, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=60)
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == 141


class Interrupted:
    """A stdout whose first write is met by Ctrl-C."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise KeyboardInterrupt

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize("argv", [["topics"], ["show", "relief"], ["search", "ice"], ["redflags", "--json"]])
def test_ctrl_c_exits_130_without_a_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                              argv: list[str]) -> None:
    monkeypatch.setattr(sys, "stdout", Interrupted())
    try:
        code = main(argv)
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C escaped main()")
    assert code == 130
    assert capsys.readouterr().err == ""


def test_search_in_an_ascii_locale_prints_stand_ins(tmp_path: Path) -> None:
    path = os.fspath(non_ascii_content(tmp_path))
    done = backref("--content", path, "search", "--width", "200", "night", "pain", env=ASCII_ENV)
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii() and done.stderr == b""
    assert b'Severe night pain -- "worst ever"' in done.stdout


def test_checklist_in_an_ascii_locale_prints_stand_ins(tmp_path: Path) -> None:
    path = os.fspath(non_ascii_content(tmp_path))
    done = backref("--content", path, "--state", os.fspath(tmp_path / "state.toml"), "checklist", env=ASCII_ENV)
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii() and done.stderr == b""
    assert b"Proper warm-up -- 5 minutes" in done.stdout


@pytest.mark.parametrize("argv", [["show", "doctor", "--json"], ["redflags", "--json"],
                                  ["search", "night", "pain", "--json"]])
def test_json_is_ascii_with_escapes_and_keeps_every_character(tmp_path: Path, argv: list[str]) -> None:
    path = os.fspath(non_ascii_content(tmp_path))
    for env in ({"PYTHONIOENCODING": "utf-8"}, ASCII_ENV):
        done = backref("--content", path, *argv, env=env)
        assert done.returncode == 0, done.stderr
        assert done.stdout.isascii()
        assert b"\\u2014" in done.stdout
        assert "Severe night pain \u2014 \u201cworst ever\u201d" in json.dumps(json.loads(done.stdout), ensure_ascii=False)

"""Content, state and input are untrusted: the commands show them as text, read them with
bounds, and write state through symlinks."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import tomllib
from wcwidth import wcswidth

from backref.cli.main import main
from backref.core.render import cell_width
from conftest import CONTENT
from hostile import HOSTILE, write_content

ESC, CSI = "\x1b", "\x9b"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def backref(*argv: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """`python -m backref ARGV` in a fresh process, output piped; the timeout only guards a hang."""
    return subprocess.run([sys.executable, "-m", "backref", *argv], capture_output=True, text=True,
                          timeout=60, **kwargs)  # type: ignore[call-overload]


@pytest.fixture
def hostile(tmp_path: Path) -> str:
    return write_content(tmp_path / "hostile.toml")


# -- one output path: control characters never reach the terminal ----------------------------

def test_hostile_content_passes_check(capsys: pytest.CaptureFixture[str], hostile: str) -> None:
    code, out, _err = run(capsys, "--content", hostile, "check")
    assert code == 0
    assert out.startswith("ok: 2 topics")


@pytest.mark.parametrize("argv", [
    ["show"], ["show", "--width", "30"], ["redflags"], ["topics"], ["search", "numb"], ["checklist"],
    ["tick", "stretch"], ["untick", "stretch"], ["search", "zzqx"], ["show", "nothing-like-this"],
])
def test_no_command_writes_an_escape(capsys: pytest.CaptureFixture[str], hostile: str, argv: list[str]) -> None:
    _code, out, err = run(capsys, "--content", hostile, *argv)
    for stream in (out, err):
        assert ESC not in stream and CSI not in stream and "\x07" not in stream


def test_brackets_are_printed_as_they_are(capsys: pytest.CaptureFixture[str], hostile: str) -> None:
    _code, out, _err = run(capsys, "--content", hostile, "show", "first")
    assert "Numb [b]x[/b] [/] [link=file:///etc/passwd]x[/link] ?]0;PWNED? ?]52;c;SGVsbG8=? ?[2J ?31m end" \
        in " ".join(out.split())


def test_a_typed_escape_is_shown_not_obeyed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "\x1b]0;title\x07zzqx")
    assert code == 1
    assert err == "backref: no matches for '?]0;title?zzqx'\n"
    code, _out, err = run(capsys, "show", "\x1b[2Jnope")
    assert code == 2 and ESC not in err and "2Jnope" in err


def test_usage_errors_quote_what_was_typed_as_text() -> None:
    result = backref("topics", "\x1b]52;c;SGVsbG8=\x07")
    assert result.returncode == 2
    assert ESC not in result.stderr and result.stderr.count("\n") == 1


def test_a_typed_newline_or_tab_stays_on_the_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["topics", "one\ntwo\tthree"])
    assert exited.value.code == 2
    assert capsys.readouterr().err == "backref: unrecognized arguments: one?two?three (see 'backref --help')\n"


def test_json_keeps_the_text_exact(capsys: pytest.CaptureFixture[str], hostile: str) -> None:
    import json

    _code, out, _err = run(capsys, "--content", hostile, "redflags", "--json")
    assert ESC not in out  # json escapes it as \u001b
    assert json.loads(out)[0]["signs"][0]["text"] == f"Numb {HOSTILE}"


# -- bounded reads ------------------------------------------------------------------------------

def test_a_device_is_refused_at_once() -> None:
    result = backref("--content", "/dev/zero", "check")
    assert result.returncode == 2
    assert result.stderr == "backref: /dev/zero: cannot read: not a regular file or a pipe\n"


def test_a_fifo_with_no_writer_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = backref("--content", str(fifo), "check")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "nothing written to it" in result.stderr


def test_a_pipe_with_a_writer_is_read(tmp_path: Path) -> None:
    """What `--content <(cat content.toml)` hands backref: /dev/fd/N, a pipe with a writer."""
    read_end, write_end = os.pipe()
    data = CONTENT.read_bytes()

    def feed() -> None:
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        result = backref("--content", f"/dev/fd/{read_end}", "topics", pass_fds=(read_end,))
    finally:
        writer.join()
        os.close(read_end)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("overview\t")


def test_a_huge_content_file_is_refused_unread(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: costs no disk
    code, _out, err = run(capsys, "--content", str(huge), "check")
    assert code == 2
    assert err == f"backref: {huge}: cannot read: larger than 50 MiB\n"


def test_deep_nesting_in_content_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    code, _out, err = run(capsys, "--content", str(deep), "check")
    assert code == 2
    assert err == "backref: deep.toml: arrays or tables nested too deeply to read\n"


def test_a_deeply_nested_state_file_is_set_aside(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    state = tmp_path / "state.toml"
    state.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    code, out, err = run(capsys, "--state", str(state), "tick", "apply-ice-20-min")
    assert code == 0 and out.startswith("ticked: ")
    assert err.count("\n") == 1 and "nested too deeply" in err and "kept it as" in err
    assert "apply-ice-20-min" in tomllib.loads(state.read_text())["episodes"][-1]["ticks"]  # a relief tick: in its episode


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_a_state_file_that_is_not_a_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    special: str) -> None:
    path = special
    if special == "fifo":
        path = str(tmp_path / "fifo")
        os.mkfifo(path)
    code, _out, err = run(capsys, "--state", path, "tick", "apply-ice-20-min")
    assert code == 2
    assert err == f"backref: cannot save ticks to {path}: not a regular file\n"


# -- state through symlinks ------------------------------------------------------------------

def test_tick_writes_through_a_symlink(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text('version = 1\n[ticks]\nwarm-up-before-exercise = "2026-01-01T08:00:00+00:00"\n')
    link = tmp_path / "S"
    link.symlink_to("real.toml")
    code, _out, _err = run(capsys, "--state", str(link), "tick", "apply-ice-20-min")
    assert code == 0
    assert link.is_symlink()
    saved = tomllib.loads(real.read_text())
    assert set(saved["ticks"]) == {"warm-up-before-exercise"}
    assert set(saved["episodes"][-1]["ticks"]) == {"apply-ice-20-min"}  # a relief tick: in its episode
    assert not (tmp_path / "S.lock").exists() and (tmp_path / "real.toml.lock").exists()


def test_a_dangling_symlink_gets_its_target(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "S"
    link.symlink_to("elsewhere/state.toml")
    code, _out, _err = run(capsys, "--state", str(link), "tick", "apply-ice-20-min")
    assert code == 0
    assert link.is_symlink()
    saved = tomllib.loads((tmp_path / "elsewhere" / "state.toml").read_text())
    assert "apply-ice-20-min" in saved["episodes"][-1]["ticks"]


def test_the_target_keeps_a_stricter_mode(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text("version = 1\n")
    real.chmod(0o400)
    link = tmp_path / "S"
    link.symlink_to(real)
    assert run(capsys, "--state", str(link), "tick", "apply-ice-20-min")[0] == 0
    assert stat.S_IMODE(real.stat().st_mode) == 0o400
    assert "apply-ice-20-min" in real.read_text()


# -- widths --------------------------------------------------------------------------------------

def test_an_emoji_presentation_sequence_is_two_cells() -> None:
    assert cell_width("\u26a0\ufe0f") == 2 == wcswidth("\u26a0\ufe0f")
    assert cell_width("\u26a0") == 1
    assert cell_width("caf\u00e9 \u2014 \u4e2d") == wcswidth("caf\u00e9 \u2014 \u4e2d")


def test_show_width_20_never_overflows_with_emoji(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    content = write_content(tmp_path / "emoji.toml", "\u26a0\ufe0f " * 9 + "warning \u26a0\ufe0f\u26a0\ufe0f sign", "Tab")
    for argv in (["show"], ["redflags"]):
        code, out, _err = run(capsys, "--content", content, *argv, "--width", "20")
        assert code == 0
        for line in out.splitlines():
            assert wcswidth(line) <= 20, line

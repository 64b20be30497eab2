"""`backref summary -o FILE`: what is written where, and what is never replaced (devices, FIFOs,
a link's foreign target), with the mode of an existing file kept."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core import disk
from conftest import ROOT

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def state(tmp_path: Path) -> Path:
    path = tmp_path / "s" / "state.toml"
    assert main(["--state", str(path), "episode", "start", "--at", "2026-11-19T08:00", "--severity", "6"]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], state: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--state", str(state), "summary", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_file_is_private_and_an_existing_one_keeps_its_mode(
        capsys: pytest.CaptureFixture[str], state: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.md"
    assert run(capsys, state, "-o", str(new)) == (0, f"wrote {new}\n", "")
    assert new.read_text().startswith("# Back spasm log") and stat.S_IMODE(new.stat().st_mode) == 0o600
    old = tmp_path / "old.html"
    old.write_text("an older page")
    old.chmod(0o644)
    assert run(capsys, state, "--format", "html", "-o", str(old))[0] == 0
    assert old.read_text().startswith("<!DOCTYPE html>") and stat.S_IMODE(old.stat().st_mode) == 0o644


def test_dash_is_standard_output_and_makes_no_file(
        capsys: pytest.CaptureFixture[str], state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, state, "-o", "-")
    assert (code, err) == (0, "") and out.startswith("# Back spasm log") and "wrote" not in out
    assert not (tmp_path / "-").exists()


def test_a_device_is_written_through_never_replaced(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    before = os.stat("/dev/null")
    assert run(capsys, state, "-o", "/dev/null") == (0, "wrote /dev/null\n", "")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_device_is_a_failure_said_in_one_line(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    code, out, err = run(capsys, state, "-o", "/dev/full")
    assert (code, out) == (2, "") and err == "backref: cannot write /dev/full: No space left on device\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)



@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("argv", [["topics"], ["show", "relief"], ["search", "ice"], ["search", "--json", "ice"],
                                  ["redflags"], ["summary"], ["export"], ["checklist", "--json"]])
def test_a_standard_output_on_a_full_device_is_one_line_and_exit_2(state: Path, argv: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as a shell runs it: buffered
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "backref", "--state", str(state), *argv], stdout=full,
                              stderr=subprocess.PIPE, text=True, env={**env, "PYTHONPATH": os.fspath(ROOT)},
                              timeout=60)
    assert (done.returncode, done.stderr) == (2, "backref: cannot write to standard output: No space left on device\n")

def test_a_fifo_nobody_reads_is_refused_at_once_and_one_with_a_reader_gets_the_page(
        capsys: pytest.CaptureFixture[str], state: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, out, err = run(capsys, state, "-o", str(fifo))
    assert (code, out) == (2, "") and err == f"backref: cannot write {fifo}: a pipe nobody is reading\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader; the page fits the pipe's buffer
    try:
        assert run(capsys, state, "-o", str(fifo))[0] == 0
        got = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert got.startswith(b"# Back spasm log") and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_link_to_a_file_backref_did_not_write_is_refused_and_left_alone(
        capsys: pytest.CaptureFixture[str], state: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "notes.txt"
    foreign.write_text("my own notes\n")
    link = tmp_path / "summary.md"
    link.symlink_to(foreign)
    code, out, err = run(capsys, state, "-o", str(link))
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.startswith(f"backref: cannot write {link}: it is a link to {foreign}")
    assert foreign.read_text() == "my own notes\n" and link.is_symlink()


def test_a_link_to_an_earlier_summary_or_to_nothing_is_written_through(
        capsys: pytest.CaptureFixture[str], state: Path, tmp_path: Path) -> None:
    target = tmp_path / "kept" / "summary.html"
    target.parent.mkdir()
    link = tmp_path / "summary.html"
    link.symlink_to(target)  # dangling: the target is made
    assert run(capsys, state, "--format", "html", "-o", str(link))[0] == 0
    target.chmod(0o640)
    assert run(capsys, state, "--format", "html", "-o", str(link))[0] == 0  # a page of ours: replaced
    assert link.is_symlink() and target.read_text().startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_folder_a_socket_and_a_missing_folder_are_one_line_each(
        capsys: pytest.CaptureFixture[str], state: Path, tmp_path: Path) -> None:
    import socket

    server = socket.socket(socket.AF_UNIX)
    sock = tmp_path / "sock"
    server.bind(str(sock))
    try:
        for where, why in ((tmp_path, "is a directory"), (sock, "not a file, a terminal or a pipe"),
                           (tmp_path / "missing" / "out.md", "No such file or directory")):
            assert run(capsys, state, "-o", str(where)) == (2, "", f"backref: cannot write {where}: {why}\n")
        assert stat.S_ISSOCK(sock.lstat().st_mode)
    finally:
        server.close()


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.fspath(ROOT)}


def test_dev_stdout_works_piped_and_into_a_redirected_file(state: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "backref", "--state", str(state), "summary", "-o", "/dev/stdout"]
    piped = subprocess.run(command, capture_output=True, env=env(), timeout=30)
    assert (piped.returncode, piped.stderr) == (0, b"")
    assert piped.stdout.startswith(b"# Back spasm log") and b"wrote" not in piped.stdout
    out = tmp_path / "out.md"
    with open(out, "wb") as sink:
        done = subprocess.run(command, stdout=sink, stderr=subprocess.PIPE, env=env(), timeout=30)
    assert (done.returncode, done.stderr) == (0, b"")
    assert out.read_bytes() == piped.stdout


def test_atomic_write_never_renames_over_a_device_or_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "state.toml"
    link.symlink_to("/dev/null")
    for path in (fifo, link):
        with pytest.raises(OSError) as caught:
            disk.atomic_write(str(path), b"x")
        assert caught.value.strerror == "not a regular file"
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "state.toml"]

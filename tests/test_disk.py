"""Where backref keeps its files, how it reads a file it did not write, and how it replaces one:
what each folder is, what a refusal says, and what the folder holds after a write."""
from __future__ import annotations

import errno
import os
import stat
import sys
import threading
import time
from pathlib import Path

import platformdirs  # imported here, on Linux, before any test pretends to be elsewhere
import pytest

from backref.core import disk, locations


# -- folders -----------------------------------------------------------------------------------

DIRS = [(locations.data_dir, "XDG_DATA_HOME", ".local/share"), (locations.config_dir, "XDG_CONFIG_HOME", ".config"),
        (locations.cache_dir, "XDG_CACHE_HOME", ".cache")]


@pytest.mark.parametrize(("folder", "variable", "fallback"), DIRS)
def test_each_folder_follows_its_xdg_variable_else_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        folder, variable: str, fallback: str) -> None:
    monkeypatch.delenv("BACKREF_CACHE_DIR")
    monkeypatch.setenv("HOME", os.fspath(tmp_path / "home"))
    monkeypatch.setenv(variable, os.fspath(tmp_path / "xdg"))
    assert folder() == os.fspath(tmp_path / "xdg" / "backref")
    for ignored in ("", "relative/dir"):
        monkeypatch.setenv(variable, ignored)
        assert folder() == os.fspath(tmp_path / "home" / fallback / "backref")
    monkeypatch.delenv(variable)
    assert folder() == os.fspath(tmp_path / "home" / fallback / "backref")


def test_the_cache_folder_can_be_named_outright(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKREF_CACHE_DIR", os.fspath(tmp_path / "mine"))
    assert locations.cache_dir() == os.fspath(tmp_path / "mine")
    monkeypatch.setenv("XDG_CACHE_HOME", os.fspath(tmp_path / "xdg"))
    monkeypatch.setenv("BACKREF_CACHE_DIR", "")  # set but empty: as if unset
    assert locations.cache_dir() == os.fspath(tmp_path / "xdg" / "backref")


@pytest.mark.parametrize(("folder", "name"), [(locations.data_dir, "user_data_dir"),
                                              (locations.config_dir, "user_config_dir"),
                                              (locations.cache_dir, "user_cache_dir")])
def test_off_linux_each_folder_is_the_platforms_own(monkeypatch: pytest.MonkeyPatch, folder, name: str) -> None:
    monkeypatch.delenv("BACKREF_CACHE_DIR")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert folder() == getattr(platformdirs, name)("backref")


def test_private_folders_are_made_with_every_missing_parent(tmp_path: Path) -> None:
    disk.make_private_dirs(os.fspath(tmp_path / "a" / "b" / "c"))
    for made in ("a", "a/b", "a/b/c"):
        assert stat.S_IMODE((tmp_path / made).stat().st_mode) == 0o700
    disk.make_private_dirs(os.fspath(tmp_path / "a" / "b"))  # already there: nothing to do
    (tmp_path / "file").write_text("")
    with pytest.raises(NotADirectoryError) as caught:
        disk.make_private_dirs(os.fspath(tmp_path / "file" / "sub"))
    assert caught.value.strerror == "Not a directory" and caught.value.filename == os.fspath(tmp_path / "file")


# -- reading a file backref did not write ------------------------------------------------------

def refusal(path: str, **options: object) -> str:
    with pytest.raises(OSError) as caught:
        disk.read_file(path, **options)  # type: ignore[arg-type]
    return str(caught.value.strerror)


def test_what_is_read_and_what_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with open(big, "wb") as f:
        f.truncate(3 * 1024 * 1024)  # sparse: costs no disk
    assert disk.read_file(os.fspath(big), limit=3 * 1024 * 1024) == bytes(3 * 1024 * 1024)
    assert refusal(os.fspath(big), limit=3 * 1024 * 1024 - 1) == "larger than 2 MiB"
    with open(big, "ab") as f:
        f.truncate(disk.MAX_READ + 1)
    assert refusal(os.fspath(big)) == "larger than 50 MiB"
    assert refusal(os.fspath(tmp_path)) == "is a directory"
    assert refusal("/dev/null") == "not a regular file"
    assert refusal("/dev/null", pipes=True) == "not a regular file or a pipe"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert refusal(os.fspath(fifo)) == "not a regular file"


def feed(write_end: int, data: bytes, pause: float = 0.0) -> threading.Thread:
    """A writer on the other end of a pipe that waits a moment first, then writes and closes."""
    def run() -> None:
        time.sleep(pause)
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        except BrokenPipeError:  # the reader stopped reading: what a refused pipe looks like
            pass

    writer = threading.Thread(target=run)
    writer.start()
    return writer


def test_a_pipe_is_read_to_its_end_even_when_its_writer_is_slow() -> None:
    read_end, write_end = os.pipe()
    data = b"version = 1\n" * 200_000  # more than one read's worth
    writer = feed(write_end, data, pause=0.2)
    try:
        assert disk.read_file(f"/dev/fd/{read_end}", pipes=True) == data
    finally:
        writer.join()
        os.close(read_end)


def test_a_pipe_longer_than_the_limit_is_refused() -> None:
    read_end, write_end = os.pipe()
    writer = feed(write_end, b"x" * (2 * 1024 * 1024 + 1))
    try:
        assert refusal(f"/dev/fd/{read_end}", pipes=True, limit=2 * 1024 * 1024) == "larger than 2 MiB"
    finally:
        os.close(read_end)
        writer.join()


# -- replacing a file --------------------------------------------------------------------------

def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_write_replaces_the_file_whole_and_private(tmp_path: Path) -> None:
    target = tmp_path / "state.toml"
    disk.atomic_write(os.fspath(target), b"one")
    assert target.read_bytes() == b"one" and stat.S_IMODE(target.stat().st_mode) == 0o600
    target.chmod(0o644)
    disk.atomic_write(os.fspath(target), b"two")
    assert target.read_bytes() == b"two" and stat.S_IMODE(target.stat().st_mode) == 0o600
    target.chmod(0o400)  # stricter than 0600: kept
    disk.atomic_write(os.fspath(target), b"three", mode=0o644)
    assert target.read_bytes() == b"three" and stat.S_IMODE(target.stat().st_mode) == 0o400
    disk.atomic_write(os.fspath(tmp_path / "cache.marshal"), b"c", durable=False, mode=0o640)
    assert stat.S_IMODE((tmp_path / "cache.marshal").stat().st_mode) == 0o640
    assert listing(tmp_path) == ["cache.marshal", "state.toml"]


def test_the_new_file_is_whole_when_it_is_synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode):
            synced.append(st.st_size)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    disk.atomic_write(os.fspath(tmp_path / "state.toml"), b"x" * 100)
    assert synced == [100]
    disk.atomic_write(os.fspath(tmp_path / "cache.marshal"), b"y" * 10, durable=False)  # a cache: no sync
    assert synced == [100]


def test_a_write_takes_the_next_free_temporary_name(tmp_path: Path) -> None:
    target = tmp_path / "state.toml"
    taken = [f".state.toml.{os.getpid()}-{n}.tmp" for n in range(99)]
    for name in taken:
        (tmp_path / name).write_text("")
    disk.atomic_write(os.fspath(target), b"new")
    assert target.read_bytes() == b"new"
    assert listing(tmp_path) == sorted([*taken, "state.toml"])
    (tmp_path / f".state.toml.{os.getpid()}-99.tmp").write_text("")
    with pytest.raises(FileExistsError) as caught:
        disk.atomic_write(os.fspath(target), b"newer")
    assert caught.value.strerror == "no free temporary name" and caught.value.errno == errno.EEXIST
    assert target.read_bytes() == b"new"


def test_a_write_that_fails_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "state.toml").mkdir()  # os.replace cannot put a file over a folder
    with pytest.raises(IsADirectoryError):
        disk.atomic_write(os.fspath(tmp_path / "state.toml"), b"data")
    assert listing(tmp_path) == ["state.toml"]


def test_leftovers_of_killed_writers_go_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "real" / "state.toml"
    target.parent.mkdir()
    (tmp_path / "link.toml").symlink_to(target)
    names = [".state.toml.123-0.tmp", ".state.toml.9-41.tmp", ".state.toml.bak", "state.toml.tmp",
             ".other.toml.1-0.tmp", "state.toml"]
    for name in names:
        (target.parent / name).write_text("")
    (target.parent / ".state.toml.7-0.tmp").mkdir()  # cannot be unlinked: left, and no error
    disk.remove_leftovers(os.fspath(tmp_path / "link.toml"))  # beside the link's target, where writes go
    assert listing(target.parent) == sorted([".state.toml.7-0.tmp", ".state.toml.bak", "state.toml.tmp",
                                             ".other.toml.1-0.tmp", "state.toml"])
    disk.remove_leftovers(os.fspath(tmp_path / "missing" / "state.toml"))  # no folder: nothing to do

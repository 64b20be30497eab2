"""One atomic file writer, one bounded read, and one file-identity key (where files live is
locations.py's).

Ground floor, standard library only.
"""
from __future__ import annotations

import os

MAX_READ = 50 * 1024 * 1024  # no content or state file is near this; /dev/zero is past it


def file_key(st: os.stat_result) -> tuple[int, int, int]:
    """What tells one version of a file from another: size, modification time, inode."""
    return st.st_size, st.st_mtime_ns, st.st_ino


def make_private_dirs(directory: str) -> None:
    """Create ``directory`` and any missing parents, each with mode 0700."""
    missing: list[str] = []
    while directory and not os.path.isdir(directory):
        missing.append(directory)
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            if not os.path.isdir(path):
                raise NotADirectoryError(20, "Not a directory", path) from None


def refused(path: str, why: str) -> OSError:
    """The OSError a file backref will not read raises; its strerror says why."""
    import errno

    return OSError(errno.EINVAL, why, path)


def open_for_reading(path: str, *, pipes: bool = False, limit: int = MAX_READ) -> tuple[int, os.stat_result]:
    """A descriptor on ``path`` and its stat, opened without blocking (a FIFO with no writer
    does not hang). Regular files up to ``limit`` bytes are accepted, and pipes when ``pipes``;
    anything else (a device, a socket, a directory) raises OSError at once."""
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "is a directory", path)
        if stat.S_ISREG(st.st_mode):
            if st.st_size > limit:
                raise refused(path, f"larger than {limit // (1024 * 1024)} MiB")
        elif not (pipes and stat.S_ISFIFO(st.st_mode)):
            raise refused(path, "not a regular file" + (" or a pipe" if pipes else ""))
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_all(fd: int, limit: int = MAX_READ) -> bytes:
    """Everything ``fd`` holds, up to ``limit`` bytes (OSError past it); a pipe is waited on
    until its writer closes it, and reads as empty when it has no writer at all."""
    chunks: list[bytes] = []
    size = 0
    while True:
        try:
            chunk = os.read(fd, 1024 * 1024)
        except BlockingIOError:  # a pipe whose writer has not written yet
            import select

            select.select([fd], [], [])
            continue
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise refused(str(fd), f"larger than {limit // (1024 * 1024)} MiB")
        chunks.append(chunk)


def read_file(path: str, *, pipes: bool = False, limit: int = MAX_READ) -> bytes:
    """The bytes of ``path`` (see open_for_reading for what is refused)."""
    fd, _st = open_for_reading(path, pipes=pipes, limit=limit)
    try:
        return read_all(fd, limit)
    finally:
        os.close(fd)


def temp_prefix(path: str) -> str:
    """The name start of ``path``'s temporary files: ``.state.toml.``."""
    return f".{os.path.basename(path)}."


def atomic_write(path: str, data: bytes, *, durable: bool = True, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` all at once: a temporary file in the same directory,
    then (when ``durable``) fsync, rename, fsync of the directory. OSError if it cannot.

    A symlink is written through, as git and SQLite do: its target is replaced (created,
    when the link dangles) and the link stays. The target keeps its mode when it is
    stricter than ``mode``."""
    path = os.path.realpath(path)
    try:
        mode &= os.stat(path).st_mode & 0o777
    except OSError:
        pass
    directory = os.path.dirname(path) or "."
    for attempt in range(100):
        tmp = os.path.join(directory, f"{temp_prefix(path)}{os.getpid()}-{attempt}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(17, "no free temporary name", path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        sync_directory(directory)


def sync_directory(directory: str) -> None:
    """fsync a directory so a rename in it survives a crash; not every file system allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_leftovers(path: str) -> None:
    """Delete temporary files of writers killed mid-save (call it holding the file's lock)."""
    path = os.path.realpath(path)  # where atomic_write puts them
    directory = os.path.dirname(path) or "."
    prefix = temp_prefix(path)
    try:
        with os.scandir(directory) as entries:
            names = [e.path for e in entries if e.name.startswith(prefix) and e.name.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        try:
            os.unlink(name)
        except OSError:
            pass

"""One atomic file writer, one bounded read, and one file-identity key (where files live is
locations.py's).

Ground floor, standard library only.
"""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

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


def atomic_write(path: str, data: bytes, *, durable: bool = True, mode: int = 0o600,
                 keep_mode: bool = False) -> os.stat_result:
    """Replace ``path`` with ``data`` all at once: a temporary file in the same directory,
    then (when ``durable``) fsync, rename, fsync of the directory. OSError if it cannot.

    A symlink is written through, as git and SQLite do: its target is replaced (created,
    when the link dangles) and the link stays. The target keeps its mode when it is
    stricter than ``mode`` (with ``keep_mode``, whatever it is). Only a regular file is ever
    replaced: a device, a FIFO, a socket or a folder there is refused (OSError). Returns the
    stat of the file written (what a cache of it is keyed by, whoever replaces it later)."""
    import stat

    path = os.path.realpath(path)
    try:
        st: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "is a directory", path)
        if not stat.S_ISREG(st.st_mode):
            raise refused(path, "not a regular file")
        mode = stat.S_IMODE(st.st_mode) if keep_mode else mode & st.st_mode & 0o777
    directory = os.path.dirname(path) or "."
    for attempt in range(100):
        tmp = os.path.join(directory, f"{temp_prefix(path)}{os.getpid()}-{attempt}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode & 0o777)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(17, "no free temporary name", path)
    try:
        with os.fdopen(fd, "wb") as f:
            if keep_mode and st is not None:
                keep_owner(f.fileno(), st)
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
            written = os.fstat(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        sync_directory(directory)
    return written


def keep_owner(fd: int, st: os.stat_result) -> None:
    """Give the new file the old one's mode (past the umask) and, where allowed, its owner."""
    import stat

    try:
        if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            os.fchown(fd, st.st_uid, st.st_gid)
        os.fchmod(fd, stat.S_IMODE(st.st_mode))
    except OSError:  # a group we are not in, a file system without owners: the data still goes
        pass


def write_output(path: str, data: bytes, *, ours: Callable[[bytes], bool]) -> int | None:
    """Write ``data`` to a file a person named for output (``summary -o FILE``); the standard
    stream it went to (1 or 2, for ``/dev/stdout``), else None.

    A regular file is replaced atomically and keeps its mode; a new one is made private
    (0600). A terminal, /dev/null, a pipe with a reader or one of this process's own standard
    streams is written through, never renamed over. Refused with OSError: folders, block
    devices, sockets, a FIFO nobody reads, and a symlink whose target is a file ``ours`` does
    not recognise from its first bytes (a link's foreign target is not backref's to replace).
    A write that fails (``/dev/full``) raises OSError too."""
    import stat

    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
        st: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None  # a new file, or a dangling link whose target is made (as a shell's > would)
    if st is None:
        atomic_write(path, data)
        return None
    stream = own_stream(st)
    if stream is not None:  # shares the stream's offset: a shell's > or >> stays right
        sys.stdout.flush()
        sys.stderr.flush()
        write_all(stream, data)
        return stream
    if stat.S_ISREG(st.st_mode):
        if link and st.st_size and not ours(head_of(path)):
            raise refused(path, f"it is a link to {os.path.realpath(path)}, which backref did not write")
        atomic_write(path, data, keep_mode=True)
        return None
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(21, "is a directory", path)
    if not (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise refused(path, "not a file, a terminal or a pipe")
    write_through(path, data)
    return None


def own_stream(st: os.stat_result) -> int | None:
    """1 or 2 when ``st`` is the file behind this process's stdout or stderr, else None."""
    for fd in (1, 2):
        try:
            mine = os.fstat(fd)
        except OSError:
            continue
        if (mine.st_dev, mine.st_ino) == (st.st_dev, st.st_ino):
            return fd
    return None


def write_all(fd: int, data: bytes) -> None:
    """Every byte of ``data`` to ``fd`` (OSError as it fails: ENOSPC on /dev/full)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def head_of(path: str, size: int = 4096) -> bytes:
    """The first bytes of a regular file (b"" when it cannot be read)."""
    try:
        fd, _st = open_for_reading(path)
    except OSError:
        return b""
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)


def write_through(path: str, data: bytes) -> None:
    """Write ``data`` into ``path`` as it is, without replacing it (a terminal, a device, a
    pipe). A FIFO with no reader is refused at once rather than waited on."""
    import errno
    import fcntl
    import stat

    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO's open for writing fails so when nobody reads it
            raise refused(path, "a pipe nobody is reading") from None
        raise
    try:
        st = os.fstat(fd)
        if not (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):  # swapped since the check
            raise refused(path, "changed while being written")
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        write_all(fd, data)
    finally:
        os.close(fd)


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

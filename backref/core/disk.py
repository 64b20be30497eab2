"""Where backref keeps files (XDG dirs), one atomic file writer, and one file-identity key.

Ground floor, standard library only; platformdirs is imported only off Linux, where the
XDG rules below are not the platform's own.
"""
from __future__ import annotations

import os
import sys

APP = "backref"


def _xdg_dir(variable: str, fallback: str, platform_dir: str) -> str:
    """$VARIABLE/backref when it is an absolute path, else ~/fallback/backref (platformdirs' rule)."""
    if sys.platform.startswith("linux"):
        base = os.environ.get(variable, "")
        if not os.path.isabs(base):  # platformdirs ignores an unset, empty or relative value
            base = os.path.expanduser(fallback)
        return os.path.join(base, APP)
    import platformdirs

    return str(getattr(platformdirs, platform_dir)(APP))


def user_data_dir() -> str:
    """platformdirs.user_data_dir("backref"), without importing platformdirs on Linux."""
    return _xdg_dir("XDG_DATA_HOME", "~/.local/share", "user_data_dir")


def user_config_dir() -> str:
    """platformdirs.user_config_dir("backref"), without importing platformdirs on Linux."""
    return _xdg_dir("XDG_CONFIG_HOME", "~/.config", "user_config_dir")


def user_cache_dir() -> str:
    """$BACKREF_CACHE_DIR, else platformdirs.user_cache_dir("backref")."""
    return os.environ.get("BACKREF_CACHE_DIR") or _xdg_dir("XDG_CACHE_HOME", "~/.cache", "user_cache_dir")


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


def temp_prefix(path: str) -> str:
    """The name start of ``path``'s temporary files: ``.state.toml.``."""
    return f".{os.path.basename(path)}."


def atomic_write(path: str, data: bytes, *, durable: bool = True, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` all at once: a temporary file in the same directory,
    then (when ``durable``) fsync, rename, fsync of the directory. OSError if it cannot."""
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

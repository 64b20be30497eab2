"""A marshal cache of files already parsed and checked (content.toml, state.toml).

Lookups then skip tomllib (and typing, which it imports) and the checks. An entry is
keyed by the file's path, size, mtime and inode, and by backref's version: any edit
(or atomic replace) of the file misses the cache and it is parsed afresh. Every
failure here is silent: the cache only ever saves time.
"""
from __future__ import annotations

import marshal
import os

from backref import __version__

FORMAT = 1


def cache_dir() -> str:
    """$BACKREF_CACHE_DIR, else the XDG cache dir (this file avoids importing platformdirs)."""
    explicit = os.environ.get("BACKREF_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "backref")


def cache_file(kind: str, path: str) -> str:
    name = path.strip(os.sep).replace(os.sep, "%").replace(":", "%")
    return os.path.join(cache_dir(), f"{kind}-{name[-150:]}.marshal")


def key_of(path: str, st: os.stat_result) -> tuple[object, ...]:
    return (FORMAT, __version__, path, st.st_size, st.st_mtime_ns, st.st_ino)


def read(kind: str, path: str, st: os.stat_result) -> dict | None:  # type: ignore[type-arg]
    """The cached table for this exact version of the file, or None."""
    if os.environ.get("BACKREF_NO_CACHE"):
        return None
    try:
        with open(cache_file(kind, path), "rb") as fh:
            key, raw = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return raw if key == key_of(path, st) and isinstance(raw, dict) else None


def write(kind: str, path: str, st: os.stat_result, raw: dict) -> None:  # type: ignore[type-arg]
    if os.environ.get("BACKREF_NO_CACHE"):
        return
    target = cache_file(kind, path)
    tmp = f"{target}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump((key_of(path, st), raw), fh)  # type: ignore[arg-type]
        os.replace(tmp, target)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass

"""A marshal cache of validated content, so lookups skip tomllib and validation.

Keyed by the content file's path, size, mtime and inode, and by backref's version:
any edit of content.toml misses the cache and is parsed and validated afresh.
Every failure here is silent: the cache only ever saves time.
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


def cache_file(path: str) -> str:
    name = path.strip(os.sep).replace(os.sep, "%").replace(":", "%")
    return os.path.join(cache_dir(), f"content-{name[-150:]}.marshal")


def key_of(path: str, st: os.stat_result) -> tuple[object, ...]:
    return (FORMAT, __version__, path, st.st_size, st.st_mtime_ns, st.st_ino)


def read(path: str, st: os.stat_result) -> dict | None:  # type: ignore[type-arg]
    """The cached table for this exact file, or None."""
    if os.environ.get("BACKREF_NO_CACHE"):
        return None
    try:
        with open(cache_file(path), "rb") as fh:
            key, raw = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return raw if key == key_of(path, st) and isinstance(raw, dict) else None


def write(path: str, st: os.stat_result, raw: dict) -> None:  # type: ignore[type-arg]
    if os.environ.get("BACKREF_NO_CACHE"):
        return
    target = cache_file(path)
    tmp = f"{target}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump((key_of(path, st), raw), fh)
        os.replace(tmp, target)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass

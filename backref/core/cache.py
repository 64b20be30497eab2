"""A marshal cache of files already parsed and checked (content.toml, with its packs merged in;
state.toml; config.toml).

Lookups then skip tomllib (and typing, which it imports) and the checks. An entry is
keyed by the file's path, size, mtime and inode (and those of every pack merged into it),
and by backref's version: any edit (or atomic replace) of a file, and any pack added or
removed, misses the cache and the files are parsed afresh. Every
failure here is silent: the cache only ever saves time.
"""
from __future__ import annotations

import marshal
import os

from backref import __version__
from backref.core.disk import atomic_write, file_key
from backref.core.locations import cache_dir

FORMAT = 1


def cache_file(kind: str, path: str) -> str:
    """The cache entry of ``path`` (an absolute path) for ``kind`` ("content", "state")."""
    name = path.strip(os.sep).replace(os.sep, "%").replace(":", "%")
    return os.path.join(cache_dir(), f"{kind}-{name[-150:]}.marshal")


def key_of(path: str, st: os.stat_result, extra: tuple[object, ...] = ()) -> tuple[object, ...]:
    return (FORMAT, __version__, path, *file_key(st), *((extra,) if extra else ()))


def read(kind: str, path: str, st: os.stat_result, extra: tuple[object, ...] = ()) -> dict | None:  # type: ignore[type-arg]
    """The cached table for this exact version of the file (and of the files ``extra`` names), or None."""
    if os.environ.get("BACKREF_NO_CACHE"):
        return None
    try:
        with open(cache_file(kind, path), "rb") as fh:
            key, raw = marshal.loads(fh.read())  # one read: marshal.load reads a file piecemeal
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return raw if key == key_of(path, st, extra) and isinstance(raw, dict) else None


def write(kind: str, path: str, st: os.stat_result, raw: dict,  # type: ignore[type-arg]
          extra: tuple[object, ...] = ()) -> None:
    """Keep ``raw`` as the parsed form of this version of ``path`` (silently, if at all)."""
    if os.environ.get("BACKREF_NO_CACHE"):
        return
    target = cache_file(kind, path)
    try:
        data = marshal.dumps((key_of(path, st, extra), raw))  # type: ignore[arg-type]
        os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
        atomic_write(target, data, durable=False)
    except (OSError, ValueError):
        pass

"""The checklist state file on disk: parse and check it, lock it, replace it atomically.

Standard library and tomli-w only. Each costly import (tomllib, tomli_w, fcntl, datetime)
happens inside the function that needs it, because `backref show` reaches this module
and most of its runs never read or write state.
"""
from __future__ import annotations

import os

from backref.core.disk import (
    atomic_write,
    file_key,
    head_of,
    make_private_dirs,
    open_for_reading,
    read_all,
    refused,
    remove_leftovers,
)
from backref.core.errors import UserError

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    from types import TracebackType
    from typing import Any

    State = dict[str, Any]

VERSION = 1


class StateWriteError(UserError):
    """Checklist ticks cannot be saved; the message names the file and why."""


class CorruptState(ValueError):
    """The state file is not TOML, or not the shape this version writes."""


def empty_state() -> State:
    """A state with no ticks."""
    return {"version": VERSION, "ticks": {}, "days": {}}


def signature(path: str) -> tuple[int, int, int] | None:
    """What tells one version of the file from another, or None when there is no file.

    OSError other than "no such file" (permission denied, ...) is raised.
    """
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return file_key(st)


def read_state(path: str) -> State:
    """The state in ``path``, checked; CorruptState when it cannot be used, OSError when unreadable."""
    from backref.core import cache

    # a FIFO, a device or a huge file is refused at once (OSError), never waited on
    fd, st = open_for_reading(path)
    try:
        key = os.path.abspath(path)
        cached = cache.read("state", key, st)
        if cached is not None:
            return cached
        data = read_all(fd)
    finally:
        os.close(fd)
    state = parse_state(data)
    cache.write("state", key, st, state)
    return state


def parse_state(data: bytes) -> State:
    """Parse and check a state file's bytes; raise CorruptState naming what is wrong."""
    import tomllib

    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise CorruptState("not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise CorruptState(f"not TOML: {exc}") from None
    except RecursionError:
        raise CorruptState("arrays or tables nested too deeply to read") from None
    return check_shape(raw)


def check_shape(raw: dict[str, Any]) -> State:
    """The state with timestamps as strings; CorruptState when a known key has the wrong shape."""
    import datetime

    version = raw.get("version", VERSION)
    if type(version) is not int or version < 1:
        raise CorruptState(f"version is {version!r}, not a whole number from 1")
    state = dict(raw)
    state["version"] = version
    state["ticks"] = stamp_table(raw.get("ticks", {}), "[ticks]")
    days = raw.get("days", {})
    if not isinstance(days, dict):
        raise CorruptState("[days] is not a table")
    state["days"] = {}
    for day, table in days.items():
        try:
            if len(day) != 10:
                raise ValueError(day)
            datetime.date.fromisoformat(day)
        except ValueError:
            raise CorruptState(f"[days] key {day!r} is not a date YYYY-MM-DD") from None
        state["days"][day] = stamp_table(table, f"[days.{day}]")
    if "episodes" in raw:
        state["episodes"] = check_episodes(raw["episodes"])
    if "timers" in raw:
        state["timers"] = timer_table(raw["timers"])
    if "checks" in raw:
        state["checks"] = check_records(raw["checks"])
    return state


def check_episodes(value: object) -> list[dict[str, Any]]:
    """The ``episodes`` array with date-times as strings; CorruptState naming what is wrong."""
    import datetime

    from backref.core.episodes import EARLIEST_YEAR, LATEST_YEAR, SEVERITY_MAX, usable_stamp

    def stamp(v: object, where: str, *, usable: bool = False) -> str:
        """A start must be a date-time every rule can count from; an end or a reading's time
        that is not one is kept as the text it is (shown marked, left out of every sum)."""
        if isinstance(v, (datetime.date, datetime.time)):
            v = v.isoformat()
        if not isinstance(v, str) or (usable and not usable_stamp(v)):
            raise CorruptState(f"{where} is {v!r}, not a date-time from {EARLIEST_YEAR} to {LATEST_YEAR}")
        return v

    if not isinstance(value, list):
        raise CorruptState("episodes is not an array of tables")
    out = []
    for n, table in enumerate(value, 1):
        where = f"[[episodes]] {n}"
        if not isinstance(table, dict) or "started" not in table:
            raise CorruptState(f"{where} is not a table with 'started'")
        episode = dict(table)
        episode["started"] = stamp(table["started"], f"{where} started", usable=True)
        if "ended" in table:
            episode["ended"] = stamp(table["ended"], f"{where} ended")
        for key in ("where", "triggers"):
            if not all(isinstance(s, str) for s in table.get(key, [])):
                raise CorruptState(f"{where} {key} is not an array of strings")
        readings = table.get("readings", [])
        if not isinstance(readings, list) or not all(isinstance(r, dict) and "at" in r for r in readings):
            raise CorruptState(f"{where} readings is not an array of tables with 'at'")
        for r in readings:
            severity, note = r.get("severity", 0), r.get("note", "")
            if type(severity) is not int or not 0 <= severity <= SEVERITY_MAX or not isinstance(note, str):
                raise CorruptState(f"{where} reading at {r['at']}: severity must be 0-{SEVERITY_MAX}, note text")
        episode["readings"] = [{**r, "at": stamp(r["at"], f"{where} reading")} for r in readings]
        if "ticks" in table:
            episode["ticks"] = stamp_table(table["ticks"], f"{where} ticks")
        out.append(episode)
    return out


def timer_table(table: object) -> dict[str, dict[str, Any]]:
    """[timers]: item id -> its last run, with hand-written TOML datetimes made strings."""
    import datetime

    if not isinstance(table, dict) or not all(isinstance(run, dict) for run in table.values()):
        raise CorruptState("[timers] is not a table of tables")
    runs: dict[str, dict[str, Any]] = {}
    for item_id, run in table.items():
        runs[item_id] = {k: v.isoformat() if isinstance(v, (datetime.date, datetime.time)) else v
                         for k, v in run.items()}
    return runs


def check_records(checks: object) -> list[dict[str, Any]]:
    """[[checks]]: red-flag checks as kept, each with ``at`` as a string; other keys kept."""
    import datetime

    if not isinstance(checks, list) or not all(isinstance(c, dict) for c in checks):
        raise CorruptState("[[checks]] is not an array of tables")
    out = []
    for check in checks:
        check = dict(check)
        if isinstance(check.get("at"), (datetime.date, datetime.time)):
            check["at"] = check["at"].isoformat()
        out.append(check)
    return out


def stamp_table(table: object, where: str) -> dict[str, str]:
    """A table of item id -> when ticked, with hand-written TOML datetimes made strings."""
    import datetime

    if not isinstance(table, dict):
        raise CorruptState(f"{where} is not a table")
    stamps: dict[str, str] = {}
    for item_id, when in table.items():
        if isinstance(when, (datetime.date, datetime.time)):
            when = when.isoformat()
        if not isinstance(when, str):
            raise CorruptState(f"{where} {item_id} is {when!r}, not a timestamp")
        stamps[item_id] = when
    return stamps


def looks_like_state(head: bytes) -> bool:
    """Whether a file starting with ``head`` is one backref wrote (or an empty one): every state
    file has begun with its ``version`` since the first release, broken or not after it."""
    for line in head.lstrip(b"\xef\xbb\xbf").splitlines():
        line = line.strip()
        if line and not line.startswith(b"#"):
            return line.startswith(b"version") and line[7:].lstrip().startswith(b"=")
    return len(head) < 4096  # blank and comments only: nothing of anyone's to lose


def foreign_link(path: str) -> str | None:
    """Why backref must not touch ``path``, a symlink whose target is not a backref state file
    (a dotfiles manager linking the wrong file), or None. A dangling link is fine: the write
    makes its target."""
    import stat

    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except OSError:
        return None  # missing (made on write), or unreadable: said where it is read
    if stat.S_ISREG(st.st_mode) and looks_like_state(head_of(target)):
        return None
    what = "a backref state file" if stat.S_ISREG(st.st_mode) else "a file"
    return (f"{path} is a link to {target}, which is not {what}; backref leaves it alone "
            "(point the link at a state file, or choose another with --state)")


def set_aside(path: str) -> str:
    """Rename a corrupt file to ``<path>.corrupt-<time>``; return the new name (OSError if it cannot)."""
    import time

    path = os.path.realpath(path)  # a symlink's target is what is corrupt; the link stays
    base = f"{path}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}"
    name, n = base, 1
    while os.path.lexists(name):
        name, n = f"{base}-{n}", n + 1
    os.rename(path, name)
    return name


class StateLock:
    """An exclusive advisory lock on ``<path>.lock`` (beside a symlink's target), held for one read-merge-write.

    Creates the state directory if needed. Raises OSError when the lock file cannot be
    made, which in practice means the state cannot be saved there.
    """

    def __init__(self, path: str) -> None:
        self.path = os.path.realpath(path)  # through a symlink, as the write is: one lock per file
        self.fd = -1

    def __enter__(self) -> StateLock:
        import fcntl
        import stat

        try:  # a folder, a device or a FIFO is never the state file: no TARGET.lock beside it either
            kind = os.stat(self.path).st_mode
            if stat.S_ISDIR(kind):
                raise IsADirectoryError(21, "is a directory", self.path)
            if not stat.S_ISREG(kind):
                raise refused(self.path, "not a regular file")
        except (FileNotFoundError, NotADirectoryError):
            pass
        make_private_dirs(os.path.dirname(self.path) or ".")
        self.fd = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(self.fd)
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        # closing releases the lock; a killed process releases it the same way
        os.close(self.fd)


def write_state(path: str, state: State) -> None:
    """Replace ``path`` with ``state`` atomically (see disk.atomic_write), and keep in the cache
    what the next command needs: the state as parsed (so no command parses backref's own
    writes again) and the text of each day, check and episode (so the next write formats only
    what changed: ten years of use are thousands of them).

    Call it holding StateLock: it also removes temp files that killed writers left behind.
    """
    from backref.core import cache

    remove_leftovers(path)
    key = os.path.abspath(path)
    try:
        before = cache.read("pieces", key, os.stat(path))
    except OSError:
        before = None
    kept = ordered(state)
    text, pieces = state_text(kept, before or {})
    written = atomic_write(path, text.encode("utf-8"))
    cache.write("state", key, written, kept)
    cache.write("pieces", key, written, pieces)


# The tables written one by one, each as tomli-w formats it in an array of tables or under [days];
# every other key is formatted by tomli-w in one piece before them.
PIECES = ("days", "checks", "episodes")
# tomli-w writes an array as [[tables]] unless each of its tables fits one line: an element
# followed by this one, which never fits, is always written as [[name]] on its own.
TOO_LONG = {"_": "x" * 120}


def state_text(state: State, known: dict[bytes, str]) -> tuple[str, dict[bytes, str]]:
    """The TOML text of ``state`` (already ``ordered``), and its pieces by a digest of what each
    holds; a piece in ``known`` is taken from there rather than formatted again."""
    import hashlib
    import marshal

    import tomli_w

    head = {k: v for k, v in state.items() if k not in PIECES or not v or not pieceable(v)}
    parts = [tomli_w.dumps(head)] if head else []
    pieces: dict[bytes, str] = {}
    for name in PIECES:
        value = state.get(name)
        if name in head or not isinstance(value, (dict, list)):
            continue
        entries = value.items() if isinstance(value, dict) else enumerate(value)
        for label, entry in entries:
            try:
                digest = hashlib.blake2b(marshal.dumps((name, label if name == "days" else 0, entry)),
                                         digest_size=16).digest()
            except ValueError:  # a value marshal cannot hold (a hand-written TOML time): no reuse
                parts.append(piece(name, label, entry))
                continue
            text = known.get(digest)
            if not isinstance(text, str):  # new, or a cache that holds something else
                text = piece(name, label, entry)
            pieces[digest] = text
            parts.append(text)
    return "\n".join(parts), pieces


def pieceable(value: object) -> bool:
    """Whether ``value`` is written piece by piece: a table of tables, or an array of tables."""
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
    return items is not None and all(isinstance(item, dict) for item in items)


def piece(name: str, label: object, entry: dict[str, Any]) -> str:
    """One day's table, or one element of an array of tables, as tomli-w writes it."""
    import tomli_w

    if name == "days":
        return tomli_w.dumps({name: {label: entry}})
    text = tomli_w.dumps({name: [entry, TOO_LONG]})
    tail = "\n" + tomli_w.dumps({name: [TOO_LONG]})  # what the element that never fits adds
    assert text.endswith(tail), "tomli-w writes an array of tables as [[name]] sections"
    return text[: -len(tail)]


def ordered(state: State) -> State:
    """Version first, unknown keys kept where they were, days oldest first, episodes last."""
    out: State = {"version": state["version"]}
    out.update((k, v) for k, v in state.items() if k not in ("version", "ticks", "days", "episodes"))
    out["ticks"] = state["ticks"]
    out["days"] = {day: state["days"][day] for day in sorted(state["days"]) if state["days"][day]}
    if state.get("episodes"):
        out["episodes"] = state["episodes"]
    return out


def write_problem(path: str) -> str | None:
    """Why ``path`` cannot be saved, found without writing anything, or None when it looks fine."""
    directory = os.path.dirname(os.path.realpath(path))
    while not os.path.lexists(directory):
        directory = os.path.dirname(directory)
    if not os.path.isdir(directory):
        return f"cannot save ticks to {path}: {directory} is not a directory"
    if not os.access(directory, os.W_OK | os.X_OK):
        return f"cannot save ticks to {path}: {directory} is not writable"
    return None

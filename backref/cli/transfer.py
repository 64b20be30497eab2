"""`backref export [-o FILE]` and `backref import FILE [--dry-run]`: the whole state as JSON,
and merging such a file into the state in use (atomically, under the state's lock)."""
from __future__ import annotations

import os

from backref.cli.output import print_lines, write_text
from backref.core.errors import UserError
from backref.core.locations import state_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from backref.core.state_file import State


def current_state(path: str) -> State:
    """The state file as it is (empty when there is none); UserError when it cannot be used."""
    from backref.core.state_file import CorruptState, empty_state, read_state

    try:
        return read_state(path)
    except (FileNotFoundError, NotADirectoryError):
        return empty_state()
    except CorruptState as exc:
        raise UserError(f"{path} is unreadable ({exc}); backref sets it aside at its next change") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None


def written_by_backref(head: bytes) -> bool:
    """Whether a file's first bytes are an export's, which -o may replace through a symlink."""
    from backref.core.transfer import FORMAT

    return head.lstrip().startswith(b"{") and f'"format": "{FORMAT}"'.encode() in head


def write_output(path: str, text: str) -> bool:
    """``text`` to stdout (``-``) or to ``path`` through the one output writer (disk.write_output:
    a regular file atomically, a pipe or terminal written through, never a device or a foreign
    link's target replaced); whether it went to a file rather than a standard stream."""
    if path == "-":
        write_text(text)  # the JSON is ASCII: printable leaves it as it is
        return False
    from backref.core.disk import write_output as write_file

    try:
        stream = write_file(os.path.abspath(os.path.expanduser(path)), text.encode("utf-8"), ours=written_by_backref)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}; nothing was written") from None
    return stream is None


def run_export(args: argparse.Namespace) -> int:
    """`backref export [-o FILE]`: the whole state as JSON, on stdout or to FILE."""
    from backref.core.episodes import stamp
    from backref.core.state import local_now
    from backref.core.transfer import export_document

    path = state_path(args.state)
    text = export_document(current_state(path), stamp(local_now()))
    if write_output(args.output or "-", text):
        print_lines([f"exported {path} to {args.output}"])
    return 0


def read_import(path: str) -> bytes:
    """The bytes of an export file: a regular file of bounded size (a FIFO or device is refused at once)."""
    from backref.core.disk import read_file
    from backref.core.transfer import IMPORT_MAX

    try:
        return read_file(path, limit=IMPORT_MAX)
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not an export; nothing was imported") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror or exc}; nothing was imported") from None


def run_import(args: argparse.Namespace) -> int:
    """`backref import FILE [--dry-run]`: merge an export into the state; never removes anything."""
    from backref.core.state_file import VERSION, StateLock, write_problem, write_state
    from backref.core.transfer import merge, read_export

    incoming = read_export(read_import(args.file), args.file)
    path = state_path(args.state)
    # first without the lock, which would create the folder: a dry run or no change writes nothing at all
    state = current_state(path)
    changes = merge(state, incoming)
    if not changes.any():
        print_lines([f"no change: {path} already holds everything in {args.file}"])
        return 0
    if args.dry_run:
        print_lines([f"would add to {path}: {changes.words()} (dry run: nothing written)"])
        return 0
    problem = write_problem(path)
    if problem:
        raise UserError(problem)
    try:
        with StateLock(path):
            state = current_state(path)  # again under the lock: another backref may have written
            if state["version"] > VERSION:
                raise UserError(f"cannot import into {path}: it was written by a newer backref "
                                f"(state version {state['version']})")
            changes = merge(state, incoming)
            if not changes.any():  # another backref imported it meanwhile
                print_lines([f"no change: {path} already holds everything in {args.file}"])
                return 0
            write_state(path, state)
    except OSError as exc:
        raise UserError(f"cannot save {path}: {exc.strerror or exc}; nothing was imported") from None
    print_lines([f"imported into {path}: {changes.words()}"])
    return 0

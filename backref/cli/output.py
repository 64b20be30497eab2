"""How the commands write: the wrap width, plain lines, JSON, errors and notices on stderr.

Everything a command prints goes through here, and every character of it through
``printable`` first: content, state and what a person typed may hold terminal control
sequences, and none of them reaches the terminal.
"""
from __future__ import annotations

import sys

from backref.cli.terminal import terminal_columns, terminal_rows
from backref.core.printable import one_line, printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import TextIO

PROG = "backref"


def output_width(args: argparse.Namespace) -> int:
    """--width, else the terminal's width when stdout is one, else 80."""
    return int(args.width) if args.width else terminal_columns()


def write_text(text: str, stream: TextIO | None = None) -> None:
    """Write ``text`` (control characters replaced) to ``stream`` (stdout by default) and flush."""
    write_raw(printable(text), stream)


def write_raw(text: str, stream: TextIO | None = None) -> None:
    """Write ``text``, already made printable, to ``stream`` (stdout by default) and flush. A
    standard output that cannot take it (a full disk, /dev/full) is one line and exit 2; what
    is still buffered is dropped, so that the exit does not try it again."""
    stream = stream or sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        if stream is sys.stderr:
            return  # nowhere left to say anything
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        from backref.core.errors import UserError

        raise UserError(f"cannot write to standard output: {exc.strerror or exc}") from None


def print_lines(lines: list[str]) -> None:
    """Write ``lines`` to stdout in one go."""
    write_text("\n".join(lines) + "\n" if lines else "")


def print_json(data: object) -> None:
    """Write ``data`` as JSON (non-ASCII and control characters escaped by json itself): indented
    on a terminal, where a person reads it; on one line when piped, where a script does (json
    indents only in pure Python: ten years of episodes took it past half a second)."""
    import json

    write_raw(json.dumps(data, indent=2 if sys.stdout.isatty() else None) + "\n")


def print_error(message: str) -> None:
    """One line on stderr: 'backref: message' (a newline in the message is shown, not obeyed)."""
    write_text(f"{PROG}: {one_line(message)}\n", sys.stderr)


def print_notices(notices: list[str]) -> None:
    """What a store has to tell the person (a corrupt file set aside...), once, on stderr."""
    for notice in notices:
        print_error(notice)
    notices.clear()


def print_paged(lines: list[str], pager: bool = True) -> None:
    """Write ``lines`` through the pager setting (config.toml's, $BACKREF_PAGER, $PAGER, else
    `less -R`) when stdout is a terminal they do not fit on; otherwise (piped, short,
    --no-pager, the pager empty or missing) as print_lines does."""
    from backref.core.config import current

    command = current().pager.strip()
    if not (pager and command and overflows_terminal(len(lines))):
        print_lines(lines)
        return
    import shlex
    import subprocess

    try:
        process = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE)
    except (OSError, ValueError):
        print_lines(lines)
        return
    data = ("\n".join(lines) + "\n").encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict")
    import signal

    # Ctrl-C belongs to the pager while it runs (less stops a search with it), as git does it
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process.communicate(data)
    except BrokenPipeError:  # the person quit the pager early
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


def overflows_terminal(count: int) -> bool:
    """Whether ``count`` lines overflow the terminal stdout is (False when it is no terminal)."""
    rows = terminal_rows()
    return bool(rows) and count >= rows

"""How the commands write: the wrap width, plain lines, JSON, notices on stderr."""
from __future__ import annotations

import sys

from backref.cli.terminal import terminal_columns

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

PROG = "backref"


def output_width(args: argparse.Namespace) -> int:
    """--width, else the terminal's width when stdout is one, else 80."""
    return int(args.width) if args.width else terminal_columns()


def print_lines(lines: list[str]) -> None:
    """Write ``lines`` to stdout in one go."""
    sys.stdout.write("\n".join(lines) + "\n" if lines else "")
    sys.stdout.flush()


def print_json(data: object) -> None:
    """Write ``data`` as indented JSON (non-ASCII escaped, so any locale can carry it)."""
    import json

    sys.stdout.write(json.dumps(data, indent=2) + "\n")
    sys.stdout.flush()


def print_error(message: str) -> None:
    """One line on stderr: 'backref: message'."""
    print(f"{PROG}: {message}", file=sys.stderr)


def print_notices(notices: list[str]) -> None:
    """What a store has to tell the person (a corrupt file set aside...), once, on stderr."""
    for notice in notices:
        print_error(notice)
    notices.clear()

"""How the commands write: the wrap width, plain lines, JSON. Standard library only."""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

PIPED_WIDTH = 80


def terminal_columns(default: int = PIPED_WIDTH) -> int:
    """The terminal's width when stdout is one, else ``default`` (shutil is not imported for this)."""
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns or default
    except (OSError, ValueError, AttributeError):
        pass
    return default


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

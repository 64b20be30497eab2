"""What the terminal can do: streams that print ASCII stand-ins, its width, whether a TUI can run."""
from __future__ import annotations

import os
import sys

from backref.core.encoding import register_ascii_fallback

PIPED_WIDTH = 80


def install_ascii_fallback() -> None:
    """Make stdout and stderr print stand-ins rather than raise in a non-UTF-8 locale."""
    handler = register_ascii_fallback()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=handler)
            except (ValueError, OSError):
                pass


def terminal_columns(default: int = PIPED_WIDTH) -> int:
    """The terminal's width when stdout is one, else ``default`` (shutil is not imported for this)."""
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns or default
    except (OSError, ValueError, AttributeError):
        pass
    return default


def terminal_rows() -> int:
    """The terminal's height when stdout is one, else 0 (piped output has no screen to fit)."""
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError, AttributeError):
        pass
    return 0


def dumb_terminal() -> str | None:
    """`TERM=...` when TERM names no terminal that can move the cursor, else None."""
    term = os.environ.get("TERM", "")
    if term in ("", "dumb", "unknown"):
        return f"TERM={term or '(unset)'}"
    return None


def tui_unavailable_reason() -> str | None:
    """Why the full-screen view cannot run here, or None when it can."""
    if os.environ.get("TEXTUAL_DRIVER"):  # Textual draws through another driver (`backref serve`'s browser)
        return None
    if dumb := dumb_terminal():
        return dumb
    if not (sys.stdin.isatty() and sys.__stderr__ is not None and sys.__stderr__.isatty()):
        return "not a terminal"
    return None

"""What the terminal can do: ASCII fallbacks for narrow encodings, and whether a TUI can run.

Ground floor: standard library only.
"""
from __future__ import annotations

import codecs
import os
import sys

# Glyphs the content or the output may carry, and what to print where they cannot be encoded.
ASCII_FALLBACKS = {
    "\u2014": "--", "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...",
    "\u2022": "*", "\u00b7": "*", "\u25cf": "*", "\u2713": "x", "\u2714": "x", "\u2717": "x",
    "\u00d7": "x", "\u2192": "->", "\u2190": "<-", "\u203a": ">", "\u00bb": ">>", "\u00a0": " ",
    "\u26a0": "!", "\ufe0f": "", "\u00b0": " deg", "\u2265": ">=", "\u2264": "<=",
}
HANDLER = "backref-ascii"


def ascii_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the ASCII stand-in for each character that cannot be encoded."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(ASCII_FALLBACKS.get(ch, "?") for ch in bad), exc.end


def install_ascii_fallback() -> None:
    """Make stdout and stderr print stand-ins rather than raise in a non-UTF-8 locale."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, ascii_fallback)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=HANDLER)
            except (ValueError, OSError):
                pass


def tui_unavailable_reason() -> str | None:
    """Why the full-screen view cannot run here, or None when it can."""
    term = os.environ.get("TERM", "")
    if term in ("", "dumb", "unknown"):
        return f"TERM={term or '(unset)'}"
    if not (sys.stdin.isatty() and sys.__stderr__ is not None and sys.__stderr__.isatty()):
        return "not a terminal"
    return None

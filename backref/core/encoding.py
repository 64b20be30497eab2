"""ASCII stand-ins for text a narrow output encoding (LC_ALL=C) cannot carry, registered once.

Ground floor, standard library only.
"""
from __future__ import annotations

import codecs

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


def register_ascii_fallback() -> str:
    """Register the handler (once); returns its name for ``str.encode(..., errors=)``."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, ascii_fallback)
    return HANDLER


def is_unicode(encoding: str) -> bool:
    """Whether ``encoding`` (utf-8, UTF8, utf_16...) can carry every character."""
    return encoding.lower().startswith("utf")


def as_printed(text: str, encoding: str | None) -> str:
    """``text`` as a stream in ``encoding`` prints it with the stand-ins (unchanged for UTF-8)."""
    if encoding is None or text.isascii() or is_unicode(encoding):
        return text
    return text.encode(encoding, register_ascii_fallback()).decode(encoding)

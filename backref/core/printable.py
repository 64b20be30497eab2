"""The one rule for text from content, state or input: it is shown, never obeyed by the terminal.

Ground floor, standard library only, cheap to import (every command's output passes here).
"""
from __future__ import annotations

REPLACEMENT = "?"
# C0 and C1 control characters and DEL, except newline and tab: ESC above all, which
# starts the sequences that set window titles, write the clipboard or clear the screen.
# And the invisible marks that reorder the text around them (bidirectional embeddings, overrides
# and isolates), with which a line can show one thing and hold another.
BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
CONTROLS = {c: REPLACEMENT for c in (*range(0x20), 0x7F, *range(0x80, 0xA0), *BIDI_CONTROLS) if c not in (0x09, 0x0A)}
# The same, without newline and tab either: for text that must stay on one line.
LINE_CONTROLS = {**CONTROLS, 0x09: REPLACEMENT, 0x0A: REPLACEMENT}


def printable(text: str) -> str:
    """``text`` with every control character but newline and tab replaced by '?', one for one,
    so positions in it (search spans) still hold."""
    if text.isprintable():  # the common case: nothing to replace, no copy
        return text
    return text.translate(CONTROLS)


def one_line(text: str) -> str:
    """``text`` with every control character, newline and tab included, replaced by '?'."""
    return text if text.isprintable() else text.translate(LINE_CONTROLS)

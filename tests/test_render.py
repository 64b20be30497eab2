"""How wide text is on screen, and the exact lines and JSON the lookup commands print for a small
content file: blank lines, rules, markers, notes, urgency, ticks and the ASCII stand-ins."""
from __future__ import annotations

import pytest
from wcwidth import wcswidth

from backref.core import render
from backref.core.printable import one_line

# Planes 0 and 1 (every script, symbol and emoji) and the tags and variation selectors of plane 14.
CODE_POINTS = [*range(0x80, 0x20000), *range(0xE0000, 0xE0200)]


def test_every_character_is_measured_as_wcwidth_measures_it() -> None:
    # the fast path may send a character to wcwidth, but never vouch for a width wcwidth disagrees with
    wrong = [hex(cp) for cp in CODE_POINTS
             if render.cell_width(chr(cp)) != max(wcswidth(one_line(chr(cp))), 0)]
    assert wrong == []


@pytest.mark.parametrize(("text", "columns"), [
    ("\u4e2d\u6587", 4),        # CJK: two columns each
    ("\u3000", 2),              # the ideographic space is full width
    ("e\u0300", 1),             # a combining accent takes none
    ("1\u20e3", 1),             # an enclosing keycap mark takes none
    ("a\u200bb", 2),            # a zero-width space takes none
    ("\u200b", 0),              # ... even alone
    ("ice\u2014heat", 8),       # an em dash takes one
    ("\u26a0\ufe0f", 2),        # a warning sign shown as an emoji takes two
    ("caf\u00e9 na\u00efve", 10),
])
def test_text_takes_the_columns_a_terminal_gives_it(text: str, columns: int) -> None:
    assert render.cell_width(text) == columns


def test_a_word_cut_to_fit_never_passes_the_width() -> None:
    assert render.wrap("\u4e2d\u6587\u5b57", 3) == ["\u4e2d", "\u6587", "\u5b57"]  # 2 columns each, 3 to fill
    assert render.wrap("- " + "\u4e2d" * 3, 4, "") == ["-", "\u4e2d\u4e2d", "\u4e2d"]


def test_a_word_exactly_as_wide_as_the_line_is_not_cut() -> None:
    assert render.wrap("abcde fg", 5) == ["abcde", "fg"]
    assert render.wrap("abcdef gh", 8, "- ") == ["- abcdef", "  gh"]

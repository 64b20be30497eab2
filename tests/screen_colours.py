"""The colours a terminal shows for what the full-screen view draws, and the contrast of the
urgency words on screen: read from the app's own compositor (the segments it writes), mapped
through a colour system the way Rich writes them and a terminal shows them (xterm's palettes).

Test support, not a test: test_tui_contrast.py and the tmux check use it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.color import Color, ColorSystem, ColorType
from rich.style import Style

if TYPE_CHECKING:
    from textual.app import App

RGB = tuple[int, int, int]

# xterm's own 16 colours (its default resources), which is what a person sees for SGR 30-37/90-97
XTERM_16: list[RGB] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
    (255, 0, 255), (0, 255, 255), (255, 255, 255),
]
# a dark terminal's own colours, for a cell drawn in the default colours
DEFAULT_FG: RGB = XTERM_16[7]
DEFAULT_BG: RGB = XTERM_16[0]
SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT, "16": ColorSystem.STANDARD}


def xterm_256(number: int) -> RGB:
    """xterm's 256-colour palette: the 16, a 6x6x6 cube, then 24 greys."""
    if number < 16:
        return XTERM_16[number]
    if number < 232:
        steps = (0, 95, 135, 175, 215, 255)
        n = number - 16
        return steps[n // 36], steps[n // 6 % 6], steps[n % 6]
    grey = 8 + 10 * (number - 232)
    return grey, grey, grey


def shown(color: Color | None, system: str, default: RGB) -> RGB:
    """The colour a terminal shows for ``color`` written in ``system`` (Rich downgrades it first)."""
    if color is None or color.type == ColorType.DEFAULT:
        return default
    color = color.downgrade(SYSTEMS[system])
    if color.type == ColorType.TRUECOLOR:
        assert color.triplet is not None
        return tuple(color.triplet)  # type: ignore[return-value]
    assert color.number is not None
    return xterm_256(color.number)


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Cell:
    char: str
    fg: RGB
    bg: RGB

    @property
    def contrast(self) -> float:
        return contrast(self.fg, self.bg)


def cell_colours(style: Style | None, system: str) -> tuple[RGB, RGB]:
    """(foreground, background) as shown: reverse swaps them, dim blends the text halfway to
    its ground (as Textual's own dim filter does)."""
    style = style or Style()
    fg = shown(style.color, system, DEFAULT_FG)
    bg = shown(style.bgcolor, system, DEFAULT_BG)
    if style.dim:
        fg = tuple((f + b) // 2 for f, b in zip(fg, bg))  # type: ignore[assignment]
    if style.reverse:
        fg, bg = bg, fg
    return fg, bg


def screen_cells(app: App[object], system: str = "truecolor") -> list[list[Cell]]:
    """Every cell of the terminal as the app draws it now, with the colours a terminal in
    ``system`` shows (a wide character fills its first cell; the next holds '')."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    rows: list[list[Cell]] = []
    for line in update.strips:  # type: ignore[union-attr]
        row: list[Cell] = []
        for strip in line:
            for segment in strip:
                if segment.control:
                    continue
                fg, bg = cell_colours(segment.style, system)
                for char in segment.text:
                    row.append(Cell(char, fg, bg))
                    row.extend(Cell("", fg, bg) for _ in range(cell_len(char) - 1))
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Found:
    """Urgency words found on screen: where, what they say, and their worst contrast."""

    row: int
    start: int
    end: int
    text: str
    worst: float


def urgency_words(rows: list[list[Cell]], label: str, numbers: list[str]) -> list[Found]:
    """Every word of the urgency label (EMERGENCY), every number to call, and every
    "emergency department" (also when it wraps between rows), with the worst contrast of its
    letters against their own ground."""
    texts = ["".join(c.char or "\0" for c in row) for row in rows]
    spans: list[tuple[int, int, int]] = []
    words = [re.escape(w) for w in label.split()] + [re.escape(n) for n in numbers]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?![\w])") if words else None
    for y, text in enumerate(texts):
        if pattern is not None:
            spans += [(y, m.start(), m.end()) for m in pattern.finditer(text)]
        for m in re.finditer(r"(?i)\bemergency\s+department\b", text):
            spans.append((y, m.start(), m.end()))
        for m in re.finditer(r"(?i)(?<!emergency )\bdepartment\b", text):
            # wrapped: "emergency" ends the row above, in the same block of text (from this column)
            above = texts[y - 1][m.start():] if y else ""
            lead = re.search(r"(?i)\bemergency(?=\s*(?:$|[\0\u2500-\u259f|]|\s\s))", above)
            if lead:
                x = m.start() + lead.start()
                spans += [(y - 1, x, x + len("emergency")), (y, m.start(), m.end())]
    found = []
    for y, start, end in spans:
        cells = [c for c in rows[y][start:end] if c.char.strip()]
        worst = min((c.contrast for c in cells), default=21.0)
        found.append(Found(y, start, end, texts[y][start:end], worst))
    return found

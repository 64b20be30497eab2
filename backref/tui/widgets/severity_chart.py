"""Severity over time: each reading a bar against a 0-10 axis, with the dates under them.

Drawn as text (a Sparkline scales to its own lowest and highest value, so two readings of 3
and 4 look like 0 and 10); block glyphs, or '#' where the terminal's encoding has none.
"""
from __future__ import annotations

import locale

from textual.content import Content
from textual.widgets import Static

from backref.core.encoding import is_unicode
from backref.tui.text import plain

AXIS = (10, 8, 6, 4, 2)  # one row per two points of the 0-10 scale, top first
BAR = 2  # columns per reading, then one blank
LEFT = "10 |"  # the axis labels' width, with the axis itself


def glyphs() -> tuple[str, str]:
    """(full, half) bar glyphs: blocks, or ASCII where the locale cannot show them."""
    return ("\u2588", "\u2584") if is_unicode(locale.getpreferredencoding(False)) else ("#", ".")


def chart_lines(readings: list[tuple[str, int]], width: int, full: str = "#", half: str = ".") -> list[str]:
    """The chart as lines of at most ``width`` columns: the latest readings that fit, one bar
    each (a half glyph for an odd value), the day of the month under each first reading of a day,
    and which dates the bars span."""
    room = max(1, (width - len(LEFT)) // (BAR + 1))
    shown = readings[-room:]
    lines = []
    for top in AXIS:
        row = "".join((full * BAR if value >= top else half * BAR if value == top - 1 else " " * BAR) + " "
                      for _at, value in shown)
        lines.append(f"{top:<2} |{row}".rstrip())
    lines.append("0  +" + "-" * (len(shown) * (BAR + 1)))
    lines.append(" " * len(LEFT) + day_labels([at for at, _value in shown]))
    first, end = when(shown[0][0]), when(shown[-1][0])
    lines.append(f"{len(shown)} readings: {first} - {end}" if len(shown) > 1 else f"1 reading: {first}")
    if len(shown) < len(readings):
        lines.append(f"(the last {len(shown)} of {len(readings)})")
    return [line[:width] for line in lines]


def when(stamp: str) -> str:
    """'6 Dec 09:30' from an ISO stamp (local time as written)."""
    import datetime

    date = datetime.date.fromisoformat(stamp[:10])
    return f"{date.day} {date.strftime('%b')} {stamp[11:16]}".strip()


def day_labels(stamps: list[str]) -> str:
    """Under the first bar of each day, its date ('6 Dec'), or the day alone ('7') where the
    next label would run into it; nothing where even that has no room."""
    import datetime

    row = ""
    last = ""
    for n, stamp in enumerate(stamps):
        day = stamp[:10]
        if day == last:
            continue
        last = day
        at = n * (BAR + 1)
        date = datetime.date.fromisoformat(day)
        later = [m * (BAR + 1) for m in range(n + 1, len(stamps)) if stamps[m][:10] != day]
        room = (later[0] if later else 10**6) - at - 1
        for label in (f"{date.day} {date.strftime('%b')}", str(date.day)):
            if len(label) <= room and len(row) <= at:
                row = row.ljust(at) + label
                break
    return row


class SeverityChart(Static):
    """Redrawn by ``show`` with an episode's (when, severity) readings, and on resize."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.readings: list[tuple[str, int]] = []

    def show(self, readings: list[tuple[str, int]]) -> None:
        self.readings = readings
        self.display = bool(readings)
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        if self.readings:
            full, half = glyphs()
            width = self.content_region.width or self.app.size.width - 4
            lines = chart_lines(self.readings, width, full, half)
            # the dates in a style of their own: a run of text that starts with spaces loses them
            # in some renderings (the snapshot SVGs)
            dates = lines[len(AXIS) + 1]
            shown = Content("\n").join([plain(line) for line in lines[:len(AXIS) + 1]]
                                        + [Content.assemble(" " * len(LEFT), (dates.strip(), "italic"))]
                                        + [plain(line) for line in lines[len(AXIS) + 2:]])
            self.update(shown)

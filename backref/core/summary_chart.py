"""One episode's severity over time: a small inline SVG chart on a 0-10 axis with dates (the
HTML summary), and a text bar for each reading (the Markdown).

Black shapes and words only (points, a line, dashed grid lines, numbers, dates, the guide's
band names), so the chart reads the same printed in black and white. Nothing in it is fetched
and nothing runs; every word in it passes through the summary's one escape.
"""
from __future__ import annotations

from backref.core import wording
from backref.core.summary_page import html_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime

BAR_WIDTH = 10
SCALE_MAX = 10
# The drawing's own units (the page's CSS sets its printed size): the plot spans x from
# LEFT to RIGHT and severity 0 at BOTTOM up to 10 at TOP.
WIDTH, HEIGHT = 480, 140
LEFT, RIGHT, TOP, BOTTOM = 30, 410, 14, 104
PAD = 10  # the first and last points sit this far inside the axes, clear of them
LABELLED = 12  # up to this many points each carry their number; beyond, the first, peak and last
DAY = 86400.0


def text_bar(severity: int) -> str:
    """'#######---' for 7: severity that reads in any font and on paper."""
    return "#" * severity + "-" * (BAR_WIDTH - severity)


class Chart:
    """What one chart draws: ``points`` (when, severity) oldest first, over ``start``-``end``;
    ``bands`` are the guide's band names with the severities they span (low, high, name);
    ``notes`` the times of readings that are a note alone (marked on the time axis)."""

    __slots__ = ("number", "points", "start", "end", "bands", "title", "notes")

    def __init__(self, number: int, points: list[tuple[datetime.datetime, int]], start: datetime.datetime,
                 end: datetime.datetime, bands: list[tuple[int, int, str]], title: str,
                 notes: list[datetime.datetime] | None = None) -> None:
        self.number, self.points, self.start, self.end = number, points, start, end
        self.bands, self.title, self.notes = bands, title, notes or []


def y_of(severity: float) -> float:
    return BOTTOM - (BOTTOM - TOP) * severity / SCALE_MAX


def minute(when: datetime.datetime) -> str:
    """'2026-11-19 21:00' (isoformat is several times cheaper than strftime)."""
    return when.isoformat(" ", "minutes")[:16]


# y of each severity, as written in the drawing
Y = [f"{y_of(n):.1f}" for n in range(SCALE_MAX + 1)]
LABEL_Y = [f"{y_of(n) - 6:.1f}" for n in range(SCALE_MAX + 1)]
FRAMES: dict[tuple[tuple[int, int, str], ...], str] = {}


def frame(bands: tuple[tuple[int, int, str], ...]) -> str:
    """What every chart draws the same: the 0-10 axis (0, 5 and 10 labelled) with dashed grid
    lines, the guide's bands marked off and named beside it, and the caption. Made once."""
    made = FRAMES.get(bands)
    if made is not None:
        return made
    levels = (0, 5, 10)
    grid = "".join(f"M{LEFT} {Y[n]}H{RIGHT}" for n in levels)
    grid += "".join(f"M{RIGHT} {y_of(high + 0.5):.1f}H{WIDTH - 2}" for _low, high, _name in bands if high < SCALE_MAX)
    parts = [f'<path class="grid" d="{grid}"/><path class="axis" d="M{LEFT} {TOP - 4}V{BOTTOM}H{RIGHT}"/>\n']
    parts += [f'<text class="end" x="{LEFT - 5}" y="{y_of(n) + 3.5:.1f}">{n}</text>' for n in levels]
    parts += [f'<text class="band" x="{RIGHT + 6}" y="{y_of((low + high) / 2) + 3.5:.1f}">{html_text(name)}</text>'
              for low, high, name in bands]
    parts.append(f'\n<text x="{LEFT}" y="{HEIGHT - 5}">{html_text(wording.SUMMARY_CHART_CAPTION)}</text>\n')
    made = FRAMES[bands] = "".join(parts)
    return made


def midnights(start: datetime.datetime, end: datetime.datetime) -> list[datetime.datetime]:
    """Each midnight after ``start`` and before ``end``, in ``start``'s own offset."""
    import datetime

    found = []
    try:
        midnight = datetime.datetime.combine(start.date() + datetime.timedelta(days=1), datetime.time(), start.tzinfo)
        while midnight < end:
            found.append(midnight)
            midnight += datetime.timedelta(days=1)
    except OverflowError:  # the last days of year 9999
        pass
    return found


def svg_chart(chart: Chart) -> str:
    """The chart as one inline ``<svg>`` element (with a ``<title>`` saying what it shows)."""
    start = chart.start
    span = (chart.end - start).total_seconds()
    scale = (RIGHT - LEFT - 2 * PAD) / span if span > 0 else 0.0
    middle = (LEFT + RIGHT) / 2

    def x_of(when: datetime.datetime) -> float:
        return LEFT + PAD + scale * (when - start).total_seconds() if span > 0 else middle

    # no xmlns: an <svg> inside HTML is SVG by the HTML parser's rules, and the page names no address
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img">'
             f"<title>{html_text(chart.title)}</title>\n", frame(tuple(chart.bands))]
    # dates: a tick at each midnight of an episode up to a month long, the first and last labelled
    ticks = [x_of(midnight) for midnight in midnights(start, chart.end)] if DAY <= span <= 31 * DAY else []
    if span > 0:
        ticks += [LEFT + PAD, RIGHT - PAD]
        parts.append(f'<text x="{LEFT}" y="{BOTTOM + 16}">{minute(start)}</text>'
                     f'<text class="end" x="{RIGHT}" y="{BOTTOM + 16}">{minute(chart.end)}</text>')
    else:
        parts.append(f'<text class="mid" x="{middle}" y="{BOTTOM + 16}">{minute(start)}</text>')
    if ticks:
        parts.append('<path class="tick" d="' + "".join([f"M{x:.1f} {BOTTOM}v5" for x in ticks]) + '"/>')
    # the readings: a line through them, a black point on each, and its number above it
    xy = [(f"{x_of(when):.1f}", severity) for when, severity in chart.points]
    if len(xy) > 1:
        parts.append('\n<polyline class="line" points="' + " ".join([f"{x},{Y[s]}" for x, s in xy]) + '"/>')
    labelled = range(len(xy)) if len(xy) <= LABELLED else \
        {0, len(xy) - 1, max(range(len(xy)), key=lambda i: xy[i][1])}
    parts.append("\n")
    # a note without a rating: a hollow square on the time axis, named in the caption's line
    if chart.notes:
        parts += [f'<rect class="note" x="{x_of(when) - 3:.1f}" y="{BOTTOM - 3}" width="6" height="6"/>'
                  for when in chart.notes]
        parts.append(f'<rect class="note" x="{RIGHT - 60}" y="{HEIGHT - 12}" width="6" height="6"/>'
                     f'<text x="{RIGHT - 50}" y="{HEIGHT - 5}">{html_text(wording.SUMMARY_CHART_NOTE)}</text>\n')
    for i, (x, severity) in enumerate(xy):
        parts.append(f'<circle cx="{x}" cy="{Y[severity]}" r="3.5"/>')
        if i in labelled:
            parts.append(f'<text class="mid" x="{x}" y="{LABEL_Y[severity]}">{severity}</text>')
    parts.append("\n</svg>\n")
    return "".join(parts)

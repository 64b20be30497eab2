"""The one-page summary for a clinician: a headline first (the open episode, peak severity, the
see-a-doctor signs, the last red-flag check), then the episodes with their severity over time
(a chart in the HTML, text bars in the Markdown), what was done, prevention kept, each
red-flag check's answers as the questions asked, the severity key, source and disclaimer.

This module decides what the page says, as blocks of plain text (core.summary_page renders
them as Markdown or HTML); the red-flag checks' part is core.summary_checks, and every date
from the state file is read through core.summary_dates.
"""
from __future__ import annotations

import datetime
import gc

from backref import __version__
from backref.core import episodes as ep
from backref.core import wording
from backref.core.summary_chart import Chart, text_bar
from backref.core.summary_checks import answers_of, check_date, check_detail, check_when
from backref.core.summary_dates import on_or_after, read_stamp, when_text
from backref.core.summary_page import (
    Block,
    Bullets,
    Group,
    Heading,
    Inline,
    Paragraph,
    Picture,
    Rule,
    Table,
    html_page,
    markdown,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from backref.core.content import Content
    from backref.core.episodes import Episode, Sign
    from backref.core.signs import Thresholds

TITLE = wording.SUMMARY_TITLE
PREVENTION_DAYS = 30
READING_CHART_COLUMN = 2  # the text bars: the HTML draws the chart instead


class SummaryData:
    """What the summary shows, gathered from the store so the page itself is a pure function."""

    def __init__(self, episodes: list[Episode], signs: list[Sign], history_days: list[str],
                 streak: int, checks: object, now: datetime.datetime, since: datetime.date | None,
                 thresholds: Thresholds) -> None:
        self.episodes, self.signs, self.history_days, self.streak = episodes, signs, history_days, streak
        self.checks, self.now, self.since, self.thresholds = checks, now, since, thresholds


def summary_markdown(content: Content, data: SummaryData) -> str:
    """The whole summary as Markdown."""
    return without_collection(lambda: markdown(summary_blocks(content, data)))


def summary_html(content: Content, data: SummaryData) -> str:
    """The whole summary as one self-contained HTML page, with a severity chart per episode."""
    return without_collection(lambda: html_page(TITLE, summary_blocks(content, data)))


def without_collection(build: Callable[[], str]) -> str:
    """``build()`` with the cycle collector paused: the page makes ~100,000 small lists and no
    cycles, and on a ten-year log each collection re-scanned the whole state (half the time)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return build()
    finally:
        if paused:
            gc.enable()


# -- the words the content gives, looked up once ---------------------------------------

class Words:
    """The content's names for what the state file keeps by id: places, triggers, relief items,
    the guide's severity bands, and each red flag's sign and question as the check asks it."""

    def __init__(self, content: Content) -> None:
        from backref.core.triage import check_questions

        self.content = content
        self.where = {i.id: i.text for i in ep.choices(content, ep.WHERE_SECTION)}
        self.triggers = {i.id: i.text for i in ep.choices(content, ep.TRIGGER_SECTION)}
        self.relief = {i.id: i.text for _t, s in content.checklist_sections() for i in s.items}
        self.bands: list[tuple[int, int, str, str]] = []  # (low, high, name, the guide's detail)
        for low, high, _id in ep.SEVERITY_BANDS:
            item = ep.severity_item(content, low)
            if item is not None:
                self.bands.append((low, high, item.text.lower(), item.detail or ""))
        self.band = {n: name for low, high, name, _ in self.bands for n in range(low, high + 1)}
        self.chart_bands = [(low, high, name) for low, high, name, _ in self.bands]
        asked = {q.flag.id: (q.flag.text, q.text) for q in check_questions(content)}
        self.questions = {alias: asked[main] for main, aliases in content.same_ids().items() if main in asked
                          for alias in aliases}

    def asked(self, flag_id: str) -> tuple[str, str]:
        """(the sign in the guide's words, the question asked) for a red flag id; an id this
        content does not know is shown as the text it is."""
        return self.questions.get(flag_id) or (flag_id, wording.SUMMARY_NO_QUESTION)

    def result(self, result: object) -> list[tuple[str, str]]:
        """A check's result in words: the content's urgency label, in bold, or 'no red flag'."""
        if result in ("emergency", "see-doctor"):
            return [("b", self.content.urgency_of(str(result)).label)]
        if result == "none":
            return [("", wording.SUMMARY_CHECK_NONE)]
        return [("", wording.SUMMARY_NO_RESULT if result is None else str(result))]


def rating(severity: int | None) -> str:
    """The person's number alone: '7/10', or 'not rated'."""
    if severity is None:
        return wording.SUMMARY_NOT_RATED
    return RATINGS[severity] if 0 <= severity <= ep.SEVERITY_MAX else str(severity)


RATINGS = [f"{n}/{ep.SEVERITY_MAX}" for n in range(ep.SEVERITY_MAX + 1)]
BARS: list[Inline] = [[("code", text_bar(n))] for n in range(ep.SEVERITY_MAX + 1)]


def peak(e: Episode) -> int | None:
    return max((r.severity for r in e.readings if r.severity is not None), default=None)


# -- the page ----------------------------------------------------------------------------

def summary_blocks(content: Content, data: SummaryData) -> list[Block]:
    """What the summary says, top to bottom."""
    words = Words(content)
    now, since = data.now, data.since
    shown = [e for e in data.episodes if e.ended is None or on_or_after(e.ended, since)]
    checks = [c for c in data.checks if isinstance(c, dict) and on_or_after(check_date(c), since)] \
        if isinstance(data.checks, list) else []
    prepared = wording.summary_prepared(f"{now:%Y-%m-%d %H:%M}", __version__, since.isoformat() if since else None)
    blocks: list[Block] = [
        Heading(1, TITLE),
        Paragraph(f"{prepared} {wording.SUMMARY_SCALE}"),
        Group("glance", glance(words, data, shown, checks)),
        Heading(2, f"Episodes ({len(shown)})"),
    ]
    if shown:
        dates = [(read_stamp(e.started), read_stamp(e.ended) if e.ended else (None, "open")) for e in shown]
        blocks.append(Table(wording.SUMMARY_EPISODE_COLUMNS,
                            [episode_row(words, e, started[1], ended[1], now) for e, (started, ended) in zip(shown, dates)],
                            kind="episodes"))
        blocks += [Group("episode", episode_detail(words, e, started, ended, now))
                   for e, (started, ended) in zip(shown, dates)]
    else:
        blocks.append(Paragraph(wording.SUMMARY_NO_EPISODES))
    blocks += prevention(data)
    if checks:
        blocks.append(Heading(2, f"Red-flag checks ({len(checks)})"))
        blocks += [Group("check", check_detail(words, c)) for c in checks]
    bands = "; ".join(f"{low}-{high} {name}" + (f" ({detail})" if detail else "")
                      for low, high, name, detail in words.bands)
    blocks += [Rule(), Paragraph(wording.summary_bands(bands)),
               Paragraph(f"Source: {content.meta.source}"), Paragraph([("i", content.meta.disclaimer)])]
    return blocks


def glance(words: Words, data: SummaryData, shown: list[Episode], checks: list[dict[str, object]]) -> list[Block]:
    """The headline: the open episode and its day, peak severity, the see-a-doctor signs, the
    last red-flag check's result."""
    lines: list[Inline] = []
    last = data.episodes[-1] if data.episodes else None
    if last is not None and last.is_open:
        day: int | None
        try:
            day = ep.day_number(last, data.now)
        except (ValueError, OverflowError):
            day = None
        lines.append(wording.summary_open(last.number, when_text(last.started), day,
                                          rating(peak(last)), rating(last.latest_severity)))
    else:
        ended = shown[-1].ended if shown else None
        lines.append(wording.summary_none_open(when_text(ended) if ended else None))
    peaks = [p for p in map(peak, shown) if p is not None]
    lines.append(wording.summary_count(len(shown), rating(max(peaks)) if peaks else None))
    lines += [[("b", sign.line)] for sign in data.signs] or [wording.SUMMARY_NO_SIGNS]
    if checks:
        check = checks[-1]
        line = [("", wording.summary_last_check(check_when(check), "")), *words.result(check.get("result"))]
        yes = [flag for flag, value in answers_of(check) if value is True]
        if yes:
            line.append(("", f"; {wording.summary_answered_yes(words.asked(yes[0])[1])}"))
        lines.append(line)
    else:
        lines.append(wording.SUMMARY_NO_CHECK)
    return [Heading(2, wording.SUMMARY_GLANCE), Bullets(lines)]


def episode_row(words: Words, e: Episode, started: str, ended: str, now: datetime.datetime) -> list[Inline]:
    try:
        duration = ep.duration(e, now)
    except (ValueError, OverflowError, TypeError):  # a date that is not one: said in its own cell
        duration = ""
    severities = [r.severity for r in e.readings if r.severity is not None]
    return [str(e.number), started, ended, duration,
            rating(max(severities, default=None)), rating(severities[-1] if severities else None),
            ", ".join([words.where.get(w, w) for w in e.where]),
            ", ".join([words.triggers.get(t, t) for t in e.triggers])]


def episode_detail(words: Words, e: Episode, started: tuple[datetime.datetime | None, str],
                   ended: tuple[datetime.datetime | None, str], now: datetime.datetime) -> list[Block]:
    """One episode: its chart (HTML), its readings with text bars (both), the relief ticked."""
    out: list[Block] = [Heading(3, f"Episode {e.number}: {started[1]} to {ended[1]}")]
    if e.readings:
        rows: list[list[Inline]] = []
        points: list[tuple[datetime.datetime, int]] = []
        notes: list[datetime.datetime] = []
        said: list[str] = []
        for r in e.readings:
            when, shown = read_stamp(r.at)
            severity = r.severity
            if severity is None or not 0 <= severity <= ep.SEVERITY_MAX:  # the state file's check keeps 0-10
                rows.append([shown, "" if severity is None else str(severity), "", "", r.note or ""])
                if when is not None and severity is None:
                    notes.append(when)
                    said.append(wording.summary_chart_note(shown))
                continue
            rows.append([shown, RATINGS[severity], BARS[severity], words.band.get(severity, ""), r.note or ""])
            if when is not None:
                points.append((when, severity))
                said.append(f"{severity} at {shown}")
        if points or notes:
            points.sort(key=lambda point: point[0])  # a clock put back can store readings out of order
            times = [when for when, _ in points] + notes + [t for t in (started[0], ended[0] or now) if t is not None]
            out.append(Picture(Chart(e.number, points, min(times), max(times), words.chart_bands,
                                     wording.summary_chart_title(e.number, ", ".join(said)), notes)))
        out.append(Table(wording.SUMMARY_READING_COLUMNS, rows, text_only=frozenset({READING_CHART_COLUMN}),
                         kind="readings"))
    done = ", ".join([f"{words.relief.get(i, i)} ({when_text(at)})"
                      for i, at in sorted(e.ticks.items(), key=lambda kv: kv[1])])
    out.append(Paragraph(f"Relief done: {done or 'nothing ticked.'}"))
    return out


def prevention(data: SummaryData) -> list[Block]:
    """Days with a prevention tick in the last 30 days (or since DATE, when that is later)."""
    days = PREVENTION_DAYS
    if data.since is not None:
        days = max(1, min(days, (data.now.date() - data.since).days + 1))
    first = (data.now.date() - datetime.timedelta(days=days - 1)).isoformat()
    kept = sum(1 for day in data.history_days if day >= first)
    return [Heading(2, wording.summary_prevention_heading(days)),
            Paragraph(wording.summary_prevention(kept, days, data.streak))]

"""The one-page summary for a clinician: the episodes, severity over time, what was done,
prevention kept, the red-flag check's answers, the see-a-doctor signs, source and disclaimer.

Markdown is built here; HTML is that Markdown through markdown-it-py (raw HTML off, so
nothing a person typed becomes markup), in one self-contained page with print CSS.
"""
from __future__ import annotations

from backref import __version__
from backref.core import episodes as ep
from backref.core import wording

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime

    from backref.core.content import Content
    from backref.core.episodes import Episode, Sign
    from backref.core.signs import Thresholds

TITLE = "Back spasm log: summary for a clinician"
PREVENTION_DAYS = 30
BAR_WIDTH = 10
# Characters that Markdown would read as formatting, links or HTML in what a person typed.
MARKDOWN_SPECIAL = set("\\`*_[]<>#|~&!{}")


def md_text(text: str) -> str:
    """Text a person typed (or the content holds) as Markdown that shows it literally."""
    return "".join(f"\\{ch}" if ch in MARKDOWN_SPECIAL else ch for ch in ep.plain(text))


def severity_bar(severity: int) -> str:
    """'#######---' for 7: severity over time that reads in any font and on paper."""
    return "#" * severity + "-" * (BAR_WIDTH - severity)


class SummaryData:
    """What the summary shows, gathered from the store so the page itself is a pure function."""

    def __init__(self, episodes: list[Episode], signs: list[Sign], history_days: list[str],
                 streak: int, checks: object, now: datetime.datetime, since: datetime.date | None,
                 thresholds: Thresholds) -> None:
        self.episodes, self.signs, self.history_days, self.streak = episodes, signs, history_days, streak
        self.checks, self.now, self.since, self.thresholds = checks, now, since, thresholds


def summary_markdown(content: Content, data: SummaryData) -> str:
    """The whole summary as Markdown."""
    import datetime

    now = data.now
    shown = [e for e in data.episodes
             if data.since is None or (ep.parse_stamp(e.ended).date() if e.ended else now.date()) >= data.since]
    out = [f"# {TITLE}", ""]
    scope = f"episodes since {data.since.isoformat()}" if data.since else "every episode logged"
    out += [f"Prepared {now.strftime('%Y-%m-%d %H:%M')} by backref {__version__} ({scope}). "
            "Severity is the 0-10 numeric rating scale, as the person rated it.", ""]

    out += ["## See-a-doctor signs from this log", ""]
    if data.signs:
        out += [f"- **{md_text(sign.line)}**" for sign in data.signs]
    else:
        out.append("None of the signs backref reads from the log applies now (it reads only: an episode "
                   "longer than a week, frequent recurring episodes, a severity of 8 or more). "
                   "This is not a clinical assessment.")
    out.append("")

    out += [f"## Episodes ({len(shown)})", ""]
    if shown:
        out += ["| # | Started | Ended | Duration | Peak | Latest | Where | Triggers |",
                "|---|---|---|---|---|---|---|---|"]
        for e in shown:
            where = ", ".join(md_text(ep.choice_text(content, ep.WHERE_SECTION, w)) for w in e.where) or "-"
            triggers = ", ".join(md_text(ep.choice_text(content, ep.TRIGGER_SECTION, t)) for t in e.triggers) or "-"
            out.append(f"| {e.number} | {ep.short_time(e.started)} | {ep.short_time(e.ended) if e.ended else 'open'} "
                       f"| {ep.duration(e, now)} | {md_text(ep.severity_words(content, e.peak_severity))} "
                       f"| {md_text(ep.severity_words(content, e.latest_severity))} | {where} | {triggers} |")
        out.append("")
        for e in shown:
            out += episode_detail(content, e)
    else:
        out += ["No episodes logged in this period.", ""]

    out += [f"## Prevention (last {PREVENTION_DAYS} days)", ""]
    first = (now.date() - datetime.timedelta(days=PREVENTION_DAYS - 1)).isoformat()
    kept = sum(1 for day in data.history_days if day >= first)
    out += [f"Days with a prevention exercise or habit ticked: {kept} of {PREVENTION_DAYS}. "
            f"Current {wording.streak(data.streak)}.", ""]

    checks = check_lines(data.checks)
    if checks:
        out += ["## Red-flag check answers", ""] + checks + [""]

    words = [ep.severity_item(content, low) for low, _high, _id in ep.SEVERITY_BANDS]
    scale = "; ".join(f"{low}-{high} {md_text(item.text.lower())}" for (low, high, _id), item
                      in zip(ep.SEVERITY_BANDS, words) if item is not None)
    out += ["---", "",
            f"Severity words are the guide's \"Severity Levels\"; the cut-points ({scale}) are backref's.", "",
            f"Source: {md_text(content.meta.source)}", "",
            f"*{md_text(content.meta.disclaimer)}*", ""]
    return "\n".join(out)


def episode_detail(content: Content, e: Episode) -> list[str]:
    """One episode's readings (severity over time, notes) and the relief ticked in it."""
    until = ep.short_time(e.ended) if e.ended else "open"
    out = [f"### Episode {e.number}: {ep.short_time(e.started)} to {until}", ""]
    if e.readings:
        out += ["Severity over time and notes:", ""]
        for r in e.readings:
            parts = []
            if r.severity is not None:
                parts.append(f"`{severity_bar(r.severity)}` {md_text(ep.severity_words(content, r.severity))}")
            if r.note:
                parts.append(md_text(r.note))
            out.append(f"- {ep.short_time(r.at)}: {' - '.join(parts)}")
        out.append("")
    relief = {item.id: item.text for _t, s in content.checklist_sections() for item in s.items}
    if e.ticks:
        done = ", ".join(f"{md_text(relief.get(i, i))} ({ep.short_time(at)})"
                         for i, at in sorted(e.ticks.items(), key=lambda kv: kv[1]))
        out += [f"Relief done: {done}", ""]
    else:
        out += ["Relief done: nothing ticked.", ""]
    return out


def check_lines(checks: object) -> list[str]:
    """The red-flag check's records (the state file's ``[[checks]]``), one bullet each, with
    their date first; every other field as 'key: value'."""
    if not isinstance(checks, list):
        return []
    lines = []
    for check in checks:
        if not isinstance(check, dict):
            continue
        when = next((str(check[k]) for k in ("at", "when", "date", "time") if k in check), "undated")
        rest = "; ".join(f"{md_text(str(k))}: {md_text(answer_text(v))}" for k, v in check.items()
                         if k not in ("at", "when", "date", "time"))
        dated = md_text(ep.short_time(when))  # a hand-written date is text too
        lines.append(f"- {dated}: {rest}" if rest else f"- {dated}")
    return lines


def answer_text(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {answer_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(answer_text(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# One page on A4 (210 mm) and Letter (216 mm) alike: 15 mm margins leave 180 mm for text.
CSS = """
@page { margin: 15mm; }
html { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; color: #000; background: #fff; }
body { max-width: 180mm; margin: 0 auto; line-height: 1.35; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; border-bottom: 1px solid #444; }
h3 { font-size: 11pt; margin: 8pt 0 2pt; }
p, ul { margin: 3pt 0; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #666; padding: 2pt 4pt; text-align: left; vertical-align: top; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; }
strong { font-weight: bold; }
table, li, h3 { page-break-inside: avoid; break-inside: avoid; }
h2, h3 { page-break-after: avoid; break-after: avoid; }
"""


def summary_html(markdown: str) -> str:
    """The Markdown as one self-contained HTML page: inline CSS, no script, nothing fetched."""
    from markdown_it import MarkdownIt

    # the commonmark preset has no linkify rule, so a typed address stays text, never a link
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{TITLE}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")

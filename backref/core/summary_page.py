"""The doctor summary as a document of plain blocks, and its two renderings: Markdown, and one
self-contained HTML page (inline CSS and SVG, no script, nothing fetched, A4/Letter print).

Every string a block holds is text. Each renderer passes it through the one rule for shown
text (core.printable) and then escapes it for its own format, so nothing from content, state
or input ever becomes markup, a link, an image or a control byte in either file.

The HTML is written here, not by markdown-it-py from the Markdown: that took 2.5 s and 160 MB
on a ten-year log against a 0.5 s, 100 MB budget (benchmarks/summary_scale.py).
"""
from __future__ import annotations

import re
from html import escape

from backref.core.printable import one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from backref.core.summary_chart import Chart

# Inline text: a plain string, or runs of (style, text) with style "" (plain), "b" (strong),
# "i" (emphasis) or "code" (backref's own text charts only).
Span = tuple[str, str]
Inline = str | list[Span]


class Heading:
    __slots__ = ("level", "text")

    def __init__(self, level: int, text: Inline) -> None:
        self.level, self.text = level, text


class Paragraph:
    __slots__ = ("text",)

    def __init__(self, text: Inline) -> None:
        self.text = text


class Bullets:
    __slots__ = ("items",)

    def __init__(self, items: list[Inline]) -> None:
        self.items = items


class Table:
    """Rows of cells under a header; columns in ``text_only`` are left out of the HTML (the
    Markdown's text chart, which the HTML draws as a picture instead)."""

    __slots__ = ("header", "rows", "text_only", "kind")

    def __init__(self, header: Sequence[str], rows: list[list[Inline]], *, text_only: frozenset[int] = frozenset(),
                 kind: str = "") -> None:
        self.header, self.rows, self.text_only, self.kind = header, rows, text_only, kind


class Picture:
    """A chart, drawn in the HTML only (the Markdown carries the same readings as text)."""

    __slots__ = ("chart",)

    def __init__(self, chart: Chart) -> None:
        self.chart = chart


class Group:
    """Blocks kept together on paper (one episode, one check); ``kind`` names it for the CSS."""

    __slots__ = ("kind", "blocks")

    def __init__(self, kind: str, blocks: list[Block]) -> None:
        self.kind, self.blocks = kind, blocks


class Rule:
    __slots__ = ()


Block = Heading | Paragraph | Bullets | Table | Picture | Group | Rule


# -- Markdown ----------------------------------------------------------------------------

# Characters Markdown would read as formatting, links, images, tables or HTML.
MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~&!{}]")
# Inside a code span backslashes are literal: what would end the span or a table cell is replaced.
CODE_UNSAFE = str.maketrans("`|", "'/")


def md_text(text: str) -> str:
    """Text as Markdown that shows it literally, on one line, with no control character."""
    text = one_line(text)
    # searched first: most text has nothing to escape, and a search is cheaper than a sub
    return MARKDOWN_SPECIAL.sub(r"\\\g<0>", text) if MARKDOWN_SPECIAL.search(text) else text


# -- HTML ------------------------------------------------------------------------------

HTML_SPECIAL = re.compile("[&<>\"']")


def html_text(text: str) -> str:
    """Text as HTML that shows it literally, on one line, with no control character."""
    text = one_line(text)
    return escape(text) if HTML_SPECIAL.search(text) else text  # a search is cheaper than escape()


class Writer:
    """Renders blocks in one format; each distinct string is escaped once per page (a ten-year
    log repeats the same answers, bands and places thousands of times)."""

    def __init__(self, escape_text: Callable[[str], str]) -> None:
        self.escape_text = escape_text
        self.escaped: dict[str, str] = {}
        self.out: list[str] = []

    def text(self, text: str) -> str:
        done = self.escaped.get(text)
        if done is None:
            done = self.escaped[text] = self.escape_text(text)
        return done

    def inline(self, spans: Inline) -> str:
        if isinstance(spans, str):
            return self.text(spans)
        return "".join([self.styled(style, text) for style, text in spans])

    def styled(self, style: str, text: str) -> str:
        """One run of text in its style, escaped."""
        raise NotImplementedError

    def write(self, blocks: Iterable[Block]) -> None:
        raise NotImplementedError


class MarkdownWriter(Writer):
    MARKS = {"b": "**", "i": "*"}

    def __init__(self) -> None:
        super().__init__(md_text)

    def styled(self, style: str, text: str) -> str:
        if style == "code":  # backref's own text charts: shown as they are, so no escapes in them
            return f"`{one_line(text).translate(CODE_UNSAFE)}`"
        mark = self.MARKS.get(style, "")
        return f"{mark}{self.text(text)}{mark}"

    def write(self, blocks: Iterable[Block]) -> None:
        out, inline, text = self.out, self.inline, self.text
        for block in blocks:
            if isinstance(block, Heading):
                out += [f"{'#' * block.level} {inline(block.text)}", ""]
            elif isinstance(block, Paragraph):
                out += [inline(block.text), ""]
            elif isinstance(block, Bullets):
                out += [f"- {inline(item)}" for item in block.items]
                out.append("")
            elif isinstance(block, Table):
                out.append("| " + " | ".join([self.text(h) for h in block.header]) + " |")
                out.append("|" + "---|" * len(block.header))
                out += ["| " + " | ".join([(text(cell) if cell.__class__ is str else inline(cell)) or "-"
                                           for cell in row]) + " |" for row in block.rows]
                out.append("")
            elif isinstance(block, Group):
                self.write(block.blocks)
            elif isinstance(block, Rule):
                out += ["---", ""]


class HtmlWriter(Writer):
    TAGS = {"b": "strong", "i": "em", "code": "code"}

    def __init__(self) -> None:
        super().__init__(html_text)

    def styled(self, style: str, text: str) -> str:
        tag = self.TAGS.get(style)
        return f"<{tag}>{self.text(text)}</{tag}>" if tag else self.text(text)

    def write(self, blocks: Iterable[Block]) -> None:
        from backref.core.summary_chart import svg_chart

        out, inline, text = self.out, self.inline, self.text
        for block in blocks:
            if isinstance(block, Heading):
                out.append(f"<h{block.level}>{inline(block.text)}</h{block.level}>\n")
            elif isinstance(block, Paragraph):
                out.append(f"<p>{inline(block.text)}</p>\n")
            elif isinstance(block, Bullets):
                out.append("<ul>\n" + "".join([f"<li>{inline(item)}</li>\n" for item in block.items]) + "</ul>\n")
            elif isinstance(block, Table):
                keep = [i for i in range(len(block.header)) if i not in block.text_only]
                kind = f' class="{block.kind}"' if block.kind else ""
                out.append(f"<table{kind}>\n<thead><tr><th>" + "</th><th>".join([self.text(block.header[i]) for i in keep])
                           + "</th></tr></thead>\n<tbody>\n")
                rows = block.rows if not block.text_only else [[row[i] for i in keep] for row in block.rows]
                out += ["<tr><td>" + "</td><td>".join([text(cell) if cell.__class__ is str else inline(cell)
                                                       for cell in row]) + "</td></tr>\n" for row in rows]
                out.append("</tbody>\n</table>\n")
            elif isinstance(block, Picture):
                out.append(svg_chart(block.chart))
            elif isinstance(block, Group):
                out.append(f'<section class="{block.kind}">\n')
                self.write(block.blocks)
                out.append("</section>\n")
            elif isinstance(block, Rule):
                out.append("<hr>\n")


def markdown(blocks: Iterable[Block]) -> str:
    """The blocks as one Markdown document (CommonMark with GitHub tables)."""
    writer = MarkdownWriter()
    writer.write(blocks)
    return "\n".join(writer.out)


# A4 is 210 mm wide, Letter 216 mm: 15 mm margins leave 180 mm of text on either.
# Black on white throughout, so the page and its charts print the same without colour.
CSS = """
@page { margin: 15mm; }
html { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; color: #000; background: #fff; }
body { max-width: 180mm; margin: 0 auto; line-height: 1.35; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; border-bottom: 1px solid #444; }
h3 { font-size: 11pt; margin: 8pt 0 2pt; }
p, ul { margin: 3pt 0; }
p, li, td { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 3pt 0; }
th, td { border: 1px solid #666; padding: 2pt 4pt; text-align: left; vertical-align: top; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; }
.glance { border: 2px solid #000; padding: 4pt 8pt; margin: 6pt 0 10pt; }
.glance h2 { border: 0; margin-top: 2pt; }
.glance ul { padding-left: 14pt; }
table.episodes td:nth-child(-n+3), table.readings td:first-child { min-width: 8.2em; }
table.episodes td:nth-child(5), table.episodes td:nth-child(6), table.readings td:nth-child(2) { min-width: 3.4em; }
table.answers tr > :first-child { white-space: nowrap; width: 1%; }
table.answers tr > :nth-child(2) { width: 28%; }
svg.chart { display: block; width: 120mm; max-width: 100%; height: auto; margin: 3pt 0; }
svg.chart text { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10px; fill: #000; }
svg.chart .band { font-style: italic; }
svg.chart .end { text-anchor: end; }
svg.chart .mid { text-anchor: middle; }
svg.chart .axis { stroke: #000; stroke-width: 1; fill: none; }
svg.chart .grid { stroke: #777; stroke-width: 0.6; stroke-dasharray: 3 3; fill: none; }
svg.chart .line { stroke: #000; stroke-width: 1.6; fill: none; }
svg.chart .tick { stroke: #000; stroke-width: 0.8; fill: none; }
svg.chart .note { stroke: #000; stroke-width: 1.2; fill: #fff; }
tr, li, h3, svg, section.episode, section.check { page-break-inside: avoid; break-inside: avoid; }
h2, h3 { page-break-after: avoid; break-after: avoid; }
"""


def html_page(title: str, blocks: Iterable[Block]) -> str:
    """The blocks as one self-contained HTML page: inline CSS, no script, nothing fetched."""
    writer = HtmlWriter()
    writer.out += ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
                   f"<title>{html_text(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"]
    writer.write(blocks)
    writer.out.append("</body>\n</html>\n")
    return "".join(writer.out)

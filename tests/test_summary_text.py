"""Whatever the state file holds reaches the summary's Markdown and HTML as text: never a tag,
a link, an image, a table cell of its own, nor a control character in the written file."""
from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from backref.cli.main import main
from backref.core import episodes as ep
from backref.core.load import load_content
from backref.core.signs import Thresholds
from backref.core.summary import SummaryData, summary_html, summary_markdown
from conftest import CONTENT

pytestmark = pytest.mark.usefixtures("clock")

LONG_WORD = "Pneumonoultramicroscopic" * 200
HOSTILE = [
    "![](http://e.co)", "<script>alert(1)</script>", "[link](javascript:alert(1))", "<img src=x onerror=alert(1)>",
    "\x1b]0;PWNED\x07", "\x1b[2J", "\x9b31m", "a\u202eevil\u202c", "\u2066iso\u2069", "| pipe | cell |",
    "**bold** _em_ `code`", "# heading", "&amp; &lt; &#60;", "line\nbreak\ttab\rcr", "{{x}} ${y}", "back\\slash",
    "<!-- comment", "]]> <![CDATA[", "\x00nul\x7fdel", LONG_WORD,
]
# What a control character, a line break or a reordering mark would be in a written file
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MARKDOWN_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "em",
                 "code", "hr"}
PAGE_TAGS = MARKDOWN_TAGS - {"hr"} | {"html", "head", "meta", "title", "style", "body", "section", "hr", "svg",
                                       "text", "line", "path", "polyline", "circle", "rect"}
PAGE_ATTRIBUTES = {"lang", "charset", "class", "viewbox", "role", "x", "y", "x1", "y1", "x2", "y2", "text-anchor",
                   "d", "points", "cx", "cy", "r", "width", "height"}


class Page(HTMLParser):
    """Every tag, attribute and run of text of an HTML page, as a browser's parser sees them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.values: list[str] = []
        self.text: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.values += [value or "" for _, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def hostile_state(path: Path) -> None:
    """A state file with a hostile string in every place it keeps text or a date."""
    readings = [{"at": text, "severity": n % 11, "note": text} for n, text in enumerate(HOSTILE)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps({
        "version": 1,
        "checks": [
            {"at": text, "result": text, "sign": text, "answers": {text: True, "rf-high-fever": text}, text: text}
            for text in HOSTILE[:6]
        ] + [{"at": "2026-11-19T10:00:00+00:00", "result": "see-doctor", "answers": {HOSTILE[1]: True}}],
        "episodes": [
            {"started": "2026-11-01T08:00:00+00:00", "ended": HOSTILE[0], "where": HOSTILE, "triggers": HOSTILE,
             "readings": readings, "ticks": {text: text for text in HOSTILE}},
            {"started": "2026-11-18T08:00:00+00:00", "where": HOSTILE[:3], "readings": readings[:4]},
        ],
    }), encoding="utf-8")


def written(state: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The summary written with -o in ``fmt``, read back."""
    out = state.parent / f"summary.{fmt}"
    code = main(["--state", str(state), "summary", "--format", fmt, "-o", str(out)])
    _, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return out.read_text(encoding="utf-8")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    state = tmp_path / "s" / "state.toml"
    hostile_state(state)
    return state


def test_a_date_that_is_a_markdown_image_stays_text(capsys: pytest.CaptureFixture[str], hostile: Path) -> None:
    page, markdown = written(hostile, "html", capsys), written(hostile, "markdown", capsys)
    seen = Page(page)
    assert "img" not in seen.tags and "src" not in seen.attributes
    assert "![](http://e.co) (not a date)" in "".join(seen.text)
    assert r"| \!\[\](http://e.co) (not a date) |" in markdown
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert "<img" not in rendered and "<a " not in rendered and "![](http://e.co) (not a date)" in rendered


def test_the_markdown_holds_no_markup_and_no_control_character(capsys: pytest.CaptureFixture[str],
                                                               hostile: Path) -> None:
    markdown = written(hostile, "markdown", capsys)
    assert not CONTROL.search(markdown)
    # read by a viewer that obeys raw HTML, it is still only backref's own structure
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert set(re.findall(r"<([a-z0-9]+)", rendered)) <= MARKDOWN_TAGS
    text = re.sub(r"<[^>]*>", "", rendered)
    for shown in ("<script>alert(1)</script>", "[link](javascript:alert(1))", "| pipe | cell |",
                  "**bold** _em_ `code`", "# heading", "?]0;PWNED?", "a?evil?", "line?break?tab?cr", LONG_WORD):
        assert shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in text, shown
    # a typed pipe never makes a cell: every row of a table has its header's cells
    for table in re.findall(r"<table>.*?</table>", rendered, re.S):
        widths = {row.count("<td>") for row in re.findall(r"<tr>.*?</tr>", table, re.S) if "<td>" in row}
        assert len(widths) == 1, table[:200]


def test_the_html_holds_no_markup_and_no_control_character(capsys: pytest.CaptureFixture[str],
                                                           hostile: Path) -> None:
    page = written(hostile, "html", capsys)
    assert not CONTROL.search(page)
    seen = Page(page)
    assert seen.tags <= PAGE_TAGS and seen.attributes <= PAGE_ATTRIBUTES
    assert not any(re.search(r"https?:|javascript:|data:|url\(", value) for value in seen.values)
    text = "".join(seen.text)
    for shown in ("![](http://e.co) (not a date)", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                  "&amp; &lt; &#60;", "<!-- comment", "]]> <![CDATA[", "?]0;PWNED?", "a?evil?", "?iso?",
                  "?nul?del", "line?break?tab?cr", LONG_WORD):
        assert shown in text, shown
    assert "overflow-wrap: anywhere" in page  # a long word wraps on paper rather than running off it


def test_every_hostile_reading_is_listed_and_none_is_charted(capsys: pytest.CaptureFixture[str],
                                                             hostile: Path) -> None:
    page = written(hostile, "html", capsys)
    # no reading's date can be read, so no point is drawn, and no chart: each is listed as text
    assert "<svg" not in page
    assert page.count(" (not a date)</td>") >= len(HOSTILE) + 4


ABC = st.sampled_from(HOSTILE[:-1] + ["2026-11-19T10:00:00+00:00", "2026-11-19", "x", ""])
TEXT = st.lists(st.one_of(ABC, st.text(st.characters(exclude_categories=("Cs",)), max_size=8)), max_size=4).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(at=TEXT, note=TEXT, place=TEXT, key=TEXT, result=TEXT, severity=st.integers(0, 10))
def test_any_text_anywhere_stays_text(at: str, note: str, place: str, key: str, result: str, severity: int) -> None:
    content = load_content(str(CONTENT))
    episode = ep.episode_of(1, {"started": "2026-11-18T08:00:00+00:00", "where": [place], "triggers": [note],
                                "readings": [{"at": at, "severity": severity, "note": note},
                                             {"at": "2026-11-19T08:00:00+00:00", "severity": severity}],
                                "ticks": {key: at}})
    now = datetime.datetime(2026, 11, 20, 12, 0).astimezone()
    data = SummaryData(episodes=[episode], signs=[], history_days=[], streak=0,
                       checks=[{"at": at, "result": result, "answers": {key: True, "x": note}, key: note}],
                       now=now, since=None, thresholds=Thresholds(count=3, days=90, notices=()))
    markdown, page = summary_markdown(content, data), summary_html(content, data)
    assert not CONTROL.search(markdown) and not CONTROL.search(page)
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert set(re.findall(r"<([a-z0-9]+)", rendered)) <= MARKDOWN_TAGS
    seen = Page(page)
    assert seen.tags <= PAGE_TAGS and seen.attributes <= PAGE_ATTRIBUTES
    assert page.count("<svg ") == 1  # the second reading's date is always readable


def test_an_episode_whose_start_is_not_a_date_is_still_summarised() -> None:
    """The page itself never needs a date to be one (whether the state file lets such a start
    through is the state file's check)."""
    content = load_content(str(CONTENT))
    episode = ep.episode_of(1, {"started": "<b>garbage</b>", "readings": [
        {"at": "2026-11-19T08:00:00+00:00", "severity": 4}, {"at": "2026-11-19T20:00:00+00:00", "severity": 7}]})
    data = SummaryData(episodes=[episode], signs=[], history_days=[], streak=0, checks=None,
                       now=datetime.datetime(2026, 11, 20, 12, 0).astimezone(), since=datetime.date(2026, 11, 1),
                       thresholds=Thresholds(count=3, days=90, notices=()))
    markdown, page = summary_markdown(content, data), summary_html(content, data)
    assert r"- Episode 1 is open: started \<b\>garbage\</b\> (not a date); peak severity 7/10, latest 7/10." in markdown
    assert r"| 1 | \<b\>garbage\</b\> (not a date) | open | - | 7/10 | 7/10 | - | - |" in markdown
    assert page.count("<svg ") == 1 and ">2026-11-19 08:00</text>" in page  # charted from its readings
    assert "&lt;b&gt;garbage&lt;/b&gt; (not a date)" in page and "<b>" not in page


def test_readings_kept_out_of_order_are_charted_in_time_order() -> None:
    """A clock put back stores a later reading first: the chart still runs left to right in time."""
    content = load_content(str(CONTENT))
    episode = ep.episode_of(1, {"started": "2026-11-18T08:00:00+00:00", "readings": [
        {"at": "2026-11-19T20:00:00+00:00", "severity": 9}, {"at": "2026-11-18T09:00:00+00:00", "severity": 2},
        {"at": "2026-11-19T08:00:00+00:00", "severity": 5}]})
    data = SummaryData(episodes=[episode], signs=[], history_days=[], streak=0, checks=[],
                       now=datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.timezone.utc), since=None,
                       thresholds=Thresholds(count=3, days=90, notices=()))
    line = re.search(r'<polyline class="line" points="([^"]*)"', summary_html(content, data))
    assert line is not None
    points = [tuple(map(float, pair.split(","))) for pair in line.group(1).split()]
    assert [x for x, _ in points] == sorted(x for x, _ in points)
    assert [y for _, y in points] == [86.0, 59.0, 23.0]  # 2, then 5, then 9: as they happened

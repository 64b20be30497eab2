"""`backref summary`: the page for a clinician, in Markdown and as one self-contained HTML file."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from backref import __version__
from backref.cli.main import main
from conftest import Clock

DISCLAIMER = "backref informs; it does not diagnose or replace a doctor"



pytestmark = pytest.mark.usefixtures("clock")  # every test here sees 2026-11-20 12:00 unless it moves it


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "s" / "state.toml"


def run(capsys: pytest.CaptureFixture[str], state: Path, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--state", str(state), *argv])
    except SystemExit as exited:
        code = int(exited.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


EPISODES = (("2026-09-01T08:00", "2026-09-03", "4"), ("2026-10-01T08:00", "2026-10-02", "7"),
            ("2026-11-01T08:00", "2026-11-05", "9"))


@pytest.fixture
def three(capsys: pytest.CaptureFixture[str], state: Path) -> Path:
    """Three episodes started and ended within 90 days, one with a relief tick and a note."""
    for start, end, severity in EPISODES:
        run(capsys, state, "episode", "start", "--at", start, "--severity", severity, "--trigger", "bending",
            "--note", "after <b>gardening</b> [see](http://x.example)")
        if start.startswith("2026-11"):
            run(capsys, state, "tick", "apply-ice-20-min")
        run(capsys, state, "episode", "end", "--at", end)
    return state


@pytest.fixture
def log(capsys: pytest.CaptureFixture[str], state: Path, clock: Clock) -> Path:
    """A log as a person keeps it over three months: two ended episodes and one open for ten days,
    places and triggers (one of each typed freely), relief ticked out of id order, prevention ticked
    on four days, the first two on either side of the edge of the 30 days before 2026-11-20."""
    def at(when: str, *argv: str) -> None:
        clock.set(when)
        code, _, err = run(capsys, state, *argv)
        assert (code, err) == (0, "")

    at("2026-09-02T18:00", "episode", "start", "--at", "2026-09-01T08:00", "--severity", "6", "--where", "lower",
       "--where", "left_hip", "--trigger", "bending", "--trigger", "lifting")
    at("2026-09-02T18:00", "episode", "note", "--severity", "4", "after gardening")
    at("2026-09-03T09:00", "episode", "end", "--at", "2026-09-03")
    at("2026-10-05T09:00", "episode", "start", "--at", "2026-10-01T08:00", "--severity", "7")
    at("2026-10-05T09:00", "episode", "end", "--at", "2026-10-02")
    at("2026-10-21T08:00", "tick", "stay-hydrated")  # the 31st day back from 2026-11-20: outside
    at("2026-10-22T08:00", "tick", "stay-hydrated")  # the 30th day back: inside
    at("2026-11-10T09:00", "episode", "start", "--at", "2026-11-10T08:00", "--severity", "6", "--where", "mid",
       "--trigger", "cold")
    at("2026-11-10T09:00", "tick", "lie-on-back-knees")
    at("2026-11-10T10:30", "tick", "apply-ice-20-min")
    at("2026-11-10T10:30", "tick", "stay-hydrated")
    at("2026-11-19T20:00", "tick", "stay-hydrated")
    at("2026-11-19T20:00", "episode", "note", "--severity", "9", "worse *at* night")
    at("2026-11-19T21:00", "episode", "note", "cannot sleep")
    clock.set("2026-11-20T12:00")
    return state


def section(out: str, heading: str) -> list[str]:
    """The lines under ``heading`` up to the next heading or rule, without the blank lines around them."""
    lines = out.split("\n")
    start = lines.index(heading) + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(("#", "---")))
    assert lines[start] == "" and lines[end - 1] == ""  # one blank line either side
    return lines[start + 1:end - 1]


def test_html_summary_is_one_self_contained_printable_page(
    capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "out.html"
    code, out, err = run(capsys, three, "summary", "--format", "html", "-o", str(out_file))
    assert (code, err) == (0, "") and out == f"wrote {out_file}\n"
    page = out_file.read_text(encoding="utf-8")
    for start, end, severity in EPISODES:
        assert start.replace("T", " ") in page and end in page
        assert f"{severity}/10" in page
    assert "Frequent recurring episodes" in page and "not the guide" in page
    assert DISCLAIMER in page
    assert "Apply ice 20 min every 2 hours" in page
    assert "<script" not in page.lower() and "href" not in page and "src=" not in page
    # the only address is the text the person typed, shown as text, never a link
    assert re.findall(r"https?://[^)]*", page) == ["http://x.example"] * 3
    assert "@page" in page and "<style>" in page and "@media print" not in page
    assert "&lt;b&gt;gardening&lt;/b&gt;" in page  # what was typed stays text
    # one chart per episode, each saying in words what it draws
    assert page.count("<svg ") == 3 and page.count("</svg>") == 3
    for n, (start, _end, severity) in enumerate(EPISODES, 1):
        assert f"<title>Episode {n}: severity 0-10 over time: {severity} at {start.replace('T', ' ')}</title>" in page


def test_no_http_url_in_the_html_of_an_ordinary_log(
    capsys: pytest.CaptureFixture[str], state: Path, tmp_path: Path
) -> None:
    for start, end, severity in EPISODES:
        run(capsys, state, "episode", "start", "--at", start, "--severity", severity)
        run(capsys, state, "episode", "end", "--at", end)
    out_file = tmp_path / "out.html"
    assert run(capsys, state, "summary", "--format", "html", "-o", str(out_file))[0] == 0
    page = out_file.read_text(encoding="utf-8")
    assert "http" not in page and "<script" not in page
    assert "Frequent recurring episodes" in page and DISCLAIMER in page


def test_summary_with_no_option_prints_markdown(capsys: pytest.CaptureFixture[str], three: Path) -> None:
    run(capsys, three, "tick", "stay-hydrated")
    code, out, err = run(capsys, three, "summary")
    assert (code, err) == (0, "")
    assert out.startswith("# Back spasm log: summary for a clinician\n")
    assert "| No. | Started | Ended | Duration | Peak | Latest | Where | Triggers |" in out
    assert "| 3 | 2026-11-01 08:00 | 2026-11-05 23:59 | 4 days | 9/10 | 9/10 | - | Bending forward |" in out
    assert "| 2026-11-01 08:00 | 9/10 | `#########-` | severe | after" in out
    assert "<svg" not in out  # the Markdown's chart is the text bars
    assert "Relief done: Apply ice 20 min every 2 hours (2026-11-20 12:00)" in out
    assert "Days with a prevention exercise or habit ticked: 1 of 30. Current streak: 1 day." in out
    assert "**SEE A DOCTOR: Frequent recurring episodes" in out
    assert r"after \<b\>gardening\</b\> \[see\](http://x.example)" in out
    assert out.rstrip().endswith(f"*{DISCLAIMER}: if a red flag applies, seek care now.*")
    assert "Source: Back Cramps and Spasms" in out


def test_since_keeps_later_episodes(capsys: pytest.CaptureFixture[str], three: Path) -> None:
    _, out, _ = run(capsys, three, "summary", "--since", "2026-10-15")
    assert "## Episodes (1)" in out and "2026-09-01" not in out and "episodes since 2026-10-15" in out


def test_an_empty_log_says_so_and_never_says_all_is_well(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    code, out, err = run(capsys, state, "summary")
    assert (code, err) == (0, "")
    assert out.split("\n")[:18] == [
        "# Back spasm log: summary for a clinician",
        "",
        f"Prepared 2026-11-20 12:00 by backref {__version__} (every episode logged). "
        "Severity is the person's own rating on the 0-10 numeric rating scale.",
        "",
        "## At a glance",
        "",
        "- No episode is open.",
        "- 0 episodes in this summary.",
        "- None of the signs backref reads from the log applies now (it reads only: an episode longer than a week, "
        "frequent recurring episodes, a severity of 8 or more). This is not a clinical assessment.",
        "- No red-flag check recorded in this period (backref triage runs one).",
        "",
        "## Episodes (0)",
        "",
        "No episodes logged in this period.",
        "",
        "## Prevention (last 30 days)",
        "",
        "Days with a prevention exercise or habit ticked: 0 of 30. Current streak: 0 days.",
    ]
    assert out.split("\n")[18:] == WHOLE_SUMMARY.split("\n")[-9:]  # the same footer as every summary
    assert "all clear" not in out.lower() and "you are fine" not in out.lower()
    assert not state.exists()


def test_the_red_flag_checks_answers_are_listed_with_dates(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    state.parent.mkdir()
    state.write_text('version = 1\n[ticks]\n[days]\n[[checks]]\nat = "2026-11-02T10:00:00+00:00"\n'
                     'result = "see-doctor"\nanswers = {numbness = false, fever = true}\n')
    code, out, err = run(capsys, state, "summary")
    assert (code, err) == (0, "")
    # ids this guide does not know are all the record has: shown as the text they are, and said so
    assert section(out, "### Red-flag check, 2026-11-02 10:00: **SEE A DOCTOR**") == [
        "| Answer | Sign (the guide's words) | Question asked |",
        "|---|---|---|",
        "| **YES** | **fever** | (a question this guide no longer asks) |",
        "| no | numbness | (a question this guide no longer asks) |",
        "",
        "The check stops at the first yes; the questions after it were not asked.",
    ]
    assert "- Last red-flag check, 2026-11-02 10:00: **SEE A DOCTOR**; answered yes to: (a question" in out
    assert out.index("## Prevention") < out.index("## Red-flag checks (1)") < out.index("\n---\n")


def test_hand_written_checks_are_listed_by_whichever_date_they_have(
    capsys: pytest.CaptureFixture[str], state: Path
) -> None:
    state.parent.mkdir()
    state.write_text(
        'version = 1\n'
        '[[checks]]\nwhen = "2026-11-03T11:00"\nresult = "none"\nasked = ["fever", "numbness"]\n'
        '[[checks]]\ndate = 2026-11-04\nresult = "none"\n'
        '[[checks]]\ntime = 2026-11-05T06:30:00\nresult = "none"\n'
        '[[checks]]\nresult = "none"\n'
        '[[checks]]\nat = "2026-11-06T07:00:00+00:00"\n'
        '[[checks]]\nat = "<b>x</b> **y**"\nresult = "none"\n')
    code, out, err = run(capsys, state, "summary")
    assert (code, err) == (0, "")
    headings = [line for line in out.split("\n") if line.startswith("### Red-flag check")]
    assert headings == [
        "### Red-flag check, 2026-11-03 11:00: no red flag reported (this rules nothing out)",
        "### Red-flag check, 2026-11-04: no red flag reported (this rules nothing out)",
        "### Red-flag check, 2026-11-05 06:30: no red flag reported (this rules nothing out)",
        "### Red-flag check, undated: no red flag reported (this rules nothing out)",
        "### Red-flag check, 2026-11-06 07:00: result not recorded",
        # a date as typed is text, never markup, and is said not to be a date
        r"### Red-flag check, \<b\>x\</b\> \*\*y\*\* (not a date): no red flag reported (this rules nothing out)",
    ]
    assert "\nasked: fever, numbness\n" in out  # a field backref does not know is kept, as text


@pytest.mark.parametrize("where", ["missing/dir/out.html", "."])
def test_an_unwritable_output_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path, where: str
) -> None:
    code, out, err = run(capsys, three, "summary", "-o", str(tmp_path / where))
    assert code == 2 and out == "" and err.startswith("backref: cannot write") and err.count("\n") == 1


def test_output_replaces_an_existing_file_whole(capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("OLD " * 10000)
    assert run(capsys, three, "summary", "-o", str(target))[0] == 0
    text = target.read_text()
    assert text.startswith("# Back spasm log") and "OLD" not in text
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


WHOLE_SUMMARY = rf"""# Back spasm log: summary for a clinician

Prepared 2026-11-20 12:00 by backref {__version__} (every episode logged). Severity is the person's own rating on the 0-10 numeric rating scale.

## At a glance

- Episode 3 is open: started 2026-11-10 08:00, day 11; peak severity 9/10, latest 9/10.
- 3 episodes in this summary; highest severity 9/10.
- **Latest severity 9/10: go through the red-flag check now: backref triage (8 or more is backref's threshold)**
- **SEE A DOCTOR: Spasms lasting more than a week - this episode started 2026-11-10 08:00 (day 11); the guide says to book an appointment**
- **SEE A DOCTOR: Frequent recurring episodes - 3 episodes started in the last 90 days; the guide says to book an appointment (3 in 90 days is backref's threshold, not the guide's; set it in config.toml)**
- No red-flag check recorded in this period (backref triage runs one).

## Episodes (3)

| No. | Started | Ended | Duration | Peak | Latest | Where | Triggers |
|---|---|---|---|---|---|---|---|
| 1 | 2026-09-01 08:00 | 2026-09-03 09:00 | 2 days | 6/10 | 4/10 | Lower back most common, left\_hip | Bending forward, lifting |
| 2 | 2026-10-01 08:00 | 2026-10-02 23:59 | 1 day | 7/10 | 7/10 | - | - |
| 3 | 2026-11-10 08:00 | open | 10 days | 9/10 | 9/10 | Mid-back (thoracic) | Cold exposure |

### Episode 1: 2026-09-01 08:00 to 2026-09-03 09:00

| When | Severity | Chart | Guide's band | Note |
|---|---|---|---|---|
| 2026-09-01 08:00 | 6/10 | `######----` | moderate | - |
| 2026-09-02 18:00 | 4/10 | `####------` | moderate | after gardening |

Relief done: nothing ticked.

### Episode 2: 2026-10-01 08:00 to 2026-10-02 23:59

| When | Severity | Chart | Guide's band | Note |
|---|---|---|---|---|
| 2026-10-01 08:00 | 7/10 | `#######---` | severe | - |

Relief done: nothing ticked.

### Episode 3: 2026-11-10 08:00 to open

| When | Severity | Chart | Guide's band | Note |
|---|---|---|---|---|
| 2026-11-10 08:00 | 6/10 | `######----` | moderate | - |
| 2026-11-19 20:00 | 9/10 | `#########-` | severe | worse \*at\* night |
| 2026-11-19 21:00 | - | - | - | cannot sleep |

Relief done: Lie on back, knees bent (2026-11-10 09:00), Apply ice 20 min every 2 hours (2026-11-10 10:30)

## Prevention (last 30 days)

Days with a prevention exercise or habit ticked: 3 of 30. Current streak: 1 day.

---

Severity is the person's own rating on the 0-10 numeric rating scale. The guide's bands (its "Severity Levels") are named apart from it; the cut-points are backref's: 1-3 mild (Tightness, discomfort); 4-6 moderate (Pain, limited motion); 7-10 severe (Intense pain, immobility).

Source: Back Cramps and Spasms (patient guide: symptoms, causes, relief, treatment, prevention, when to see a doctor)

*backref informs; it does not diagnose or replace a doctor: if a red flag applies, seek care now.*
"""


def test_the_summary_of_a_realistic_log_word_for_word(capsys: pytest.CaptureFixture[str], log: Path) -> None:
    code, out, err = run(capsys, log, "summary")
    assert (code, err) == (0, "")
    assert out == WHOLE_SUMMARY


def test_since_keeps_an_episode_that_ended_that_day_and_the_open_one(
    capsys: pytest.CaptureFixture[str], log: Path
) -> None:
    code, out, err = run(capsys, log, "summary", "--since", "2026-10-02")
    assert (code, err) == (0, "")
    assert "(episodes since 2026-10-02)" in out
    rows = section(out, "## Episodes (2)")
    assert [row.split(" | ")[:3] for row in rows[2:4]] == [["| 2", "2026-10-01 08:00", "2026-10-02 23:59"],
                                                            ["| 3", "2026-11-10 08:00", "open"]]
    assert "### Episode 1:" not in out and "### Episode 3: 2026-11-10 08:00 to open" in out


def test_relief_ticked_for_an_item_the_content_no_longer_has_is_listed_by_its_id(
    capsys: pytest.CaptureFixture[str], state: Path
) -> None:
    state.parent.mkdir()
    state.write_text('version = 1\n[[episodes]]\nstarted = "2026-11-18T07:00:00+00:00"\n'
                     'ended = "2026-11-19T07:00:00+00:00"\n'
                     '[episodes.ticks]\nwarm-compress = "2026-11-18T08:00:00+00:00"\n')
    code, out, err = run(capsys, state, "summary")
    assert (code, err) == (0, "")
    assert "| 1 | 2026-11-18 07:00 | 2026-11-19 07:00 | 1 day | not rated | not rated | - | - |" in out
    assert section(out, "### Episode 1: 2026-11-18 07:00 to 2026-11-19 07:00") == [
        "Relief done: warm-compress (2026-11-18 08:00)"]
    assert "<svg" not in html_of(capsys, state)  # no reading: no chart


HTML_HEAD = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
             "<title>Back spasm log: summary for a clinician</title>\n<style>\n@page { margin: 15mm; }\n")


def test_the_html_page_is_a_whole_document_and_what_it_holds_stays_text(
    capsys: pytest.CaptureFixture[str], log: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "out.html"
    assert run(capsys, log, "summary", "--format", "html", "-o", str(out_file))[0] == 0
    page = out_file.read_text(encoding="utf-8")
    assert page.startswith(HTML_HEAD)
    assert "</style>\n</head>\n<body>\n<h1>Back spasm log: summary for a clinician</h1>\n" in page
    assert page.endswith("</em></p>\n</body>\n</html>\n")
    assert "<td>Lower back most common, left_hip</td>" in page and "<td>worse *at* night</td>" in page
    # the headline comes first, in a box of its own, before any episode
    body = page.split("<body>\n")[1]
    assert body.index('<section class="glance">\n<h2>At a glance</h2>') < body.index("<h2>Episodes (3)</h2>")
    # the readings, as a table beside each chart: the person's number and the guide's band apart
    assert ("<thead><tr><th>When</th><th>Severity</th><th>Guide&#x27;s band</th><th>Note</th></tr></thead>\n"
            "<tbody>\n<tr><td>2026-11-10 08:00</td><td>6/10</td><td>moderate</td><td></td></tr>\n"
            "<tr><td>2026-11-19 20:00</td><td>9/10</td><td>severe</td><td>worse *at* night</td></tr>\n"
            "<tr><td>2026-11-19 21:00</td><td></td><td></td><td>cannot sleep</td></tr>\n") in page
    assert "#####" not in page  # the text bars are the Markdown's; the page draws charts


def html_of(capsys: pytest.CaptureFixture[str], state: Path, *argv: str) -> str:
    """`backref summary --format html` as written to a file, read back."""
    out_file = state.parent / "page.html"
    code, _out, err = run(capsys, state, "summary", "--format", "html", "-o", str(out_file), *argv)
    assert (code, err) == (0, "")
    return out_file.read_text(encoding="utf-8")


def charts(page: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", page, re.S)


def test_each_episode_with_readings_has_one_chart_on_a_0_10_axis_with_dates(
    capsys: pytest.CaptureFixture[str], log: Path
) -> None:
    found = charts(html_of(capsys, log))
    assert len(found) == 3
    # a black point for each rated reading, a line through two or more, a hollow square for a note alone
    assert [c.count("<circle ") for c in found] == [2, 1, 2]
    assert [c.count("<polyline ") for c in found] == [1, 0, 1]
    assert [c.count('<rect class="note"') for c in found] == [0, 0, 1 + 1]  # the note, and its key
    assert "<title>Episode 3: severity 0-10 over time: 6 at 2026-11-10 08:00, 9 at 2026-11-19 20:00, " \
           "a note at 2026-11-19 21:00</title>" in found[2]
    for chart in found:
        assert re.findall(r'<text class="end" x="25" y="[\d.]+">(\d+)</text>', chart) == ["0", "5", "10"]  # the axis
        assert all(f">{band}</text>" in chart for band in ("mild", "moderate", "severe"))  # the guide's, apart
        assert "severity 0-10 (the person&#x27;s rating) over time" in chart
    # the dates at either end: the episode's span, and for the open one, up to now
    assert ">2026-09-01 08:00</text>" in found[0] and ">2026-09-03 09:00</text>" in found[0]
    assert ">2026-11-10 08:00</text>" in found[2] and ">2026-11-20 12:00</text>" in found[2]
    ticks = re.search(r'<path class="tick" d="([^"]*)"/>', found[2])
    assert ticks is not None and ticks.group(1).count("v5") == 10 + 2  # each of ten midnights, and each end
    # the number above each point is the person's, in the order rated
    assert re.findall(r'<text class="mid" x="[\d.]+" y="[\d.]+">(\d+)</text>', found[2]) == ["6", "9"]


def test_the_persons_number_stands_alone_and_the_guides_band_is_named_apart(
    capsys: pytest.CaptureFixture[str], log: Path
) -> None:
    _, out, _ = run(capsys, log, "summary")
    page = html_of(capsys, log)
    for text in (out, page):
        # the guide's descriptors appear once, in the key, never beside a rating
        assert text.count("(Intense pain, immobility)") == 1 and text.count("(Pain, limited motion)") == 1
        assert not re.search(r"\d+/10 (mild|moderate|severe)", text)
    assert ("The guide's bands (its \"Severity Levels\") are named apart from it; the cut-points are backref's: "
            "1-3 mild (Tightness, discomfort); 4-6 moderate (Pain, limited motion); "
            "7-10 severe (Intense pain, immobility).") in out
    assert "- Episode 3 is open: started 2026-11-10 08:00, day 11; peak severity 9/10, latest 9/10." in out


def answer(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, state: Path, answers: str,
           *argv: str) -> int:
    """Go through `backref triage` with ``answers`` piped in; its exit code."""
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    return run(capsys, state, *argv, "triage")[0]


def test_the_checks_answers_are_the_questions_asked_any_yes_first_and_marked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, state: Path
) -> None:
    from backref.core.load import load_content
    from backref.core.triage import check_questions
    from conftest import CONTENT

    asked = check_questions(load_content(str(CONTENT)))
    assert answer(capsys, monkeypatch, state, "n\n" * len(asked)) == 0
    assert answer(capsys, monkeypatch, state, "n\nn\ny\n") == 20  # yes to the third: an emergency sign
    _, out, _ = run(capsys, state, "summary")
    first, last = out.split("### Red-flag check, 2026-11-20 12:00: ")[1:]
    assert first.startswith("no red flag reported (this rules nothing out)\n")
    assert [row for row in first.split("\n") if row.startswith("| no |")] == [
        f"| no | {q.flag.text} | {q.text} |" for q in asked]
    assert last.split("\n")[:7] == [
        "**EMERGENCY**", "",
        "| Answer | Sign (the guide's words) | Question asked |", "|---|---|---|",
        f"| **YES** | **{asked[2].flag.text}** | {asked[2].text} |",
        f"| no | {asked[0].flag.text} | {asked[0].text} |",
        f"| no | {asked[1].flag.text} | {asked[1].text} |",
    ]
    assert f"- Last red-flag check, 2026-11-20 12:00: **EMERGENCY**; answered yes to: {asked[2].text}\n" in out
    page = html_of(capsys, state)
    assert f"<tr><td><strong>YES</strong></td><td><strong>{asked[2].flag.text}</strong></td><td>{asked[2].text}" in page
    # no sign id anywhere in the answers, in either file
    for text in (out, page):
        checks = text.split("Red-flag checks (2)")[1]
        assert not any(q.flag.id in checks for q in asked) and "rf-" not in checks


def test_the_summary_asks_in_the_contents_words_when_they_change(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, state: Path, tmp_path: Path
) -> None:
    import tomllib

    import tomli_w

    from conftest import CONTENT

    raw = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    raw["lay"]["rf-bladder-bowel-control"]["question"] = "Reworded: can you pee and poo as usual?"
    edited = tmp_path / "edited.toml"
    edited.write_text(tomli_w.dumps(raw), encoding="utf-8")
    assert answer(capsys, monkeypatch, state, "y\n", "--content", str(edited)) == 20
    _, out, _ = run(capsys, state, "--content", str(edited), "summary")
    flag, question = asked("rf-bladder-bowel-control")
    assert f"| **YES** | **{flag}** | Reworded: can you pee and poo as usual? |" in out
    assert question not in out


def asked(flag_id: str) -> tuple[str, str]:
    """(the sign in the guide's words, the question the check asks) for a red flag of the content."""
    from backref.core.load import load_content
    from backref.core.triage import check_questions
    from conftest import CONTENT

    return next((q.flag.text, q.text) for q in check_questions(load_content(str(CONTENT))) if q.flag.id == flag_id)


CHECKS = ('version = 1\n'
          '[[checks]]\nat = "2020-01-05T09:00:00+00:00"\nresult = "emergency"\nsign = "rf-high-fever"\n'
          'answers = {rf-bladder-bowel-control = false, rf-high-fever = true}\n'
          '[[checks]]\nat = "2026-10-31T23:00:00+00:00"\nresult = "none"\nanswers = {rf-high-fever = false}\n'
          '[[checks]]\nat = "2026-11-19T09:00:00+00:00"\nresult = "none"\nanswers = {rf-high-fever = false}\n'
          '[days]\n"2026-11-10" = {stay-hydrated = "2026-11-10T08:00:00+00:00"}\n'
          '"2026-11-16" = {stay-hydrated = "2026-11-16T08:00:00+00:00"}\n')


def test_since_leaves_out_the_checks_and_prevention_days_before_it(
    capsys: pytest.CaptureFixture[str], state: Path
) -> None:
    state.parent.mkdir()
    state.write_text(CHECKS)
    _, whole, _ = run(capsys, state, "summary")
    assert "## Red-flag checks (3)" in whole and "2020-01-05" in whole
    for text in (run(capsys, state, "summary", "--since", "2026-11-01")[1],
                 html_of(capsys, state, "--since", "2026-11-01")):
        assert "2020" not in text and "2026-10-31" not in text and "EMERGENCY" not in text
        assert "Red-flag checks (1)" in text and "Last red-flag check, 2026-11-19 09:00: no red flag" in text
    _, out, _ = run(capsys, state, "summary", "--since", "2026-11-15")
    assert "## Prevention (last 6 days)\n\nDays with a prevention exercise or habit ticked: 1 of 6." in out
    _, out, _ = run(capsys, state, "summary", "--since", "2026-11-20")
    assert "Red-flag check" not in out.replace("- No red-flag check recorded in this period", "")


def test_since_keeps_a_check_whose_date_cannot_be_read(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    state.parent.mkdir()
    state.write_text('version = 1\n[[checks]]\nat = "last tuesday"\nresult = "see-doctor"\n'
                     'answers = {see-recurring-episodes = true}\n')
    _, out, _ = run(capsys, state, "summary", "--since", "2026-11-01")
    assert "### Red-flag check, last tuesday (not a date): **SEE A DOCTOR**" in out
    flag, question = asked("see-recurring-episodes")
    assert f"| **YES** | **{flag}** | {question} |" in out


def test_the_headline_of_a_log_with_no_open_episode(capsys: pytest.CaptureFixture[str], three: Path) -> None:
    _, out, _ = run(capsys, three, "summary")
    assert section(out, "## At a glance")[:2] == [
        "- No episode is open (the last ended 2026-11-05 23:59).",
        "- 3 episodes in this summary; highest severity 9/10.",
    ]


def test_an_episode_of_notes_alone_has_a_chart_of_its_notes(capsys: pytest.CaptureFixture[str], state: Path,
                                                            clock: Clock) -> None:
    clock.set("2026-11-19T08:00")
    assert run(capsys, state, "episode", "start", "--note", "stiff")[0] == 0
    clock.set("2026-11-19T20:00")
    assert run(capsys, state, "episode", "note", "easier after a walk")[0] == 0
    (chart,) = charts(html_of(capsys, state))
    assert "<circle" not in chart and chart.count('<rect class="note"') == 2 + 1
    assert ">a note, not rated</text>" in chart and ">2026-11-19 08:00</text>" in chart

"""`backref summary`: the page for a clinician, in Markdown and as one self-contained HTML file."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from backref import __version__
from backref.cli.main import main
from backref.core.summary import summary_html
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
    # the only http is the text the person typed, shown as text, never a link
    assert re.findall(r"https?://[^)]*", page) == ["http://x.example"] * 3
    assert "@page" in page and "<style>" in page
    assert "&lt;b&gt;gardening&lt;/b&gt;" in page  # what was typed stays text


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
    assert "| # | Started | Ended | Duration | Peak | Latest | Where | Triggers |" in out
    assert "| 3 | 2026-11-01 08:00 | 2026-11-05 23:59 | 4 days | 9/10 severe (Intense pain, immobility)" in out
    assert "`#########-` 9/10 severe" in out
    assert "Bending forward" in out
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
    assert out.split("\n")[:15] == [
        "# Back spasm log: summary for a clinician",
        "",
        f"Prepared 2026-11-20 12:00 by backref {__version__} (every episode logged). "
        "Severity is the 0-10 numeric rating scale, as the person rated it.",
        "",
        "## See-a-doctor signs from this log",
        "",
        "None of the signs backref reads from the log applies now (it reads only: an episode longer than a week, "
        "frequent recurring episodes, a severity of 8 or more). This is not a clinical assessment.",
        "",
        "## Episodes (0)",
        "",
        "No episodes logged in this period.",
        "",
        "## Prevention (last 30 days)",
        "",
        "Days with a prevention exercise or habit ticked: 0 of 30. Current streak: 0 days.",
    ]
    assert out.split("\n")[15:] == WHOLE_SUMMARY.split("\n")[-9:]  # the same footer as every summary
    assert not state.exists()


def test_the_red_flag_checks_answers_are_listed_with_dates(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    state.parent.mkdir()
    state.write_text('version = 1\n[ticks]\n[days]\n[[checks]]\nat = "2026-11-02T10:00:00+00:00"\n'
                     'result = "see-doctor"\nanswers = {numbness = false, fever = true}\n')
    code, out, err = run(capsys, state, "summary")
    assert (code, err) == (0, "")
    assert section(out, "## Red-flag check answers") == [
        "- 2026-11-02 10:00: result: see-doctor; answers: numbness no, fever yes"]
    assert out.startswith("# Back spasm log: summary for a clinician\n")
    assert out.index("## Prevention") < out.index("## Red-flag check answers") < out.index("\n---\n")


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
    assert section(out, "## Red-flag check answers") == [
        "- 2026-11-03 11:00: result: none; asked: fever, numbness",
        "- 2026-11-04: result: none",
        "- 2026-11-05 06:30: result: none",
        "- undated: result: none",
        "- 2026-11-06 07:00",
        r"- \<b\>x\</b\> \*\*y\*\*: result: none",  # a date as typed is text, never markup
    ]


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

Prepared 2026-11-20 12:00 by backref {__version__} (every episode logged). Severity is the 0-10 numeric rating scale, as the person rated it.

## See-a-doctor signs from this log

- **Latest severity 9/10: go through the red-flag check now: backref triage (8 or more is backref's threshold)**
- **SEE A DOCTOR: Spasms lasting more than a week - this episode started 2026-11-10 08:00 (day 11); the guide says to book an appointment**
- **SEE A DOCTOR: Frequent recurring episodes - 3 episodes started in the last 90 days; the guide says to book an appointment (3 in 90 days is backref's threshold, not the guide's; set it in config.toml)**

## Episodes (3)

| # | Started | Ended | Duration | Peak | Latest | Where | Triggers |
|---|---|---|---|---|---|---|---|
| 1 | 2026-09-01 08:00 | 2026-09-03 09:00 | 2 days | 6/10 moderate (Pain, limited motion) | 4/10 moderate (Pain, limited motion) | Lower back most common, left\_hip | Bending forward, lifting |
| 2 | 2026-10-01 08:00 | 2026-10-02 23:59 | 1 day | 7/10 severe (Intense pain, immobility) | 7/10 severe (Intense pain, immobility) | - | - |
| 3 | 2026-11-10 08:00 | open | 10 days | 9/10 severe (Intense pain, immobility) | 9/10 severe (Intense pain, immobility) | Mid-back (thoracic) | Cold exposure |

### Episode 1: 2026-09-01 08:00 to 2026-09-03 09:00

Severity over time and notes:

- 2026-09-01 08:00: `######----` 6/10 moderate (Pain, limited motion)
- 2026-09-02 18:00: `####------` 4/10 moderate (Pain, limited motion) - after gardening

Relief done: nothing ticked.

### Episode 2: 2026-10-01 08:00 to 2026-10-02 23:59

Severity over time and notes:

- 2026-10-01 08:00: `#######---` 7/10 severe (Intense pain, immobility)

Relief done: nothing ticked.

### Episode 3: 2026-11-10 08:00 to open

Severity over time and notes:

- 2026-11-10 08:00: `######----` 6/10 moderate (Pain, limited motion)
- 2026-11-19 20:00: `#########-` 9/10 severe (Intense pain, immobility) - worse \*at\* night
- 2026-11-19 21:00: cannot sleep

Relief done: Lie on back, knees bent (2026-11-10 09:00), Apply ice 20 min every 2 hours (2026-11-10 10:30)

## Prevention (last 30 days)

Days with a prevention exercise or habit ticked: 3 of 30. Current streak: 1 day.

---

Severity words are the guide's "Severity Levels"; the cut-points (1-3 mild; 4-6 moderate; 7-10 severe) are backref's.

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
    assert "<td>Lower back most common, left_hip</td>" in page and "worse *at* night" in page
    # the page's own promise, whatever Markdown it is given: raw HTML is shown, never obeyed
    assert summary_html("a <b>bold</b> <script>x()</script>").split("<body>\n")[1] == (
        "<p>a &lt;b&gt;bold&lt;/b&gt; &lt;script&gt;x()&lt;/script&gt;</p>\n</body>\n</html>\n")

"""`backref summary`: the page for a clinician, in Markdown and as one self-contained HTML file."""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core import state as state_module

DISCLAIMER = "backref informs; it does not diagnose or replace a doctor"


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    at = datetime.datetime(2026, 11, 20, 12, 0).astimezone()
    monkeypatch.setattr(state_module, "local_now", lambda: at)


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
    code, out, _ = run(capsys, state, "summary")
    assert code == 0 and "No episodes logged" in out and "This is not a clinical assessment." in out
    assert not state.exists()


def test_the_red_flag_checks_answers_are_listed_with_dates(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    state.parent.mkdir()
    state.write_text('version = 1\n[ticks]\n[days]\n[[checks]]\nat = "2026-11-02T10:00:00+00:00"\n'
                     'result = "see-doctor"\nanswers = {numbness = false, fever = true}\n')
    _, out, _ = run(capsys, state, "summary")
    assert "## Red-flag check answers" in out
    assert "- 2026-11-02 10:00: result: see-doctor; answers: numbness no, fever yes" in out


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

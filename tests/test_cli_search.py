"""`backref search`: what a person sees on the terminal, what a script gets with --json."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backref.cli.main import main
from conftest import CONTENT

ESC = "\x1b"


def search(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = main(["search", *argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_ice_shows_the_ice_item_in_the_first_three_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = search(capsys, "ice")
    assert code == 0 and err == ""
    assert "Relief > First 24-48 Hours: Apply ice 20 min every 2 hours" in lines[:3]


def test_each_hit_is_one_line_place_then_text(capsys: pytest.CaptureFixture[str]) -> None:
    _, lines, _ = search(capsys, "sciatca")
    assert lines[0] == "Causes > Spinal Conditions: Sciatica: Nerve compression"
    _, lines, _ = search(capsys, "heat", "and", "cold")
    assert lines[0] == "Relief > Heat and Cold"  # a section's title is its place


def test_words_of_the_query_are_one_query(capsys: pytest.CaptureFixture[str]) -> None:
    _, lines, _ = search(capsys, "pins", "and", "needles")
    # red flags whose plain words match come first; then the everyday answer, its place said once
    everyday = [line for line in lines if not line.startswith(("[", " "))]
    assert everyday[0] == "Symptoms: Numbness/tingling: If nerves affected"
    _, quoted, _ = search(capsys, "pins and needles")
    assert quoted == lines


def test_red_flags_say_their_urgency_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    _, lines, _ = search(capsys, "bladder")
    assert lines[0].startswith("[EMERGENCY] Call ")  # what to do heads an emergency answer
    hits = [line for line in lines if line.startswith("[")]
    assert hits[1].startswith("[EMERGENCY] ")
    first = " ".join([hits[1], *(line.strip() for line in lines[lines.index(hits[1]) + 1:][:2] if line.startswith("    "))])
    assert "Loss of bladder or bowel control" in first or "Loss of bowel/bladder control" in first
    _, lines, _ = search(capsys, "spasms lasting more than a week", "--limit", "1")
    assert lines == ["[SEE A DOCTOR] Doctor > Schedule an Appointment For: Spasms lasting more than a", "    week"]


def test_no_match_is_one_line_on_stderr_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = search(capsys, "xyzzyq")
    assert (code, lines, err) == (1, [], "backref: no matches for 'xyzzyq'\n")
    code, _, err = search(capsys, "can't", "xyzzyq")
    assert (code, err) == (1, "backref: no matches for 'can't xyzzyq'\n")


def test_limit_caps_the_hits(capsys: pytest.CaptureFixture[str]) -> None:
    _, lines, _ = search(capsys, "pain")
    hits = [line for line in lines if not line.startswith(" ") and not line.startswith("[EMERGENCY] Call ")]
    assert len(hits) == 10  # a wrapped hit goes on indented
    _, lines, _ = search(capsys, "pain", "--limit", "2")
    hits = [line for line in lines if not line.startswith(" ") and not line.startswith("[EMERGENCY] Call ")]
    assert len(hits) == 2


def test_hits_wrap_at_80_columns_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    _, lines, _ = search(capsys, "lumbar", "region")
    assert len(lines) > 1 and all(len(line) <= 80 for line in lines)
    assert lines[1].startswith("    ")


def test_json_has_the_fields_a_script_needs(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = search(capsys, "--json", "heat")
    assert code == 0
    hits = json.loads("\n".join(lines))
    assert hits and len(hits) <= 10
    for hit in hits:
        assert {"kind", "topic", "section", "item_id", "text", "score", "place", "urgency"} <= set(hit)
    first = hits[0]
    assert (first["kind"], first["topic"], first["section"], first["place"]) == (
        "section", "Immediate Relief Strategies", "Heat and Cold", "Relief > Heat and Cold")
    assert (first["topic_id"], first["section_id"], first["item_id"]) == ("relief", "heat-and-cold", None)
    items = [h for h in hits if h["kind"] == "item"]
    assert {"text": "Heat for chronic spasms", "item_id": "heat-for-chronic-spasms"}.items() <= next(
        h for h in items if h["item_id"] == "heat-for-chronic-spasms").items()
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_json_red_flag_carries_urgency(capsys: pytest.CaptureFixture[str]) -> None:
    _, lines, _ = search(capsys, "--json", "saddle", "numbness", "--limit", "1")
    (hit,) = json.loads("\n".join(lines))
    assert (hit["kind"], hit["item_id"], hit["urgency"]) == ("red-flag", "rf-saddle-numbness", "emergency")


def test_width_wraps_long_hits(capsys: pytest.CaptureFixture[str]) -> None:
    _, lines, _ = search(capsys, "lumbar", "region", "--width", "40")
    assert len(lines) > 1 and all(len(line) <= 40 for line in lines)
    assert lines[1].startswith("    ")


def test_control_characters_in_content_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "content.toml"
    path.write_text(
        '[meta]\ntitle = "T"\nsource = "S"\nversion = "1"\ndisclaimer = "D"\n'
        '[[topics]]\nid = "t"\ntitle = "Topic"\ntab = "Tab"\n'
        '[[topics.sections]]\nid = "s"\ntitle = "Section"\nkind = "list"\n'
        'items = [{ id = "i", text = "Red \\u001b[31malert\\u001b[0m here" }]\n',
        encoding="utf-8",
    )
    code = main(["--content", os.fspath(path), "search", "red", "here"])
    out, _ = capsys.readouterr()
    assert code == 0 and "Tab > Section: Red ?[31malert?[0m here" in out and ESC not in out


def test_piped_output_is_plain_text() -> None:
    done = subprocess.run([sys.executable, "-m", "backref", "--content", os.fspath(CONTENT), "search", "ice"],
                          capture_output=True, text=True, env={**os.environ, "TERM": "xterm-256color"})
    assert done.returncode == 0
    assert "Apply ice 20 min every 2 hours" in done.stdout
    assert ESC not in done.stdout and ESC not in done.stderr


def test_search_never_imports_the_tui(tmp_path: Path) -> None:
    code = ("import sys; from backref.cli.main import main; main(['search', 'ice']); "
            "print([m for m in ('textual', 'rich', 'json') if m in sys.modules], file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "[]"

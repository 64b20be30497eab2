"""`backref search`: what a person sees on the terminal, what a script gets with --json."""
from __future__ import annotations

import io
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
    _, lines, _ = search(capsys, "my", "bladder", "is", "leaking", "--width", "200")
    assert lines[0].startswith("[EMERGENCY] Call ")  # what to do heads an answer an emergency sign leads
    assert lines[1] == "[EMERGENCY] Overview > Seek Emergency Care If Back Spasms Occur With: Loss of bladder or bowel control"
    assert lines[2] == "    why: bladder \u2192 bladder or peeing; leaking \u2192 loss of control or leaking"
    _, lines, _ = search(capsys, "spasms lasting more than a week", "--limit", "1")
    assert lines == ["[SEE A DOCTOR] Doctor > Schedule an Appointment For: Spasms lasting more than a", "    week",
                     "    why: lasting more than a week \u2192 more than a week"]


def test_the_urgency_label_is_the_content_s(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Relabel the emergency in the content: the action line and every emergency hit follow."""
    text = CONTENT.read_text(encoding="utf-8")
    path = tmp_path / "content.toml"
    path.write_text(text.replace('[urgency.emergency]\nlabel = "EMERGENCY"', '[urgency.emergency]\nlabel = "URGENT NOW"'),
                    encoding="utf-8")
    assert main(["--content", os.fspath(path), "search", "feverish", "--width", "200"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("[URGENT NOW] Call ") and lines[1].startswith("[URGENT NOW] ")
    assert not any("EMERGENCY]" in line for line in lines)


def test_a_symptom_that_reaches_no_sign_ends_with_the_check(capsys: pytest.CaptureFixture[str]) -> None:
    """Words naming a symptom (a place, a feeling, pain, can't) but no sign: the answer ends by
    offering the red-flag check, and never says nothing serious matched."""
    _, lines, _ = search(capsys, "sore", "neck", "and", "shoulder")
    assert lines[-1] == "Not sure whether this is serious? Answer the red-flag check: backref triage"
    _, lines, _ = search(capsys, "ice", "pack")  # no symptom named: no offer
    assert not any("red-flag check" in line for line in lines)
    _, lines, _ = search(capsys, "feverish")  # a sign reached: it is shown, with what to do
    assert not any("red-flag check" in line for line in lines)


def test_no_match_is_one_line_on_stderr_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = search(capsys, "xyzzyq")
    assert (code, lines, err) == (1, [], "backref: no matches for 'xyzzyq'\n")
    # "can't" names a symptom: the answer offers the red-flag check rather than stop at no match
    code, _, err = search(capsys, "can't", "xyzzyq")
    assert (code, err) == (1, "backref: no matches for 'can't xyzzyq'\n"
                              "backref: Not sure whether this is serious? Answer the red-flag check: backref triage\n")


def test_limit_caps_the_hits(capsys: pytest.CaptureFixture[str]) -> None:
    def hits(lines: list[str]) -> list[str]:  # a wrapped hit goes on indented; the check's offer is no hit
        return [line for line in lines if not line.startswith((" ", "[EMERGENCY] Call ", "Not sure"))]

    _, lines, _ = search(capsys, "pain")
    assert len(hits(lines)) == 10
    _, lines, _ = search(capsys, "pain", "--limit", "2")
    assert len(hits(lines)) == 2


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


@pytest.mark.parametrize("query", ["waterworks stopped working", "pins and needles", "feverish ice pack", "bladder",
                                   "heart hurts", "numb between my legs and cramp", "control"])
def test_json_carries_the_matched_words_of_every_red_flag_hit(capsys: pytest.CaptureFixture[str], query: str) -> None:
    _, lines, _ = search(capsys, "--json", *query.split())
    flags = [h for h in json.loads("\n".join(lines)) if h["kind"] == "red-flag"]
    assert flags, query
    for hit in flags:
        assert hit["matched"] and all(m["words"] and m["part"] for m in hit["matched"]), hit
        assert hit["why"] and isinstance(hit["reached"], bool) and isinstance(hit["missing"], list)
        assert all(m["words"].lower() in query.lower() or m["part"] == "the sign's own words" for m in hit["matched"])
    others = [h for h in json.loads("\n".join(lines)) if h["kind"] != "red-flag"]
    assert all("matched" not in h for h in others)


def test_json_says_which_words_reached_which_part(capsys: pytest.CaptureFixture[str]) -> None:
    _, lines, _ = search(capsys, "--json", "waterworks", "stopped", "working", "--limit", "1")
    (hit,) = json.loads("\n".join(lines))
    assert (hit["item_id"], hit["reached"], hit["missing"]) == ("rf-bladder-bowel-control", True, [])
    assert hit["matched"] == [{"words": "waterworks", "part": "bladder or peeing"},
                              {"words": "stopped working", "part": "loss of control or leaking"}]
    assert hit["why"] == "waterworks \u2192 bladder or peeing; stopped working \u2192 loss of control or leaking"


@pytest.mark.parametrize("width", ["1", "3", "8"])
def test_a_tiny_width_still_prints_every_word(capsys: pytest.CaptureFixture[str], width: str) -> None:
    """The why line is indented: a width narrower than its indent still gets every word, cut to fit."""
    code, lines, _ = search(capsys, "waterworks", "stopped", "working", "--width", width)
    joined = "".join(line.strip() for line in lines)
    assert code == 0 and joined.startswith("[EMERGENCY]") and "waterworks" in joined
    assert all(len(line) <= max(int(width), 2) for line in lines), lines


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


class Terminal(io.StringIO):
    """What `backref search` writes to when stdout is a terminal."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_red_flag_s_label_stands_out_and_piped_it_does_not(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal, the emergency label is reverse bold and the see-a-doctor one bold (the
    words say it too); with NO_COLOR, TERM=dumb or piped, not one escape sequence."""
    def run(env: dict[str, str], stdout: io.StringIO) -> str:
        for name in ("NO_COLOR", "TERM"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main(["search", "feverish", "pins", "and", "needles", "--width", "200"]) == 0
        return stdout.getvalue()

    shown = run({"TERM": "xterm-256color"}, Terminal())
    assert shown.startswith("\x1b[1;7m[EMERGENCY]\x1b[0m Call ")
    assert "\n\x1b[1m[SEE A DOCTOR]\x1b[0m Doctor > " in shown
    assert shown.count(ESC) == 2 * sum(1 for line in shown.splitlines() if line.startswith(ESC))
    for env, stdout in (({"TERM": "xterm-256color", "NO_COLOR": "1"}, Terminal()), ({"TERM": "dumb"}, Terminal()),
                        ({"TERM": "xterm-256color"}, io.StringIO())):
        plain = run(env, stdout)
        assert ESC not in plain and plain.startswith("[EMERGENCY] Call "), env


def test_search_never_imports_the_tui(tmp_path: Path) -> None:
    code = ("import sys; from backref.cli.main import main; main(['search', 'ice']); "
            "print([m for m in ('textual', 'rich', 'json') if m in sys.modules], file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "[]"

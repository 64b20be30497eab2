"""How wide text is on screen, and the exact lines and JSON the lookup commands print for a small
content file: blank lines, rules, markers, notes, urgency, ticks and the ASCII stand-ins."""
from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcswidth

from backref.cli.main import main
from backref.core import render
from backref.core.printable import one_line

# Planes 0 and 1 (every script, symbol and emoji) and the tags and variation selectors of plane 14.
CODE_POINTS = [*range(0x80, 0x20000), *range(0xE0000, 0xE0200)]


def test_every_character_is_measured_as_wcwidth_measures_it() -> None:
    # the fast path may send a character to wcwidth, but never vouch for a width wcwidth disagrees with
    wrong = [hex(cp) for cp in CODE_POINTS
             if render.cell_width(chr(cp)) != max(wcswidth(one_line(chr(cp))), 0)]
    assert wrong == []


@pytest.mark.parametrize(("text", "columns"), [
    ("\u4e2d\u6587", 4),        # CJK: two columns each
    ("\u3000", 2),              # the ideographic space is full width
    ("e\u0300", 1),             # a combining accent takes none
    ("1\u20e3", 1),             # an enclosing keycap mark takes none
    ("a\u200bb", 2),            # a zero-width space takes none
    ("\u200b", 0),              # ... even alone
    ("ice\u2014heat", 8),       # an em dash takes one
    ("\u26a0\ufe0f", 2),        # a warning sign shown as an emoji takes two
    ("caf\u00e9 na\u00efve", 10),
])
def test_text_takes_the_columns_a_terminal_gives_it(text: str, columns: int) -> None:
    assert render.cell_width(text) == columns


def test_a_word_cut_to_fit_never_passes_the_width() -> None:
    assert render.wrap("\u4e2d\u6587\u5b57", 3) == ["\u4e2d", "\u6587", "\u5b57"]  # 2 columns each, 3 to fill
    assert render.wrap("- " + "\u4e2d" * 3, 4, "") == ["-", "\u4e2d\u4e2d", "\u4e2d"]


def test_a_word_exactly_as_wide_as_the_line_is_not_cut() -> None:
    assert render.wrap("abcde fg", 5) == ["abcde", "fg"]
    assert render.wrap("abcdef gh", 8, "- ") == ["- abcdef", "  gh"]


# A small guide with one of everything a page lays out: paragraphs, a checklist (ticked and not),
# a section of paragraphs only, items with details, a daily checklist, red-flag lists of both
# urgencies (with and without notes, one after a section, a sign marked same_as another).
SMALL = '''
[meta]
title = "Small"
source = "A small guide"
version = "1"
disclaimer = "Not a diagnosis."

[[topics]]
id = "rest"
title = "Rest"
tab = "Rest"

[[topics.sections]]
id = "why"
title = "Why it helps"
kind = "list"
paragraphs = ["Cold calms the muscle.", "Rest lets it settle."]

[[topics]]
id = "ice"
title = "Ice and rest"
tab = "Ice"
paragraphs = ["Rest first.", "Then ice.", "Then move gently, a little more each day."]

[[topics.sections]]
id = "first-hours"
title = "First hours"
kind = "checklist"
scope = "episode"
paragraphs = ["Do these now."]
items = [{ id = "ice-pack", text = "Ice pack on the sore place for twenty minutes" },
         { id = "lie-down", text = "Lie down" }]

[[topics.sections]]
id = "words"
title = "Words"
kind = "list"
items = [{ id = "spasm", text = "Spasm", detail = "a muscle that will not let go" }]

[[topics.sections]]
id = "each-day"
title = "Each day"
kind = "checklist"
daily = true
items = [{ id = "walk", text = "Walk" }]

[[red_flags]]
id = "call-now"
title = "Call now if"
urgency = "emergency"
topic = "ice"
after = "first-hours"
note = "These can be serious."
flags = [{ id = "numb", text = "Numb groin" }, { id = "weak", text = "Weak legs that get weaker by the hour" }]

[[red_flags]]
id = "see-gp"
title = "See your GP for"
urgency = "see-doctor"
topic = "ice"
note = "Book soon."
flags = [{ id = "long", text = "Spasms past a week" }]

[[red_flags]]
id = "call-also"
title = "Also call if"
urgency = "emergency"
topic = "ice"
flags = [{ id = "numb-again", text = "Groin numbness", same_as = "numb" }, { id = "fever", text = "Fever" }]

[urgency.emergency]
label = "EMERGENCY"
heading = "EMERGENCY: seek care now"
action = "Call {number} now."
number = "your local number"
source = "Guide E"
'''


@pytest.fixture
def small(tmp_path: Path) -> str:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return os.fspath(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_show_lays_out_a_topic_block_by_block(small: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--content", small, "tick", "ice-pack")
    out = run(capsys, "--content", small, "show", "rest", "ice", "--width", "40")
    assert out == """\
Rest
====

Why it helps
------------
Cold calms the muscle.

Rest lets it settle.


Ice and rest
============
Rest first.

Then ice.

Then move gently, a little more each
day.

First hours
-----------
Do these now.

[x] Ice pack on the sore place for
    twenty minutes
[ ] Lie down

EMERGENCY - Call now if:
------------------------
Call your local number now.
- Numb groin
- Weak legs that get weaker by the hour

These can be serious.

Words
-----
- Spasm: a muscle that will not let go

Each day (daily)
----------------
[ ] Walk

EMERGENCY - Also call if:
-------------------------
Call your local number now.
- Groin numbness
- Fever

SEE A DOCTOR - See your GP for:
-------------------------------
- Spasms past a week

Book soon.
"""


def test_show_doctor_gives_the_emergency_list_and_its_action_first(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """H9: `backref show doctor` printed the see-a-doctor list first and no action or number."""
    lines = run(capsys, "show", "doctor", "--width", "200", "--no-pager").splitlines()
    emergency = lines.index("EMERGENCY - Red Flags Requiring Immediate Care:")
    assert lines[emergency + 2].startswith("Call your local emergency number (999 in the UK")
    see = lines.index("SEE A DOCTOR - Schedule an Appointment For:")
    assert emergency < see and lines[see + 2] == "Book an appointment with your doctor (GP)."
    assert all(line.startswith(("- ", "  in plain words: ")) for line in lines[emergency + 3: see - 1] if line)
    shown = json.loads(run(capsys, "show", "doctor", "--json"))
    assert [rl["urgency"] for rl in shown[0]["red_flag_lists"]] == ["emergency", "see-doctor"]
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", "000")
    lines = run(capsys, "show", "doctor", "--width", "200", "--no-pager").splitlines()
    assert lines[lines.index("EMERGENCY - Red Flags Requiring Immediate Care:") + 2] == (
        "Call 000 or go to the nearest emergency department now.")


def test_redflags_gives_the_action_then_each_sign_once_then_the_notes(
        small: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", "112")
    out = run(capsys, "--content", small, "redflags", "--width", "30")
    assert out == """\
EMERGENCY: seek care now
========================
Call 112 now.
- Numb groin
- Weak legs that get weaker by
  the hour
- Fever

These can be serious.

SEE A DOCTOR: book an
appointment for
=====================
- Spasms past a week

Book soon.

Not a diagnosis.
"""


def ascii_run(monkeypatch: pytest.MonkeyPatch, *argv: str) -> str:
    """What a command prints in an ASCII-only locale (LC_ALL=C)."""
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(list(argv)) == 0
    stream.flush()
    return stream.buffer.getvalue().decode("ascii")


def test_in_an_ascii_locale_lines_are_wrapped_as_printed(
        small: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dashes = SMALL.replace("Then move gently, a little more each day.", "Ice \u2014 rest \u2014 move \u2014 ice \u2014 rest")
    dashes = dashes.replace("Spasms past a week", "Spasms \u2014 past \u2014 a week \u2014 or more")
    path = tmp_path / "dashes.toml"
    path.write_text(dashes, encoding="utf-8")
    shown = ascii_run(monkeypatch, "--content", os.fspath(path), "show", "ice", "--width", "20")
    assert "Ice -- rest -- move\n-- ice -- rest\n" in shown  # '\u2014' prints as '--': measured so
    assert max(len(line) for line in shown.splitlines()) <= 20
    signs = ascii_run(monkeypatch, "--content", os.fspath(path), "redflags", "--width", "24")
    assert "- Spasms -- past -- a\n  week -- or more\n" in signs
    assert max(len(line) for line in signs.splitlines()) <= 24


def test_text_that_prints_as_nothing_leaves_no_rule_and_no_blank_line() -> None:
    page = render.Page(40, "ascii")  # a lone variation selector prints as nothing in ASCII
    page.heading("Title", "=")
    page.heading("\ufe0f", "-")
    page.paragraph("\ufe0f")
    page.bullets([])
    page.paragraph("Text.")
    page.heading("Next", "-")
    assert page.lines == ["Title", "=====", "Text.", "", "Next", "----"]


def test_show_json_holds_every_field_of_the_topic(small: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--content", small, "tick", "ice-pack")
    (topic,) = json.loads(run(capsys, "--content", small, "show", "ice", "--json"))
    assert topic == {
        "id": "ice", "title": "Ice and rest", "tab": "Ice",
        "paragraphs": ["Rest first.", "Then ice.", "Then move gently, a little more each day."],
        "sections": [
            {"id": "first-hours", "title": "First hours", "kind": "checklist", "daily": False, "scope": "episode",
             "paragraphs": ["Do these now."],
             "items": [{"id": "ice-pack", "text": "Ice pack on the sore place for twenty minutes", "detail": None,
                        "ticked": True},
                       {"id": "lie-down", "text": "Lie down", "detail": None, "ticked": False}]},
            {"id": "words", "title": "Words", "kind": "list", "daily": False, "scope": None, "paragraphs": [],
             "items": [{"id": "spasm", "text": "Spasm", "detail": "a muscle that will not let go", "ticked": None}]},
            {"id": "each-day", "title": "Each day", "kind": "checklist", "daily": True, "scope": "daily",
             "paragraphs": [], "items": [{"id": "walk", "text": "Walk", "detail": None, "ticked": False}]},
        ],
        "red_flag_lists": [CALL_NOW, CALL_ALSO, SEE_GP],  # reading order: the emergency list first at the end
    }


CALL_NOW = {"id": "call-now", "urgency": "emergency", "title": "Call now if", "topic": "ice", "after": "first-hours",
            "note": "These can be serious.",
            "flags": [{"id": "numb", "text": "Numb groin", "same_as": None},
                      {"id": "weak", "text": "Weak legs that get weaker by the hour", "same_as": None}]}
SEE_GP = {"id": "see-gp", "urgency": "see-doctor", "title": "See your GP for", "topic": "ice", "after": None,
          "note": "Book soon.", "flags": [{"id": "long", "text": "Spasms past a week", "same_as": None}]}
CALL_ALSO = {"id": "call-also", "urgency": "emergency", "title": "Also call if", "topic": "ice", "after": None,
             "note": None, "flags": [{"id": "numb-again", "text": "Groin numbness", "same_as": "numb"},
                                     {"id": "fever", "text": "Fever", "same_as": None}]}


def test_redflags_json_gives_each_urgency_its_words_signs_and_lists(
        small: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", "112")
    assert json.loads(run(capsys, "--content", small, "redflags", "--json")) == [
        {"urgency": "emergency", "label": "EMERGENCY", "heading": "EMERGENCY: seek care now",
         "action": "Call 112 now.", "source": "Guide E",
         "signs": [{"id": "numb", "text": "Numb groin", "ids": ["numb", "numb-again"]},
                   {"id": "weak", "text": "Weak legs that get weaker by the hour", "ids": ["weak"]},
                   {"id": "fever", "text": "Fever", "ids": ["fever"]}],
         "lists": [CALL_NOW, CALL_ALSO]},
        # no [urgency.see-doctor] in the file: backref's own words, no action, no source
        {"urgency": "see-doctor", "label": "SEE A DOCTOR", "heading": "SEE A DOCTOR: book an appointment for",
         "action": None, "source": None,
         "signs": [{"id": "long", "text": "Spasms past a week", "ids": ["long"]}],
         "lists": [SEE_GP]},
    ]


@given(
    text=st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    width=st.integers(min_value=-2, max_value=200),
    first=st.sampled_from(["", "- ", "  [x] ", "  Latest severity: ", "  2026-11-01 09:30  ", "\u4e2d\u6587 "]),
    rest=st.sampled_from([None, "", "    ", " " * 30]),
)
def test_wrap_ends_at_every_width_and_only_a_character_wider_than_the_line_passes_it(
        text: str, width: int, first: str, rest: str | None) -> None:
    lines = render.wrap(text, width, first, rest)
    assert len(lines) <= 4 * (len(text) + len(first)) + 2
    assert all(render.cell_width(line) <= max(width, 2) for line in lines)
    words = "".join(render.printable(text).split())
    assert words in "".join("".join(lines).split())  # every character of the text, in order


def test_a_lead_that_leaves_the_text_too_little_room_gets_a_line_of_its_own() -> None:
    assert render.wrap("7/10 severe (Intense pain, immobility)", 18, "  Latest severity: ") == [
        "Latest severity:", "7/10 severe", "(Intense pain,", "immobility)"]
    assert render.wrap("abc", 1, "  [x] ", "    ") == ["[", "x", "]", "a", "b", "c"]
    assert render.wrap("\u4e2d\u6587", 1) == ["\u4e2d", "\u6587"]  # wider than the line: one a line
    assert render.wrap("", 3, "  [x] ") == ["[x]"]
    assert render.fitted("Relief > Heat  2/5 done", 40) == ["Relief > Heat  2/5 done"]  # spacing kept
    assert render.fitted("Relief > Heat  2/5 done", 10) == ["Relief >", "Heat 2/5", "done"]


def test_the_jargon_of_the_emergency_list_has_its_plain_gloss_under_the_guides_words(
        capsys: pytest.CaptureFixture[str]) -> None:
    """H13: 'saddle anesthesia', 'Progressive neurological symptoms' and 'flank pain' had no plain words."""
    lines = run(capsys, "redflags", "--all", "--width", "80").splitlines()
    for sign, gloss in [("Numbness in the groin area (saddle anesthesia)", "around your genitals or buttocks"),
                        ("Progressive neurological symptoms", "numbness, tingling or weakness in both legs"),
                        ("Signs of kidney stones (flank pain, blood in urine)", "flank pain is pain in one side")]:
        at = lines.index(f"- {sign}")  # the guide's words stay as they are
        assert lines[at + 1].startswith("  in plain words: ") and gloss in lines[at + 1], sign
    doctor = run(capsys, "show", "doctor", "--width", "80", "--no-pager").splitlines()
    at = doctor.index("- Progressive neurological symptoms")
    assert doctor[at + 1].startswith("  in plain words: numbness")


def test_a_short_terminal_drops_the_glosses_before_a_sign(small: str) -> None:
    from backref.core.load import load_content

    content = load_content(os.fspath(__import__("conftest").CONTENT))
    full = render.redflag_lines(content, 80, urgencies=("emergency",))
    bare = render.redflag_lines(content, 80, urgencies=("emergency",), glosses=False)
    assert len(bare) == len(full) - 3
    assert [line for line in full if not line.startswith("  in plain words: ")] == bare

"""Plain-text and JSON renderings: wrapping, topics, red flags, and what the module imports."""
from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backref.core import render as text
from backref.core.content import Content, Topic
from backref.core.encoding import as_printed, register_ascii_fallback
from backref.core.load import load_content
from conftest import CONTENT


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(os.fspath(CONTENT), use_cache=False)


def topic(content: Content, topic_id: str) -> Topic:
    return next(t for t in content.topics if t.id == topic_id)


def test_wrap_indents_continuations_under_the_text() -> None:
    lines = text.wrap("Side-lying with pillow between knees", 20, "[ ] ")
    assert lines == ["[ ] Side-lying with", "    pillow between", "    knees"]


def test_wrap_cuts_a_word_longer_than_the_line() -> None:
    assert text.wrap("x" * 25, 10, "- ") == ["- xxxxxxxx", "  xxxxxxxx", "  xxxxxxxx", "  x"]


def test_wrap_of_nothing_keeps_the_bullet() -> None:
    assert text.wrap("", 30, "[ ] ") == ["[ ]"]
    assert text.wrap("   ", 30) == []


def test_wide_characters_take_two_columns() -> None:
    assert text.cell_width("ab\u4e2d\U0001f600") == 6
    assert text.cell_width("e\u0301") == 1
    assert all(text.cell_width(line) <= 10 for line in text.wrap("\u4e2d" * 12, 10))


@given(
    words=st.lists(st.text(alphabet="abcdefghij-/()", min_size=1, max_size=30), max_size=40),
    width=st.integers(min_value=12, max_value=120),
    marker=st.sampled_from(["", "- ", "[x] "]),
)
def test_wrap_keeps_every_word_in_order_within_the_width(words: list[str], width: int, marker: str) -> None:
    lines = text.wrap(" ".join(words), width, marker)
    assert all(len(line) <= width for line in lines)
    assert all(line.startswith(" " * len(marker)) for line in lines[1:])
    if words:
        assert lines[0].startswith(marker)
        assert "".join("".join(lines)[len(marker):].split()) == "".join(words)


def test_topic_has_title_underlined_and_tick_boxes_from_the_ticks(content: Content) -> None:
    lines = text.topic_lines(content, topic(content, "relief"), 80, frozenset({"apply-ice-20-min"}))
    assert lines[:2] == ["Immediate Relief Strategies", "=" * len("Immediate Relief Strategies")]
    assert "First 24-48 Hours" in lines and "-" * len("First 24-48 Hours") in lines
    assert "[x] Apply ice 20 min every 2 hours" in lines
    assert "[ ] Stop activity immediately" in lines


def test_daily_checklists_say_so(content: Content) -> None:
    lines = text.topic_lines(content, topic(content, "prevention"), 80)
    assert "Exercise and Strengthening (daily)" in lines
    assert "[ ] Regular core exercises" in lines


def test_list_items_are_term_and_detail_bullets(content: Content) -> None:
    lines = text.topic_lines(content, topic(content, "causes"), 80)
    assert "- Muscle strain: Overexertion, sudden movements" in lines
    assert "- Sudden movements or twisting" in lines


def test_red_flag_lists_sit_in_reading_order_with_urgency_in_words(content: Content) -> None:
    lines = text.topic_lines(content, topic(content, "overview"), 80)
    heading = "EMERGENCY - Seek Emergency Care If Back Spasms Occur With:"
    assert lines.index("Quick Facts") < lines.index(heading) < lines.index("Understanding Back Cramps and Spasms")
    assert "- Loss of bladder or bowel control" in lines
    assert any(line.startswith("These symptoms may indicate cauda equina") for line in lines)
    doctor = text.topic_lines(content, topic(content, "doctor"), 80)
    assert "SEE A DOCTOR - Schedule an Appointment For:" in doctor
    assert "EMERGENCY - Red Flags Requiring Immediate Care:" in doctor


def test_paragraphs_wrap_and_no_line_passes_the_width(content: Content) -> None:
    for width in (20, 33, 40, 80):
        for t in content.topics:
            assert all(len(line) <= width for line in text.topic_lines(content, t, width)), (t.id, width)
        assert all(len(line) <= width for line in text.redflag_lines(content, width))


def test_widths_below_the_floor_use_the_floor(content: Content) -> None:
    lines = text.topic_lines(content, topic(content, "relief"), 3)
    assert max(len(line) for line in lines) <= text.MIN_WIDTH


def test_redflags_put_every_emergency_sign_once_before_the_doctor_list(content: Content) -> None:
    lines = text.redflag_lines(content, 200)
    emergency = lines.index(content.urgency_of("emergency").heading)
    doctor = lines.index(content.urgency_of("see-doctor").heading)
    assert lines[emergency + 2] == content.urgency_of("emergency").action_line()  # the action heads the list
    for red_flags in content.red_flag_lists:
        for flag in red_flags.flags:
            shown = f"- {flag.text}" in lines
            assert shown == (flag.same_as is None), flag.text  # a same_as copy is its sign, shown once
            if shown:
                assert (emergency < lines.index(f"- {flag.text}") < doctor) == (flag.urgency == "emergency")
    assert " ".join(" ".join(lines).split()).endswith(content.meta.disclaimer)


def test_narrow_encoding_is_measured_as_printed(content: Content) -> None:
    page = text.Page(40, "ascii")
    page.paragraph("\u2014 " * 19 + "end")  # each dash prints as '--'
    assert all(len(line) <= 40 and line.isascii() for line in page.lines)
    assert text.Page(40, "utf-8").fit("\u2014") == "\u2014"


def test_topic_json_carries_sections_items_ticks_and_red_flags(content: Content) -> None:
    relief: Any = text.topic_json(content, topic(content, "relief"), frozenset({"apply-ice-20-min"}))
    assert relief["id"] == "relief" and relief["tab"] == "Relief"
    first = relief["sections"][0]
    assert first["kind"] == "checklist" and first["daily"] is False
    ticks = {item["id"]: item["ticked"] for item in first["items"]}
    assert ticks["apply-ice-20-min"] is True and ticks["stop-activity-immediately"] is False
    causes: Any = text.topic_json(content, topic(content, "causes"))
    item = causes["sections"][0]["items"][0]
    assert item == {"id": "muscle-strain", "text": "Muscle strain",
                    "detail": "Overexertion, sudden movements", "ticked": None}
    overview: Any = text.topic_json(content, topic(content, "overview"))
    (red_flags,) = overview["red_flag_lists"]
    assert red_flags["urgency"] == "emergency" and red_flags["after"] == "quick-facts"
    assert red_flags["note"].startswith("These symptoms")


def test_redflags_json_lists_emergencies_first(content: Content) -> None:
    groups: Any = text.redflags_json(content)
    assert [g["urgency"] for g in groups] == ["emergency", "see-doctor"]
    lists = [rl for g in groups for rl in g["lists"]]  # every list whole too
    assert [rl["id"] for rl in lists] == ["seek-emergency-care", "immediate-care", "schedule-appointment"]
    assert lists[1]["flags"][0]["same_as"] == "rf-bladder-bowel-control"


def test_module_imports_only_the_ground_floor() -> None:
    code = (
        "import sys; before = set(sys.modules); import backref.core.render; "
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    added = done.stdout.split()
    assert added and all(name.startswith("backref") or name == "__future__" for name in added), added


def test_an_ascii_terminal_gets_a_stand_in_for_each_character_it_cannot_show() -> None:
    text = "\u26a0\ufe0f Ice \u2014\u2014 20 min \u2192 rest\u2026 \u4e2d\u6587 caf\u00e9"
    shown = "! Ice ---- 20 min -> rest... ?? caf?"
    assert as_printed(text, "ascii") == shown  # what a page measures
    assert text.encode("ascii", register_ascii_fallback()) == shown.encode()  # what stdout prints (LC_ALL=C)
    assert as_printed(text, "latin-1") == "! Ice ---- 20 min -> rest... ?? caf\u00e9"
    assert as_printed(text, "UTF8") == as_printed(text, "utf_8") == text

"""The content model: the real content.toml, and each kind of bad input through `backref check`."""
from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core.content import (
    Content,
    Item,
    LaySign,
    Meta,
    NumberNote,
    RedFlag,
    RedFlagList,
    Section,
    Timer,
    Topic,
    Urgency,
)
from backref.core.errors import ContentError
from backref.core.load import load_content
from conftest import CONTENT, SEED, ROOT
from test_schema import RICH

GOOD_HEAD = """
[meta]
title = "T"
source = "S"
version = "1"
disclaimer = "D"
"""


def check(path: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", os.fspath(path)])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "bad.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_real_content_loads_with_every_topic_in_order() -> None:
    content = load_content(os.fspath(CONTENT))
    assert [t.id for t in content.topics] == [
        "overview", "types", "causes", "symptoms", "relief", "treatment", "prevention", "doctor",
    ]
    relief = content.topics[4]
    assert relief.title == "Immediate Relief Strategies"
    assert [s.title for s in relief.sections][2] == "Heat and Cold"
    assert all(s.is_checklist for s in relief.sections)
    prevention = content.topics[6]
    assert all(s.is_checklist and s.daily for s in prevention.sections)
    muscle_strain = content.topics[2].sections[0].items[0]
    assert (muscle_strain.text, muscle_strain.detail) == ("Muscle strain", "Overexertion, sudden movements")


def test_tabs_fit_in_80_columns() -> None:
    content = load_content(os.fspath(CONTENT))
    # each tab is drawn with one column of padding either side
    assert sum(len(t.tab) + 2 for t in content.topics) <= 80


def test_red_flags_carry_urgency_and_panel_names_each_sign_once() -> None:
    content = load_content(os.fspath(CONTENT))
    by_id = {rl.id: rl for rl in content.red_flag_lists}
    assert by_id["seek-emergency-care"].urgency == "emergency"
    assert by_id["immediate-care"].urgency == "emergency"
    assert by_id["schedule-appointment"].urgency == "see-doctor"
    assert "cauda equina" in (by_id["seek-emergency-care"].note or "")
    signs = [f.text for f in content.emergency_signs()]
    assert "Loss of bladder or bowel control" in signs
    assert "Loss of bowel/bladder control" not in signs  # the same sign, named once
    assert "Unexplained weight loss" in signs
    assert "Spasms lasting more than a week" not in signs  # see-doctor, not emergency


def test_every_seed_line_is_carried() -> None:
    if not SEED.exists():
        pytest.skip("the shared seed is not beside this checkout")
    tool = ROOT.parent / "shared" / "tools" / "seed_coverage.py"
    done = subprocess.run([sys.executable, os.fspath(tool), "--toml", os.fspath(CONTENT)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_check_reports_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(CONTENT, capsys)
    assert code == 0
    assert out == "ok: 8 topics, 143 items, 25 red flags\n"


def test_toml_syntax_error_names_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, GOOD_HEAD + '\n[[topics]]\nid = "a"\ntitle = oops\n')
    code, out, err = check(bad, capsys)
    assert code == 2 and out == ""
    assert err.startswith("backref: bad.toml:10:9: ")
    assert len(err.splitlines()) == 1


def test_missing_text_names_the_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, GOOD_HEAD + """
[[topics]]
id = "a"
title = "A"
tab = "A"
[[topics.sections]]
id = "s"
title = "S"
kind = "list"
items = [{ id = "one", text = "One" }, { id = "two" }]
""")
    code, _, err = check(bad, capsys)
    assert code == 2
    assert err == "backref: bad.toml: topics[0].sections[0].items[1]: 'text' is required\n"


def test_duplicate_id_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, GOOD_HEAD + """
[[topics]]
id = "a"
title = "A"
tab = "A"
[[topics.sections]]
id = "s"
title = "S"
kind = "checklist"
items = [{ id = "ice", text = "Ice" }, { id = "ice", text = "Ice again" }]
""")
    code, _, err = check(bad, capsys)
    assert code == 2
    assert "duplicate id 'ice'" in err
    assert "topics[0].sections[0].items[1].id" in err


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('kind = "table"', "unknown kind 'table'"),
        ('kind = "list"\ncolour = "red"', "unknown key 'colour'"),
        ('kind = "list"\ndaily = true', "only a checklist section can be daily"),
        ('kind = "list"\ntitle2 = 3', "unknown key 'title2'"),
    ],
)
def test_schema_problems_are_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], snippet: str, expected: str
) -> None:
    bad = write(tmp_path, GOOD_HEAD + f"""
[[topics]]
id = "a"
title = "A"
tab = "A"
[[topics.sections]]
id = "s"
title = "S"
{snippet}
items = [{{ id = "one", text = "One" }}]
""")
    code, _, err = check(bad, capsys)
    assert code == 2
    assert expected in err
    assert "Traceback" not in err


def test_unknown_urgency_and_dangling_references(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, GOOD_HEAD + """
[[topics]]
id = "a"
title = "A"
tab = "A"
paragraphs = ["Text."]
[[red_flags]]
id = "r"
title = "R"
urgency = "soon"
topic = "nowhere"
flags = [{ id = "f", text = "F", same_as = "ghost" }]
""")
    code, _, err = check(bad, capsys)
    assert code == 2
    assert "red_flags[0].urgency: unknown urgency 'soon'" in err
    assert "red_flags[0].topic: no topic has id 'nowhere'" in err
    assert "red_flags[0].flags[0].same_as: no red flag has id 'ghost'" in err


def test_empty_text_and_wrong_types(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, GOOD_HEAD.replace('title = "T"', 'title = ""') + """
[[topics]]
id = "a"
title = "A"
tab = 3
paragraphs = ["Text."]
""")
    code, _, err = check(bad, capsys)
    assert code == 2
    assert "meta.title: must not be empty" in err
    assert "topics[0].tab: must be a string" in err


def test_empty_and_missing_files_get_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = write(tmp_path, "  \n", "empty.toml")
    code, _, err = check(empty, capsys)
    assert code == 2 and err.count("\n") == 1 and "empty" in err
    code, _, err = check(tmp_path / "nope.toml", capsys)
    assert code == 2 and err.count("\n") == 1 and "no such file" in err
    code, _, err = check(tmp_path, capsys)
    assert code == 2 and err.count("\n") == 1 and "directory" in err


def test_synonym_to_a_word_the_content_lacks_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, GOOD_HEAD + """
[synonyms]
"cold pack" = ["frost"]
[[topics]]
id = "a"
title = "Ice"
tab = "A"
paragraphs = ["Text."]
""")
    code, _, err = check(bad, capsys)
    assert code == 2
    assert "'frost': frost occurs nowhere in the content" in err


def test_check_of_bad_file_in_a_subprocess_has_no_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path, "[meta\n")
    done = subprocess.run([sys.executable, "-m", "backref", "check", os.fspath(bad)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("backref: bad.toml:1:")


def test_content_env_and_flag_choose_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    other = write(tmp_path, GOOD_HEAD + '[[topics]]\nid = "a"\ntitle = "A"\ntab = "A"\nparagraphs = ["P."]\n',
                  "other.toml")
    monkeypatch.setenv("BACKREF_CONTENT", os.fspath(other))
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "ok: 1 topics, 0 items, 0 red flags\n"
    monkeypatch.delenv("BACKREF_CONTENT")
    assert main(["--content", os.fspath(other), "check"]) == 0


def test_cache_follows_edits_of_the_content_file(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_HEAD + '[[topics]]\nid = "a"\ntitle = "First"\ntab = "A"\nparagraphs = ["P."]\n',
                 "c.toml")
    assert load_content(os.fspath(path)).topics[0].title == "First"
    assert any((tmp_path / "cache").iterdir())  # the second load reads the cache
    assert load_content(os.fspath(path)).topics[0].title == "First"
    path.write_text(path.read_text().replace("First", "Second, longer"))
    assert load_content(os.fspath(path)).topics[0].title == "Second, longer"
    path.write_text("[meta\n")
    with pytest.raises(ContentError):
        load_content(os.fspath(path))


def test_records_are_immutable() -> None:
    content = load_content(os.fspath(CONTENT))
    with pytest.raises(AttributeError):
        content.topics[0].title = "changed"  # type: ignore[misc]


# --- every field of a file reaches the records the CLI and the TUI read


def rich_content(tmp_path: Path, old: str = "", new: str = "") -> Path:
    assert RICH.count(old) == (1 if old else len(RICH) + 1)
    return write(tmp_path, RICH.replace(old, new) if old else RICH, "content.toml")


def test_every_field_of_the_file_reaches_the_model(tmp_path: Path) -> None:
    path = rich_content(tmp_path)
    ice_timer = Timer(seconds=20 * 60, unit="minutes", every_seconds=2 * 3600, window_seconds=48 * 3600,
                      sources=("ice",), cautions=("skin",), then="heat", rest_seconds=0)
    hold_timer = Timer(seconds=30, unit="seconds", every_seconds=None, window_seconds=None,
                       sources=("pose",), cautions=(), then=None, rest_seconds=1)
    relief = Topic(id="relief", title="Easing a spasm", tab="Twelve-lette", paragraphs=("Ease the cramp.",), sections=(
        Section(id="care", title="First steps", kind="checklist", scope="episode", paragraphs=("Start at once.",), items=(
            Item(id="ice", text="Apply ice for 20 min every 2 hours for the first 48 hours", detail="Wrap it in a cloth",
                 timer=ice_timer),
            Item(id="pose", text="Hold the stretch 30 seconds", detail=None, timer=hold_timer),
            Item(id="skin", text="Check the skin", detail=None),
            Item(id="heat", text="Then use heat", detail=None),
        )),
        Section(id="habits", title="Habits", kind="checklist", scope="daily", paragraphs=(),
                items=(Item(id="walk", text="Walk", detail=None),)),
        # `daily = true` of older files is the daily scope; `daily = false` keeps ticks until reset
        Section(id="older", title="Older", kind="checklist", scope="daily", paragraphs=(),
                items=(Item(id="drink", text="Drink water", detail=None),)),
        Section(id="kept", title="Kept", kind="checklist", scope="", paragraphs=(),
                items=(Item(id="mattress", text="Buy a firm mattress", detail=None),)),
        Section(id="about", title="About", kind="list", scope="", paragraphs=("Cramps pass.",), items=()),
        Section(id="causes", title="Causes", kind="list", scope="", paragraphs=(),
                items=(Item(id="strain", text="Strain", detail="Lifting"),)),
    ))
    doctor = Topic(id="doctor", title="Doctor", tab="Doctor", paragraphs=("When to go.",), sections=())
    go_now = RedFlagList(id="go-now", title="Go now", urgency="emergency", topic="relief", after="care",
                         note="Rare but serious.", flags=(
                             RedFlag(id="cauda", text="Numbness in the groin", urgency="emergency", same_as=None,
                                     gloss="no feeling between the legs"),
                             RedFlag(id="fever", text="Fever with back pain", urgency="emergency", same_as=None)))
    book = RedFlagList(id="book", title="Book a visit", urgency="see-doctor", topic="doctor", after=None, note=None,
                       flags=(RedFlag(id="long-pain", text="Pain for weeks", urgency="see-doctor", same_as=None),
                              RedFlag(id="groin", text="Numb groin", urgency="see-doctor", same_as="cauda")))
    expected = Content(
        meta=Meta(title="Test guide", source="Test source", version="2", disclaimer="Not advice."),
        topics=(relief, doctor), red_flag_lists=(go_now, book),
        synonyms={"cold pack": ("ice",), "numb": ("numbness",)}, path=os.fspath(path),
        urgency={
            "emergency": Urgency(label="EMERGENCY", heading="Get help now", action="Call {number} now.", number="999",
                                 short_action="Call {number}", short_number="999 or 112", source="Test source"),
            "see-doctor": Urgency(label="SEE A DOCTOR", heading="See a doctor soon", action="Book a visit.",
                                  number="", short_action="", short_number="", source="Test source",
                                  time_frame="Within a week.", safety_net="If it gets worse, call {number}."),
        },
        lay={
            "cauda": LaySign(flag_id="cauda", question="Is your groin numb?", question_source="Test source",
                             says=("numb bum", "no feeling down there"), sources=("Forum",), not_alone=("numb",)),
            "fever": LaySign(flag_id="fever", question="Do you have a fever?", question_source="Test source",
                             says=(), sources=(), not_alone=(), differs="Another service says: see a doctor today.",
                             differs_source="Test source"),
        },
        numbers={"000": NumberNote(number="000", says="000 is the emergency number in Australia.",
                                   source="Test source")},
    )
    assert load_content(os.fspath(path)) == expected
    assert load_content(os.fspath(path)) == expected  # and again, from the cache
    assert [b.id for b in expected.topic_blocks(relief)] == ["care", "go-now", "habits", "older", "kept", "about",
                                                             "causes"]
    assert [b.id for b in expected.topic_blocks(doctor)] == ["book"]


def test_the_urgency_words_name_the_persons_own_number_or_the_contents(tmp_path: Path) -> None:
    emergency = load_content(os.fspath(rich_content(tmp_path))).urgency_of("emergency")
    assert (emergency.action_line(), emergency.action_line("000")) == ("Call 999 now.", "Call 000 now.")
    assert (emergency.short_line(), emergency.short_line("000")) == ("Call 999 or 112", "Call 000")


def test_search_heads_an_emergency_hit_with_the_action_and_the_persons_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Content that gives no short action: the whole action, naming the person's own number."""
    path = rich_content(tmp_path, 'short_action = "Call {number}"\nshort_number = "999 or 112"\n', "")
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", "000")
    assert main(["--content", os.fspath(path), "search", "fever"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "[EMERGENCY] Call 000 now."


def test_without_urgency_words_backref_uses_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    start, end = RICH.index("[urgency.emergency]"), RICH.index("[lay.cauda]")
    path = rich_content(tmp_path, RICH[start:end], "")
    assert main(["--content", os.fspath(path), "redflags", "--json"]) == 0
    shown = [{k: v for k, v in u.items() if k in ("urgency", "label", "heading", "action", "source")}
             for u in json.loads(capsys.readouterr().out)]
    assert shown == [
        {"urgency": "emergency", "label": "EMERGENCY", "action": None, "source": None,
         "heading": "EMERGENCY: seek care now if back spasms come with any of these"},
        {"urgency": "see-doctor", "label": "SEE A DOCTOR", "action": None, "source": None,
         "heading": "SEE A DOCTOR: book an appointment for"},
    ]
    emergency = load_content(os.fspath(path)).urgency_of("emergency")
    assert (emergency.action_line("000"), emergency.short_line("000")) == ("", "")  # no action to name it in


def test_the_emergency_panel_shows_the_notes_of_emergency_lists_only(tmp_path: Path) -> None:
    """The TUI's red-flag panel and emergency screen show these notes under the signs."""
    path = rich_content(tmp_path, 'topic = "doctor"\n', 'topic = "doctor"\nnote = "Book within a week."\n')
    assert load_content(os.fspath(path)).emergency_notes() == ["Rare but serious."]
    path = rich_content(tmp_path, 'note = "Rare but serious."\n', "")
    assert load_content(os.fspath(path)).emergency_notes() == []


# --- which file, and the parse cache


def test_a_second_load_reads_the_cache_not_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lookups stay within their time budget because the parse and the checks run once per edit."""
    from backref.core import schema

    path = os.fspath(rich_content(tmp_path))
    first = load_content(path)

    def no_parse(path: str) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(schema, "parse_and_validate", no_parse)
    assert load_content(path) == first


def test_check_reads_and_writes_no_cache(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` judges the file as it is now, whatever an older backref left in the cache."""
    path = rich_content(tmp_path)
    assert main(["check", os.fspath(path)]) == 0
    assert capsys.readouterr().out == "ok: 2 topics, 8 items, 4 red flags\n"
    assert not (tmp_path / "cache").exists()
    load_content(os.fspath(path))
    (cached,) = (tmp_path / "cache").iterdir()
    key, raw = marshal.loads(cached.read_bytes())
    cached.write_bytes(marshal.dumps((key, {**raw, "topics": raw["topics"][:1]})))
    assert len(load_content(os.fspath(path)).topics) == 1  # a lookup reads the entry...
    assert main(["check", os.fspath(path)]) == 0
    assert capsys.readouterr().out == "ok: 2 topics, 8 items, 4 red flags\n"  # ...check reads the file


def test_the_content_flag_beats_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    rich = rich_content(tmp_path)
    monkeypatch.setenv("BACKREF_CONTENT", os.fspath(CONTENT))
    assert main(["--content", os.fspath(rich), "topics"]) == 0
    assert capsys.readouterr().out == "relief\tEasing a spasm\ndoctor\tDoctor\n"


def test_the_shipped_content_is_found_wherever_backref_is_run_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from backref.core import locations

    rich_content(tmp_path)  # a content.toml in the working folder is not the shipped one
    monkeypatch.chdir(tmp_path)
    assert locations.default_content_path() == os.fspath(CONTENT)
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "ok: 8 topics, 143 items, 25 red flags\n"
    # installed: content.toml sits inside the package; in a checkout, beside it
    site = tmp_path / "site"
    (site / "backref" / "core").mkdir(parents=True)
    monkeypatch.setattr(locations, "__file__", os.fspath(site / "backref" / "core" / "locations.py"))
    assert locations.default_content_path() == os.fspath(site / "content.toml")
    (site / "backref" / "content.toml").write_text(RICH, encoding="utf-8")
    assert locations.default_content_path() == os.fspath(site / "backref" / "content.toml")


def test_a_path_through_a_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = rich_content(tmp_path) / "content.toml"
    assert main(["--content", os.fspath(path), "topics"]) == 2
    assert capsys.readouterr() == ("", f"backref: {path}: cannot read: Not a directory\n")


# --- sources: every piece of medical wording names the page it comes from


SOURCE_KEYS = ("source", "question_source", "not_alone_source", "differs_source", "gloss_source",
               "time_frame_source", "safety_net_source")
OWN = ("backref's own", "the guide's own")  # not a page: said as whose words they are
PAGE = re.compile(r"[^';]+?, '[^']+'")  # "Publisher, 'Page title'"


def source_strings(value: object, where: str = "") -> list[tuple[str, str]]:
    """(where, text) of every source string in a parsed content file."""
    if isinstance(value, dict):
        return [pair for k, v in value.items()
                for pair in ([(f"{where}.{k}", v)] if k in SOURCE_KEYS and isinstance(v, str)
                             else source_strings(v, f"{where}.{k}"))]
    if isinstance(value, list):
        return [pair for n, v in enumerate(value) for pair in source_strings(v, f"{where}[{n}]")]
    return []


def cited_parts(text: str) -> list[str]:
    """A source string cut at its top-level ';' (those inside parentheses belong to a quotation)."""
    parts, depth, start = [], 0, 0
    for n, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == ";" and depth == 0:
            parts.append(text[start:n].strip())
            start = n + 1
    return [*parts, text[start:].strip()]


def test_every_source_names_a_page_not_only_a_publisher() -> None:
    """H15: sources said 'Mayo Clinic', 'NHS pain-severity wording', 'NICE CG75' with no page."""
    with open(CONTENT, "rb") as fh:
        raw = tomllib.load(fh)
    found = source_strings(raw)
    assert len(found) > 60
    for where, text in found:
        if where == ".meta.source":  # the guide itself, by its title
            assert text.startswith(raw["meta"]["title"])
            continue
        for part in cited_parts(text):
            assert part.startswith(OWN) or PAGE.match(part), f"{where}: {part!r} names no page"


def test_a_copy_says_it_is_one_and_the_replaced_guideline_is_named_as_replaced() -> None:
    text = CONTENT.read_text(encoding="utf-8")
    # the primary nhs.uk pages that could not be reached are read from named copies
    for page in ("NHS, 'Back pain' (nhs.uk/conditions/back-pain; read from a copy",
                 "NHS, 'Sciatica' (nhs.uk/conditions/sciatica; read from a copy",
                 "NHS, 'Kidney stones' (nhs.uk/conditions/kidney-stones; read from an older copy"):
        assert page in text
    assert "as syndicated" not in text and "as quoted by NHS-based pages" not in text
    for line in text.splitlines():
        if "CG75" in line:
            assert "NG234" in line, line  # CG75 was replaced in 2023

"""The content model: the real content.toml, and each kind of bad input through `backref check`."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core.errors import ContentError
from backref.core.load import load_content
from conftest import CONTENT, SEED, ROOT

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

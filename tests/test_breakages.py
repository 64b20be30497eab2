"""Behaviours a restructure could break without a sound: durability, content checks, the cache,
search ranking. Each test here failed when its behaviour was removed by hand."""
from __future__ import annotations

import marshal
import os
import stat
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core.load import build_content, load_content
from backref.core.search import build_index
from backref.core.state import StateStore
from conftest import CONTENT

# --- durability: the temp file and its directory reach the disk around os.replace


def test_a_tick_fsyncs_the_new_file_before_the_rename_and_the_directory_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = load_content(os.fspath(CONTENT))
    path = tmp_path / "state" / "state.toml"
    events: list[tuple[str, int, bool]] = []  # (what, inode, is a directory)
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        st = os.fstat(fd)
        events.append(("fsync", st.st_ino, stat.S_ISDIR(st.st_mode)))
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append(("replace", os.stat(src).st_ino, False))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    StateStore(os.fspath(path), content).tick(["apply-ice-20-min"])

    new_file = os.stat(path).st_ino  # the temp file, renamed into place
    directory = os.stat(path.parent).st_ino
    replaced = events.index(("replace", new_file, False))
    assert ("fsync", new_file, False) in events[:replaced], events
    assert ("fsync", directory, True) in events[replaced:], events


# --- content checks: each problem is named, never passed over

GOOD = """
[meta]
title = "T"
source = "S"
version = "1"
disclaimer = "D"

[[topics]]
id = "topic"
title = "Topic"
tab = "Tab"

[[topics.sections]]
id = "care"
title = "Care"
kind = "checklist"
items = [{ id = "rest", text = "Rest" }]

[[topics.sections]]
id = "more"
title = "More"
kind = "list"
items = [{ id = "walk", text = "Walk" }]

[[red_flags]]
id = "flags"
title = "Flags"
urgency = "emergency"
topic = "topic"
after = "care"
flags = [{ id = "fever", text = "Fever" }]
"""


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, str]:
    path = tmp_path / "content.toml"
    path.write_text(text, encoding="utf-8")
    code = main(["check", os.fspath(path)])
    out, err = capsys.readouterr()
    return code, err


def test_the_good_file_passes_and_its_red_flags_sit_after_their_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(tmp_path, capsys, GOOD) == (0, "")
    content = load_content(os.fspath(tmp_path / "content.toml"))
    blocks = content.topic_blocks(content.topics[0])
    assert [b.id for b in blocks] == ["care", "flags", "more"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('id = "more"', 'id = "More_Now"',
     "topics[0].sections[1].id: 'More_Now' must be a slug: lower-case letters, digits and '-'"),
    ('"topic"', '"my topic"', "topics[0].id: 'my topic' must be a slug"),  # the id and where it is used
    ('{ id = "rest"', '{ id = "rest-"', "topics[0].sections[0].items[0].id: 'rest-' must be a slug"),
    ('tab = "Tab"', 'tab = "Thirteen-long"', "topics[0].tab: 'Thirteen-long' is longer than 12 characters"),
    ('after = "care"', 'after = "nowhere"', "red_flags[0].after: no section has id 'nowhere'"),
    ('items = [{ id = "rest", text = "Rest" }]', 'paragraphs = ["Rest."]',
     "topics[0].sections[0]: a checklist needs items"),
])
def test_each_content_problem_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    assert old in GOOD
    code, err = check(tmp_path, capsys, GOOD.replace(old, new))
    assert code == 2
    assert f"backref: content.toml: {expected}" in err.splitlines()[0]
    assert len(err.splitlines()) == 1, err


def test_a_twelve_letter_tab_is_allowed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(tmp_path, capsys, GOOD.replace('tab = "Tab"', 'tab = "Twelve-lette"')) == (0, "")


# --- the cache only ever saves time: a broken cache file is read past

JUNK = {
    "empty": b"",
    "not marshal": b"\xff\x00 this is not marshal data",
    "a number": marshal.dumps(5),
    "three values": marshal.dumps((1, 2, 3)),
    "a key and a list": marshal.dumps(((1,), [1, 2])),
}


@pytest.mark.parametrize("junk", JUNK.values(), ids=JUNK.keys())
def test_a_corrupt_content_cache_is_ignored(tmp_path: Path, capsys: pytest.CaptureFixture[str], junk: bytes) -> None:
    first = load_content(os.fspath(CONTENT))
    cached = list((tmp_path / "cache").iterdir())
    assert cached
    for path in cached:
        path.write_bytes(junk)
    assert load_content(os.fspath(CONTENT)) == first
    assert main(["show", "relief"]) == 0
    assert "Apply ice" in capsys.readouterr().out


def test_a_directory_in_place_of_the_cache_file_is_ignored(tmp_path: Path) -> None:
    first = load_content(os.fspath(CONTENT))
    for path in list((tmp_path / "cache").iterdir()):
        path.unlink()
        path.mkdir()
    assert load_content(os.fspath(CONTENT)) == first


@pytest.mark.parametrize("payload", [[1, 2], "meta", (1, 2, 3)], ids=["a list", "a string", "a tuple"])
def test_a_content_cache_with_this_files_own_key_but_no_table_is_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: object
) -> None:
    first = load_content(os.fspath(CONTENT))
    (cached,) = (tmp_path / "cache").iterdir()
    key, _ = marshal.loads(cached.read_bytes())  # the entry's own key: only what it holds is wrong
    cached.write_bytes(marshal.dumps((key, payload)))
    assert load_content(os.fspath(CONTENT)) == first
    cached.write_bytes(marshal.dumps((key, payload)))
    assert main(["show", "relief"]) == 0
    assert "Apply ice" in capsys.readouterr().out


@pytest.mark.parametrize("junk", JUNK.values(), ids=JUNK.keys())
def test_a_corrupt_state_cache_is_ignored(tmp_path: Path, junk: bytes) -> None:
    content = load_content(os.fspath(CONTENT))
    path = os.fspath(tmp_path / "s" / "state.toml")
    StateStore(path, content).tick(["apply-ice-20-min"])
    assert StateStore(path, content).ticked() == {"apply-ice-20-min"}  # fills the state cache
    states = list((tmp_path / "cache").glob("state-*"))
    assert states
    for cache in states:
        cache.write_bytes(junk)
    assert StateStore(path, content).ticked() == {"apply-ice-20-min"}


# --- search ranking


def content_of(sections: dict[str, list[str]]) -> object:
    items = iter(range(100))
    raw = {
        "meta": {"title": "T", "source": "S", "version": "1", "disclaimer": "D"},
        "topics": [{"id": "topic", "title": "Topic", "tab": "Tab", "sections": [
            {"id": f"section-{s}", "title": title, "kind": "list",
             "items": [{"id": f"item-{next(items)}", "text": line} for line in lines]}
            for s, (title, lines) in enumerate(sections.items())
        ]}],
    }
    return build_content(raw, "test.toml")


def test_a_title_beats_the_same_words_in_body_text_that_comes_first() -> None:
    index = build_index(content_of({"Other": ["cold therapy"], "Cold therapy": ["ice it"]}))  # type: ignore[arg-type]
    hits = index.query("cold therapy")
    assert [(h.kind, h.line) for h in hits[:2]] == [("section", "Cold therapy"), ("item", "cold therapy")]
    assert hits[0].score - hits[1].score >= 500


def test_one_rare_word_outweighs_two_common_ones() -> None:
    """No line holds every word: "sneezing" (one line in twelve) beats "back pain" (three lines)
    because idf is squared; with plain idf the two common words would win."""
    common = ["back pain at rest", "back pain when walking", "back pain in bed"]
    other = ["drink water", "stand tall", "see a physio", "use a cushion", "keep moving"]
    index = build_index(content_of({"Everyday": common + other, "Triggers": ["sneezing fits"]}))  # type: ignore[arg-type]
    assert len(index.entries) == 12
    hits = index.query("back pain sneezing")
    assert hits[0].line == "sneezing fits"
    assert hits[0].score < 1000
    assert hits[1].line in common

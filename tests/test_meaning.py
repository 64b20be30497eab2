"""Red flags by meaning: a query reaches a sign when its words fill one of the sign's
combinations of parts, in any order, whatever surrounds them, with forms, UK/US spellings and
slips of the finger; what it reached is said part by part."""
from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core.content import Content, parse_combo
from backref.core.load import build_content, load_content
from backref.core.meaning import compile_meaning, load_search_data
from backref.core.search import SearchIndex, build_index
from backref.core.words import words_of
from conftest import CONTENT

# A small guide: two signs by meaning, parts of each kind (telling or not, near, not_in, "=form").
RAW = {
    "meta": {"title": "Back Spasms", "source": "S", "version": "1", "disclaimer": "D"},
    "topics": [{"id": "care", "title": "Care", "tab": "Care", "sections": [
        {"id": "moves", "title": "Moves", "kind": "list",
         "items": [{"id": f"m{n}", "text": f"{verb} gently"} for n, verb in enumerate(
             "walk swim sit stand lie bend reach rest stretch breathe".split())]}]}],
    "red_flags": [
        {"id": "now", "title": "Now", "urgency": "emergency", "topic": "care",
         "flags": [{"id": "rf-saddle", "text": "Saddle numbness"}, {"id": "rf-belly", "text": "Belly pain"},
                   {"id": "rf-legs", "text": "Weak legs"}]},
        {"id": "soon", "title": "Soon", "urgency": "see-doctor", "topic": "care",
         "flags": [{"id": "see-numb", "text": "Numbness"}]},
    ],
    "parts": {
        "place": {"label": "between the legs", "words": [{"source": "S", "says": ["between my legs", "groin", "bum"]}]},
        "numb": {"label": "numbness", "words": [{"source": "S", "says": ["numb", "pins and needles", "cant feel", "no feeling"]}]},
        "belly": {"label": "the tummy", "not_in": ["on my stomach"],
                  "words": [{"source": "S", "says": ["stomach", "tummy"]}]},
        "pain": {"label": "pain", "telling": False, "words": [{"source": "S", "says": ["pain", "hurts", "ache"]}]},
        "weak": {"label": "weakness", "words": [{"source": "S", "says": ["weak", "give way"]}]},
        "legs": {"label": "both legs", "telling": False, "near": 1, "words": [{"source": "S", "says": ["=legs", "both legs"]}]},
        "one": {"label": "one leg", "telling": False, "words": [{"source": "S", "says": ["left leg"]}]},
    },
    "reach": {
        "rf-saddle": ["place + numb"],
        "rf-belly": ["belly + pain"],
        "rf-legs": ["legs + weak unless one"],
        "see-numb": ["numb"],
    },
}


@pytest.fixture(scope="module")
def small() -> SearchIndex:
    return build_index(build_content(RAW, "small.toml"))


def reached(index: SearchIndex, query: str) -> list[str]:
    """The signs the query reaches in full, in the order they lead."""
    return [h.item_id or "" for h in index.query(query) if h.reached]


@pytest.mark.parametrize(("query", "signs"), [
    ("numb between my legs", ["rf-saddle", "see-numb"]),
    ("between my legs it is numb", ["rf-saddle", "see-numb"]),  # any order
    ("my bum, i cant feel it at all", ["rf-saddle", "see-numb"]),  # other words around
    ("numb between the legs", ["rf-saddle", "see-numb"]),  # a filler word changed
    ("numb between both legs", ["rf-saddle", "see-numb"]),  # one other word inside a phrase
    ("Numb   BETWEEN my LEGS!", ["rf-saddle", "see-numb"]),
    ("pins and needles", ["see-numb"]),  # the see-a-doctor sign alone: no place said
    ("my stomach hurts", ["rf-belly"]),
    ("tummy ache", ["rf-belly"]),
    ("back pain when i lie on my stomach", []),  # not_in: a way to lie, not a tummy
    ("stomach", []),  # a place without the pain that makes the sign
    ("legs weak", ["rf-legs"]),
    ("leg weak", []),  # "=legs": the plural only ("leg" says one)
    ("both legs give way", ["rf-legs"]),
    ("left leg and both legs weak", []),  # unless: one leg said keeps it shut
    ("numbb between my legs", ["rf-saddle", "see-numb"]),  # a slip of the finger
])
def test_a_query_reaches_a_sign_when_its_words_fill_a_combination(small: SearchIndex, query: str,
                                                                   signs: list[str]) -> None:
    assert reached(small, query) == signs


def test_a_part_that_tells_nothing_alone_must_be_near_a_telling_one(small: SearchIndex) -> None:
    """"legs" may be one word from "weak" (its `near`); "pain" four (the default), in one sentence."""
    assert reached(small, "legs very weak") == ["rf-legs"]  # "very": a filler word, not counted
    assert reached(small, "legs are very tired and then weak") == []
    assert reached(small, "tummy that is really bad with pain") == ["rf-belly"]
    assert reached(small, "tummy is fine. pain in my back") == []  # another sentence
    assert reached(small, "my tummy rumbles a lot today and my knee has a dull ache") == []


@pytest.mark.parametrize(("query", "signs"), [
    ("back spasm but no numbness", []),
    ("i dont have any pins and needles", []),
    ("without numbness between my legs", []),
    ("no feeling at all between my legs", ["rf-saddle", "see-numb"]),  # "no feeling" is the part itself
    ("cant feel my bum", ["rf-saddle", "see-numb"]),
    ("no pain, but my stomach is odd", []),
    ("numb between my legs, no pain", ["rf-saddle", "see-numb"]),  # a denial ends at punctuation
])
def test_a_denied_part_is_not_said(small: SearchIndex, query: str, signs: list[str]) -> None:
    assert reached(small, query) == signs


def test_a_partly_said_sign_says_what_it_also_needs(small: SearchIndex) -> None:
    hits = small.query("groin")
    hit = next(h for h in hits if h.item_id == "rf-saddle")
    assert (hit.reached, hit.matched, hit.missing) == (False, (("groin", "between the legs"),), ("numbness",))
    assert hit.why == "groin \u2192 between the legs; this sign also needs: numbness"
    assert not [h for h in small.query("pain") if h.kind == "red-flag" and h.item_id == "rf-belly" and h.reached]


def test_the_person_s_own_words_are_shown_as_typed(small: SearchIndex) -> None:
    hit = small.query("Numb between my LEGS", 1)[0]
    assert hit.matched == (("Numb", "numbness"), ("between my LEGS", "between the legs"))


def test_a_word_of_the_guide_is_never_read_as_a_slip_of_a_part_s_word() -> None:
    """"rests" is a form of the guide's "rest": no slip of anything; "gentle" neither."""
    index = build_index(build_content(RAW, "small.toml"))
    reader = index.meaning()
    assert reader.key_of("numbb") == reader.key_of("numb")
    assert reader.key_of("stretches") != reader.key_of("stomach")
    assert reader.key_of("gentle") == "gentl"


def test_a_slip_reads_as_the_telling_word_when_two_are_as_near() -> None:
    raw = copy.deepcopy(RAW)
    raw["parts"]["body"] = {"label": "a body part", "telling": False, "words": [{"source": "S", "says": ["blade"]}]}
    raw["parts"]["bladder"] = {"label": "the bladder", "words": [{"source": "S", "says": ["bladder"]}]}
    reader = build_index(build_content(raw, "small.toml")).meaning()
    assert reader.key_of("blader") == reader.key_of("bladder")  # one slip from "blade" and from "bladder"


def test_compiled_meaning_is_plain_data() -> None:
    """The parse cache keeps it with marshal: only str, int, bool, tuples, lists and dicts."""
    import marshal

    compiled = compile_meaning(load_content(os.fspath(CONTENT), use_cache=False))
    assert marshal.loads(marshal.dumps(compiled)) == compiled


def test_search_data_is_worked_out_again_when_its_format_is_old(tmp_path: Path) -> None:
    path = tmp_path / "content.toml"
    path.write_text(CONTENT.read_text(encoding="utf-8"), encoding="utf-8")
    content = load_content(os.fspath(path))
    calls: list[int] = []

    def work_out() -> dict[str, object]:
        calls.append(1)
        return {"x": 1}

    assert load_search_data(content, work_out)["x"] == 1 and calls == [1]
    assert load_search_data(content, work_out)["x"] == 1 and calls == [1]  # from the cache
    from backref.core import cache

    cache.write("search", os.fspath(path), os.stat(path), {"x": 2, "format": -1})
    assert load_search_data(content, work_out)["x"] == 1 and calls == [1, 1]


# --- the shipped content -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(os.fspath(CONTENT), use_cache=False)


@pytest.fixture(scope="module")
def index(content: Content) -> SearchIndex:
    return build_index(content)


def test_every_sign_has_parts_and_every_part_is_known(content: Content) -> None:
    signs = {f.id for u in ("emergency", "see-doctor") for f in content.signs(u)}
    assert set(content.meaning.reach) == signs
    for combos in content.meaning.reach.values():
        for combo in combos:
            need, unless = parse_combo(combo)
            assert need and all(p in content.meaning.parts for p in need + unless), combo
    for part in content.meaning.parts.values():
        assert part.label and part.says and all(part.sources), part.name


def test_every_published_phrasing_and_every_sign_s_own_text_reaches_its_sign(content: Content, index: SearchIndex) -> None:
    """The phrasings content.toml quotes for each sign ([lay.*] says) are vocabulary now: each one,
    and the sign's own text, must reach its sign in full through the parts."""
    reader = index.meaning()
    sign_of = {fid: sign for sign, ids in content.same_ids().items() for fid in ids}
    misses = []
    for sign, lay in content.lay.items():
        for text in lay.says:
            if not any(r.sign == sign and r.reached for r in reader.read(text).readings):
                misses.append(f"{sign}: {text!r}")
    for flag in (f for rl in content.red_flag_lists for f in rl.flags):
        if not any(r.sign == sign_of[flag.id] and r.reached for r in reader.read(flag.text).readings):
            misses.append(f"{flag.id}: {flag.text!r}")
    assert misses == []


@pytest.mark.parametrize(("query", "first"), [
    # the issue's own examples (issue 19)
    ("pins and needles", "see-numbness-weakness"),
    ("pins and needles between my legs", "rf-saddle-numbness"),
    ("feverish ice pack", "rf-high-fever"),
    ("numb between my legs and cramp", "rf-saddle-numbness"),
    ("weak knees and back spasm", "rf-leg-weakness"),
    ("heart hurts", "rf-chest-pain-breathing"),
    ("waterworks stopped working", "rf-bladder-bowel-control"),
])
def test_the_issue_s_examples_open_on_their_sign(index: SearchIndex, query: str, first: str) -> None:
    hit = index.query(query, 1)[0]
    assert (hit.kind, hit.item_id, hit.reached) == ("red-flag", first, True)
    assert hit.why


def test_heart_is_the_chest_not_a_mistyped_heat(index: SearchIndex) -> None:
    assert not any(h.topic_id == "relief" and "Heat" in h.line for h in index.query("heart hurts", 3))
    assert index.query("heart", 1)[0].item_id == "rf-chest-pain-breathing"  # partly said: shown, not reached
    assert not index.query("heart", 1)[0].reached


@pytest.mark.parametrize(("query", "not_first"), [
    ("hot back", "rf-high-fever"),
    ("can't stand up straight", "rf-leg-weakness"),
    ("pain when peeing", "rf-kidney-stones"),
])
def test_words_that_only_sound_like_a_sign_do_not_open_on_it(index: SearchIndex, query: str, not_first: str) -> None:
    hits = index.query(query)
    assert hits[0].item_id != not_first and not hits[0].reached


@pytest.mark.parametrize(("query", "line"), [
    ("why do i get cramps in my back when stressed", "Stress"),
    ("do i need more sleep to stop spasms", "sleep"),
])
def test_a_question_as_a_sentence_opens_on_the_guide_s_line_for_its_telling_word(
        index: SearchIndex, query: str, line: str) -> None:
    hit = index.query(query, 1)[0]
    assert hit.kind == "item" and line.lower() in hit.line.lower()


def test_the_why_line_names_each_word_and_part_in_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "waterworks", "stopped", "working", "--width", "200"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == "    why: waterworks \u2192 bladder or peeing; stopped working \u2192 loss of control or leaking"


def test_query_words_are_never_markup_or_control_characters(index: SearchIndex) -> None:
    """The matched words are the person's own, shown as text: a control character is shown, not
    obeyed (printable() replaces it where the text is printed)."""
    hit = index.query("numb [bold]groin\x1b[31m", 1)[0]
    assert hit.item_id == "rf-saddle-numbness"
    assert any("groin" in words for words, _part in hit.matched)
    assert words_of("[bold]groin") == ["bold", "groin"]


def test_the_index_kept_in_the_cache_follows_the_packs_merged_in(tmp_path: Path) -> None:
    """The index's words are cached under the content file and every pack merged into it: add a
    pack, change it or take it away, and search finds what the content holds now."""
    from backref.core.load import load_with_packs

    pack = tmp_path / "mine.toml"
    content_file = os.fspath(CONTENT)

    def first(query: str, packs: list[str]) -> str:
        content, _notices = load_with_packs(content_file, packs)
        hits = build_index(content).query(query, 1)
        return hits[0].line if hits else ""

    assert first("zumba", []) == ""
    pack.write_text('[pack]\ntitle = "Mine"\nsource = "My notes"\n[[topics]]\nid = "mine"\ntitle = "Mine"\n'
                    'tab = "Mine"\nparagraphs = ["Zumba on Fridays."]\n', encoding="utf-8")
    assert first("zumba", [os.fspath(pack)]) == "Zumba on Fridays."
    assert first("numb between my legs", [os.fspath(pack)]) == "Numbness in the groin area (saddle anesthesia)"
    pack.write_text(pack.read_text(encoding="utf-8").replace("Zumba on Fridays.", "Zumba on Mondays, then rest."),
                    encoding="utf-8")
    os.utime(pack, (1, 1))  # a new identity even within the same second
    assert first("zumba", [os.fspath(pack)]) == "Zumba on Mondays, then rest."
    assert first("zumba", []) == ""
    # the content alone and with its packs keep an entry each: neither pushes the other out
    kept = sorted(p.name.split("-")[0:2] == ["search", "packs"] for p in (tmp_path / "cache").glob("search*"))
    assert kept == [False, True]

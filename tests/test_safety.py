"""Safety first: a worried person's own words reach the right red flag, first, with what to do now;
everyday words never open on an emergency.

The lay queries are written from the NHS Back pain, Sciatica and cauda equina wording (and the
trusts' warning cards) that content.toml quotes; each names the red flag that must come first.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core import wording
from backref.core.content import Content
from backref.core.load import load_content
from backref.core.search import SearchIndex, build_index
from conftest import CONTENT, ROOT

# query => the red flag that must be the first hit (a same_as copy counts as its sign); a set:
# any of them (both-legs symptoms are two emergency signs in the guide)
LAY_QUERIES = [
    ("peeing myself", "rf-bladder-bowel-control"),
    ("wet myself", "rf-bladder-bowel-control"),
    ("cant pee", "rf-bladder-bowel-control"),
    ("pooed myself", "rf-bladder-bowel-control"),
    ("leaking urine", "rf-bladder-bowel-control"),
    ("dont notice when i need to poo", "rf-bladder-bowel-control"),
    ("incontinence", "rf-bladder-bowel-control"),
    ("numb between my legs", "rf-saddle-numbness"),
    ("cant feel my bum", "rf-saddle-numbness"),
    ("numbness around my genitals", "rf-saddle-numbness"),
    ("cant feel the toilet paper when i wipe", "rf-saddle-numbness"),
    ("pins and needles in my crotch", "rf-saddle-numbness"),
    ("legs giving way", "rf-leg-weakness"),
    ("jelly legs", "rf-leg-weakness"),
    # walking hard because the legs are weak (hard to walk alone is most acute spasms: issue 20)
    ("cant walk properly, my legs are weak", "rf-leg-weakness"),
    ("foot dragging", "rf-leg-weakness"),
    ("weakness in both legs", "rf-leg-weakness"),
    # a load lifted or a goal of training nearby never hides a leg that gives way
    ("lifting something heavy and my legs gave way", {"rf-leg-weakness", "rf-lifting-onset"}),
    ("my legs went weak after stretching", "rf-leg-weakness"),
    # an accident long past is no recent trauma; a cancer long past is still a history of cancer
    ("i fell down the stairs yesterday", "rf-recent-trauma"),
    ("had breast cancer years ago and now new back pain", "rf-cancer-new-pain"),
    ("severe stomach pain with back pain", "rf-abdominal-pain"),
    ("throbbing in my tummy", "rf-abdominal-pain"),
    ("pulsing feeling in my belly", "rf-abdominal-pain"),
    ("feverish", "rf-high-fever"),
    ("high temperature", "rf-high-fever"),
    ("hot and shivery", "rf-high-fever"),
    ("chills and back pain", "rf-high-fever"),
    ("chest pain", "rf-chest-pain-breathing"),
    ("cant breathe properly", "rf-chest-pain-breathing"),
    ("short of breath and back pain", "rf-chest-pain-breathing"),
    ("tight chest", "rf-chest-pain-breathing"),
    ("car accident", "rf-recent-trauma"),
    ("fell off a ladder", "rf-recent-trauma"),
    ("fell down the stairs", "rf-recent-trauma"),
    ("hit by a car", "rf-recent-trauma"),
    ("blood in my pee", "rf-kidney-stones"),
    ("pain in my side that comes in waves", "rf-kidney-stones"),
    ("kidney pain", "rf-kidney-stones"),
    ("cant get comfortable in any position", "rf-unrelieved-pain"),
    ("nothing eases the pain", "rf-unrelieved-pain"),
    ("unbearable pain", "rf-unrelieved-pain"),
    ("had cancer and now my back hurts", "rf-cancer-new-pain"),
    ("history of breast cancer new back pain", "rf-cancer-new-pain"),
    ("agony after lifting something heavy", "rf-lifting-onset"),
    ("sudden severe pain after lifting", "rf-lifting-onset"),
    ("numbness getting worse", "rf-neurological-symptoms"),
    ("pins and needles in both legs", {"rf-neurological-symptoms", "rf-leg-weakness"}),
    ("unsteady on my feet", "rf-neurological-symptoms"),
    ("losing weight without trying", "rf-weight-loss"),
    ("lost weight for no reason", "rf-weight-loss"),
    ("pain wakes me up at night", "rf-night-pain"),
    ("back pain worse at night", "rf-night-pain"),
    ("spasms for more than a week", "see-spasms-over-a-week"),
    ("spasms keep coming back", "see-recurring-episodes"),
    ("cant do my normal activities", "see-pain-limiting-activities"),
    ("struggling to cope with the pain", "see-pain-limiting-activities"),
    ("numb foot", "see-numbness-weakness"),
    ("tingling down one leg", "see-numbness-weakness"),
    ("shooting pain down my leg", "see-pain-radiating-legs"),
    ("pain below the knee", "see-pain-radiating-legs"),
    ("not getting better after a few weeks", "see-no-improvement"),
    ("had a slipped disc before", "see-spine-history"),
]

# Everyday questions that name no red flag: none may start with one.
EVERYDAY = [
    "ice", "stretch", "mattress", "ice or heat", "best stretches for lower back",
    "what mattress is best for a bad back", "how should i sit at my desk", "foam roller for back knots",
    "is magnesium good for muscle cramps", "hot bath for back spasm", "can i do yoga with back spasms",
    "ibuprofen or paracetamol", "tens machine", "massage for a tight back", "pilates for core strength",
    # near misses: words a red flag also uses
    "lifting", "sciatica", "fell asleep on the sofa and woke up stiff",
    "lose weight to help my back", "best sleeping position for back pain", "chest stretches for posture",
    "spasm",
    # words a sign's parts use in another sense, or without its defining part (issues 19 and 20)
    "sleep on my stomach", "ice on stomach", "fell asleep on the sofa", "worse when sitting",
    "sitting on a stool", "hot back", "can't stand up straight", "heat pack on my lower back",
    "knee to chest stretch", "how do i stop a back spasm", "back pain when i sleep on my stomach",
    "do stomach crunches help", "weak core and back pain", "breathing exercises for back spasms",
    "how long does a back spasm last", "stiff back in the morning", "can i take ibuprofen with food",
    # 'heavy' of a load, 'weak' as a goal of training: not a leg that gives way
    "heavy lifting with my legs", "lifting heavy boxes at work", "exercises for weak legs",
    "how do i strengthen weak legs", "strengthening exercises for weak knees",
    # 'recent' defines the trauma sign; a word of a not_in phrase ("screening") is no slip of another
    "fell off my bike last year, back still stiff",
    "i had cancer screening, can i do yoga",
]


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(os.fspath(CONTENT), use_cache=False)


@pytest.fixture(scope="module")
def index(content: Content) -> SearchIndex:
    return build_index(content)


def sign_of(content: Content, flag_id: str | None) -> str | None:
    """A red flag's sign: its own id, or the id it is the same_as."""
    for rl in content.red_flag_lists:
        for flag in rl.flags:
            if flag.id == flag_id:
                return flag.same_as or flag.id
    return None


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    return code, capsys.readouterr().out.splitlines()


def test_at_least_forty_lay_queries_cover_every_sign(content: Content) -> None:
    assert len(LAY_QUERIES) >= 40
    signs = {f.id for u in ("emergency", "see-doctor") for f in content.signs(u)}
    assert signs == {w for _q, want in LAY_QUERIES for w in ([want] if isinstance(want, str) else want)}


@pytest.mark.parametrize(("query", "want"), LAY_QUERIES)
def test_a_lay_query_brings_its_red_flag_first(index: SearchIndex, content: Content, query: str,
                                               want: str | set[str]) -> None:
    hits = index.query(query)
    assert hits and hits[0].kind == "red-flag" and hits[0].reached, [h.line for h in hits[:3]]
    assert sign_of(content, hits[0].item_id) in ({want} if isinstance(want, str) else want), [h.line for h in hits[:3]]


@pytest.mark.parametrize("query", EVERYDAY)
def test_an_everyday_query_does_not_start_with_a_red_flag(index: SearchIndex, query: str) -> None:
    hits = index.query(query)
    assert hits and hits[0].kind != "red-flag", hits[0].line


@pytest.mark.parametrize("query", EVERYDAY)
def test_an_everyday_query_never_opens_on_the_emergency_action(capsys: pytest.CaptureFixture[str], query: str) -> None:
    code, lines = run(capsys, "search", *query.split())
    assert code == 0 and not lines[0].startswith("[EMERGENCY] Call"), lines[:2]


def test_numb_alone_is_the_see_a_doctor_sign_with_the_emergency_places_in_view(index: SearchIndex) -> None:
    """"numb" without a place is the see-a-doctor sign (the NHS sends numbness in a leg to a GP);
    the saddle sign is in view, saying which place would make it an emergency."""
    hits = index.query("numb", 20)
    assert (hits[0].item_id, hits[0].urgency, hits[0].reached) == ("see-numbness-weakness", "see-doctor", True)
    saddle = next(h for h in hits[:3] if h.item_id == "rf-saddle-numbness")
    assert not saddle.reached and saddle.missing == ("between the legs, the genitals or the bottom (the saddle area)",)
    assert saddle.why == ("numb \u2192 numbness, tingling or loss of feeling; this sign also needs: "
                          "between the legs, the genitals or the bottom (the saddle area)")
    urgencies = [h.urgency for h in hits if h.kind == "red-flag" and h.reached]
    assert urgencies == sorted(urgencies, key=lambda u: 0 if u == "emergency" else 1)


def test_signs_reached_come_emergency_first_then_the_most_specific(index: SearchIndex) -> None:
    hits = index.query("numb between my legs", 5)
    assert [(h.item_id, h.reached) for h in hits[:2]] == [("rf-saddle-numbness", True), ("see-numbness-weakness", True)]
    assert hits[2].kind != "red-flag"  # the guide's own lines follow the signs reached


def test_one_hit_per_sign(index: SearchIndex, content: Content) -> None:
    for query in ("fever", "bladder", "cancer", "trauma"):
        signs = [sign_of(content, h.item_id) for h in index.query(query, 30) if h.kind == "red-flag"]
        assert len(signs) == len(set(signs)), query


def test_a_plain_phrasing_shows_the_red_flag_itself(index: SearchIndex) -> None:
    hit = index.query("feverish", 1)[0]
    assert (hit.item_id, hit.line, hit.urgency) == ("rf-high-fever", "High fever with back pain", "emergency")
    assert all(0 <= a < b <= len(hit.line) for a, b in hit.spans)


def joined(lines: list[str]) -> list[str]:
    """Output lines with each wrapped hit put back on one line (its continuations are indented);
    the "why:" line under a red flag is a line of its own."""
    out: list[str] = []
    for line in lines:
        if line.startswith("    ") and out and not line.startswith("    why: "):
            out[-1] += " " + line.strip()
        else:
            out.append(line.strip() if line.startswith("    why: ") else line)
    return out


@pytest.mark.parametrize(("query", "want"), [
    ("numb between my legs", "Numbness in the groin area (saddle anesthesia)"),
    ("feverish", "High fever with back pain"),
    ("cant get comfortable in any position", "Severe pain unrelieved by any position"),
])
def test_backref_search_answers_with_the_action_then_the_red_flag(
        capsys: pytest.CaptureFixture[str], query: str, want: str) -> None:
    code, lines = run(capsys, "search", *query.split())
    assert code == 0
    hits = joined(lines)
    # the action in full, as README promises (issue 20): not the banner's short "999/112/911"
    action = load_content(os.fspath(CONTENT)).urgency_of("emergency").action_line()
    assert action.startswith("Call your local emergency number (999 in the UK, 112 in the EU, 911 in the US")
    assert hits[0] == f"[EMERGENCY] {action}"
    assert hits[1].startswith("[EMERGENCY] ") and hits[1].endswith(want)
    assert hits[2].startswith("why: ")  # which of the person's words matched which part


def test_the_action_names_the_persons_own_number(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", "000")
    _, lines = run(capsys, "search", "feverish")
    assert lines[0] == "[EMERGENCY] Call 000 or go to the nearest emergency department now."


def test_a_partly_said_emergency_sign_never_heads_the_answer_with_the_action(
        capsys: pytest.CaptureFixture[str]) -> None:
    """"pain when peeing" alone is no kidney-stone emergency (a urine infection sign), nor "bladder"
    alone a loss of control: the signs are shown with what they also need, and the check offered."""
    for query in ("pain when peeing", "bladder", "heart"):
        _, lines = run(capsys, "search", *query.split(), "--width", "200")
        assert not lines[0].startswith("[EMERGENCY] Call"), query
        assert any("this sign also needs:" in line for line in lines), query
        assert lines[-1] == wording.CHECK_OFFER_CLI, query
    hits = build_index(load_content(os.fspath(CONTENT), use_cache=False)).query("pain when peeing")
    assert hits[0].item_id != "rf-kidney-stones" and not any(h.reached for h in hits)


def test_an_everyday_search_carries_no_action_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, lines = run(capsys, "search", "mattress")
    assert not any(line.startswith("[EMERGENCY]") for line in lines)


# -- backref redflags ------------------------------------------------------------------------


def test_redflags_first_24_lines_hold_heading_action_and_every_distinct_sign(
        capsys: pytest.CaptureFixture[str], content: Content) -> None:
    _, lines = run(capsys, "redflags", "--width", "80")
    top = lines[:24]
    assert top[0].startswith("EMERGENCY")
    assert any(all(n in line for n in ("999", "112", "911")) for line in top)
    for flag in content.signs("emergency"):
        assert sum(line == f"- {flag.text}" for line in top) == 1, flag.text
    for flag in content.red_flag_lists[2].flags:  # the copies are not printed twice
        if flag.same_as:
            assert f"- {flag.text}" not in lines
    last_sign = max(lines.index(f"- {flag.text}") for flag in content.signs("emergency"))
    assert any(line.startswith("SEE A DOCTOR") for line in lines[last_sign:])  # the see-a-doctor list follows
    assert "Book an appointment with your doctor (GP)." in lines


def test_redflags_names_the_persons_own_number(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", "000")
    _, lines = run(capsys, "redflags", "--width", "80")
    assert "Call 000 or go to the nearest emergency department now." in lines[:24]
    assert not any("999" in line for line in lines)


def test_the_number_can_be_set_once_in_config_toml(capsys: pytest.CaptureFixture[str], isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "backref" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('emergency_number = "000"\nsome_later_key = 1\n')
    _, lines = run(capsys, "redflags")
    assert "Call 000 or go to the nearest emergency department now." in lines


def test_a_bad_config_is_one_notice_and_the_default_numbers(capsys: pytest.CaptureFixture[str],
                                                            isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "backref" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("emergency_number = [\n")
    code = main(["redflags"])
    out, err = capsys.readouterr()
    assert code == 0 and "999 in the UK" in out
    assert len(err.splitlines()) == 1 and "config.toml" in err


def test_redflags_json_same_order_with_urgency_action_and_ids(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    main(["redflags", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert [g["urgency"] for g in data] == ["emergency", "see-doctor"]
    assert "999" in data[0]["action"] and data[1]["action"].startswith("Book an appointment")
    bladder = data[0]["signs"][0]
    assert bladder["ids"] == ["rf-bladder-bowel-control", "rf-bowel-bladder-loss"]
    assert len(data[0]["signs"]) == 14 and len(data[0]["lists"]) == 2


def test_redflags_on_a_short_terminal_keeps_the_emergency_block_on_screen() -> None:
    """At 80x24 what is left on screen after the command returns is the emergency block."""
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "PYTHONPATH": os.fspath(ROOT)}
    done = subprocess.run([sys.executable, "-m", "backref", "redflags"], stdout=follower,
                          stderr=subprocess.PIPE, env=env, timeout=60, check=True)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    lines = out.decode().replace("\r\n", "\n").rstrip("\n").split("\n")
    assert done.returncode == 0
    assert len(lines) <= 23  # with the prompt, all of it fits on 24 rows
    assert lines[0].startswith("EMERGENCY")
    assert "redflags --all" in lines[-1]


def test_answers_are_the_same_from_the_parse_cache_as_worked_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index's words and the compiled meaning are kept in the parse cache: an answer read from
    it is the answer worked out afresh."""
    monkeypatch.setenv("BACKREF_CACHE_DIR", os.fspath(tmp_path / "cache"))
    content = load_content(os.fspath(CONTENT), use_cache=False)
    queries = [q for q, _ in LAY_QUERIES[::5]] + EVERYDAY[::3] + ["back pain when sneezing", "sciatca", "hurts"]
    fresh = {q: [(h.line, h.score, h.why) for h in build_index(content).query(q)] for q in queries}
    assert list((tmp_path / "cache").glob("search-*"))  # kept
    for q in queries:
        assert [(h.line, h.score, h.why) for h in build_index(content).query(q)] == fresh[q], q


async def test_the_search_screen_puts_the_red_flag_first_under_the_action(tmp_path: Path) -> None:
    from backref.tui.app import make_app
    from backref.tui.screens.search import SearchScreen

    app = make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"numb between my legs")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.hits[0].item_id == "rf-saddle-numbness"
        text = " ".join(" ".join(s.text for s in screen._compositor.render_strips()).split())
        assert "EMERGENCY Call your local emergency number (999 in the UK" in text


@pytest.mark.parametrize(("table", "problem"), [
    ('[lay.rf-nope]\nquestion = "Q?"\nquestion_source = "S"\n', "no red flag"),
    ('[lay.rf-fever]\nquestion = "Q?"\nquestion_source = "S"\n', "same_as copy"),
    ('[lay.rf-high-fever]\nquestion = "Q?"\nquestion_source = "S"\n[[lay.rf-high-fever.words]]\nsays = ["hot"]\n',
     "'source' is required"),
    ('[lay.rf-high-fever]\nquestion = "Q?"\nquestion_source = "S"\nnot_alone = ["hot"]\n', "not_alone_source"),
    ('[urgency.emergency]\nlabel = "E"\nheading = "H"\naction = "Call {number}"\nsource = "S"\n', "'number' is required"),
    # the red flags by meaning: parts with words and sources, combinations of known parts
    ('[parts.numb]\nlabel = "numbness"\nwords = []\n', "must list at least one table of words"),
    ('[parts.numb]\nlabel = "numbness"\n[[parts.numb.words]]\nsays = ["numb"]\n', "'source' is required"),
    ('[parts.numb]\nwords = [{ source = "S", says = ["numb"] }]\n', "'label' is required"),
    ('[parts.Numb_Part]\nlabel = "N"\nwords = [{ source = "S", says = ["numb"] }]\n', "must be a slug"),
    ('[parts.numb]\nlabel = "N"\nnear = 99\nwords = [{ source = "S", says = ["numb"] }]\n', "from 0 to 32"),
    ('[parts.numb]\nlabel = "N"\nwords = [{ source = "S", says = ["?!"] }]\n', "holds no word"),
    ('[reach]\nrf-high-fever = ["fever-words"]\n', "no part named 'fever-words'"),
    ('[reach]\nrf-high-fever = []\n', "non-empty array"),
    ('[reach]\nrf-high-fever = [" unless numb"]\n', "names no part"),
    ('[reach]\nrf-fever = ["numb"]\n', "same_as copy"),
])
def test_check_validates_the_plain_words_and_the_actions(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        table: str, problem: str) -> None:
    text = CONTENT.read_text()
    start = text.index("\n[urgency.emergency]")
    path = tmp_path / "content.toml"
    path.write_text(text[:start] + "\n" + table)  # the shipped lists and synonyms, then the table
    assert main(["check", os.fspath(path)]) == 2
    assert problem in capsys.readouterr().err


@pytest.mark.parametrize("query", ["ache", "hurt", "hurting"])
def test_a_word_whose_synonyms_are_all_common_brings_no_red_flag_first(query: str) -> None:
    """"ache" stands for "pain", which most lines hold: the best "pain" line leads, not the signs."""
    index = build_index(load_content(os.fspath(CONTENT), use_cache=False))
    assert index.query(query)[0].urgency is None


@pytest.mark.parametrize("query", ["put my back out", "threw my back out"])
def test_a_synonym_of_only_a_signs_not_alone_words_brings_it_not_first(query: str) -> None:
    """"put my back out" stands for "sudden onset", which the lifting sign names as words that alone
    do not bring it first (its `not_alone`): the everyday line leads."""
    index = build_index(load_content(os.fspath(CONTENT), use_cache=False))
    hits = index.query(query)
    assert (hits[0].item_id, hits[0].urgency) == ("sudden-onset", None)
    assert "rf-lifting-onset" not in [h.item_id for h in hits[:3]]


@pytest.mark.parametrize("query", ["sitting on a bar stool", "footstool under my desk", "uti", "kitchen stool"])
def test_furniture_and_infection_words_show_no_emergency_sign_at_all(query: str) -> None:
    """A stool to sit on is not a bowel motion, and a urine infection is the NHS's GP (not 999)
    sign: neither may show an emergency sign anywhere in the first answers."""
    hits = build_index(load_content(os.fspath(CONTENT))).query(query, 5)
    assert [h.line for h in hits if h.urgency == "emergency"] == [], query


def test_a_sign_found_by_its_own_words_names_the_person_s_words() -> None:
    """The why line starts from what the person typed, then the sign's words it reached."""
    hits = build_index(load_content(os.fspath(CONTENT))).query("blood in my urine", 3)
    flag = next(h for h in hits if h.item_id == "rf-kidney-stones")
    assert flag.why and all(words.lower() in "blood in my urine" for words, _part in flag.matched), flag.matched

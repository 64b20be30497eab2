"""Safety first: a worried person's own words reach the right red flag, first, with what to do now.

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
from backref.core.content import Content
from backref.core.load import load_content
from backref.core.search import SearchIndex, build_index
from backref.core.words import words_of
from conftest import CONTENT, ROOT

# query => the red flag that must be the first hit (a same_as copy counts as its sign)
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
    ("cant walk properly", "rf-leg-weakness"),
    ("foot dragging", "rf-leg-weakness"),
    ("weakness in both legs", "rf-leg-weakness"),
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
    ("pins and needles in both legs", "rf-neurological-symptoms"),
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
    assert signs == {want for _q, want in LAY_QUERIES}


@pytest.mark.parametrize(("query", "want"), LAY_QUERIES)
def test_a_lay_query_brings_its_red_flag_first(index: SearchIndex, content: Content, query: str, want: str) -> None:
    hits = index.query(query)
    assert hits and hits[0].kind == "red-flag", [h.line for h in hits[:3]]
    assert sign_of(content, hits[0].item_id) == want, [h.line for h in hits[:3]]


@pytest.mark.parametrize("query", EVERYDAY)
def test_an_everyday_query_does_not_start_with_a_red_flag(index: SearchIndex, query: str) -> None:
    hits = index.query(query)
    assert hits and hits[0].kind != "red-flag", hits[0].line


def test_emergency_signs_come_before_see_a_doctor_and_symptom_lines(index: SearchIndex) -> None:
    hits = index.query("numb", 20)
    lines = [h.line for h in hits]
    groin = lines.index("Numbness in the groin area (saddle anesthesia)")
    later = [n for n, h in enumerate(hits) if h.urgency == "see-doctor" or h.kind != "red-flag"]
    assert later and groin < min(later)
    urgencies = [h.urgency for h in hits if h.kind == "red-flag"]
    assert urgencies == sorted(urgencies, key=lambda u: 0 if u == "emergency" else 1)


def test_one_hit_per_sign(index: SearchIndex, content: Content) -> None:
    for query in ("fever", "bladder", "cancer", "trauma"):
        signs = [sign_of(content, h.item_id) for h in index.query(query, 30) if h.kind == "red-flag"]
        assert len(signs) == len(set(signs)), query


def test_a_plain_phrasing_shows_the_red_flag_itself(index: SearchIndex) -> None:
    hit = index.query("feverish", 1)[0]
    assert (hit.item_id, hit.line, hit.urgency) == ("rf-high-fever", "High fever with back pain", "emergency")
    assert all(0 <= a < b <= len(hit.line) for a, b in hit.spans)


def joined(lines: list[str]) -> list[str]:
    """Output lines with each wrapped hit put back on one line (its continuations are indented)."""
    out: list[str] = []
    for line in lines:
        if line.startswith("    ") and out:
            out[-1] += " " + line.strip()
        else:
            out.append(line)
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
    assert hits[0] == "[EMERGENCY] Call 999/112/911 or go to an emergency department now."
    assert hits[1].startswith("[EMERGENCY] ") and hits[1].endswith(want)


def test_backref_search_numb_puts_the_groin_before_see_a_doctor_and_symptoms(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, lines = run(capsys, "search", "numb")
    lines = joined(lines)
    groin = next(n for n, line in enumerate(lines) if "Numbness in the groin area" in line)
    others = [n for n, line in enumerate(lines) if not line.startswith("[EMERGENCY]")]
    assert others and groin < min(others)


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


def test_answers_do_not_depend_on_what_was_asked_before(content: Content) -> None:
    """The plain phrasings are indexed on the first query that may meet them: no query's
    answer may change once they are."""
    queries = [q for q, _ in LAY_QUERIES[::7]] + EVERYDAY + ["back pain when sneezing", "sciatca", "hurts"]
    fresh = {q: [(h.line, h.score) for h in build_index(content).query(q)] for q in queries}
    warm = build_index(content)
    warm.query("feverish")
    assert warm.lay_indexed
    for q in queries:
        assert [(h.line, h.score) for h in warm.query(q)] == fresh[q], q


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


def test_a_plain_word_finds_on_the_first_query_what_it_finds_once_the_phrasings_are_indexed() -> None:
    """The plain phrasings are indexed only when a query may meet them; a word of theirs, in any of
    its forms ("injury" for "injuries"), must meet them on the first query of a fresh index."""
    content = load_content(os.fspath(CONTENT), use_cache=False)
    eager = build_index(content)
    eager.index_lay_if_needed(eager.groups(["feverish"]))
    words = {w for sign in content.lay.values() for text in sign.says for w in words_of(text) if len(w) > 4}
    forms = sorted({w[:-3] + "y" if w.endswith("ies") else w[:-1] for w in words})
    differ = [f for f in forms
              if [h.line for h in build_index(content).query(f)] != [h.line for h in eager.query(f)]]
    assert differ == []


@pytest.mark.parametrize("query", ["put my back out", "threw my back out"])
def test_a_synonym_of_only_a_signs_not_alone_words_brings_it_not_first(query: str) -> None:
    """"put my back out" stands for "sudden onset", which the lifting sign names as words that alone
    do not bring it first (its `not_alone`): the everyday line leads."""
    index = build_index(load_content(os.fspath(CONTENT), use_cache=False))
    hits = index.query(query)
    assert (hits[0].item_id, hits[0].urgency) == ("sudden-onset", None)
    assert "rf-lifting-onset" not in [h.item_id for h in hits[:3]]

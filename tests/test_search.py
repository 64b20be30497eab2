"""Search: the index, ranking rules, synonyms, and the queries people really type."""
from __future__ import annotations

import copy
import math
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backref.core.content import Content
from backref.core.load import build_content, load_content
from backref.core.search import Hit, SearchIndex, build_index, stem, words_of
from conftest import CONTENT

# What a worried person types, and where a good answer lives (an item, red flag or section id).
EVERYDAY = [
    ('cold pack', {'apply-ice-20-min', 'heat-and-cold', 'ice-first-48-hours'}),
    ('ice pack', {'apply-ice-20-min', 'ice-first-48-hours'}),
    ('what to do first', {'first-24-48-hours', 'stop-activity-immediately'}),
    ("can't get out of bed", {'getting-out-of-bed'}),
    ('back spasm when sneezing', {'sneezing-or-coughing'}),
    ('ibuprofen', {'anti-inflammatory-medications', 'nsaids'}),
    ('tylenol', {'pain-relievers'}),
    ('numb groin', {'rf-saddle-numbness'}),
    ('peeing myself', {'rf-bladder-bowel-control', 'rf-bowel-bladder-loss'}),
    ('kidney stones', {'rf-kidney-stones'}),
    ('stretches for lower back', {'cat-cow-stretch', 'childs-pose', 'gentle-stretches', 'knee-to-chest-stretch', 'pelvic-tilts'}),
    ('bad posture at desk', {'ergonomics-and-posture', 'poor-posture', 'proper-workstation-setup'}),
    ('mattress', {'supportive-mattress'}),
    ('how long does a spasm last', {'see-spasms-over-a-week', 'understanding', 'usually-short-term', 'usually-temporary'}),
    ('fever and back pain', {'rf-fever', 'rf-high-fever'}),
    ('pins and needles', {'numbness-tingling'}),
    ('sciatica', {'sciatica'}),
    ('heat or ice', {'heat-and-cold', 'ice-first-48-hours', 'then-alternate-heat-cold'}),
    ('hot water bottle', {'heat-and-cold', 'heating-pads-cautiously', 'never-sleep-on-heating'}),
    ("can't move", {'complete-disability', 'limited-movement', 'severe', 'understanding'}),
    ('muscle relaxer', {'muscle-relaxants', 'muscle-relaxants-if-prescribed'}),
    ('advil', {'nsaids'}),
    ('physio', {'physical-therapy'}),
    ('chiropractor', {'chiropractic-care'}),
    ('massage', {'massage-therapy'}),
    ('best sleeping position', {'good-sleeping-posture', 'lie-on-back-knees', 'positioning-for-relief', 'side-lying-with-pillow'}),
    ('pillow between knees', {'pillows-under-knees', 'side-lying-with-pillow'}),
    ("can't control my bowels", {'rf-bladder-bowel-control', 'rf-bowel-bladder-loss'}),
    ('slipped disc', {'herniated-disc'}),
    ('pinched nerve', {'herniated-disc', 'sciatica'}),
    ('pain shooting down my leg', {'radiating-pain', 'radiating-pain-possible', 'sciatica', 'see-pain-radiating-legs'}),
    ('legs feel weak', {'rf-leg-weakness', 'see-numbness-weakness', 'weakness'}),
    ('lifting heavy boxes', {'heavy-lifting', 'proper-lifting-technique', 'rf-lifting-onset'}),
    ('how to lift properly', {'proper-lifting-technique'}),
    ('sitting all day at work', {'avoid-prolonged-positions', 'poor-posture', 'prolonged-sitting'}),
    ('stiff in the morning', {'getting-out-of-bed', 'stiffness'}),
    ('muscle knot', {'muscle-knots', 'trigger-point-injections'}),
    ('trouble breathing', {'difficulty-breathing', 'rf-chest-pain-breathing'}),
    ('chest pain', {'rf-chest-pain-breathing'}),
    ('losing weight without trying', {'rf-weight-loss'}),
    ('pain at night', {'rf-night-pain'}),
    ('when should I see a doctor', {'doctor', 'immediate-care', 'schedule-appointment'}),
    ('emergency', {'immediate-care', 'seek-emergency-care'}),
    ('is it serious', {'immediate-care', 'seek-emergency-care'}),
    ('stress', {'emotional-stress', 'stress-and-anxiety', 'stress-induced', 'stress-management'}),
    ('drink more water', {'dehydration', 'stay-hydrated'}),
    ('magnesium', {'nutritional-deficiencies'}),
    ('yoga', {'yoga'}),
    ('exercises to prevent back spasms', {'back-strengthening-routine', 'exercise-and-strengthening', 'regular-core-exercises'}),
    ('core exercises', {'core-strengthening', 'regular-core-exercises'}),
    ('keeps coming back', {'chronic-spasms', 'recurring-episodes', 'see-recurring-episodes'}),
    ("spasm won't go away", {'see-no-improvement', 'see-spasms-over-a-week'}),
    ('heating pad', {'heating-pads-cautiously', 'never-sleep-on-heating'}),
    ('warm bath', {'warm-shower-or-bath'}),
    ('lie down', {'lie-on-back-knees', 'side-lying-with-pillow', 'support-back-when-lying'}),
    ('cat cow', {'cat-cow-stretch'}),
    ('back brace', {'use-lumbar-support'}),
    ('quit smoking', {'quit-smoking'}),
    ('alcohol', {'limit-alcohol'}),
    ('overweight', {'maintain-healthy-weight'}),
    ('twisting', {'avoid-twisted-positions', 'sudden-movements-or-twisting'}),
    ('bending over', {'bending-forward'}),
    ('numbness in legs', {'numbness-tingling', 'rf-leg-weakness', 'see-numbness-weakness'}),
    ('cancer', {'rf-cancer-history', 'rf-cancer-new-pain'}),
    ('fell down the stairs', {'rf-recent-trauma', 'rf-trauma-before-spasms'}),
    ('car accident', {'rf-recent-trauma', 'rf-trauma-before-spasms'}),
    ('stomach pain', {'rf-abdominal-pain'}),
    ('anxiety', {'stress-and-anxiety'}),
    ("can't sleep because of back pain", {'poor-sleep', 'sleep-disturbance'}),
    ('acupuncture', {'acupuncture'}),
    ('dehydrated', {'dehydration'}),
    ('tight hips', {'muscle-imbalances'}),
    ('tens machine', {'modalities'}),
    ('injections', {'epidural-injections', 'trigger-point-injections'}),
    ('upper back and neck', {'upper-back-neck-junction'}),
    ('leaning to one side', {'postural-changes-2'}),
    ('headache', {'tension-headaches'}),
    ('tired all the time', {'fatigue'}),
    ('pulled a muscle', {'muscle-strain'}),
    ('threw out my back', {'muscle-strain', 'sudden-onset'}),
    ('how long should i ice', {'20-minutes-at-a', 'apply-ice-20-min', 'ice-first-48-hours'}),
    ('painkillers', {'anti-inflammatory-medications', 'nsaids', 'pain-relievers'}),
    ('blood in pee', {'rf-kidney-stones'}),
    ('cough', {'sneezing-or-coughing'}),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return build_index(load_content(os.fspath(CONTENT), use_cache=False))


def where(hit: Hit) -> str:
    """The id a hit lands on: its item or red flag, else its section, else its topic."""
    return hit.item_id or hit.section_id or hit.topic_id


def ids(index: SearchIndex, query: str, limit: int = 10) -> list[str]:
    return [where(hit) for hit in index.query(query, limit)]


def small_content(items: dict[str, list[str]], synonyms: dict[str, list[str]] | None = None,
                  paragraphs: tuple[str, ...] = ()) -> Content:
    """A content of one topic, a section per key, one item per line, ids item-0, item-1, ..."""
    n = 0
    sections = []
    for s, (title, lines) in enumerate(items.items()):
        section_items = []
        for line in lines:
            section_items.append({"id": f"item-{n}", "text": line})
            n += 1
        sections.append({"id": f"section-{s}", "title": title, "kind": "list", "items": section_items})
    raw = {
        "meta": {"title": "T", "source": "S", "version": "1", "disclaimer": "D"},
        "topics": [{"id": "topic", "title": "Topic", "tab": "Tab", "paragraphs": list(paragraphs),
                    "sections": sections}],
        "synonyms": synonyms or {},
    }
    return build_content(raw, "test.toml")


# --- the real content


def test_ice_finds_the_ice_item_near_the_top(index: SearchIndex) -> None:
    assert "apply-ice-20-min" in ids(index, "ice", 3)


def test_a_typo_still_finds_sciatica(index: SearchIndex) -> None:
    hits = index.query("sciatca")
    assert hits and hits[0].item_id == "sciatica"
    assert hits[0].line == "Sciatica: Nerve compression"


def test_pins_and_needles_is_the_see_a_doctor_sign_first_then_the_place_that_makes_it_urgent(index: SearchIndex) -> None:
    """The NHS sends pins and needles in a leg to a GP and keeps the emergency for pins and
    needles between the legs: alone, the see-a-doctor sign leads; the saddle sign is in view."""
    hits = index.query("pins and needles")
    assert (where(hits[0]), hits[0].reached) == ("see-numbness-weakness", True)
    assert "numbness-tingling" in ids(index, "pins and needles", 3)
    saddle = next(h for h in hits[:4] if h.item_id == "rf-saddle-numbness")
    assert not saddle.reached and "between the legs" in saddle.why
    assert [(where(h), h.reached) for h in index.query("pins and needles between my legs", 2)] == [
        ("rf-saddle-numbness", True), ("see-numbness-weakness", True)]


def test_garbage_finds_nothing(index: SearchIndex) -> None:
    assert index.query("xyzzyq") == []
    assert index.query("") == []
    assert index.query("?!... ---") == []


def test_nothing_is_made_up_for_what_the_content_does_not_cover(index: SearchIndex) -> None:
    assert index.query("pregnancy") == []


def test_the_words_that_tell_need_no_company_of_the_guide_s_own(index: SearchIndex) -> None:
    """No line says "back pain when sneezing"; the line holding the word that tells leads: "back"
    and "pain" are what the whole guide is about, not what the question asks."""
    hits = index.query("back pain when sneezing")
    assert where(hits[0]) == "sneezing-or-coughing"
    assert 2000 <= hits[0].score < 3000  # the all-words tier: every telling word is in it
    assert where(index.query("what causes back spasms", 1)[0]) == "causes"


def test_stop_words_are_ignored_unless_they_are_all_there_is(index: SearchIndex) -> None:
    assert ids(index, "what to do for sciatica", 1) == ["sciatica"]
    hits = index.query("when", 1)  # nothing but a stop word: it is searched for after all
    assert [(h.kind, h.line) for h in hits] == [("topic", "When to See a Doctor")]


def test_a_hit_knows_where_it_lives(index: SearchIndex) -> None:
    hit = index.query("ice first", 1)[0]
    assert (hit.kind, hit.topic_id, hit.topic, hit.tab) == ("item", "relief", "Immediate Relief Strategies", "Relief")
    assert (hit.section_id, hit.section, hit.item_id) == ("heat-and-cold", "Heat and Cold", "ice-first-48-hours")
    assert hit.place == "Relief > Heat and Cold"
    assert hit.line == "Ice first 48 hours" and hit.urgency is None
    assert [hit.line[a:b] for a, b in hit.spans] == ["Ice", "first"]


def test_items_with_a_detail_read_term_colon_detail(index: SearchIndex) -> None:
    hit = index.query("cyclobenzaprine", 1)[0]
    assert hit.line == "Muscle relaxants: Cyclobenzaprine, tizanidine"
    assert [hit.line[a:b] for a, b in hit.spans] == ["Cyclobenzaprine"]


def test_red_flags_carry_their_urgency(index: SearchIndex) -> None:
    hits = index.query("bladder")
    assert hits[0].kind == "red-flag" and hits[0].urgency == "emergency"
    see = index.query("spasms lasting more than a week", 1)[0]
    assert (see.item_id, see.urgency, see.place) == ("see-spasms-over-a-week", "see-doctor", "Doctor > Schedule an Appointment For")


def test_paragraphs_are_searched_a_sentence_at_a_time(index: SearchIndex) -> None:
    hit = index.query("lumbar region", 1)[0]
    assert hit.kind == "paragraph" and hit.section_id == "understanding"
    assert hit.line.startswith("The lower back (lumbar region) is most commonly affected")
    assert hit.line.endswith("movements.")
    topic_sentence = index.query("agonizing", 1)[0]
    assert (topic_sentence.section_id, topic_sentence.section, topic_sentence.place) == (None, "", "Overview")


def test_the_last_word_may_be_a_prefix_as_you_type(index: SearchIndex) -> None:
    assert ids(index, "sciat", 1) == ["sciatica"]
    assert ids(index, "heat and co", 1) == ["heat-and-cold"]
    assert "ibuprofen" in words_of(index.query("ibupro", 1)[0].line.lower())


def test_synonyms_widen_the_query(index: SearchIndex) -> None:
    assert ids(index, "tylenol", 1) == ["pain-relievers"]
    assert ids(index, "physio", 1) == ["physical-therapy"]
    assert ids(index, "peeing myself", 1) == ["rf-bladder-bowel-control"]  # one hit per sign
    assert ids(index, "chiropractor", 1) == ["chiropractic-care"]


def test_aches_reads_as_ache(index: SearchIndex) -> None:
    """"ache" is a synonym of the common word "pain": "aches" must not read as a typo of it
    and bring every red flag that says "pain" first."""
    assert stem("aches") == stem("ache")
    assert [h.line for h in index.query("aches")] == [h.line for h in index.query("ache")]


def test_aching_finds_what_ache_finds(index: SearchIndex) -> None:
    """"aching" stems to "ach", which no line holds: the synonym list carries it to "pain"."""
    assert [h.line for h in index.query("aching")] == [h.line for h in index.query("ache")] != []
    assert index.query("aches", 1)[0].kind != "red-flag"


def test_a_red_flag_comes_first_only_for_telling_words(index: SearchIndex) -> None:
    # words most lines hold ("back", "pain") bring no red flag before the rest, nor do their
    # typos, or their start as you type
    for query in ("back pain", "painn", "spas", "spasn", "achs"):
        assert not any(h.reached for h in index.query(query)), query
        assert index.query(query)[0].kind != "red-flag", query
    # a telling word mistyped still reaches its sign
    assert [(h.item_id, h.reached) for h in index.query("bladdr leaking", 1)] == [("rf-bladder-bowel-control", True)]
    # a word the guide lacks does not keep the others from bringing their sign first
    first = index.query("numb xyzzyq", 1)[0]
    assert (first.item_id, first.urgency, first.reached) == ("see-numbness-weakness", "see-doctor", True)
    assert first.score >= 4000
    # "sciatica" alone does not bring the leg-weakness sign first (the sources call it common);
    # said of both sides, it does
    assert where(index.query("sciatica", 1)[0]) == "sciatica"
    for query in ("sciatica on both sides", "both sides sciatica"):
        assert where(index.query(query, 1)[0]) == "rf-leg-weakness", query


def test_the_stemmer_joins_forms_of_a_word() -> None:
    assert stem("spasm") == stem("spasms")
    assert stem("stretch") == stem("stretches") == stem("stretching")
    assert stem("sneeze") == stem("sneezing") == stem("sneezes")
    assert stem("stiffness") == "stiff"
    assert stem("swimming") == "swim"
    assert stem("lying") == "lying" and stem("bed") == "bed"


# Everyday queries allowed to miss the top 3, each with the reason. Empty: all land today.
# Queries whose words are some red flag's plain words: safety-first ranking (the safety
# issue) puts those red flags first, so the everyday answer comes right after them.
SAFETY_FIRST = "a red flag's plain words match, so it comes first; the answer is the first hit after the red flags"
KNOWN_MISSES: dict[str, str] = {}


def test_everyday_queries_land_in_the_top_three(index: SearchIndex) -> None:
    misses = {}
    for query, wanted in EVERYDAY:
        got = ids(index, query, 3)
        if not wanted & set(got):
            misses[query] = f"{query!r}: got {got}, wanted one of {sorted(wanted)}"
    print(f"everyday queries: {len(EVERYDAY) - len(misses)}/{len(EVERYDAY)} in the top 3")
    assert len(EVERYDAY) >= 40
    unexpected = [line for query, line in misses.items() if query not in KNOWN_MISSES]
    assert not unexpected, "\n".join(unexpected)
    fixed = [query for query in KNOWN_MISSES if query not in misses]
    assert not fixed, f"now in the top 3, take them off KNOWN_MISSES: {fixed}"
    for query, wanted in EVERYDAY:
        if KNOWN_MISSES.get(query) == SAFETY_FIRST:
            hits = index.query(query, 10)
            flags = [hit for hit in hits if hit.kind == "red-flag"]
            assert hits[: len(flags)] == flags, query  # the red flags come first...
            assert where(hits[len(flags)]) in wanted, query  # ...then the everyday answer


def test_every_synonym_target_is_found(index: SearchIndex) -> None:
    """A target the content does not hold would widen a query to nothing."""
    content = load_content(os.fspath(CONTENT), use_cache=False)
    assert len(content.synonyms) >= 100
    for key, targets in content.synonyms.items():
        assert index.query(key), key
        for target in targets:
            assert index.query(target), f"{key} -> {target}"


# --- ranking rules, on small made-up content


# A small guide with every kind of line: a topic's own sentences, a section's title, sentences and
# items (one with a detail), an emergency list with a note, a see-a-doctor list naming one of its
# signs again (same_as), and plain words for one sign. The moves keep words rare enough to be telling.
GUIDE = {
    "meta": {"title": "T", "source": "S", "version": "1", "disclaimer": "D"},
    "topics": [
        {"id": "care", "title": "Self Care", "tab": "Care", "paragraphs": ["Spasms ease soon. Rest a day."],
         "sections": [
             {"id": "heat", "title": "Heat Packs", "kind": "list", "paragraphs": ["Warm the muscle gently."],
              "items": [{"id": "wrap", "text": "Heat wrap", "detail": "20 minutes"},
                        {"id": "bath", "text": "Warm bath"}, {"id": "rides", "text": "Bumpy rides"}]},
         ]},
        {"id": "doctor", "title": "Seeing a Doctor", "tab": "Doctor", "sections": []},
        {"id": "daily", "title": "Daily Life", "tab": "Daily", "sections": [
            {"id": "moves", "title": "Moves", "kind": "list",
             "items": [{"id": f"move-{n}", "text": f"{verb} slowly"} for n, verb in enumerate(
                 "walk swim stand sit bend lift twist reach sleep drink eat breathe relax smile read write"
                 " cook clean drive ride jog hike dance sing play garden knit paint climb row".split())]}]},
    ],
    "red_flags": [
        {"id": "urgent", "title": "Get Help Now", "urgency": "emergency", "topic": "care",
         "note": "These signs need care today.",
         "flags": [{"id": "rf-numb", "text": "Numb groin"}, {"id": "rf-fever", "text": "Fever with pain"}]},
        {"id": "later", "title": "Book a Visit", "urgency": "see-doctor", "topic": "doctor",
         "flags": [{"id": "see-week", "text": "Pain over a week"},
                   {"id": "see-fever", "text": "Fever again", "same_as": "rf-fever"}]},
    ],
    "synonyms": {"hot water bottle": ["heat wrap"], "tub": ["bath"], "bathtub": ["bath"], "jacuzzi": ["warm bath"], "crotch": ["groin"]},
    "lay": {"rf-numb": {"question": "Q?", "question_source": "S",
                        "words": [{"source": "S", "says": ["cant feel my bum", "numb down there", "numb for a week"]}]}},
    # the numb groin sign by meaning: a place and a loss of feeling, said in any order
    "parts": {
        "place": {"label": "the groin", "words": [{"source": "S", "says": ["groin", "bum", "down there", "crotch"]}]},
        "feeling": {"label": "numbness", "words": [{"source": "S", "says": ["numb", "cant feel", "pins and needles"]}]},
        "long": {"label": "more than a week", "words": [{"source": "S", "says": ["over a week", "for a week"]}]},
    },
    "reach": {"rf-numb": ["place + feeling"], "see-week": ["long"]},
}


@pytest.fixture(scope="module")
def guide() -> SearchIndex:
    return build_index(build_content(GUIDE, "guide.toml"))


def seen(hit: Hit) -> tuple[object, ...]:
    """All a person sees of a hit: what, where, how urgent, and the words marked."""
    return (hit.kind, hit.topic_id, hit.topic, hit.section_id, hit.section, hit.item_id, hit.line,
            hit.urgency, hit.place, [hit.line[a:b] for a, b in hit.spans])


@pytest.mark.parametrize(("query", "first"), [
    ("self care", ("topic", "care", "Self Care", None, "", None, "Self Care", None, "Care", ["Self", "Care"])),
    ("spasms ease", ("paragraph", "care", "Self Care", None, "", None, "Spasms ease soon.", None, "Care",
                     ["Spasms", "ease"])),
    ("rest a day", ("paragraph", "care", "Self Care", None, "", None, "Rest a day.", None, "Care", ["Rest", "day"])),
    ("heat packs", ("section", "care", "Self Care", "heat", "Heat Packs", None, "Heat Packs", None,
                    "Care > Heat Packs", ["Heat", "Packs"])),
    ("warm the muscle", ("paragraph", "care", "Self Care", "heat", "Heat Packs", None, "Warm the muscle gently.",
                         None, "Care > Heat Packs", ["Warm", "muscle"])),
    ("wrap", ("item", "care", "Self Care", "heat", "Heat Packs", "wrap", "Heat wrap: 20 minutes", None,
              "Care > Heat Packs", ["wrap"])),
    ("tub", ("item", "care", "Self Care", "heat", "Heat Packs", "bath", "Warm bath", None, "Care > Heat Packs", ["bath"])),
    ("get help now", ("section", "care", "Self Care", "urgent", "Get Help Now", None, "Get Help Now", "emergency",
                      "Care > Get Help Now", ["Get", "Now"])),
    ("signs need care", ("paragraph", "care", "Self Care", "urgent", "Get Help Now", None,
                         "These signs need care today.", "emergency", "Care > Get Help Now", ["signs", "need", "care"])),
    ("numb groin", ("red-flag", "care", "Self Care", "urgent", "Get Help Now", "rf-numb", "Numb groin", "emergency",
                    "Care > Get Help Now", ["Numb", "groin"])),
    ("visit", ("section", "doctor", "Seeing a Doctor", "later", "Book a Visit", None, "Book a Visit", "see-doctor",
               "Doctor > Book a Visit", ["Visit"])),
    ("hot water bottle minutes", ("item", "care", "Self Care", "heat", "Heat Packs", "wrap", "Heat wrap: 20 minutes",
                                  None, "Care > Heat Packs", ["Heat", "wrap", "minutes"])),
    # a sign's plain words bring the sign, shown in its own words (none of the query's to mark)
    ("cant feel my bum", ("red-flag", "care", "Self Care", "urgent", "Get Help Now", "rf-numb", "Numb groin",
                          "emergency", "Care > Get Help Now", [])),
])
def test_every_kind_of_line_is_a_hit_that_says_where_it_lives(guide: SearchIndex, query: str,
                                                               first: tuple[object, ...]) -> None:
    assert seen(guide.query(query)[0]) == first


def test_the_last_word_may_be_the_start_of_a_synonym(guide: SearchIndex) -> None:
    """Three letters or more of a one-word synonym, as the last word: the all-words tier, no 200
    or 100 (a synonym, half typed), the synonym's whole phrase marked."""
    hits = guide.query("jac")
    assert [(h.line, h.score, [h.line[a:b] for a, b in h.spans]) for h in hits] == [
        ("Warm bath", 2000 + 99, ["Warm", "bath"])]
    assert guide.query("tu") == []  # two letters are too few to guess a synonym from
    # before another word it is a word of its own: here "bathtub" mistyped
    assert [(h.line, h.score) for h in guide.query("bathtu warm")][:1] == [("Warm bath", 1000 + 99)]


def test_a_list_without_a_note_adds_no_line(guide: SearchIndex) -> None:
    assert [h.line for h in guide.query("book visit")] == ["Book a Visit"]
    assert guide.query("xxxx") == []


def test_a_sign_two_lists_name_is_one_hit_from_its_first_list(guide: SearchIndex) -> None:
    """ "Fever again", its copy in the see-a-doctor list, matches best (half its words): the sign is
    still shown, and ranked, as the emergency its first list names. The guide gives no parts for
    it, so its own words reach it: 4000 above every tier, 2000 for an emergency, 100 for the one
    part (its own words), 1 for the query's one word."""
    hits = guide.query("fever")
    assert [seen(h)[5:8] for h in hits] == [("rf-fever", "Fever with pain", "emergency")]
    # the person's own word on the left; the sign's words named only where they differ
    assert guide.query("fevers")[0].why == "fevers \u2192 the sign's own words \"Fever\""
    assert (hits[0].score, hits[0].reached, hits[0].why) == (4000 + 2000 + 100 + 1, True, "fever \u2192 the sign's own words")


@pytest.mark.parametrize("typed", ["slawly", "slowy", "slowwly", "solwly"])
def test_a_typo_finds_the_word_and_marks_it(guide: SearchIndex, typed: str) -> None:
    """A wrong, missing, extra or swapped letter: the typo tier, 1000, with 200 for the word
    itself (no synonym) and 99 x the half of "walk slowly" matched."""
    hits = guide.query(typed)
    assert [(h.line, h.score) for h in hits[:2]] == [("walk slowly", 1249.5), ("swim slowly", 1249.5)]
    assert [hits[0].line[a:b] for a, b in hits[0].spans] == ["slowly"]


def test_two_typos_are_forgiven_in_a_long_word(guide: SearchIndex) -> None:
    assert guide.query("preathe")[0].line == "breathe slowly"  # b -> p: a letter the word lacks
    assert guide.query("braethee")[0].line == "breathe slowly"  # a swap and an extra letter
    assert guide.query("pretahee") == []  # three typos


def test_a_typo_of_a_synonym_finds_what_it_stands_for(guide: SearchIndex) -> None:
    """ "bathtib" is "bathtub" mistyped, which stands for "bath": the typo tier, without the 200
    of the word itself, and 99 x the half of "Warm bath" marked."""
    hits = guide.query("bathtib")
    assert [(h.line, h.score, [h.line[a:b] for a, b in h.spans]) for h in hits] == [("Warm bath", 1049.5, ["bath"])]


def test_a_synonym_target_the_index_lacks_widens_to_nothing() -> None:
    """The schema finds a target's words anywhere in the file (a tab, an urgency): the index may
    hold none of them. The search goes on with the targets it holds."""
    content = small_content({"Things": ["ice pack", "heat pad"]},
                            synonyms={"chill": ["frosty", "ice", "frosty wrap"], "nippy": ["tab wrap"]})
    index = build_index(content)
    assert [h.line for h in index.query("chill")] == ["ice pack"]
    assert index.query("nippy") == []


@pytest.mark.parametrize(("query", "line", "score"), [
    # the phrase tier (3000); 500 for a title, 200 for the words themselves (not a synonym), 100 for
    # whole words (not prefixes or typos), and 99 x the share of the line's words matched
    ("self care", "Self Care", 3000 + 500 + 200 + 100 + 99),
    ("heat packs", "Heat Packs", 3000 + 500 + 200 + 100 + 99),
    ("moves", "Moves", 3000 + 500 + 200 + 100 + 99),  # a line of one word, all of it matched
    ("get help now", "Get Help Now", 3000 + 500 + 200 + 100 + 99 * 2 / 3),  # "help" is a stop word
    ("signs need care", "These signs need care today.", 3000 + 200 + 100 + 99 * 3 / 5),
    ("spasms ease", "Spasms ease soon.", 3000 + 200 + 100 + 99 * 2 / 3),
    ("wrap", "Heat wrap: 20 minutes", 3000 + 200 + 100 + 99 / 4),
    ("20 minutes", "Heat wrap: 20 minutes", 3000 + 200 + 100 + 99 * 2 / 4),  # a word of two, not last
    # stop words around the phrase are dropped, those inside it kept (and never marked)
    ("how to warm the muscle", "Warm the muscle gently.", 3000 + 200 + 100 + 99 * 2 / 4),
    ("warm the muscle please", "Warm the muscle gently.", 3000 + 200 + 100 + 99 * 2 / 4),
    ("heat the wrap", "Heat wrap: 20 minutes", 3000 + 200 + 100 + 99 * 2 / 4),  # or left out
    # every word, but not side by side: the all-words tier (2000)
    ("warm muscle", "Warm the muscle gently.", 2000 + 200 + 100 + 99 * 2 / 4),
    ("warm the gently", "Warm the muscle gently.", 2000 + 200 + 100 + 99 * 2 / 4),
    ("warm gently please", "Warm the muscle gently.", 2000 + 200 + 100 + 99 * 2 / 4),
    ("tub warm", "Warm bath", 2000 + 100 + 99),  # a synonym with other words is no phrase said otherwise
    # a synonym's phrase is the phrase said otherwise: its tier, without the 200
    ("hot water bottle", "Heat wrap: 20 minutes", 3000 + 100 + 99 * 2 / 4),
    ("tub", "Warm bath", 3000 + 100 + 99 / 2),
    # the last word as a prefix: the all-words tier, without the 100
    ("slow", "walk slowly", 2000 + 200 + 99 / 2),
    ("the mus", "Warm the muscle gently.", 2000 + 200 + 99 / 4),  # "mus", the stop word before it dropped
    ("sl", "sleep slowly", 2000 + 200 + 99),
    # three letters or more: a prefix before the last word too ("slowly", which most lines hold,
    # tells nothing, so the whole word "walk" is the line's worst match: 100 for a whole word)
    ("slo walk", "walk slowly", 2000 + 200 + 100 + 99),
    # ...but a phrase still, when the words before it are there side by side
    ("heat wr", "Heat wrap: 20 minutes", 3000 + 200 + 99 * 2 / 4),
    ("warm the mus", "Warm the muscle gently.", 3000 + 200 + 99 * 2 / 4),
    ("bathtu", "Warm bath", 2000 + 99 / 2),  # the start of the synonym "bathtub"
])
def test_scores_follow_the_ranking_rules(guide: SearchIndex, query: str, line: str, score: float) -> None:
    hit = guide.query(query)[0]
    assert (hit.line, hit.score) == (line, round(score, 2))


def test_a_query_no_line_holds_whole_ranks_by_its_rare_words(guide: SearchIndex) -> None:
    """No line holds every telling word: 900 x the share of the query's weight a line holds,
    tempered by the line's length as BM25 does, plus a tenth of the within-tier score. A word's
    weight is the squared log of how rare it is; a typo counts half; a word most lines hold
    ("slowly") keeps a quarter of its weight."""
    lines = 48  # the guide's lines
    k1, b, average = 1.2, 0.75, guide.average_length

    def weight(holding: int) -> float:
        return math.log((lines + 1) / (holding + 0.5)) ** 2

    def norm(length: int) -> float:
        return (k1 + 1) / (1 + k1 * (1 - b + b * length / average))

    most = norm(0)
    walk, slowly, groin = weight(1), weight(30) / 4, weight(1)
    whole = (walk + slowly + groin) * most
    hits = guide.query("walk slowly groin", 4)
    assert [(h.line, h.score) for h in hits[:2]] == [
        ("walk slowly", round(900 * (walk + slowly) * norm(2) / whole + (200 + 100 + 99) / 10, 2)),
        ("swim slowly", round(900 * slowly * norm(2) / whole + (200 + 100 + 99 / 2) / 10, 2)),
    ]
    # "groin" alone is a part of the numb sign, not all of it: the sign comes after the guide's
    # best lines, saying what it also needs
    groin_hit = next(h for h in hits if h.item_id == "rf-numb")
    assert not groin_hit.reached and groin_hit.why == "groin \u2192 the groin; this sign also needs: numbness"
    # "groin" mistyped: found only as a typo, it weighs half of the least exact telling word at most
    typo = min(groin, walk) / 2
    hits = guide.query("walk slowly grion", 1)
    assert [(h.line, h.score) for h in hits] == [
        ("walk slowly", round(900 * (walk + slowly) * norm(2) / ((walk + slowly + typo) * most) + (200 + 100 + 99) / 10, 2))]
    # a line some of whose words a synonym found scores without the 200 of the words themselves
    warm, tub = weight(2), weight(1)
    for query in ("warm tub groin", "tub warm groin"):
        hit = guide.query(query, 1)[0]
        assert (hit.line, hit.score) == (
            "Warm bath", round(900 * (warm + tub) * norm(2) / ((warm + tub + groin) * most) + (100 + 99) / 10, 2))
    # "bum" is only in a part's words, never in the guide's lines: "bumpy" still counts, as the
    # start of a longer word, which never outweighs an exact word ("walk")
    assert [h.line for h in guide.query("walk bum", 2)] == ["walk slowly", "Bumpy rides"]


def test_a_word_that_only_starts_a_longer_one_never_outweighs_an_exact_word(index: SearchIndex) -> None:
    """"need" is no "needling": the exact telling word leads ("sleep" here), and the words a
    question is made of ("need", "more", "get") weigh little."""
    hits = index.query("do i need more sleep to stop spasms", 3)
    assert [h.item_id for h in hits[:1]] == ["adequate-sleep"]
    assert all("needling" not in h.line.lower() for h in hits)
    assert index.query("why do i get cramps in my back when stressed", 1)[0].item_id in {
        "stress-induced", "emotional-stress", "stress-management", "stress-and-anxiety"}


def test_words_past_the_32nd_are_ignored() -> None:
    index = build_index(small_content({"Things": ["rest", "walk"]}))
    assert [h.line for h in index.query("rest " * 32 + "walk")] == ["rest"]
    assert [h.line for h in index.query("rest " * 31 + "walk")] == ["rest", "walk"]


def test_a_part_that_tells_nothing_alone_brings_no_sign() -> None:
    """"sciatica" (a part marked `telling = false`) alone reaches no sign and brings none into
    view; with both sides said, the both-sides sign is reached. Another sign that names sciatica
    in its own words, with no parts given, is still found by them."""
    raw = copy.deepcopy(GUIDE)
    raw["red_flags"][0]["flags"] += [{"id": "rf-both", "text": "Sciatica on both sides"},
                                     {"id": "rf-hot", "text": "Sciatica with a temperature"}]
    raw["parts"]["sciatica"] = {"label": "sciatica", "telling": False,
                                "words": [{"source": "S", "says": ["sciatica", "sciatic"]}]}
    raw["parts"]["both"] = {"label": "both sides", "words": [{"source": "S", "says": ["both sides", "both legs"]}]}
    raw["reach"]["rf-both"] = ["sciatica + both"]
    index = build_index(build_content(raw, "guide.toml"))
    assert [(h.item_id, h.reached) for h in index.query("sciatica")] == [("rf-hot", True), ("rf-both", False)]
    assert [(h.item_id, h.reached) for h in index.query("sciatic pain on both sides", 1)] == [("rf-both", True)]


def test_a_copy_of_a_copy_of_a_sign_is_still_found() -> None:
    raw = copy.deepcopy(GUIDE)
    raw["red_flags"][1]["flags"].append({"id": "see-fever-again", "text": "Fever once more", "same_as": "see-fever"})
    hits = build_index(build_content(raw, "guide.toml")).query("fever once")
    assert [(h.item_id, h.line) for h in hits][:1] == [("see-fever-again", "Fever once more")]


def test_emergency_signs_come_before_see_a_doctor_ones(guide: SearchIndex) -> None:
    """Both signs said in full: the emergency first. Scores: 4000 above every tier, 2000 more for
    an emergency, 100 for each part of the combination said, 1 for each word it explains."""
    hits = guide.query("numb crotch for over a week")
    assert [(h.item_id, h.urgency, h.score) for h in hits[:2]] == [
        ("rf-numb", "emergency", 4000 + 2000 + 2 * 100 + 2),  # numb, crotch
        ("see-week", "see-doctor", 4000 + 100 + 3),  # "over a week": three words
    ]
    assert hits[0].matched == (("numb", "numbness"), ("crotch", "the groin"))
    # a sign the guide gives no parts for, found by its own words ("pain"), is reached the same
    # way; one whose parts are not said ("Pain over a week") follows the guide's own lines
    hits = guide.query("pain")
    assert [(h.line, h.reached) for h in hits] == [
        ("Fever with pain", True), ("paint slowly", False), ("Pain over a week", False)]
    # in any order, with other words around, a typo, a phrase with its filler words changed
    for query in ("cant feel my bum", "my bum i cant feel", "crotch numb and a cold", "numbb down there",
                  "pins and needles in the groin"):
        assert [(h.item_id, h.reached) for h in guide.query(query)][:1] == [("rf-numb", True)], query


def test_phrase_beats_all_words_beats_typos() -> None:
    index = build_index(small_content({"Things": ["wrap it cold", "put a cold wrap on"]}))
    hits = index.query("cold wrap")
    assert [h.item_id for h in hits] == ["item-1", "item-0"]  # the phrase first, though longer
    assert hits[0].score >= 3000 > hits[1].score >= 2000
    typo = index.query("cold wrapp")
    assert len(typo) == 2 and all(1000 <= h.score < 2000 for h in typo)
    partial = index.query("cold plate")
    assert partial and all(h.score < 1000 for h in partial)


def test_prefix_matches_rank_below_whole_words() -> None:
    index = build_index(small_content({"Things": ["heatwave lamp", "heat lamp", "lampshade heat", "lamp heat"]}))
    hits = index.query("heat lamp")
    assert [h.item_id for h in hits] == ["item-1", "item-3", "item-0", "item-2"]
    assert hits[0].score >= 3000 > hits[1].score  # only "heat lamp" is the phrase
    assert [h.item_id for h in index.query("hea lam")] == ["item-0", "item-1", "item-2", "item-3"]
    # a word's other forms, but not the longer words its stem starts: "heats" is no "heatwave"
    assert [h.item_id for h in index.query("heats")] == ["item-1", "item-2", "item-3"]


def test_titles_beat_body_text_within_a_tier() -> None:
    index = build_index(small_content({"Cold therapy": ["cold therapy"], "Other": ["cold therapy works well"]}))
    hits = index.query("cold therapy")
    assert [h.kind for h in hits[:2]] == ["section", "item"]
    assert hits[0].section == "Cold therapy"


def test_ties_keep_content_order() -> None:
    index = build_index(small_content({"A": ["zebra cold", "apple cold"], "B": ["mango cold"]}))
    hits = index.query("cold")
    assert len({h.score for h in hits}) == 1
    assert [h.item_id for h in hits] == ["item-0", "item-1", "item-2"]


def test_a_synonym_ranks_a_little_below_the_word_itself() -> None:
    content = small_content({"Things": ["ice pack", "cool pack"]}, synonyms={"cool": ["ice"]})
    hits = build_index(content).query("cool")
    assert [h.item_id for h in hits] == ["item-1", "item-0"]
    assert 0 < hits[0].score - hits[1].score < 500  # same tier
    assert [hits[1].line[a:b] for a, b in hits[1].spans] == ["ice"]


def test_the_longest_synonym_key_wins() -> None:
    content = small_content({"Things": ["ice now", "strap a cold pad"]},
                            synonyms={"ice": ["cold pad"], "ice pack": ["ice"]})
    assert [h.item_id for h in build_index(content).query("ice pack")] == ["item-0"]


def test_a_synonym_key_is_met_with_other_stop_words_or_none() -> None:
    content = small_content({"Things": ["sciatica nerve pain", "leg cramps", "spasm relief", "back support"]},
                            synonyms={"down the leg": ["sciatica"], "my back hurts": ["spasm"]})
    index = build_index(content)
    for query in ("pain down the leg", "pain down my leg", "pain down leg"):
        assert [h.line for h in index.query(query)] == ["sciatica nerve pain"], query
    for query in ("my back hurts", "back hurts", "back hurts now"):
        assert [h.line for h in index.query(query)][:1] == ["spasm relief"], query
    assert [h.line for h in index.query("down leg the")] == ["sciatica nerve pain"]
    # the key takes its own words only: "cramps" after it is a word of its own (no line has all)
    assert [h.line for h in index.query("pain down the leg cramps")] == ["sciatica nerve pain", "leg cramps"]


def test_a_synonym_key_s_last_word_may_be_a_prefix_as_you_type() -> None:
    """ "get up" as you type "get upright": the key's words said word for word count too; before
    another word, "up" is a whole word."""
    others = [f"{word} quietly" for word in "walk swim sing read cook dance paint knit row climb".split()]
    content = small_content({"Things": ["get upright slowly", "stand tall"], "Others": others},
                            synonyms={"get up": ["stand"]})
    index = build_index(content)
    assert [(h.line, h.score) for h in index.query("get up")] == [
        ("get upright slowly", 3000 + 200 + 99 * 2 / 3), ("stand tall", 3000 + 100 + 99 / 2)]
    hits = index.query("get up slowly")  # "up" is no prefix here: no line holds the key and "slowly"
    assert {h.line for h in hits} == {"get upright slowly", "stand tall"} and hits[0].score < 1000


def test_a_word_alone_is_no_synonym_key_that_starts_with_it() -> None:
    content = small_content({"Things": ["wet towel", "bladder control"]}, synonyms={"wet myself": ["bladder"]})
    assert [h.line for h in build_index(content).query("wet")] == ["wet towel"]


def test_a_synonym_key_is_taken_as_written_not_as_a_typo() -> None:
    """ "heat wrapp" is a key of its own: it stands for "bath", and is no mistyped "heat wrap"."""
    content = small_content({"Things": ["heat wrap", "warm bath"]}, synonyms={"heat wrapp": ["bath"]})
    assert [h.line for h in build_index(content).query("heat wrapp")] == ["warm bath"]


def test_a_synonym_key_of_stop_words_only_still_works() -> None:
    content = small_content({"Things": ["first steps", "other steps"]}, synonyms={"what to do": ["first steps"]})
    hits = build_index(content).query("what to do")
    assert [(h.line, h.score) for h in hits] == [("first steps", 3000 + 100 + 99)]


def test_a_synonym_key_is_folded_like_the_query() -> None:
    content = small_content({"Things": ["ibuprofen tablets", "coffee break", "cold pack"]},
                            synonyms={"Advil": ["ibuprofen"], "café": ["coffee"], "ice-pack": ["cold pack"]})
    index = build_index(content)
    for query, line in (("advil", "ibuprofen tablets"), ("ADVIL", "ibuprofen tablets"), ("cafe", "coffee break"),
                        ("Café", "coffee break"), ("ice pack", "cold pack")):
        hits = index.query(query)
        assert [h.line for h in hits] == [line] and hits[0].score > 3000, query  # the synonym, not a typo of it


def test_a_synonym_key_said_word_for_word_finds_itself_first() -> None:
    content = small_content({"Things": ["hot drink", "heat wrap", "hot water bottle"]},
                            synonyms={"hot water bottle": ["heat wrap"]})
    hits = build_index(content).query("hot water bottle")
    assert [(h.line, [h.line[a:b] for a, b in h.spans]) for h in hits] == [
        ("hot water bottle", ["hot", "water", "bottle"]), ("heat wrap", ["heat", "wrap"])]


def test_a_synonym_phrase_is_marked_among_the_query_s_other_words() -> None:
    content = small_content({"Things": ["heat wrap daily", "use a heat wrap daily"]},
                            synonyms={"hot water bottle": ["heat wrap"]})
    hits = build_index(content).query("daily hot water bottle")
    assert [[h.line[a:b] for a, b in h.spans] for h in hits] == [["heat", "wrap", "daily"]] * 2


def test_a_section_named_like_its_tab_is_placed_once() -> None:
    hit = build_index(small_content({"TAB": ["cold pack"]})).query("cold pack")[0]
    assert (hit.section, hit.tab, hit.place) == ("TAB", "Tab", "Tab")


def test_case_accents_and_punctuation_are_ignored() -> None:
    index = build_index(small_content({"Things": ["Child's pose", "Café-au-lait stretch"]}))
    for query in ("CHILD'S POSE", "childs pose", "child\u2019s, pose!", "Chílds   pose"):
        assert [h.item_id for h in index.query(query)] == ["item-0"], query
    for query in ("cafe au lait", "CAFÉ", "cafe\u0301"):
        assert [h.item_id for h in index.query(query)] == ["item-1"], query
    hit = index.query("cafe")[0]
    assert [hit.line[a:b] for a, b in hit.spans] == ["Café"]


def test_a_sentence_said_twice_in_a_topic_is_one_hit() -> None:
    content = small_content({"Section": ["Walk daily."]}, paragraphs=("Rest well. Walk daily.",))
    hits = build_index(content).query("walk daily")
    assert [(h.kind, h.line) for h in hits] == [("paragraph", "Walk daily.")]


def test_limit_caps_the_hits(index: SearchIndex) -> None:
    assert len(index.query("pain", 3)) == 3
    assert index.query("pain", 0) == []


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_a_query(index: SearchIndex, text: str) -> None:
    for hit in index.query(text, 5):
        assert isinstance(hit, Hit)
        assert all(0 <= a < b <= len(hit.line) for a, b in hit.spans)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["back", "pain", "ice", "sciatca", "pins", "and", "the", "x", "\u00e9", "'"]), max_size=8))
def test_any_mix_of_known_words_is_a_query(index: SearchIndex, words: list[str]) -> None:
    hits = index.query(" ".join(words), 10)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_search_imports_nothing_heavy() -> None:
    code = ("import sys, backref.core.search; heavy = [m for m in ('textual', 'rich', 'typing', 'dataclasses', "
            "'inspect', 'unicodedata', 'json') if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

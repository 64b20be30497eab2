"""The tokenizer search and the schema share: folded words, where they sit, stems, sentences,
and how many typos a word may carry. Each table is what a person types against what the guide says."""
from __future__ import annotations

import pytest

from backref.core.words import (
    NEAR,
    edit_limit,
    find_run,
    fold,
    key_word,
    match_skipping,
    sentences,
    stem,
    undouble,
    us_spelling,
    with_prefix,
    within_edits,
    within_slips,
    word_spans,
    words_of,
)


@pytest.mark.parametrize(("word", "folded"), [
    ("Child's", "childs"),
    ("CHILD\u2019S", "childs"),  # a typographic apostrophe, as phones type it
    ("Ciática", "ciatica"),
    ("Café", "cafe"),
    ("e\u0301", "e"),  # a combining accent
    ("Straße", "strasse"),
    ("it\u2019s", "its"),
    ("\u00bd", "12"),  # compatibility forms fold to their letters and digits only
    ("\u2474", "1"),
])
def test_fold_drops_case_accents_and_apostrophes(word: str, folded: str) -> None:
    assert fold(word) == folded


@pytest.mark.parametrize(("text", "words"), [
    ("Child's pose, 2 x 20 min!", ["childs", "pose", "2", "x", "20", "min"]),
    ("Don't lift--twist_now", ["dont", "lift", "twist", "now"]),
    ("'quoted' words", ["quoted", "words"]),
    # beyond ASCII: the same words, whatever the apostrophe or accent
    ("Child's café", ["childs", "cafe"]),
    ("Child\u2019s pose", ["childs", "pose"]),
    ("child\u2019s CAFÉ-au-lait", ["childs", "cafe", "au", "lait"]),
    ("Ciática: dolor", ["ciatica", "dolor"]),
    ("a \u0301 b", ["a", "b"]),  # a lone accent is no word
    ("", []),
    ("?!... ---", []),
])
def test_words_of_folds_every_word_in_order(text: str, words: list[str]) -> None:
    assert words_of(text) == words


@pytest.mark.parametrize("text", [
    "Child's pose, 2 x 20 min!",
    "Don't lift--twist_now",
    "Child\u2019s café-au-lait",
    "a \u0301 b Ciática",
    "  leading spaces",
])
def test_word_spans_point_at_each_word(text: str) -> None:
    spans = word_spans(text)
    assert len(spans) == len(words_of(text))
    assert [fold(text[a:b]) for a, b in spans] == words_of(text)


def test_word_spans_cover_the_word_as_written() -> None:
    assert word_spans("Ice, then heat") == [(0, 3), (5, 9), (10, 14)]
    text = "Café: child\u2019s \u0301 pose"
    assert [text[a:b] for a, b in word_spans(text)] == ["Café", "child\u2019s", "pose"]


@pytest.mark.parametrize(("word", "stemmed"), [
    # short words, and words no rule touches, stay
    ("bed", "bed"), ("ill", "ill"), ("head", "head"), ("thigh", "thigh"), ("felt", "felt"),
    ("20s", "20s"), ("covid19s", "covid19s"), ("abs", "abs"), ("gas", "gas"), ("yes", "yes"),
    # -ness and -ful, when three letters stay
    ("stiffness", "stiff"), ("painful", "pain"), ("useful", "use"), ("awful", "awful"),
    ("fullness", "full"), ("witness", "wit"),
    # -ies and -ied
    ("injuries", "injury"), ("worried", "worry"), ("carried", "carry"), ("flies", "fly"), ("ties", "tie"),
    # -es after s, ch, sh, x and zz
    ("stretches", "stretch"), ("masses", "mass"), ("pushes", "push"), ("boxes", "box"), ("buzzes", "buzz"),
    ("ashes", "ash"), ("aches", "ache"), ("ache", "ache"), ("niches", "nich"), ("asses", "ass"), ("fixes", "fix"),
    # a plural s, but not -ss, -us or -is
    ("spasms", "spasm"), ("legs", "leg"), ("knees", "knee"), ("press", "press"), ("discus", "discus"),
    ("arthritis", "arthritis"), ("abcs", "abc"),
    # -ing on words of six letters or more, a doubled consonant undone
    ("stretching", "stretch"), ("swimming", "swim"), ("sitting", "sit"), ("getting", "get"),
    ("rolling", "roll"), ("hurting", "hurt"), ("eating", "eat"), ("easing", "eas"), ("lying", "lying"), ("tingling", "tingl"),
    # -ed on words of five letters or more, but not -eed
    ("pulled", "pull"), ("stopped", "stop"), ("dressed", "dress"), ("agreed", "agreed"),
    ("aged", "aged"), ("used", "used"), ("eased", "eas"),
    # a final e of a longer word goes, so every form of "sneeze" meets
    ("sneeze", "sneez"), ("sneezing", "sneez"), ("sneezes", "sneez"), ("nerves", "nerv"),
    ("shelves", "shelv"),
])
def test_stem_joins_the_forms_of_a_word(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


@pytest.mark.parametrize(("word", "undoubled"), [
    ("swimm", "swim"), ("gett", "get"), ("stopp", "stop"),
    ("stiff", "stiff"), ("roll", "roll"), ("press", "press"), ("buzz", "buzz"), ("agree", "agree"),
    ("add", "add"), ("pull", "pull"), ("see", "see"), ("shoo", "shoo"),
])
def test_undouble_keeps_double_l_s_f_z_and_vowels(word: str, undoubled: str) -> None:
    assert undouble(word) == undoubled


@pytest.mark.parametrize(("paragraph", "said"), [
    ("Rest well. Walk daily.", ["Rest well.", "Walk daily."]),
    ("Stop! Is it worse? Call now.", ["Stop!", "Is it worse?", "Call now."]),
    ("Use ice, e.g. a cold pack. Then rest.", ["Use ice, e.g. a cold pack.", "Then rest."]),
    ('He said "stop." Then rest.', ['He said "stop."', "Then rest."]),
    ("Ice it. 20 minutes is enough.", ["Ice it.", "20 minutes is enough."]),
    ('Rest. "Walk" daily. (Then) stretch.', ["Rest.", '"Walk" daily.', "(Then) stretch."]),
    ("Rest (not bed rest.) Walk.", ["Rest (not bed rest.)", "Walk."]),
    ("Rest \u201cwell.\u201d \u201cWalk\u201d daily.", ["Rest \u201cwell.\u201d", "\u201cWalk\u201d daily."]),
    ("Rest 'well.' Walk.", ["Rest 'well.'", "Walk."]),
    ("One   sentence\nover lines", ["One sentence over lines"]),
    ("Single.", ["Single."]),
    ("Take 2.XL Then rest.", ["Take 2.XL Then rest."]),  # the stop must end the word
    ("Ice it.X Then rest.", ["Ice it.X Then rest."]),
    ("", []),
    ("   ", []),
])
def test_sentences_split_before_a_capital_after_a_stop(paragraph: str, said: list[str]) -> None:
    assert sentences(paragraph) == said


@pytest.mark.parametrize(("word", "typos"), [
    ("", 0), ("ice", 0), ("heat", 1), ("spasm", 1), ("lumbar", 1), ("stretch", 2), ("sciatica", 2),
])
def test_edit_limit_forgives_more_typos_in_longer_words(word: str, typos: int) -> None:
    assert edit_limit(word) == typos


@pytest.mark.parametrize(("typed", "word", "limit", "near"), [
    ("spasm", "spasm", 1, True),
    ("spasn", "spasm", 1, True),  # a wrong letter
    ("spassm", "spasm", 1, True),  # an extra letter
    ("spsm", "spasm", 1, True),  # a missing letter
    ("psasm", "spasm", 1, True),  # the first two letters swapped
    ("sapsm", "spasm", 1, True),  # two letters swapped in the middle
    ("spams", "spasm", 1, True),  # the last two swapped
    ("ssciatica", "sciatica", 1, True),
    ("sciatca", "sciatica", 2, True),
    ("sciatcia", "sciatica", 2, True),
    ("siactica", "sciatica", 2, True),
    ("scaitcia", "sciatica", 2, True),  # two swaps
    ("asciatica", "sciatica", 2, True),
    ("spine", "spasm", 1, False),
    ("plasm", "spasm", 1, False),  # two wrong letters, the first one of them
    ("spazzm", "spasm", 1, False),
    ("pasms", "spasm", 1, False),
    ("sciat", "sciatica", 2, False),  # too short to be a typo
    ("xxxsciatic", "sciatica", 2, False),  # three stray letters in front are three edits
    ("stretch", "sciatica", 2, False),
])
def test_within_edits_counts_typos_a_swap_as_one(typed: str, word: str, limit: int, near: bool) -> None:
    assert within_edits(typed, word, limit) is near
    assert within_edits(word, typed, limit) is near


def test_with_prefix_finds_the_words_that_start_so() -> None:
    words = sorted(["heat", "heating", "heatwave", "heal", "hip", "ice", "he"])
    assert with_prefix(words, "heat") == ["heat", "heating", "heatwave"]
    assert with_prefix(words, "he") == ["he", "heal", "heat", "heating", "heatwave"]
    assert with_prefix(words, "ic") == ["ice"]
    assert with_prefix(words, "ice") == ["ice"]
    assert with_prefix(words, "ices") == []
    assert with_prefix(words, "a") == []
    assert with_prefix(words, "z") == []
    assert with_prefix([], "he") == []


def test_match_skipping_passes_over_stop_words() -> None:
    # "pain down my leg" against the key "down the leg" without its stop words: (down, leg)
    stems = ["pain", "down", "my", "leg", "now"]
    stop = [False, False, True, False, False]
    assert match_skipping(stems, stop, 1, ("down", "leg")) == 4
    assert match_skipping(stems, stop, 0, ("pain", "down")) == 2
    assert match_skipping(stems, stop, 0, ("pain", "down", "leg", "now")) == 5
    assert match_skipping(stems, stop, 1, ("down", "leg", "now")) == 5
    assert match_skipping(stems, stop, 1, ("down", "arm")) == 0
    assert match_skipping(stems, stop, 3, ("leg", "now", "again")) == 0  # the query ends first
    assert match_skipping(["my", "my"], [True, True], 0, ("leg",)) == 0


def test_find_run_finds_words_side_by_side() -> None:
    stems = ("put", "a", "cold", "wrap", "on")
    assert find_run(stems, ("cold", "wrap")) == 2
    assert find_run(stems, ("put", "a")) == 0
    assert find_run(stems, ("wrap", "on")) == 3
    assert find_run(stems, ("on",)) == 4
    assert find_run(stems, ("put", "a", "cold", "wrap", "on")) == 0
    assert find_run(stems, ("wrap", "cold")) == -1
    assert find_run(stems, ("cold", "on")) == -1
    assert find_run(stems, ("on", "it")) == -1
    assert find_run(stems, ("a", "put")) == -1
    assert find_run((), ("cold",)) == -1


def test_find_run_lets_the_last_word_be_a_prefix_as_you_type() -> None:
    stems = ("heat", "and", "cold")
    raws = ("heat", "and", "cold")
    assert find_run(stems, ("and", "co"), raws, "co") == 1
    assert find_run(stems, ("heat", "an"), raws, "an") == 0
    assert find_run(stems, ("and", "co")) == -1  # no prefix without the last word typed
    assert find_run(stems, ("and", "he"), raws, "he") == -1
    assert find_run(stems, ("heat", "co"), raws, "co") == -1  # not side by side


@pytest.mark.parametrize(("uk", "us"), [
    ("anaesthesia", "anesthesia"), ("haematuria", "hematuria"), ("diarrhoea", "diarrhea"),
    ("oedema", "edema"), ("tumour", "tumor"), ("tumours", "tumors"), ("colour", "color"),
    ("paralysed", "paralyzed"), ("paralyse", "paralyze"), ("immobilised", "immobilized"),
    ("centre", "center"),
])
def test_uk_and_us_spellings_fold_together(uk: str, us: str) -> None:
    assert us_spelling(uk) == us_spelling(us)
    assert key_word(uk) == key_word(us)


@pytest.mark.parametrize("word", ["pooed", "toes", "shoes", "hour", "four", "disease", "raise", "bed"])
def test_words_that_only_look_british_keep_their_spelling(word: str) -> None:
    assert us_spelling(word) == word


@pytest.mark.parametrize(("said", "same"), [
    ("isnt", "not"), ("doesnt", "not"), ("dont", "not"), ("wont", "not"), ("arent", "not"),
    ("cannot", "cant"), ("couldnt", "cant"), ("unable", "cant"), ("disk", "disc"),
    ("peeing", "pee"), ("numbness", "numb"), ("tingling", "tingle"),
])
def test_meaning_matching_says_each_negation_and_form_one_way(said: str, same: str) -> None:
    assert key_word(said) == key_word(same)


@pytest.mark.parametrize(("typed", "word", "limit", "slip"), [
    ("numbnes", "numbness", 2, True),  # a letter left out
    ("nummb", "numb", 1, True),  # one too many
    ("nmubness", "numbness", 2, True),  # two swapped
    ("chezt", "chest", 1, True),  # s and z are neighbours on the keyboard
    ("incontinance", "incontinence", 2, True),  # a vowel for a vowel
    ("fewer", "fever", 1, False),  # w and v are not neighbours: another word, not a slip
    ("chilly", "chills", 1, False),
    ("ladder", "bladder", 1, True),  # a letter left out, at the start (meaning-matching also
    # wants the first letter kept, see meaning.py)
    ("numbness", "numbness", 0, True),
    ("numb", "dumb", 0, False),
])
def test_a_slip_is_a_finger_s_mistake(typed: str, word: str, limit: int, slip: bool) -> None:
    assert within_slips(typed, word, limit) is slip
    assert within_slips(word, typed, limit) is slip or typed == word


def test_keyboard_neighbours_are_the_keys_around() -> None:
    within_slips("a", "a", 0)  # the table is filled on the first slip looked for
    assert set(NEAR["s"]) == set("weadzx")
    assert set(NEAR["g"]) == set("tyfhvb")
    assert set(NEAR["q"]) == set("wa")

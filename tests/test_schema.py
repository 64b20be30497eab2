"""`backref check` on a content file that uses every field the schema knows, and on that file with
one mistake at a time: each mistake is named, in place, one line each, and nothing else is said."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from backref.cli.main import main

# Every optional field in use: urgency words with their numbers, plain words of a red flag, synonyms,
# daily, episode and kept checklists, a list of paragraphs only, timers of each shape, a red-flag list
# after a section and one at the end of a topic with no sections, a same_as copy.
RICH = """\
[meta]
title = "Test guide"
source = "Test source"
version = "2"
disclaimer = "Not advice."

[synonyms]
"cold pack" = ["ice"]
numb = ["numbness"]

[urgency.emergency]
label = "EMERGENCY"
heading = "Get help now"
action = "Call {number} now."
number = "999"
short_action = "Call {number}"
short_number = "999 or 112"
source = "Test source"

[urgency.see-doctor]
label = "SEE A DOCTOR"
heading = "See a doctor soon"
action = "Book a visit."
source = "Test source"
time_frame = "Within a week."
time_frame_source = "Test source"
safety_net = "If it gets worse, call {number}."
safety_net_source = "Test source"

[lay.cauda]
question = "Is your groin numb?"
question_source = "Test source"
words = [{ source = "Forum", says = ["numb bum", "no feeling down there"] }]
not_alone = ["numb"]
not_alone_source = "Test source"

[lay.fever]
question = "Do you have a fever?"
question_source = "Test source"
differs = "Another service says: see a doctor today."
differs_source = "Test source"

[numbers."000"]
says = "000 is the emergency number in Australia."
source = "Test source"

[[topics]]
id = "relief"
title = "Easing a spasm"
tab = "Twelve-lette"
paragraphs = ["Ease the cramp."]

[[topics.sections]]
id = "care"
title = "First steps"
kind = "checklist"
scope = "episode"
paragraphs = ["Start at once."]
items = [
  { id = "ice", text = "Apply ice for 20 min every 2 hours for the first 48 hours", detail = "Wrap it in a cloth", timer = { minutes = 20, every_hours = 2, for_hours = 48, from = ["ice"], cautions = ["skin"], then = "heat" } },
  { id = "pose", text = "Hold the stretch 30 seconds", timer = { seconds = 30, from = ["pose"], rest_seconds = 1 } },
  { id = "skin", text = "Check the skin" },
  { id = "heat", text = "Then use heat" },
]

[[topics.sections]]
id = "habits"
title = "Habits"
kind = "checklist"
daily = true
scope = "daily"
items = [{ id = "walk", text = "Walk" }]

[[topics.sections]]
id = "older"
title = "Older"
kind = "checklist"
daily = true
items = [{ id = "drink", text = "Drink water" }]

[[topics.sections]]
id = "kept"
title = "Kept"
kind = "checklist"
daily = false
items = [{ id = "mattress", text = "Buy a firm mattress" }]

[[topics.sections]]
id = "about"
title = "About"
kind = "list"
paragraphs = ["Cramps pass."]

[[topics.sections]]
id = "causes"
title = "Causes"
kind = "list"
items = [{ id = "strain", text = "Strain", detail = "Lifting" }]

[[topics]]
id = "doctor"
title = "Doctor"
tab = "Doctor"
paragraphs = ["When to go."]

[[red_flags]]
id = "go-now"
title = "Go now"
urgency = "emergency"
topic = "relief"
after = "care"
note = "Rare but serious."
flags = [{ id = "cauda", text = "Numbness in the groin", gloss = "no feeling between the legs", gloss_source = "Test source" }, { id = "fever", text = "Fever with back pain" }]

[[red_flags]]
id = "book"
title = "Book a visit"
urgency = "see-doctor"
topic = "doctor"
flags = [{ id = "long-pain", text = "Pain for weeks" }, { id = "groin", text = "Numb groin", same_as = "cauda" }]
"""


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, str, list[str]]:
    path = tmp_path / "content.toml"
    path.write_text(text, encoding="utf-8")
    code = main(["check", os.fspath(path)])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def test_a_file_with_every_field_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(tmp_path, capsys, RICH) == (0, "ok: 2 topics, 8 items, 4 red flags\n", [])


def problems(*lines: str) -> list[str]:
    return [f"backref: content.toml: {line}" for line in lines]


SECTION0 = "topics[0].sections[0]"
ICE = f"{SECTION0}.items[0]"
ICE_TIMER = f"{ICE}.timer"
HOLD_TIMER = f"{SECTION0}.items[1].timer"
FIRST_TIMER = "timer = { minutes = 20, every_hours = 2, for_hours = 48, "
SECOND_TIMER = "timer = { seconds = 30, "
KNOWN_TOP = "meta, topics, red_flags, synonyms, urgency, lay, numbers, parts, reach"

# (what is wrong, the text replaced, its replacement, every line `check` prints)
CASES = [
    # the file as a whole
    ("an unknown top-level key", "[meta]", "extra = 1\n[meta]",
     [f"unknown key 'extra' (known: {KNOWN_TOP})"]),
    ("meta a string", "[meta]\n", 'meta = "M"\n[old-meta]\n',
     [f"unknown key 'old-meta' (known: {KNOWN_TOP})", "meta: must be a table"]),
    ("meta without its version", 'version = "2"\n', "",
     ["meta: 'version' is required"]),
    ("a meta title not a string", 'title = "Test guide"', "title = 2",
     ["meta.title: must be a string"]),
    ("an unknown meta key", 'disclaimer = "Not advice."', 'disclaimer = "Not advice."\nauthor = "A"',
     ["meta: unknown key 'author' (known: title, source, version, disclaimer)"]),
    # topics
    ("a topic without title and tab", 'title = "Doctor"\ntab = "Doctor"\n', "",
     ["topics[1]: 'title' is required", "topics[1]: 'tab' is required"]),
    ("a topic's sections a number", 'tab = "Doctor"\n', 'tab = "Doctor"\nsections = 5\n',
     ["topics[1].sections: must be an array"]),
    ("a topic id a number", 'id = "doctor"', "id = 3",
     ["topics[1].id: must be a string", "red_flags[1].topic: no topic has id 'doctor'"]),
    ("an empty topic id", 'id = "doctor"', 'id = " "',
     ["topics[1].id: must not be empty", "red_flags[1].topic: no topic has id 'doctor'"]),
    ("two topics with one id", 'id = "doctor"', 'id = "relief"',
     ["topics[1].id: duplicate id 'relief' (first used at topics[0])",
      "red_flags[1].topic: no topic has id 'doctor'"]),
    ("a topic tab a number", 'tab = "Doctor"', "tab = 6",
     ["topics[1].tab: must be a string"]),
    ("an empty and a non-string paragraph", 'paragraphs = ["When to go."]', 'paragraphs = ["", 3, "Go."]',
     ["topics[1].paragraphs[0]: must be a non-empty string", "topics[1].paragraphs[1]: must be a non-empty string"]),
    # sections
    ("a section not a table", 'tab = "Doctor"\n', 'tab = "Doctor"\nsections = ["about"]\n',
     ["topics[1].sections[0]: must be a table"]),
    ("a section of unknown kind", 'kind = "list"\nparagraphs', 'kind = "table"\nparagraphs',
     ["topics[0].sections[4].kind: unknown kind 'table' (known: list, checklist)"]),
    ("a section kind a number", 'kind = "list"\nparagraphs', "kind = 2\nparagraphs",
     ["topics[0].sections[4].kind: must be a string"]),
    ("a daily list", 'kind = "list"\nparagraphs', 'kind = "list"\ndaily = true\nparagraphs',
     ["topics[0].sections[4].daily: only a checklist section can be daily"]),
    ("a list with a scope", 'kind = "list"\nparagraphs', 'kind = "list"\nscope = "daily"\nparagraphs',
     ["topics[0].sections[4].scope: only a checklist section has a scope"]),
    ("an unknown scope", 'scope = "episode"', 'scope = "weekly"',
     ["topics[0].sections[0].scope: unknown scope 'weekly' (known: daily, episode)"]),
    ("daily against its scope", 'scope = "daily"', 'scope = "episode"',
     ["topics[0].sections[1].daily: daily = true contradicts scope = 'episode'"]),
    ("daily not true or false", "daily = false", 'daily = "no"',
     ["topics[0].sections[3].daily: must be true or false"]),
    ("a section with neither items nor paragraphs", 'paragraphs = ["Cramps pass."]\n', "",
     ["topics[0].sections[4]: needs items or paragraphs"]),
    ("a checklist of paragraphs", 'items = [{ id = "walk", text = "Walk" }]', 'paragraphs = ["Walk."]',
     ["topics[0].sections[1]: a checklist needs items"]),
    ("a checklist with no items at all", 'items = [{ id = "walk", text = "Walk" }]\n', "",
     ["topics[0].sections[1]: needs items or paragraphs", "topics[0].sections[1]: a checklist needs items"]),
    ("items a number", 'items = [{ id = "walk", text = "Walk" }]', "items = 5",
     ["topics[0].sections[1].items: must be an array"]),
    ("a section paragraph empty", 'paragraphs = ["Cramps pass."]', 'paragraphs = [""]',
     ["topics[0].sections[4].paragraphs[0]: must be a non-empty string"]),
    ("a section id used twice", 'id = "kept"', 'id = "older"',
     ["topics[0].sections[3].id: duplicate id 'older' (first used at topics[0].sections[2])"]),
    # items
    ("an item not a table", '{ id = "walk", text = "Walk" }', '"walk"',
     ["topics[0].sections[1].items[0]: must be a table"]),
    ("an item without text", '{ id = "walk", text = "Walk" }', '{ id = "walk" }',
     ["topics[0].sections[1].items[0]: 'text' is required"]),
    ("an item id used twice", '{ id = "walk"', '{ id = "drink"',
     ["topics[0].sections[2].items[0].id: duplicate id 'drink' (first used at topics[0].sections[1].items[0])"]),
    ("an item id with capitals", '{ id = "walk"', '{ id = "Walk"',
     ["topics[0].sections[1].items[0].id: 'Walk' must be a slug: lower-case letters, digits and '-'"]),
    ("an empty item id", '{ id = "walk"', '{ id = ""',
     ["topics[0].sections[1].items[0].id: must not be empty"]),
    # timers
    ("a timer not a table", 'timer = { seconds = 30, from = ["pose"], rest_seconds = 1 }', "timer = 30",
     [f"{HOLD_TIMER}: must be a table"]),
    ("a timer with minutes and seconds", SECOND_TIMER, "timer = { seconds = 30, minutes = 30, ",
     [f"{HOLD_TIMER}: needs exactly one of 'minutes' or 'seconds'",
      f"{HOLD_TIMER}.minutes: 30 is not said by the items in 'from' (no '30 minutes' in their text)"]),
    ("a timer with neither", SECOND_TIMER, "timer = { ",
     [f"{HOLD_TIMER}: needs exactly one of 'minutes' or 'seconds'"]),
    ("a timer without from", 'from = ["pose"], ', "",
     [f"{HOLD_TIMER}: 'from' is required"]),
    ("for_hours without every_hours", "every_hours = 2, ", "",
     [f"{ICE_TIMER}: 'for_hours' needs 'every_hours' (a repeating timing)"]),
    ("then without for_hours", "every_hours = 2, for_hours = 48, ", "every_hours = 2, ",
     [f"{ICE_TIMER}.then: needs 'for_hours' (the step after that many hours)"]),
    ("timings below one", FIRST_TIMER, "timer = { minutes = 0, every_hours = 0, for_hours = 0, ",
     [f"{ICE_TIMER}.minutes: must be 1 or more", f"{ICE_TIMER}.every_hours: must be 1 or more",
      f"{ICE_TIMER}.for_hours: must be 1 or more",
      f"{ICE_TIMER}.minutes: 0 is not said by the items in 'from' (no '0 minutes' in their text)",
      f"{ICE_TIMER}.every_hours: 0 is not said by the items in 'from' (no '0 hours' in their text)",
      f"{ICE_TIMER}.for_hours: 0 is not said by the items in 'from' (no '0 hours' in their text)"]),
    ("seconds and rest below one", "seconds = 30, ", "seconds = 0, ",
     [f"{HOLD_TIMER}.seconds: must be 1 or more",
      f"{HOLD_TIMER}.seconds: 0 is not said by the items in 'from' (no '0 seconds' in their text)"]),
    ("rest below one", "rest_seconds = 1", "rest_seconds = 0",
     [f"{HOLD_TIMER}.rest_seconds: must be 1 or more"]),
    ("a timing true", "rest_seconds = 1", "rest_seconds = true",
     [f"{HOLD_TIMER}.rest_seconds: must be a whole number"]),
    ("a timing the text does not say", "minutes = 20", "minutes = 25",
     [f"{ICE_TIMER}.minutes: 25 is not said by the items in 'from' (no '25 minutes' in their text)"]),
    ("hours the text does not say", "every_hours = 2, for_hours = 48", "every_hours = 3, for_hours = 72",
     [f"{ICE_TIMER}.every_hours: 3 is not said by the items in 'from' (no '3 hours' in their text)",
      f"{ICE_TIMER}.for_hours: 72 is not said by the items in 'from' (no '72 hours' in their text)"]),
    ("seconds the text does not say", "seconds = 30", "seconds = 45",
     [f"{HOLD_TIMER}.seconds: 45 is not said by the items in 'from' (no '45 seconds' in their text)"]),
    ("a timing said by another item of from", 'from = ["pose"]', 'from = ["skin", "pose"]', []),
    ("from empty", 'from = ["pose"]', "from = []",
     [f"{HOLD_TIMER}.from: must name at least one item whose words give the timing"]),
    ("from a number", 'from = ["pose"]', "from = 5",
     [f"{HOLD_TIMER}.from: must be an array"]),
    ("from naming no item", 'from = ["pose"]', 'from = ["ghost", 3]',
     [f"{HOLD_TIMER}.from[0]: no item has id 'ghost'", f"{HOLD_TIMER}.from[1]: no item has id 3"]),
    ("from naming an item without text", 'text = "Hold the stretch 30 seconds"', "text = 30",
     [f"{SECTION0}.items[1].text: must be a string", f"{HOLD_TIMER}.from[0]: no item has id 'pose'"]),
    ("from naming a red flag", 'from = ["pose"]', 'from = ["fever"]',
     [f"{HOLD_TIMER}.from[0]: no item has id 'fever'"]),
    ("cautions naming no item", 'cautions = ["skin"]', 'cautions = ["ghost", 3]',
     [f"{ICE_TIMER}.cautions[0]: no item has id 'ghost'", f"{ICE_TIMER}.cautions[1]: no item has id 3"]),
    ("cautions a number", 'cautions = ["skin"]', "cautions = 5",
     [f"{ICE_TIMER}.cautions: must be an array"]),
    ("then naming no item", 'then = "heat"', 'then = "ghost"',
     [f"{ICE_TIMER}.then: no item has id 'ghost'"]),
    ("a timer key unknown", "rest_seconds = 1", "rest_seconds = 1, repeat = 2",
     [f"{HOLD_TIMER}: unknown key 'repeat' (known: minutes, seconds, every_hours, for_hours, from, "
      "cautions, then, rest_seconds)"]),
    # red-flag lists
    ("an unknown urgency", 'urgency = "see-doctor"', 'urgency = "soon"',
     ["red_flags[1].urgency: unknown urgency 'soon' (known: emergency, see-doctor)"]),
    ("a list for no topic", 'topic = "doctor"', 'topic = "doctors"',
     ["red_flags[1].topic: no topic has id 'doctors'"]),
    ("a list after no section", 'after = "care"', 'after = "relief"',
     ["red_flags[0].after: no section has id 'relief'"]),
    ("a list with the id of a section", 'id = "book"', 'id = "care"',
     ["red_flags[1].id: duplicate id 'care' (first used at topics[0].sections[0])"]),
    ("a list id not a slug", 'id = "book"', 'id = "book now"',
     ["red_flags[1].id: 'book now' must be a slug: lower-case letters, digits and '-'"]),
    ("flags empty", 'flags = [{ id = "long-pain", text = "Pain for weeks" }, { id = "groin", text = "Numb groin", '
     'same_as = "cauda" }]', "flags = []",
     ["red_flags[1].flags: must list at least one red flag"]),
    ("flags a number", 'flags = [{ id = "long-pain", text = "Pain for weeks" }, { id = "groin", text = "Numb groin", '
     'same_as = "cauda" }]', "flags = 5",
     ["red_flags[1].flags: must be an array"]),
    ("a flag not a table", '{ id = "long-pain", text = "Pain for weeks" }', '"weeks"',
     ["red_flags[1].flags[0]: must be a table"]),
    ("a flag without text", '{ id = "long-pain", text = "Pain for weeks" }', '{ id = "long-pain" }',
     ["red_flags[1].flags[0]: 'text' is required"]),
    ("a flag with an item's id", '{ id = "long-pain"', '{ id = "walk"',
     ["red_flags[1].flags[0].id: duplicate id 'walk' (first used at topics[0].sections[1].items[0])"]),
    ("a flag id not a slug", '{ id = "long-pain"', '{ id = "Weeks"',
     ["red_flags[1].flags[0].id: 'Weeks' must be a slug: lower-case letters, digits and '-'"]),
    ("same_as no flag", 'same_as = "cauda"', 'same_as = "numb"',
     ["red_flags[1].flags[1].same_as: no red flag has id 'numb'"]),
    # urgency words
    ("an unknown urgency's words", "[urgency.see-doctor]", "[urgency.soon]",
     ["urgency.soon: unknown urgency 'soon' (known: emergency, see-doctor)"]),
    ("an action naming {number} with no number", 'number = "999"\n', "",
     ["urgency.emergency: the action names {number}: 'number' is required"]),
    ("a short action naming {number} with no short number", 'short_number = "999 or 112"\n', "",
     ["urgency.emergency: the short_action names {number}: 'short_number' is required"]),
    ("a time frame without its source", 'time_frame_source = "Test source"\n', "",
     ["urgency.see-doctor: 'time_frame' needs 'time_frame_source'"]),
    ("a safety net without its source", 'safety_net_source = "Test source"\n', "",
     ["urgency.see-doctor: 'safety_net' needs 'safety_net_source'"]),
    ("a gloss without its source", ', gloss_source = "Test source"', "",
     ["red_flags[0].flags[0]: 'gloss' needs 'gloss_source'"]),
    ("a difference without its source", 'differs_source = "Test source"\n', "",
     ["lay.fever: 'differs' needs 'differs_source'"]),
    ("a number that is not digits", '[numbers."000"]', '[numbers.triple-zero]',
     ["numbers.'triple-zero': the key must be a phone number in digits, such as \"000\""]),
    ("a number without its source", 'in Australia."\nsource = "Test source"', 'in Australia."',
     ["numbers.'000': 'source' is required"]),
    ("urgency words without source", 'action = "Book a visit."\nsource = "Test source"', 'action = "Book a visit."',
     ["urgency.see-doctor: 'source' is required"]),
    # plain words
    ("plain words for no red flag", "[lay.fever]", "[lay.chills]",
     ["lay.chills: no red flag (other than a same_as copy) has id 'chills'"]),
    ("plain words for a same_as copy", "[lay.fever]", "[lay.groin]",
     ["lay.groin: no red flag (other than a same_as copy) has id 'groin'"]),
    ("plain words for an item", "[lay.fever]", "[lay.walk]",
     ["lay.walk: no red flag (other than a same_as copy) has id 'walk'"]),
    ("not_alone without its source", 'not_alone_source = "Test source"\n', "",
     ["lay.cauda: 'not_alone' needs 'not_alone_source'"]),
    ("not_alone with an empty word", 'not_alone = ["numb"]', 'not_alone = ["numb", ""]',
     ["lay.cauda.not_alone[1]: must be a non-empty string"]),
    ("plain words with an empty saying", 'says = ["numb bum", "no feeling down there"]', 'says = ["numb bum", " "]',
     ["lay.cauda.words[0].says[1]: must be a non-empty string"]),
    ("plain words without source", '{ source = "Forum", says', "{ says",
     ["lay.cauda.words[0]: 'source' is required"]),
    ("plain words not tables", 'words = [{ source = "Forum", says = ["numb bum", "no feeling down there"] }]',
     'words = [5, { source = "Forum", says = [""] }]',
     ["lay.cauda.words[0]: must be a table", "lay.cauda.words[1].says[0]: must be a non-empty string"]),
    ("plain words a number", 'words = [{ source = "Forum", says = ["numb bum", "no feeling down there"] }]',
     "words = 5", ["lay.cauda.words: must be an array"]),
    ("a synonym of a word the content lacks", '"cold pack" = ["ice"]', '"cold pack" = ["ice", "frost snow"]',
     ["synonyms.'cold pack': 'frost snow': frost, snow occurs nowhere in the content"]),
    ("a synonym slug key", 'numb = ["numbness"]', 'numb = ["tingling"]',
     ["synonyms.numb: 'tingling': tingling occurs nowhere in the content"]),
    ("a synonym key with no word", '"cold pack"', '"!!"', ["synonyms.'!!': the key must contain a word"]),
    ("synonyms empty or not strings", '"cold pack" = ["ice"]', '"cold pack" = []\nchill = ["", 4, "frost"]',
     ["synonyms.'cold pack': must be a non-empty array of strings",
      "synonyms.chill: must be a non-empty array of strings",
      "synonyms.chill: must be a non-empty array of strings",
      "synonyms.chill: 'frost': frost occurs nowhere in the content"]),
    ("synonyms a string", '"cold pack" = ["ice"]', '"cold pack" = "ice"',
     ["synonyms.'cold pack': must be a non-empty array of strings"]),
    # ids, the references to them and kinds are not words a person reads
    ("synonyms of words only ids and references hold", 'numb = ["numbness"]',
     'numb = ["numbness"]\nids = ["long", "care", "relief", "cauda", "pose", "checklist"]',
     ["synonyms.ids: 'long': long occurs nowhere in the content",
      "synonyms.ids: 'care': care occurs nowhere in the content",
      "synonyms.ids: 'relief': relief occurs nowhere in the content",
      "synonyms.ids: 'cauda': cauda occurs nowhere in the content",
      "synonyms.ids: 'pose': pose occurs nowhere in the content",
      "synonyms.ids: 'checklist': checklist occurs nowhere in the content"]),
]


@pytest.mark.parametrize(("old", "new", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_mistake_is_named_in_place_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: list[str]
) -> None:
    assert RICH.count(old) == 1, old
    code, out, err = check(tmp_path, capsys, RICH.replace(old, new))
    assert (code, out, err) == ((2, "", problems(*expected)) if expected else (0, "ok: 2 topics, 8 items, 4 red flags\n", []))


META = '[meta]\ntitle = "T"\nsource = "S"\nversion = "1"\ndisclaimer = "D"\n'
TOPIC = '[[topics]]\nid = "t"\ntitle = "T"\ntab = "T"\nparagraphs = ["P."]\n'
FLAGS = '[[red_flags]]\nid = "r"\ntitle = "R"\nurgency = "emergency"\ntopic = "t"\nflags = [{ id = "fever", text = "Fever" }]\n'
LAY = '[lay.fever]\nquestion = "Q?"\nquestion_source = "S"\n'
EMERGENCY = '[urgency.emergency]\nlabel = "L"\nheading = "H"\naction = "A"\nsource = "S"\n'

# (what is wrong, the whole file, every line `check` prints)
SHAPES = [
    ("no meta", TOPIC, ["file: 'meta' is required"]),
    ("no topics", META, ["file: 'topics' is required"]),
    ("no topic", "topics = []\n" + META, ["topics: at least one topic is required"]),
    ("tables of numbers", "topics = 5\nred_flags = 5\nsynonyms = 5\nurgency = 5\n" + META + LAY,
     ["topics: must be an array", "red_flags: must be an array", "synonyms: must be a table",
      "urgency: must be a table", "lay.fever: no red flag (other than a same_as copy) has id 'fever'"]),
    ("arrays of numbers", "topics = [5]\nred_flags = [5]\n" + META + LAY,
     ["topics[0]: must be a table", "red_flags[0]: must be a table",
      "lay.fever: no red flag (other than a same_as copy) has id 'fever'"]),
    ("plain words a number", "lay = 5\n" + META + TOPIC, ["lay: must be a table"]),
    ("a list's flags and a second list's same_as",
     META + TOPIC + FLAGS.replace('[{ id = "fever", text = "Fever" }]', "5")
     + FLAGS.replace('id = "r"', 'id = "s"').replace('text = "Fever"', 'text = "Fever", same_as = "chills"'),
     ["red_flags[0].flags: must be an array", "red_flags[1].flags[0].same_as: no red flag has id 'chills'"]),
    ("urgency words not a table, then a number left out",
     "[urgency]\nemergency = 5\n" + META + TOPIC
     + EMERGENCY.replace("emergency", "see-doctor").replace('"A"', '"Call {number}"'),
     ["urgency.emergency: must be a table", "urgency.see-doctor: the action names {number}: 'number' is required"]),
    ("plain words not a table, then plain words for no red flag",
     "[lay]\nfever = 5\n" + META + TOPIC + FLAGS + LAY.replace("fever", "chills"),
     ["lay.fever: must be a table", "lay.chills: no red flag (other than a same_as copy) has id 'chills'"]),
    ("synonyms: the first empty, the second unknown",
     '[synonyms]\nchill = []\ncold = ["frost"]\n' + META + TOPIC,
     ["synonyms.chill: must be a non-empty array of strings",
      "synonyms.cold: 'frost': frost occurs nowhere in the content"]),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in SHAPES], ids=[case[0] for case in SHAPES])
def test_a_file_of_the_wrong_shape_is_named_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: list[str]
) -> None:
    assert check(tmp_path, capsys, text) == (2, "", problems(*expected))


# --- what cannot be read at all


def test_a_file_cut_short_is_named_at_its_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(tmp_path, capsys, META + '[[topics]]\nid = "rel') == (
        2, "", problems("at end of file: Unterminated string"))


def test_a_file_not_in_utf8_names_the_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "content.toml"
    path.write_bytes(b'[meta]\ntitle = "caf\xe9"\n')
    assert main(["check", os.fspath(path)]) == 2
    assert capsys.readouterr() == ("", "backref: content.toml: not UTF-8 text (byte 19)\n")


def test_a_device_and_a_directory_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "/dev/zero"]) == 2
    assert capsys.readouterr() == ("", "backref: /dev/zero: cannot read: not a regular file or a pipe\n")
    assert main(["check", os.fspath(tmp_path)]) == 2
    assert capsys.readouterr() == ("", f"backref: {tmp_path}: is a directory, not a content file\n")


def test_a_pipe_is_read_to_its_end_and_an_empty_one_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    """What `backref check <(cat content.toml)` hands backref: /dev/fd/N, a pipe."""
    read_end, write_end = os.pipe()

    def feed() -> None:
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(RICH.encode())

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        code = main(["check", f"/dev/fd/{read_end}"])
    finally:
        writer.join()
        os.close(read_end)
    assert (code, *capsys.readouterr()) == (0, "ok: 2 topics, 8 items, 4 red flags\n", "")

    read_end, write_end = os.pipe()
    os.close(write_end)
    try:
        code = main(["check", f"/dev/fd/{read_end}"])
    finally:
        os.close(read_end)
    assert (code, *capsys.readouterr()) == (
        2, "", f"backref: /dev/fd/{read_end}: a pipe with nothing written to it (no writer?)\n")

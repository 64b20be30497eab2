"""What a person types, resolved to a topic, section or item, and the one line they see when
it resolves to nothing or to more than one (found by a mutation run of core/resolve.py)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core.content import Content, Item, Section, Topic
from backref.core.errors import UserError
from backref.core.load import load_content
from backref.core.resolve import resolve_checklists, resolve_item, resolve_section, resolve_topic
from conftest import CONTENT


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(os.fspath(CONTENT), use_cache=False)


def checklist_items(content: Content) -> list[Item]:
    return [item for _t, s in content.checklist_sections() for item in s.items]


def test_a_whole_item_text_wins_over_items_that_contain_it(tmp_path: Path) -> None:
    path = tmp_path / "walk.toml"
    path.write_text(
        '[meta]\ntitle = "T"\nsource = "S"\nversion = "1"\ndisclaimer = "D"\n'
        '[[topics]]\nid = "t"\ntitle = "T"\ntab = "T"\n'
        '[[topics.sections]]\nid = "s"\ntitle = "S"\nkind = "checklist"\n'
        'items = [{ id = "walk-slowly", text = "Walk slowly" }, { id = "walk", text = "Walk" }]\n'
    )
    small = load_content(os.fspath(path), use_cache=False)
    assert resolve_item(small, "WALK").id == "walk"  # not "matches 2 checklist items"


def test_more_than_one_match_lists_each_as_id_and_text_and_asks_for_the_id(content: Content) -> None:
    with pytest.raises(UserError) as caught:
        resolve_item(content, "stretch")
    message = str(caught.value)
    assert message.endswith("; name one by its id")
    listed = message.split(": ", 1)[1].removesuffix("; name one by its id").split(", ")
    assert len(listed) >= 2 and all(entry.endswith(")") and " (" in entry for entry in listed)


def test_near_misses_name_only_items_that_share_a_word(content: Content) -> None:
    with pytest.raises(UserError) as caught:
        resolve_item(content, "stretchy warm-up routine")  # no item holds this text
    message = str(caught.value)
    assert "did you mean: " in message
    suggested = message.split("did you mean: ", 1)[1].split(", ")
    wanted = {"stretchy", "warm", "routine"}
    texts = {item.id: item.text.lower().replace("-", " ").split() for item in checklist_items(content)}
    ids = [entry.split(" (", 1)[0] for entry in suggested]
    assert ids and all(wanted & set(texts[item_id]) for item_id in ids)
    assert len(ids) < len(texts)


def test_an_unknown_section_lists_the_section_ids_comma_separated(content: Content) -> None:
    with pytest.raises(UserError) as caught:
        resolve_section(content, "zzz")
    listed = str(caught.value).split("(sections: ", 1)[1].rstrip(")").split(", ")
    assert listed == [s.id for _t, s in content.checklist_sections()]


def test_an_exact_section_id_in_capitals_is_that_section(content: Content) -> None:
    for _topic, section in content.checklist_sections():
        assert resolve_section(content, section.id.upper())[1] == section


# Ids and titles that overlap on purpose: a topic id that starts another topic's id, a section id
# that is also a topic id, a topic id that starts a section id elsewhere, ids unlike their titles.
OVERLAPS = '''
[meta]
title = "T"
source = "S"
version = "1"
disclaimer = "D"

[[topics]]
id = "stretch"
title = "Stretching"
tab = "Stretch"
[[topics.sections]]
id = "morning"
title = "Morning stretches"
kind = "checklist"
items = [{ id = "knee-hug", text = "Knee hug" }, { id = "cat-cow", text = "Cat-cow stretch" }]
[[topics.sections]]
id = "heat"
title = "Heat before stretching"
kind = "checklist"
items = [{ id = "warm-up", text = "Warm-up with heat" }]

[[topics]]
id = "heat"
title = "Heat and cold"
tab = "Heat"
[[topics.sections]]
id = "stretch-after-heat"
title = "After the heat"
kind = "checklist"
items = [{ id = "hold", text = "Hold the stretch" }]
[[topics.sections]]
id = "hot-bath"
title = "Hot bath"
kind = "checklist"
items = [{ id = "bath", text = "Bath" }]

[[topics]]
id = "back"
title = "Back basics"
tab = "Back"
[[topics.sections]]
id = "acute"
title = "First hours"
kind = "checklist"
items = [{ id = "rest-now", text = "Rest now" }]
[[topics.sections]]
id = "acute-plan"
title = "The week after"
kind = "checklist"
items = [{ id = "walk", text = "Walk" }]

[[topics]]
id = "back-care"
title = "Caring for your back"
tab = "Care"
paragraphs = ["P"]
'''


@pytest.fixture
def overlaps(tmp_path: Path) -> str:
    path = tmp_path / "overlaps.toml"
    path.write_text(OVERLAPS, encoding="utf-8")
    return os.fspath(path)


def ids(chosen: list[tuple[Topic, Section]]) -> list[str]:
    return [f"{topic.id}/{section.id}" for topic, section in chosen]


def test_an_exact_id_wins_over_ids_and_titles_it_starts(overlaps: str) -> None:
    content = load_content(overlaps, use_cache=False)
    assert resolve_topic(content, "BACK").id == "back"  # not "ambiguous: back, back-care"
    assert resolve_section(content, "Acute")[1].id == "acute"  # not "ambiguous: acute, acute-plan"


def test_a_section_is_found_by_the_start_of_its_id_or_its_title(overlaps: str) -> None:
    content = load_content(overlaps, use_cache=False)
    assert resolve_section(content, "acute-p")[1].id == "acute-plan"
    assert resolve_section(content, "the week")[1].id == "acute-plan"


def test_a_checklist_name_is_a_section_id_then_a_topic_id_then_a_start(overlaps: str) -> None:
    content = load_content(overlaps, use_cache=False)
    assert ids(resolve_checklists(content, "heat")) == ["stretch/heat"]  # the section, not the topic "heat"
    assert ids(resolve_checklists(content, "Stretch")) == ["stretch/morning", "stretch/heat"]  # the topic, not
    assert ids(resolve_checklists(content, "stretchi")) == ["stretch/morning", "stretch/heat"]  # "stretch-after-heat"
    assert ids(resolve_checklists(content, "after")) == ["heat/stretch-after-heat"]
    with pytest.raises(UserError) as caught:
        resolve_checklists(content, "caring")
    assert str(caught.value) == ("topic 'back-care' has no checklists (sections: morning, heat, "
                                 "stretch-after-heat, hot-bath, acute, acute-plan)")


def test_a_word_of_a_hyphenated_item_is_suggested(overlaps: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--content", overlaps, "tick", "warm-ups"]) == 2
    assert capsys.readouterr().err == ("backref: no checklist item matches 'warm-ups'; "
                                       "did you mean: warm-up (Warm-up with heat)\n")
    assert main(["--content", overlaps, "tick", "cow-pose"]) == 2
    assert capsys.readouterr().err == ("backref: no checklist item matches 'cow-pose'; "
                                       "did you mean: cat-cow (Cat-cow stretch)\n")

"""What a person types, resolved to a topic, section or item, and the one line they see when
it resolves to nothing or to more than one (found by a mutation run of core/resolve.py)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from backref.core.content import Content, Item
from backref.core.errors import UserError
from backref.core.load import load_content
from backref.core.resolve import resolve_item, resolve_section
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

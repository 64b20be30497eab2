"""Phone numbers: what `backref search` says of 000 and 111, and the numbers the emergency action names."""
from __future__ import annotations


import pytest

from backref.cli.main import main
from backref.core.content import Content


def search(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str]:
    code = main(["search", "--width", "200", *words])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


def test_search_000_answers_with_australia_and_the_emergency_list(capsys: pytest.CaptureFixture[str]) -> None:
    """H11: searching '000' found nothing."""
    code, out = search(capsys, "000")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("[EMERGENCY] Call ")  # what to do comes first
    assert "000 (Triple Zero) is the emergency number in Australia" in lines[1]
    assert any(line.startswith("[EMERGENCY] ") and "Seek Emergency Care" in line for line in lines[2:])


def test_search_111_gives_both_meanings(capsys: pytest.CaptureFixture[str]) -> None:
    """H11: 111 is New Zealand's emergency number; NHS 111 in the UK is not an emergency line."""
    code, out = search(capsys, "111")
    assert code == 0
    said = next(line for line in out.splitlines() if line.startswith("111 means two things"))
    assert "In New Zealand it is the emergency number" in said
    assert "NHS 111 is for urgent medical help that is not an emergency" in said and "call 999" in said
    assert "[SEE A DOCTOR]" in out and "[EMERGENCY]" in out


@pytest.mark.parametrize(("query", "country"), [("999", "UK"), ("112", "EU"), ("9-1-1", "US and Canada")])
def test_each_emergency_number_says_where(capsys: pytest.CaptureFixture[str], query: str, country: str) -> None:
    code, out = search(capsys, query)
    assert code == 0 and f"emergency number {'everywhere in the ' if country == 'EU' else 'in the '}{country}" in out


def test_a_number_the_content_does_not_know_is_searched_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "555"]) == 1
    assert capsys.readouterr().err == "backref: no matches for '555'\n"


def test_the_emergency_action_names_australia_too(content: Content) -> None:
    action = content.urgency_of("emergency").action_line()
    assert "000 in Australia" in action and "999 in the UK" in action
    assert "Queensland Government, 'Triple Zero (000)'" in content.urgency_of("emergency").source


def test_every_number_note_names_its_page(content: Content) -> None:
    assert set(content.numbers) == {"999", "112", "911", "000", "111"}
    for note in content.numbers.values():
        assert note.number in note.says and "'" in note.source, note.number

"""The person's own settings (config.toml, then the environment), as `backref redflags` uses them:
which emergency number it tells them to call, and the one line it says about a setting it cannot use."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomllib

from backref.cli.main import main

DEFAULT_ACTION = ("Call your local emergency number (999 in the UK, 112 in the EU, 911 in the US and Canada, "
                  "000 in Australia) "
                  "or go to the nearest emergency department now.")
NOT_A_NUMBER = "backref: emergency_number must be a short phone number such as 000; not used"


def action(number: str) -> str:
    return f"Call {number} or go to the nearest emergency department now."


@pytest.fixture
def config(isolated_dirs: Path) -> Path:
    """config.toml where backref looks for it: $XDG_CONFIG_HOME/backref/config.toml."""
    path = isolated_dirs / "config" / "backref" / "config.toml"
    path.parent.mkdir(parents=True)
    return path


def redflags(capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str]]:
    """(the emergency action `backref redflags` gives, its stderr lines)."""
    assert main(["redflags", "--json"]) == 0
    out, err = capsys.readouterr()
    return json.loads(out)[0]["action"], err.splitlines()


def test_without_a_config_file_the_numbers_of_the_guide_are_given(capsys: pytest.CaptureFixture[str]) -> None:
    assert redflags(capsys) == (DEFAULT_ACTION, [])


def test_the_number_in_config_toml_is_used_and_each_unknown_key_is_named_once(
        capsys: pytest.CaptureFixture[str], config: Path) -> None:
    config.write_text('emergency_number = "  000 "\nemergency_numbr = "1"\n[later]\nkey = 1\n[episodes]\nrecurring = 2\n')
    known = "emergency_number, theme, pager, packs, [episodes]"
    assert redflags(capsys) == (action("000"), [
        f"backref: {config}: unknown setting emergency_numbr (known: {known}); not used",
        f"backref: {config}: unknown setting later (known: {known}); not used",
        f"backref: {config}: unknown setting episodes.recurring (known: recurring_count, recurring_days); not used",
    ])


def test_the_environment_wins_over_the_file(capsys: pytest.CaptureFixture[str], config: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    config.write_text('emergency_number = "000"\n')
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", "112")
    assert redflags(capsys) == (action("112"), [])
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", "")  # set but empty: as if unset
    assert redflags(capsys) == (action("000"), [])


def test_a_number_of_the_wrong_type_is_named_and_not_used(capsys: pytest.CaptureFixture[str], config: Path) -> None:
    config.write_text("emergency_number = 112\n")
    assert redflags(capsys) == (DEFAULT_ACTION, [f"backref: {config}: emergency_number must be a string; not used"])


def test_an_empty_number_is_no_number_and_no_complaint(capsys: pytest.CaptureFixture[str], config: Path) -> None:
    config.write_text('emergency_number = "   "\n')
    assert redflags(capsys) == (DEFAULT_ACTION, [])


@pytest.mark.parametrize(("number", "used"), [
    ("01234567890123456789", True),  # 20 characters: the longest taken
    ("012345678901234567890", False),
    ("+44 20 7946 0000", True),
    ("emergency", False),  # no digit
    ("0\x1b[2J0", False),  # a control sequence is no phone number
    ("0\t0", False),
])
def test_only_a_short_printable_number_with_a_digit_is_used(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, number: str, used: bool) -> None:
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", number)
    assert redflags(capsys) == ((action(number), []) if used else (DEFAULT_ACTION, [NOT_A_NUMBER]))


NUMBER_111 = ("backref: emergency_number is 111: that is New Zealand's emergency number; in the UK, NHS 111 is "
              "not an emergency line (call 999 there)")


@pytest.mark.parametrize("number", ["111", " 111 ", "1-1-1"])
def test_111_is_used_with_a_one_line_warning(capsys: pytest.CaptureFixture[str], config: Path,
                                             monkeypatch: pytest.MonkeyPatch, number: str) -> None:
    """H11: a UK user who enters NHS 111 by mistake would be told 'Call 111 now' for cauda equina."""
    config.write_text(f'emergency_number = "{number}"\n')
    assert redflags(capsys) == (action(number.strip()), [NUMBER_111])
    config.unlink()
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", number)
    assert redflags(capsys) == (action(number.strip()), [NUMBER_111])


def test_other_numbers_bring_no_warning(capsys: pytest.CaptureFixture[str], config: Path) -> None:
    for number in ("112", "1111", "0111"):
        config.write_text(f'emergency_number = "{number}"\n')
        assert redflags(capsys) == (action(number), [])


def toml_error(data: bytes) -> str:
    try:
        tomllib.loads(data.decode())
    except tomllib.TOMLDecodeError as exc:
        return str(exc)
    raise AssertionError("the data is meant to be broken TOML")


@pytest.mark.parametrize(("data", "why"), [
    (b"emergency_number = [\n", toml_error(b"emergency_number = [\n")),  # tomllib's words, whichever Python
    (b'emergency_number = "\xff"\n', "'utf-8' codec can't decode byte 0xff in position 20: invalid start byte"),
])
def test_a_config_file_that_cannot_be_read_is_one_line_and_the_defaults(
        capsys: pytest.CaptureFixture[str], config: Path, data: bytes, why: str) -> None:
    config.write_bytes(data)
    assert redflags(capsys) == (DEFAULT_ACTION, [f"backref: {config}: not used ({why}); using the defaults"])


def test_a_folder_in_place_of_the_config_file_is_one_line_and_the_defaults(
        capsys: pytest.CaptureFixture[str], config: Path) -> None:
    config.mkdir()
    assert redflags(capsys) == (
        DEFAULT_ACTION, [f"backref: {config}: not used (is a directory); using the defaults"])

"""Every width from 1 up ends: a lead as wide as the line (a label, a date, a tick box) once looped
forever. Each command is run at the narrowest widths and in an 18-column terminal."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core.render import cell_width
from terminal import terminal


@pytest.fixture
def state(tmp_path: Path, clock: object) -> Path:
    path = tmp_path / "s" / "state.toml"
    for argv in (["episode", "start", "--at", "2026-11-19T08:00", "--severity", "7", "--where", "lower back",
                  "--trigger", "lifting", "--note", "stairs"],
                 ["episode", "note", "--severity", "8", "worse"], ["tick", "apply-ice-20-min"]):
        assert main(["--state", str(path), *argv]) == 0
    return path


COMMANDS = [["search", "ice"], ["search", "numb between my legs"], ["timer"], ["checklist"], ["episode"],
            ["episode", "list"], ["show", "relief"], ["redflags"], ["topics"]]


@pytest.mark.parametrize("width", [1, 2, 3, 5, 6, 10, 19, 20])
def test_every_command_ends_at_the_narrowest_widths(
        capsys: pytest.CaptureFixture[str], state: Path, width: int) -> None:
    capsys.readouterr()
    for argv in COMMANDS:
        assert main(["--state", str(state), *argv, "--width", str(width)]) == 0, argv
        out, err = capsys.readouterr()
        assert err == "" and out, argv
        if argv[0] not in ("show", "redflags", "topics"):  # pages keep 20 columns; topics are id<TAB>title
            assert max(cell_width(line) for line in out.splitlines()) <= max(width, 2), argv


def test_a_note_at_width_10_is_saved_and_shown(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    capsys.readouterr()
    assert main(["--state", str(state), "episode", "note", "--width", "10", "hello"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("noted:\nepisode 1\n") and "hello" in out


def test_the_episode_in_an_18_column_terminal_with_no_flag(state: Path) -> None:
    with terminal("--state", os.fspath(state), "episode", columns=18) as shown:
        assert shown.wait(20) == 0
    lines = shown.text.splitlines()
    assert "Latest severity:" in lines and "8/10 severe" in lines
    assert max(len(line) for line in lines) <= 18

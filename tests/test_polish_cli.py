"""The command line's rough edges, smoothed: unquoted items, topics as checklists, ids shown,
help by need, wrapped search, a pager on a terminal only."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

from backref.cli import output
from backref.cli.main import main
from conftest import ROOT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_tick_joins_unquoted_words_and_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    state = tmp_path / "state.toml"
    code, out, err = run(capsys, "--state", str(state), "tick", "proper", "warm-up")
    assert code == 0 and out == "ticked: Proper warm-up (today)\n"
    assert "'proper warm-up' as one item" in err
    days = tomllib.loads(state.read_text())["days"]  # a daily item: ticked for today
    assert any("proper-warm-up" in ticks for ticks in days.values())
    code, out, _ = run(capsys, "--state", str(state), "untick", "proper", "warm-up")
    assert code == 0 and out == "unticked: Proper warm-up (today)\n"


def test_separate_names_still_tick_separate_items(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    state = tmp_path / "state.toml"
    code, out, err = run(capsys, "--state", str(state), "tick", "pelvic-tilts", "stay-hydrated")
    assert code == 0 and out.count("ticked:") == 2 and err == ""


def test_words_that_match_nothing_even_joined_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--state", str(tmp_path / "s.toml"), "tick", "proper", "xyzzy")
    assert code == 2 and out == "" and err.count("\n") == 1 and "'proper' matches 3" in err
    assert not (tmp_path / "s.toml").exists()


def test_checklist_takes_a_topic_and_prints_item_ids(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "checklist", "prevention")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Prevention Strategies  0/21 (today)")
    for section in ("Exercise and Strengthening", "Lifestyle Modifications", "Ergonomics and Posture"):
        assert f"Prevention > {section}  0/7 (today)" in lines
    assert "  [ ] Proper warm-up (proper-warm-up)" in lines
    assert "Relief" not in out


def test_the_unknown_item_advice_names_a_command_that_shows_ids(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "tick", "xyzzy")
    assert code == 2 and "see 'backref checklist' for ids" in err


def test_help_lists_commands_by_need_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    listed = [line.split()[0] for line in out.split("COMMAND\n")[1].split("\n\n")[0].splitlines()]
    assert listed[:3] == ["show", "search", "redflags"]
    assert listed.index("show") < listed.index("checklist") < listed.index("tick") < listed.index("check")
    assert "examples:" in out and "  backref search ice pack" in out


@pytest.mark.parametrize("command", ["show", "search", "redflags", "checklist", "tick", "untick", "topics", "check"])
def test_each_command_has_a_description_and_an_example(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "\nexample:\n  backref " + command in out


def test_search_wraps_at_the_width_like_the_others(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "lumbar", "region", "--width", "50")
    assert code == 0 and all(len(line) <= 50 for line in out.splitlines())


def test_show_pages_through_pager_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open(sys.argv[1], 'w').write(sys.stdin.read())\" {paged}"
    monkeypatch.setenv("PAGER", pager)
    monkeypatch.setattr(output, "overflows_terminal", lambda count: True)
    code, out, _ = run(capsys, "show")
    assert code == 0 and out == ""
    assert "Back Cramps and Spasms" in paged.read_text() and len(paged.read_text().splitlines()) > 200
    paged.unlink()
    code, out, _ = run(capsys, "show", "--no-pager")
    assert code == 0 and "Back Cramps and Spasms" in out and not paged.exists()


def test_show_never_pages_when_piped(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"open('{paged}', 'w').write('paged')\""
    env = {**os.environ, "PAGER": pager, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "backref", "show"], capture_output=True, text=True, env=env,
                            check=False)
    assert result.returncode == 0 and len(result.stdout.splitlines()) > 200
    assert not paged.exists()


def test_an_unknown_start_topic_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--topic", "xyzzy")
    assert code == 2 and out == "" and err.startswith("backref: unknown topic 'xyzzy'") and err.count("\n") == 1

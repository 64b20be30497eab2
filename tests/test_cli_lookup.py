"""`backref topics`, `backref show` and `backref redflags`, as a person at a terminal uses them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core.load import load_content
from conftest import CONTENT, ROOT

TOPIC_IDS = ["overview", "types", "causes", "symptoms", "relief", "treatment", "prevention", "doctor"]
SEED_TOOL = ROOT.parent / "shared" / "tools" / "seed_coverage.py"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def backref(*argv: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    """`python -m backref ARGV` in a fresh process, output piped."""
    return subprocess.run([sys.executable, "-m", "backref", *argv], capture_output=True,
                          input=stdin.encode(), env={**os.environ, **(env or {})}, timeout=60)


def test_topics_prints_id_tab_title(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "topics")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert [line.split("\t")[0] for line in lines] == TOPIC_IDS
    assert lines[4] == "relief\tImmediate Relief Strategies"


def test_topics_json_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "topics", "--json")
    assert code == 0
    topics = json.loads(out)
    assert [t["id"] for t in topics] == TOPIC_IDS
    assert topics[0] == {"id": "overview", "title": "Back Cramps and Spasms", "tab": "Overview"}


def test_show_prints_one_topic_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "relief")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Immediate Relief Strategies"
    assert "[ ] Apply ice 20 min every 2 hours" in lines
    assert "Common Causes" not in out
    assert all(len(line) <= 80 for line in lines)  # piped: 80 columns


def test_show_with_no_topic_prints_all_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show")
    titles = [t.title for t in load_content(os.fspath(CONTENT)).topics]
    lines = out.splitlines()
    positions = [lines.index(title) for title in titles]
    assert positions == sorted(positions)


@pytest.mark.parametrize("name, title", [
    ("immediate", "Immediate Relief Strategies"),
    ("When to", "When to See a Doctor"),
    ("REL", "Immediate Relief Strategies"),
    ("back cramps", "Back Cramps and Spasms"),
])
def test_show_by_prefix_of_id_or_title(capsys: pytest.CaptureFixture[str], name: str, title: str) -> None:
    code, out, _ = run(capsys, "show", name)
    assert code == 0 and out.splitlines()[0] == title


def test_show_names_each_topic_once_in_the_order_asked(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "doctor", "relief", "doc")
    lines = out.splitlines()
    assert lines.count("When to See a Doctor") == 1
    assert lines.index("When to See a Doctor") < lines.index("Immediate Relief Strategies")


def test_unknown_topic_is_one_line_naming_the_topics(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "nosuchtopic")
    assert code == 2 and out == ""
    assert err == f"backref: unknown topic 'nosuchtopic' (topics: {', '.join(TOPIC_IDS)})\n"


def test_ambiguous_prefix_is_one_line_naming_the_matches(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "t")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "ambiguous" in err and "types, treatment" in err


def test_show_marks_ticked_items(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from backref.core.state import StateStore

    state = tmp_path / "ticks.toml"
    StateStore(os.fspath(state), load_content(os.fspath(CONTENT))).tick(["apply-ice-20-min", "stay-hydrated"])
    _, out, err = run(capsys, "--state", os.fspath(state), "show", "relief", "prevention")
    assert err == ""
    assert "[x] Apply ice 20 min every 2 hours" in out and "[x] Stay hydrated" in out
    assert "[ ] Stop activity immediately" in out
    _, out, _ = run(capsys, "--state", os.fspath(state), "show", "relief", "--json")
    items = {i["id"]: i["ticked"] for s in json.loads(out)[0]["sections"] for i in s["items"]}
    assert items["apply-ice-20-min"] is True and items["stop-activity-immediately"] is False


def test_unreadable_state_is_a_notice_not_a_failure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    state = tmp_path / "ticks.toml"
    state.write_text("this is [not toml", encoding="utf-8")
    code, out, err = run(capsys, "--state", os.fspath(state), "show", "relief")
    assert code == 0 and "[ ] Apply ice 20 min every 2 hours" in out
    assert err.startswith("backref: ") and os.fspath(state) in err


def test_show_without_a_state_file_creates_none(capsys: pytest.CaptureFixture[str], isolated_dirs: Path) -> None:
    code, out, _ = run(capsys, "show", "relief")
    assert code == 0 and "[x]" not in out
    assert not (isolated_dirs / "state").exists()


def test_show_json_carries_sections_and_red_flag_lists(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "--json")
    topics = json.loads(out)
    assert code == 0 and [t["id"] for t in topics] == TOPIC_IDS
    overview = topics[0]
    assert overview["sections"][0]["kind"] == "list"
    assert overview["red_flag_lists"][0]["urgency"] == "emergency"
    assert overview["red_flag_lists"][0]["flags"][0]["text"] == "Loss of bladder or bowel control"


def test_redflags_emergency_first_then_see_a_doctor(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "redflags")
    assert code == 0
    emergency = out.index("EMERGENCY: seek care now if back spasms come with any of these")
    doctor = out.index("SEE A DOCTOR: book an appointment for")
    assert emergency < out.index("- Severe night pain") < doctor < out.index("- Pain radiating to legs")
    assert "cauda equina syndrome" in out


def test_redflags_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "redflags", "--json")
    groups = json.loads(out)
    assert [g["urgency"] for g in groups] == ["emergency", "see-doctor"]
    assert [rl["urgency"] for g in groups for rl in g["lists"]] == ["emergency", "emergency", "see-doctor"]


@pytest.mark.parametrize("argv", [["show"], ["redflags"], ["topics"]])
def test_width_40_keeps_every_line_within_40_columns(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, _ = run(capsys, *argv, "--width", "40")
    assert code == 0 and out
    if argv == ["topics"]:  # one id<TAB>title per line, never wrapped: what `cut -f1` expects
        assert out == run(capsys, "topics")[1]
        assert [line.split("\t")[0] for line in out.splitlines()] == TOPIC_IDS
    else:
        assert max(len(line) for line in out.splitlines()) <= 40


def test_topics_is_neither_wrapped_nor_cut_however_narrow_the_width(capsys: pytest.CaptureFixture[str]) -> None:
    """Every topics line fits in 40 columns, so the case above cannot see a wrap; at 12 none fits."""
    _, whole, _ = run(capsys, "topics")
    assert min(len(line) for line in whole.splitlines()) > 12
    code, out, err = run(capsys, "topics", "--width", "12")
    assert (code, err) == (0, "")
    assert out == whole


def test_show_carries_every_seed_line() -> None:
    if not SEED_TOOL.exists():
        pytest.skip("seed_coverage.py is not beside this checkout")
    shown = backref("show")
    assert shown.returncode == 0
    done = subprocess.run([sys.executable, os.fspath(SEED_TOOL), "--text", "-"], input=shown.stdout,
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stdout.decode()


def test_piped_output_has_no_escapes_even_in_a_colour_terminal() -> None:
    done = backref("show", "relief", env={"TERM": "xterm-256color", "FORCE_COLOR": "1"})
    assert done.returncode == 0 and done.stdout and b"\x1b" not in done.stdout


def test_dumb_terminal_is_told_to_use_show() -> None:
    done = backref(env={"TERM": "dumb"})
    assert done.returncode == 2 and done.stdout == b""
    assert b"backref show" in done.stderr and b"Traceback" not in done.stderr


def non_ascii_content(tmp_path: Path) -> Path:
    """content.toml with an em dash, curly quotes and an emoji in a red flag and an item."""
    source = CONTENT.read_text(encoding="utf-8")
    edited = source.replace('"Severe night pain"', '"Severe night pain \u2014 \u201cworst ever\u201d \U0001f6a8"', 1)
    edited = edited.replace('"Child\'s pose"', '"Child\u2019s pose \u2014 hold it \U0001f9d8"', 1)
    assert edited.count("\u2014") == 2
    path = tmp_path / "content.toml"
    path.write_text(edited, encoding="utf-8")
    return path


def test_ascii_locale_prints_only_ascii(tmp_path: Path) -> None:
    path = os.fspath(non_ascii_content(tmp_path))
    env = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"}
    flags = backref("--content", path, "redflags", env=env)
    assert flags.returncode == 0, flags.stderr
    assert flags.stdout.isascii() and b"Severe night pain -- \"worst ever\"" in flags.stdout
    shown = backref("--content", path, "show", "relief", "--width", "40", env=env)
    assert shown.returncode == 0 and shown.stdout.isascii()
    assert b"Child's pose -- hold it" in shown.stdout
    assert max(len(line) for line in shown.stdout.splitlines()) <= 40


def test_lookups_never_import_textual_or_rich() -> None:
    commands = [["show", "relief"], ["redflags"], ["topics"], ["show", "--json"]]
    if (ROOT / "backref" / "cli_search.py").exists():
        commands.insert(0, ["search", "ice"])
    code = (
        "import contextlib, io, sys\n"
        "from backref.cli.main import main\n"
        f"for argv in {commands!r}:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        main(argv)\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_plain_show_imports_no_json_and_no_state_without_a_state_file() -> None:
    assert backref("topics").returncode == 0  # fills the content cache, so tomllib is not needed
    code = (
        "import sys\n"
        "from backref.cli.main import main\n"
        "main(['show', 'overview'])\n"
        "print('LOADED', ' '.join(m for m in ('json', 'tomllib', 'textwrap', 'backref.core.state') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "LOADED "


class FakeTerminal:
    """Stands in for stdout in a terminal 57 columns wide."""

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1


def test_width_is_the_option_else_the_terminal_else_80(monkeypatch: pytest.MonkeyPatch) -> None:
    from argparse import Namespace

    from backref.cli.output import output_width

    assert output_width(Namespace(width=33)) == 33
    assert output_width(Namespace(width=None)) == 80  # stdout is captured, not a terminal
    monkeypatch.setattr(sys, "stdout", FakeTerminal())
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((57, 20)))
    assert output_width(Namespace(width=None)) == 57

"""At home in a shell: the completion scripts (run through bash's own completion machinery)
and the manual page (rendered by man, current with the parser and the README)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backref.cli.main import main
from tests.conftest import ROOT

BASH = shutil.which("bash")


@pytest.fixture
def backref_cmd(tmp_path: Path) -> Path:
    """A `backref` command that runs this checkout, as the completion script calls it."""
    script = tmp_path / "bin" / "backref"
    script.parent.mkdir()
    script.write_text(f'#!/bin/sh\nPYTHONPATH={ROOT} exec {sys.executable} -m backref "$@"\n')
    script.chmod(0o755)
    return script


def complete(command: Path, *words: str) -> list[str]:
    """What bash offers for the last of ``words`` after `backref`, by the script's own function."""
    quoted = " ".join(f"'{w}'" for w in words)
    program = f"""
        source <("{command}" completion bash) || exit 3
        complete -p backref >/dev/null || exit 4
        COMP_WORDS=("{command}" {quoted}); COMP_CWORD={len(words)}; COMPREPLY=()
        "$(complete -p backref | sed -E 's/.* -F ([^ ]+) .*/\\1/')"
        printf '%s\\n' "${{COMPREPLY[@]}}"
    """
    done = subprocess.run([BASH, "-c", program], capture_output=True, text=True, timeout=60, env=os.environ)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_bash_completes_commands_topic_ids_item_ids_and_sections(backref_cmd: Path) -> None:
    assert complete(backref_cmd, "show", "re") == ["relief"]
    items = complete(backref_cmd, "tick", "")
    assert "apply-ice-20-min" in items and "stay-hydrated" in items
    assert "rf-saddle-numbness" not in items and "relief" not in items  # only what can be ticked
    assert complete(backref_cmd, "tick", "apply-ice-20-min", "stay-h") == ["stay-hydrated"]
    assert {"relief", "prevention"} <= set(complete(backref_cmd, "checklist", ""))
    assert {"status", "export", "import", "config", "completion", "tick"} <= set(complete(backref_cmd, ""))
    assert complete(backref_cmd, "status", "--sh") == ["--short"]
    assert "--complete-ids" not in complete(backref_cmd, "--")  # what the script calls stays hidden


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_bash_completes_the_ids_of_a_pack_too(backref_cmd: Path, isolated_dirs: Path) -> None:
    from tests.test_packs import PHYSIO, install

    install(isolated_dirs, "physio.toml", PHYSIO)
    assert complete(backref_cmd, "tick", "physio-") == ["physio-cat-camel", "physio-bridge"]
    assert complete(backref_cmd, "show", "phy") == ["physio"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script_that_asks_backref_for_ids(capsys: pytest.CaptureFixture[str], shell: str) -> None:
    assert main(["completion", shell]) == 0
    out = capsys.readouterr().out
    assert "--complete-ids items" in out and "--complete-ids topics" in out
    assert "backref" in out and "status" in out


def test_the_ids_a_completion_asks_for(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--complete-ids", "timed"]) == 0
    assert "apply-ice-20-min" in capsys.readouterr().out.split()
    assert main(["--complete-ids", "topics"]) == 0
    assert capsys.readouterr().out.split()[:2] == ["overview", "types"]


def test_listing_ids_for_a_completion_imports_no_textual_rich_or_shtab() -> None:
    code = ("import sys; from backref.cli.main import main; main(['--complete-ids', 'items']); "
            "print([m for m in ('textual', 'rich', 'shtab', 'tomllib') if m in sys.modules], file=sys.stderr)")
    for _warm_then_measure in range(2):  # the first run fills the parse cache
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stderr.strip() == "[]"


# -- the manual page ---------------------------------------------------------------------------

PAGE = ROOT / "backref" / "backref.1"


def test_the_shipped_manual_page_is_current_with_the_parser_and_the_readme() -> None:
    pytest.importorskip("argparse_manpage")
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import manpage
    finally:
        sys.path.pop(0)
    assert PAGE.read_text(encoding="utf-8") == manpage.page_text(), (
        "backref/backref.1 is stale: run `python tools/manpage.py`")


def help_commands(capsys: pytest.CaptureFixture[str]) -> tuple[list[str], list[str]]:
    """(the commands, the options) `backref --help` lists."""
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    commands = re.findall(r"^    (\w+)\s", out, re.M)
    options = re.findall(r"^  (--[\w-]+)", out, re.M)
    return commands, options


@pytest.mark.skipif(shutil.which("man") is None, reason="man is not installed")
def test_man_renders_the_page_with_every_command_and_option_help_lists(capsys: pytest.CaptureFixture[str]) -> None:
    done = subprocess.run(["man", "-l", str(PAGE)], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "MANWIDTH": "100", "MAN_KEEP_FORMATTING": "0", "PAGER": "cat"})
    assert done.returncode == 0, done.stderr
    page = re.sub(r".\x08", "", done.stdout)  # overstrike bold, if any
    commands, options = help_commands(capsys)
    assert len(commands) >= 17 and "completion" in commands
    for name in commands:
        assert re.search(rf"^\s+backref {name}$", page, re.M), name
    for option in options:
        assert option in page, option
    for section in ("KEYS", "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"):
        assert re.search(rf"^{section}$", page, re.M), section
    assert "BACKREF_STATE" in page and "ctrl+p" in page

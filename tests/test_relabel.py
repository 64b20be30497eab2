"""One home for the urgency words: relabel [urgency.*] in a content file and every command says
the new label (the headings name it through {label})."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from backref.cli.main import main
from conftest import CONTENT

NEW = {"emergency": "CALL FOR HELP NOW", "see-doctor": "BOOK YOUR GP"}


@pytest.fixture
def relabelled(tmp_path: Path) -> str:
    text = CONTENT.read_text(encoding="utf-8")
    text = text.replace('label = "EMERGENCY"', f'label = "{NEW["emergency"]}"', 1)
    text = text.replace('label = "SEE A DOCTOR"', f'label = "{NEW["see-doctor"]}"', 1)
    path = tmp_path / "content.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, _ = capsys.readouterr()
    return code, out


def test_redflags_search_and_the_check_say_the_new_labels(relabelled: str, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(capsys, "--content", relabelled, "check")[0] == 0
    code, out = run(capsys, "--content", relabelled, "redflags", "--all", "--width", "200")
    assert code == 0 and out.startswith(f"{NEW['emergency']}: seek care now")
    assert f"{NEW['see-doctor']}: book an appointment for" in out
    assert "EMERGENCY" not in out and "SEE A DOCTOR" not in out
    code, out = run(capsys, "--content", relabelled, "search", "numb", "between", "my", "legs", "--width", "200")
    assert code == 0 and out.startswith(f"[{NEW['emergency']}] Call ") and "[EMERGENCY]" not in out
    code, out = run(capsys, "--content", relabelled, "show", "doctor", "--no-pager", "--width", "200")
    assert NEW["emergency"] in out and NEW["see-doctor"] in out and "EMERGENCY:" not in out
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    code, out = run(capsys, "--content", relabelled, "triage")
    assert code == 20 and NEW["emergency"] in out and "EMERGENCY" not in out

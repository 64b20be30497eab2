"""backref export and import: the state carried to another state file, merged, never removing,
and hostile files refused in one line with nothing written."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from backref.cli.main import main
from tests.conftest import Clock


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def here(tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: Clock) -> Path:
    """A state with ticks, daily history, an episode with readings, a check and a timer run."""
    state = tmp_path / "here" / "state.toml"
    clock.set("2026-11-18T09:00")
    for argv in (["tick", "stay-hydrated"], ["episode", "start", "--severity", "7", "--trigger", "lifting"],
                 ["tick", "apply-ice-20-min"]):
        assert main(["--state", str(state), *argv]) == 0
    clock.set("2026-11-19T10:00")
    assert main(["--state", str(state), "episode", "note", "--severity", "5", "easier"]) == 0
    assert main(["--state", str(state), "tick", "stay-hydrated"]) == 0
    os.environ["BACKREF_STATE"] = str(state)  # triage keeps its check where the others keep state
    import io
    import sys
    sys.stdin, stdin = io.StringIO("n\n" * 40), sys.stdin
    try:
        main(["--state", str(state), "triage", "--json"])
    finally:
        sys.stdin = stdin
    capsys.readouterr()
    return state


def test_an_export_imported_twice_brings_everything_and_changes_nothing_the_second_time(
        capsys: pytest.CaptureFixture[str], here: Path, tmp_path: Path) -> None:
    exported = tmp_path / "a.json"
    assert run(capsys, "--state", str(here), "export", "-o", str(exported)) == (
        0, f"exported {here} to {exported}\n", "")
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    document = json.loads(exported.read_text())
    assert (document["format"], document["format_version"]) == ("backref-state", 1)
    other = tmp_path / "other" / "state.toml"
    code, out, err = run(capsys, "--state", str(other), "import", str(exported))
    assert (code, err) == (0, "")
    assert out == f"imported into {other}: 2 daily ticks over 2 days, 1 episode, 1 red-flag check\n"
    written = other.read_bytes()
    assert run(capsys, "--state", str(other), "import", str(exported)) == (
        0, f"no change: {other} already holds everything in {exported}\n", "")
    assert other.read_bytes() == written
    mine = json.loads(run(capsys, "--state", str(here), "export")[1])["state"]
    theirs = json.loads(run(capsys, "--state", str(other), "export")[1])["state"]
    assert theirs == mine
    assert [r["note"] for r in theirs["episodes"][0]["readings"] if "note" in r] == ["easier"]
    assert theirs["episodes"][0]["ticks"].keys() == {"apply-ice-20-min"}


def test_import_merges_and_never_removes(capsys: pytest.CaptureFixture[str], here: Path, tmp_path: Path,
                                         clock: Clock) -> None:
    exported = tmp_path / "a.json"
    run(capsys, "--state", str(here), "export", "-o", str(exported))
    other = tmp_path / "other" / "state.toml"
    clock.set("2026-11-20T08:00")
    assert main(["--state", str(other), "tick", "regular-core-exercises"]) == 0
    capsys.readouterr()
    before = other.read_bytes()
    code, out, _ = run(capsys, "--state", str(other), "import", "--dry-run", str(exported))
    assert out == (f"would add to {other}: 2 daily ticks over 2 days, 1 episode, 1 red-flag check "
                   "(dry run: nothing written)\n")
    assert other.read_bytes() == before
    assert run(capsys, "--state", str(other), "import", str(exported))[0] == 0
    theirs = json.loads(run(capsys, "--state", str(other), "export")[1])["state"]
    assert "regular-core-exercises" in theirs["days"]["2026-11-20"]
    assert set(theirs["days"]) == {"2026-11-18", "2026-11-19", "2026-11-20"}


def test_an_episode_ended_elsewhere_ends_here_and_new_readings_join(
        capsys: pytest.CaptureFixture[str], here: Path, tmp_path: Path, clock: Clock) -> None:
    copy = tmp_path / "copy" / "state.toml"
    copy.parent.mkdir()
    copy.write_bytes(here.read_bytes())
    clock.set("2026-11-20T10:00")
    assert main(["--state", str(copy), "episode", "note", "--severity", "2", "much better"]) == 0
    assert main(["--state", str(copy), "episode", "end"]) == 0
    exported = tmp_path / "b.json"
    main(["--state", str(copy), "export", "-o", str(exported)])
    capsys.readouterr()
    code, out, _ = run(capsys, "--state", str(here), "import", str(exported))
    assert out == f"imported into {here}: 1 reading in episodes already here, 1 open episode ended as the export says\n"
    assert "to 2026-11-20 10:00" in run(capsys, "--state", str(here), "episode", "list")[1]


@pytest.mark.parametrize(("text", "why"), [
    ("{", "not JSON"),
    ("[]", "not a backref export"),
    ('{"format": "backref-state", "format_version": 2, "state": {}}', "written by a newer backref (format version 2"),
    ('{"format": "backref-state", "format_version": 1, "state": {"ticks": []}}', "[ticks] is not a table"),
    ('{"format": "backref-state", "format_version": 1, "state": {"ticks": {"a": null}}}', "null"),
    ('{"format": "backref-state", "format_version": 1, "state": {"episodes": [{"started": "garbage"}]}}',
     "'garbage', not a date-time"),  # said by the state file's own check of a start
    ('{"format": "backref-state", "format_version": 1, "state": {"version": 9}}', "newer backref (state version 9)"),
    ("[" * 100000, "nested too deeply"),
])
def test_a_file_that_is_no_export_is_one_line_exit_2_and_nothing_written(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, why: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    state = tmp_path / "s" / "state.toml"
    code, out, err = run(capsys, "--state", str(state), "import", str(bad))
    assert (code, out) == (2, "") and err.count("\n") == 1 and why in err, err
    assert not state.parent.exists()


def test_a_fifo_a_device_or_a_huge_file_is_refused_at_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as f:
        f.truncate(60 * 1024 * 1024)
    for path in (tmp_path / "fifo", Path("/dev/zero"), huge, tmp_path):
        code, out, err = run(capsys, "import", str(path))
        assert (code, out) == (2, "") and err.count("\n") == 1, (path, err)


def test_export_never_replaces_a_device_or_a_fifo(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (str(fifo), str(tmp_path)):  # a FIFO nobody reads, a folder: refused, untouched
        code, out, err = run(capsys, "export", "-o", path)
        assert (code, out) == (2, "") and err.count("\n") == 1 and "nothing was written" in err, err
    code, out, err = run(capsys, "export", "-o", "/dev/null")  # a device is written through, as by a shell's >
    assert (code, err) == (0, "") and "exported" in out, err
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    code, out, _ = run(capsys, "export", "-o", "-")
    assert code == 0 and json.loads(out)["state"]["ticks"] == {}
    assert not Path("-").exists()


def test_export_through_a_link_replaces_only_an_earlier_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    foreign = tmp_path / "notes.txt"
    foreign.write_text("my own notes\n")
    (tmp_path / "to-notes").symlink_to(foreign)
    code, out, err = run(capsys, "export", "-o", str(tmp_path / "to-notes"))
    assert (code, out) == (2, "") and "did not write" in err and foreign.read_text() == "my own notes\n", err
    earlier = tmp_path / "earlier.json"
    assert run(capsys, "export", "-o", str(earlier))[0] == 0
    (tmp_path / "to-earlier").symlink_to(earlier)
    code, out, err = run(capsys, "export", "-o", str(tmp_path / "to-earlier"))
    assert code == 0 and (tmp_path / "to-earlier").is_symlink() and json.loads(earlier.read_text())["format"] == "backref-state"


def test_an_export_holds_no_control_character_and_keeps_every_letter(
        capsys: pytest.CaptureFixture[str], here: Path, tmp_path: Path, clock: Clock) -> None:
    clock.set("2026-11-19T11:00")
    note = "caf\u00e9 \u9aa8 \u00fcber"
    assert main(["--state", str(here), "episode", "note", note]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "--state", str(here), "export")
    assert (code, err) == (0, "") and out.isascii()
    # a hand-edited state may hold control characters where backref itself would never write them
    edited = tmp_path / "edited.toml"
    edited.write_text('[ticks]\n"\\u001b[2J" = "\\u009b1m"\n')
    code, shown, err = run(capsys, "--state", str(edited), "export")
    assert (code, err) == (0, "")
    assert shown.isascii() and "\x1b" not in shown and "\u009b" not in shown
    assert json.loads(shown)["state"]["ticks"] == {"\x1b[2J": "\u009b1m"}  # kept, as JSON escapes
    exported = tmp_path / "b.json"
    exported.write_text(out)
    other = tmp_path / "third" / "state.toml"
    assert run(capsys, "--state", str(other), "import", str(exported))[0] == 0
    readings = json.loads(run(capsys, "--state", str(other), "export")[1])["state"]["episodes"][0]["readings"]
    assert note in [reading.get("note") for reading in readings]

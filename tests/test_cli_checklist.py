"""`backref checklist`, `backref tick`, `backref untick`: what a person sees and what the file holds."""
from __future__ import annotations

import datetime
import json
import os
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from backref.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def on_disk(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def episode_ticks(data: dict[str, Any]) -> set[str]:
    """Relief ticks: they belong to the open (last) episode."""
    return set(data["episodes"][-1].get("ticks", {}))


STARTED = "started an episode now: relief ticks belong to it (end it: backref episode end)"


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "x" / "s.toml"


def test_tick_by_id_writes_private_toml_holding_it(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    code, out, err = run(capsys, "--state", str(state), "tick", "apply-ice-20-min")
    assert (code, out, err) == (0, f"ticked: Apply ice 20 min every 2 hours\n{STARTED}\n", "")
    assert "apply-ice-20-min" in episode_ticks(on_disk(state))
    assert stat.S_IMODE(state.stat().st_mode) == 0o600


def test_the_flag_wins_over_the_environment(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    run(capsys, "--state", str(state), "tick", "pelvic-tilts")
    assert state.exists() and not Path(os.environ["BACKREF_STATE"]).exists()
    run(capsys, "tick", "cat-cow-stretch")
    assert "cat-cow-stretch" in episode_ticks(on_disk(Path(os.environ["BACKREF_STATE"])))


def test_tick_by_text_in_one_write_and_untick(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    code, out, _ = run(capsys, "--state", str(state), "tick", "CAT-COW stretch", "pillows under", "core exercises")
    assert code == 0
    assert out.splitlines() == [
        "ticked: Cat-cow stretch", "ticked: Pillows under knees", "ticked: Regular core exercises (today)",
        STARTED,
    ]
    data = on_disk(state)
    assert episode_ticks(data) == {"cat-cow-stretch", "pillows-under-knees"}
    assert set(data["days"][datetime.date.today().isoformat()]) == {"regular-core-exercises"}
    code, out, _ = run(capsys, "--state", str(state), "untick", "cat-cow-stretch", "hold-30-seconds")
    assert out.splitlines() == ["unticked: Cat-cow stretch", "already unticked: Hold 30 seconds"]
    assert episode_ticks(on_disk(state)) == {"pillows-under-knees"}


@pytest.mark.parametrize(("item", "shown"), [
    ("ice", ["'ice' matches 2 checklist items", "apply-ice-20-min", "ice-first-48-hours"]),
    ("ice bath", ["no checklist item matches 'ice bath'", "warm-shower-or-bath", "ice-first-48-hours"]),
    ("xyzzy", ["no checklist item matches 'xyzzy'"]),
    ("muscle-strain", ["'muscle-strain' is not a checklist item"]),
])
def test_an_item_that_is_not_one_checklist_item_exits_2_naming_candidates(
    capsys: pytest.CaptureFixture[str], state: Path, item: str, shown: list[str]
) -> None:
    code, out, err = run(capsys, "--state", str(state), "tick", "pelvic-tilts", item)
    assert code == 2 and out == ""
    assert err.startswith("backref: ") and err.count("\n") == 1
    for text in shown:
        assert text in err
    assert not state.exists()  # nothing is ticked when one ITEM is wrong


def test_checklist_prints_boxes_and_progress_per_section_and_topic(
    capsys: pytest.CaptureFixture[str], state: Path
) -> None:
    run(capsys, "--state", str(state), "tick", "apply-ice-20-min", "pelvic-tilts", "stay-hydrated")
    code, out, err = run(capsys, "--state", str(state), "checklist")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Immediate Relief Strategies  2/28"
    assert "Relief > First 24-48 Hours  1/7" in lines
    assert "  [x] Apply ice 20 min every 2 hours (apply-ice-20-min)" in lines  # the id to tick it by
    assert "  [ ] Stop activity immediately (stop-activity-immediately)" in lines
    assert "Prevention Strategies  1/21 (today)  streak: 1 day" in lines
    assert "Prevention > Lifestyle Modifications  1/7 (today)" in lines
    assert "\x1b" not in out


def test_one_section_by_title_prefix_with_streak(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    today = datetime.date.today()
    days = "".join(f'[days."{today - datetime.timedelta(days=n)}"]\nflexibility-training = "x"\n' for n in (1, 2, 3))
    state.parent.mkdir()
    state.write_text(f"version = 1\n{days}")
    code, out, _ = run(capsys, "--state", str(state), "checklist", "exercise AND")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Prevention > Exercise and Strengthening  0/7 (today)  streak: 3 days"
    assert lines[1:] and all(line.startswith("  [ ] ") for line in lines[1:])


@pytest.mark.parametrize(("name", "message"), [
    ("E", "ambiguous section 'E' (matches: exercise-and-strengthening, ergonomics-and-posture;"),
    ("causes", "topic 'causes' has no checklists (sections: first-24-48-hours"),
    ("xyzzy", "unknown checklist section 'xyzzy' (sections: first-24-48-hours"),
])
def test_an_unknown_or_ambiguous_section_exits_2(
    capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    code, out, err = run(capsys, "checklist", name)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_long_items_wrap_at_width(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "checklist", "positioning", "--width", "24")
    assert code == 0
    assert all(len(line) <= 24 for line in out.splitlines()[1:])
    assert "  [ ] Side-lying with" in out.splitlines()


def test_json_lists_sections_items_ticks_and_streak(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    run(capsys, "--state", str(state), "tick", "proper-warm-up")
    code, out, _ = run(capsys, "--state", str(state), "checklist", "--json")
    data = json.loads(out)
    assert code == 0 and data["streak"] == 1
    exercise = next(s for s in data["sections"] if s["id"] == "exercise-and-strengthening")
    assert (exercise["topic"], exercise["daily"], exercise["done"], exercise["total"]) == ("prevention", True, 1, 7)
    warm_up = next(i for i in exercise["items"] if i["id"] == "proper-warm-up")
    assert warm_up["ticked"] is True
    assert datetime.datetime.fromisoformat(warm_up["ticked_at"]).date() == datetime.date.today()
    assert set(exercise["items"][0]) == {"id", "text", "detail", "ticked", "ticked_at"}


def test_reset_unticks_one_section(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    run(capsys, "--state", str(state), "tick", "pelvic-tilts", "childs-pose", "apply-ice-20-min")
    code, out, _ = run(capsys, "--state", str(state), "checklist", "--reset", "gentle")
    assert (code, out) == (0, "reset: Relief > Gentle Stretches: 2 ticks removed\n")
    assert episode_ticks(on_disk(state)) == {"apply-ice-20-min"}


def test_reset_of_a_daily_section_keeps_earlier_days(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    state.parent.mkdir()
    state.write_text('[days."2020-01-01"]\nstay-hydrated = "2020-01-01T08:00:00+00:00"\n')
    run(capsys, "--state", str(state), "tick", "stay-hydrated", "adequate-sleep")
    code, out, _ = run(capsys, "--state", str(state), "checklist", "--reset", "lifestyle-modifications")
    assert out == "reset: Prevention > Lifestyle Modifications (today): 2 ticks removed\n"
    assert on_disk(state)["days"] == {"2020-01-01": {"stay-hydrated": "2020-01-01T08:00:00+00:00"}}


def test_reset_without_a_section_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "checklist", "--reset")
    assert code == 2 and out == "" and "--reset needs a SECTION" in err and err.count("\n") == 1


def test_a_garbage_state_file_is_set_aside_with_one_notice(tmp_path: Path) -> None:
    state = tmp_path / "state.toml"
    state.write_bytes(b"\x00garbage")
    result = subprocess.run(
        [sys.executable, "-m", "backref", "--state", str(state), "checklist"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("backref: ")
    assert "Traceback" not in result.stderr
    kept = list(tmp_path.glob("state.toml.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00garbage"
    assert "[ ] Stop activity immediately" in result.stdout


def test_tick_where_nothing_can_be_saved_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "afile").write_text("")
    state = tmp_path / "afile" / "state.toml"
    code, out, err = run(capsys, "--state", str(state), "tick", "pelvic-tilts")
    assert code == 2 and out == ""
    assert err == f"backref: cannot save ticks to {state}: Not a directory\n"
    code, out, err = run(capsys, "--state", str(state), "checklist", "gentle")
    assert code == 0 and "[ ] Pelvic tilts" in out and err == ""


def test_tick_in_a_read_only_directory_exits_2(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    run(capsys, "--state", str(state), "tick", "pelvic-tilts")
    os.chmod(state.parent, 0o500)
    try:
        if os.access(state.parent, os.W_OK):
            pytest.skip("this user can write to a read-only directory (root)")
        code, out, err = run(capsys, "--state", str(state), "tick", "childs-pose")
        assert code == 2 and err.count("\n") == 1 and "Permission denied" in err
        code, out, _ = run(capsys, "--state", str(state), "checklist", "gentle")
        assert code == 0 and "[x] Pelvic tilts" in out
    finally:
        os.chmod(state.parent, 0o700)


def run_in_read_only(directory: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run a command with ``directory`` mounted read-only (a private mount namespace), which
    stops even root from writing there."""
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    return subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(directory), *argv],
                          capture_output=True, text=True)


def test_a_read_only_file_system_reads_but_tick_exits_2(
    capsys: pytest.CaptureFixture[str], state: Path
) -> None:
    run(capsys, "--state", str(state), "tick", "pelvic-tilts")
    if shutil.which("unshare") is None or run_in_read_only(state.parent, "true").returncode != 0:
        pytest.skip("cannot make a private read-only mount here (needs root and unshare)")
    backref = [sys.executable, "-m", "backref", "--state", str(state)]
    ticking = run_in_read_only(state.parent, *backref, "tick", "childs-pose")
    assert ticking.returncode == 2 and ticking.stdout == ""
    assert ticking.stderr == f"backref: cannot save ticks to {state}: Read-only file system\n"
    reading = run_in_read_only(state.parent, *backref, "checklist", "gentle")
    assert reading.returncode == 0 and reading.stderr == ""
    assert "[x] Pelvic tilts" in reading.stdout and "[ ] Child's pose" in reading.stdout
    state.write_bytes(b"\x00garbage")
    reading = run_in_read_only(state.parent, *backref, "checklist", "gentle")
    assert reading.returncode == 0 and reading.stderr.count("\n") == 1
    assert "cannot be moved aside" in reading.stderr and "[ ] Pelvic tilts" in reading.stdout

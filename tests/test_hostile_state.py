"""A state file that holds what no backref wrote, a time zone that makes a date overflow, and
thresholds past any calendar: one line and the right exit code, never a traceback."""
from __future__ import annotations

import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core.load import load_content
from backref.core.state import StateStore
from conftest import CONTENT, Clock


@pytest.fixture
def state(tmp_path: Path) -> Path:
    path = tmp_path / "s" / "state.toml"
    path.parent.mkdir()
    return path


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is New York's, where year 1 at UTC midnight is still in year 0."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the local time zone for the test."""
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def run(capsys: pytest.CaptureFixture[str], state: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(["--state", str(state), *argv])
    except SystemExit as exited:
        code = int(exited.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("started", ['"garbage"', '"0001-01-01T00:00:00+00:00"', '"9999-12-31T23:59:59-12:00"',
                                     "07:00:00", '""'])
@pytest.mark.parametrize("command", [["episode"], ["episode", "list"], ["checklist"], ["summary"],
                                     ["episode", "end"], ["tick", "apply-ice-20-min"]])
def test_an_unusable_time_in_the_file_is_set_aside_with_one_line(
        capsys: pytest.CaptureFixture[str], state: Path, new_york: None, clock: Clock,
        started: str, command: list[str]) -> None:
    state.write_text(f"version = 1\n[[episodes]]\nstarted = {started}\n")
    code, out, err = run(capsys, state, *command)
    assert code in (0, 2) and "Traceback" not in err
    assert err.startswith(f"backref: {state} was unreadable ([[episodes]] 1 started is ")
    assert "not a date-time from 1900 to 9000); kept it as" in err
    kept = list(state.parent.glob("state.toml.corrupt-*"))
    assert len(kept) == 1 and f"started = {started}" in kept[0].read_text()


def test_an_end_or_a_reading_time_that_is_no_time_is_shown_marked_and_left_out_of_sums(
        capsys: pytest.CaptureFixture[str], state: Path, new_york: None, clock: Clock) -> None:
    state.write_text('version = 1\n[[episodes]]\nstarted = "2026-11-10T07:00:00+00:00"\n'
                     'ended = "soon \\u001b[2J"\nreadings = [{at = "0001-01-01T00:00:00+00:00", severity = 3}]\n'
                     '[[episodes]]\nstarted = "2026-11-18T07:00:00+00:00"\n'
                     'readings = [{at = "![](http://e.co)", severity = 9, note = "n"}]\n')
    code, out, err = run(capsys, state, "episode", "list")
    assert (code, err) == (0, "")
    assert "to soon [2J (not a date) (length unknown)" in " ".join(out.split()) and "\x1b" not in out
    code, out, err = run(capsys, state, "episode")
    assert (code, err) == (0, "") and "![](http://e.co) (not a date)  9/10 severe" in out
    for command in (["checklist"], ["summary"], ["summary", "--format", "html"], ["episode", "list", "--json"],
                    ["episode", "note", "--severity", "4"], ["episode", "end"], ["episode", "start"]):
        code, out, err = run(capsys, state, *command)
        assert code == 0 and "Traceback" not in err, command
    kept = tomllib.loads(state.read_text())["episodes"]
    assert kept[0]["ended"] == "soon \x1b[2J" and kept[1]["readings"][0]["at"] == "![](http://e.co)"
    assert not list(state.parent.glob("*.corrupt-*"))


def test_the_view_shows_a_file_with_a_bad_time_set_aside_and_runs_on(state: Path, clock: Clock) -> None:
    state.write_text('version = 1\n[[episodes]]\nstarted = "garbage"\n')
    store = StateStore(str(state), load_content(str(CONTENT)))
    assert store.episodes() == [] and store.open_episode() is None
    assert store.notices and "kept it as" in store.notices[0]


@pytest.mark.parametrize("at", ["0001-01-01T00:00+00:00", "0001-01-01", "1899-12-31T23:59", "0999-06-01"])
def test_a_start_before_1900_is_refused_in_any_zone(
        capsys: pytest.CaptureFixture[str], state: Path, new_york: None, at: str) -> None:
    assert run(capsys, state, "episode", "start", "--at", at) == (
        2, "", f"backref: '{at}' is before 1900; backref keeps no earlier times\n")
    assert not state.exists()


def test_a_start_in_1900_is_kept_and_shown_in_new_york(capsys: pytest.CaptureFixture[str], state: Path,
                                                       new_york: None) -> None:
    assert run(capsys, state, "episode", "start", "--at", "1900-01-01T00:00+00:00")[0] == 0
    for command in (["episode"], ["episode", "list"], ["checklist"], ["summary"]):
        code, out, err = run(capsys, state, *command)
        assert (code, err) == (0, ""), command
    assert tomllib.loads(state.read_text())["episodes"][0]["started"] == "1900-01-01T00:00:00+00:00"


def test_a_timer_run_with_a_year_no_zone_can_show_is_taken_as_never_run(
        capsys: pytest.CaptureFixture[str], state: Path, new_york: None, clock: Clock) -> None:
    state.write_text('version = 1\n[[episodes]]\nstarted = "2026-11-20T08:00:00-05:00"\n'
                     '[timers.apply-ice-20-min]\nstatus = "done"\nstarted = "0001-01-01T00:00:00+00:00"\n')
    code, out, err = run(capsys, state, "episode")
    assert (code, err) == (0, "")


@pytest.mark.parametrize("days", [800000, 999999999, 10**12])
def test_a_recurring_window_longer_than_the_calendar_counts_every_episode(
        capsys: pytest.CaptureFixture[str], state: Path, tmp_path: Path, clock: Clock, days: int) -> None:
    config = tmp_path / "config" / "backref" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f"[episodes]\nrecurring_count = 2\nrecurring_days = {days}\n")
    for start, end in (("2020-01-01", "2020-01-02"), ("2026-11-01", "2026-11-02")):
        assert run(capsys, state, "episode", "start", "--at", start)[0] == 0
        assert run(capsys, state, "episode", "end", "--at", end)[0] == 0
    for command in (["episode"], ["episode", "list"], ["summary"], ["checklist"]):
        code, out, err = run(capsys, state, *command)
        assert code == 0 and "Traceback" not in err, command
    # the settings may bound the window (said in one line) or take it: never a traceback
    code, out, err = run(capsys, state, "episode")
    assert "recurring_days" in err or "Frequent recurring episodes" in out


def test_signs_over_a_window_past_the_calendar_count_every_episode(clock: Clock) -> None:
    import datetime

    from backref.core.episodes import episodes_of
    from backref.core.signs import Thresholds, signs

    content = load_content(str(CONTENT))
    state = {"episodes": [{"started": "1901-01-01T00:00:00+00:00", "ended": "1901-01-02T00:00:00+00:00"},
                          {"started": "2026-11-01T00:00:00+00:00", "ended": "2026-11-02T00:00:00+00:00"}]}
    now = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.timezone.utc)
    for days in (800000, 999999999):
        found = signs(content, episodes_of(state), now, Thresholds(count=2, days=days, notices=()))
        assert [sign.kind for sign in found] == ["recurring"]


FOREIGN = "export PATH=$PATH:/opt/bin\n"


@pytest.mark.parametrize("command", [["tick", "apply-ice-20-min"], ["untick", "apply-ice-20-min"], ["checklist"],
                                     ["checklist", "--reset", "first-24-48-hours"], ["episode"],
                                     ["episode", "start"], ["episode", "list"], ["summary"], ["show", "relief"],
                                     ["timer", "ice", "--seconds", "1"]])
def test_a_link_to_a_file_that_is_not_a_state_file_is_refused_and_left_alone(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "dotfiles" / "bashrc"
    target.parent.mkdir()
    target.write_text(FOREIGN)
    link = tmp_path / "state.toml"
    link.symlink_to(target)
    code, out, err = run(capsys, link, *command)
    assert (code, out) == (2, "")
    assert err == (f"backref: {link} is a link to {target}, which is not a backref state file; backref leaves "
                   "it alone (point the link at a state file, or choose another with --state)\n")
    assert target.read_text() == FOREIGN and link.is_symlink()
    assert sorted(p.name for p in target.parent.iterdir()) == ["bashrc"]  # no lock, nothing set aside


def test_the_check_still_runs_beside_a_foreign_link_and_says_it_kept_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    target = tmp_path / "bashrc"
    target.write_text(FOREIGN)
    link = tmp_path / "state.toml"
    link.symlink_to(target)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, err = run(capsys, link, "triage")
    assert code == 20 and "EMERGENCY" in out
    assert "which is not a backref state file" in err and "(the check's result is still as shown)" in err
    assert target.read_text() == FOREIGN


def test_a_link_to_a_corrupt_state_file_of_backrefs_own_is_set_aside_through_the_link(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "kept" / "state.toml"
    target.parent.mkdir()
    target.write_text('version = 1\n[ticks]\napply-ice-20-min = "2026-11-20T10:00:00+00:00"\n[ticks\n')
    link = tmp_path / "state.toml"
    link.symlink_to(target)
    code, out, err = run(capsys, link, "tick", "stop-activity-immediately")
    assert code == 0 and "kept it as" in err
    assert len(list(target.parent.glob("state.toml.corrupt-*"))) == 1 and link.is_symlink()
    assert "stop-activity-immediately" in tomllib.loads(target.read_text())["episodes"][0]["ticks"]


def test_an_empty_link_target_is_a_new_state_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "empty.toml"
    target.write_text("")
    link = tmp_path / "state.toml"
    link.symlink_to(target)
    assert run(capsys, link, "tick", "proper-warm-up")[0] == 0
    assert "proper-warm-up" in target.read_text() and link.is_symlink()


def test_the_view_refuses_a_foreign_link_before_taking_the_screen(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "bashrc"
    target.write_text(FOREIGN)
    link = tmp_path / "state.toml"
    link.symlink_to(target)
    code, out, err = run(capsys, link)
    assert code == 2 and "which is not a backref state file" in err and err.count("\n") == 1


def test_the_store_itself_reads_a_foreign_link_as_no_ticks_and_refuses_to_write(tmp_path: Path) -> None:
    from backref.core.state import StateWriteError

    target = tmp_path / "bashrc"
    target.write_text(FOREIGN)
    link = tmp_path / "state.toml"
    link.symlink_to(target)
    store = StateStore(str(link), load_content(str(CONTENT)))
    assert store.ticked() == frozenset() and "which is not a backref state file" in store.notices[0]
    assert store.write_problem() == store.refusal()
    with pytest.raises(StateWriteError):
        store.tick(["apply-ice-20-min"])
    assert target.read_text() == FOREIGN


# -- what only reads makes nothing -------------------------------------------------------------

@pytest.mark.parametrize("command", [["untick", "apply-ice-20-min"], ["checklist", "--reset", "first-24-48-hours"],
                                     ["checklist"], ["episode"], ["episode", "list"], ["summary"], ["show", "relief"]])
def test_a_command_that_changes_nothing_makes_no_folder_and_no_lock(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]) -> None:
    state = tmp_path / "new" / "state.toml"
    assert run(capsys, state, *command)[0] == 0
    assert not state.parent.exists()


def test_a_device_as_the_state_file_is_read_as_nothing_and_gets_no_lock(
        capsys: pytest.CaptureFixture[str]) -> None:
    null = Path("/dev/null")
    assert run(capsys, null, "tick", "apply-ice-20-min") == (
        2, "", "backref: cannot save ticks to /dev/null: not a regular file\n")
    code, out, err = run(capsys, null, "checklist")
    assert code == 0 and err == "backref: cannot read /dev/null: not a regular file; showing no ticks\n"
    assert not Path("/dev/null.lock").exists()


# -- a clock put back ---------------------------------------------------------------------------

def test_a_clock_put_back_keeps_the_log_in_order_and_says_so(capsys: pytest.CaptureFixture[str], state: Path,
                                                             clock: Clock) -> None:
    clock.set("2026-11-20T12:00")
    assert run(capsys, state, "episode", "start", "--severity", "6")[0] == 0
    clock.set("2026-11-19T09:00")  # put back a day and three hours
    code, out, err = run(capsys, state, "episode")
    assert code == 0 and "open since 2026-11-20 12:00 (day 1)" in out and "day -" not in out
    code, out, err = run(capsys, state, "episode", "note", "--severity", "4", "after the clock moved")
    assert code == 0 and err == ("backref: the clock reads 2026-11-19 09:00, before the episode's last time "
                                 "(2026-11-20 12:00); noted it at 2026-11-20 12:00, so the log stays in order\n")
    code, out, err = run(capsys, state, "episode", "end")
    assert code == 0 and "ended it at 2026-11-20 12:00" in err
    code, out, err = run(capsys, state, "episode", "start")
    assert code == 0 and "started this one at 2026-11-20 12:00" in err
    episodes = tomllib.loads(state.read_text())["episodes"]
    times = [episodes[0]["started"], *(r["at"] for r in episodes[0]["readings"]), episodes[0]["ended"],
             episodes[1]["started"]]
    assert times == sorted(times) and len(episodes[0]["readings"]) == 2


def test_a_typed_time_before_the_log_is_still_refused(capsys: pytest.CaptureFixture[str], state: Path,
                                                      clock: Clock) -> None:
    assert run(capsys, state, "episode", "start", "--at", "2026-11-20T10:00")[0] == 0
    assert run(capsys, state, "episode", "end", "--at", "2026-11-20T09:00") == (
        2, "", "backref: the episode started 2026-11-20 10:00; it cannot end before that\n")
    assert run(capsys, state, "episode", "end", "--at", "2026-11-20T11:00")[0] == 0
    assert run(capsys, state, "episode", "start", "--at", "2026-11-20T10:30") == (
        2, "", "backref: the previous episode ended 2026-11-20 11:00; a new one cannot start before that\n")


def test_a_relief_tick_under_a_clock_put_back_starts_the_episode_after_the_last(
        capsys: pytest.CaptureFixture[str], state: Path, clock: Clock) -> None:
    assert run(capsys, state, "episode", "start", "--at", "2026-11-20T10:00")[0] == 0
    assert run(capsys, state, "episode", "end", "--at", "2026-11-20T11:00")[0] == 0
    clock.set("2026-11-20T08:00")
    code, out, err = run(capsys, state, "tick", "apply-ice-20-min")
    assert code == 0 and "started an episode" in out
    assert tomllib.loads(state.read_text())["episodes"][1]["started"].startswith("2026-11-20T11:00")


# -- daylight saving time -------------------------------------------------------------------------

def test_a_time_the_clocks_skipped_is_said_not_moved(capsys: pytest.CaptureFixture[str], state: Path,
                                                     zone: Callable[[str], None]) -> None:
    zone("Europe/London")
    assert run(capsys, state, "episode", "start", "--at", "2026-03-29T01:30") == (
        2, "", "backref: '2026-03-29T01:30' never showed on the local clock (it went forward then): "
               "give 00:30 or 02:30\n")
    assert not state.exists()
    assert run(capsys, state, "episode", "start", "--at", "2026-03-29T02:30")[0] == 0
    assert tomllib.loads(state.read_text())["episodes"][0]["started"] == "2026-03-29T02:30:00+01:00"


def test_a_day_whose_midnight_was_skipped_begins_when_its_clock_did(
        capsys: pytest.CaptureFixture[str], state: Path, zone: Callable[[str], None]) -> None:
    zone("America/Sao_Paulo")  # 2018-11-04 began at 01:00 (-02:00)
    assert run(capsys, state, "episode", "start", "--at", "2018-11-04")[0] == 0
    assert tomllib.loads(state.read_text())["episodes"][0]["started"] == "2018-11-04T01:00:00-02:00"


def test_a_folder_as_the_state_file_is_said_to_be_one_and_gets_no_lock(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "state.toml"
    folder.mkdir()
    assert run(capsys, folder, "tick", "apply-ice-20-min") == (
        2, "", f"backref: cannot save ticks to {folder}: is a directory\n")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["state.toml"]

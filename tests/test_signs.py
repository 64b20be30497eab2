"""The see-a-doctor signs the episode log shows: what each says, which of the guide's red flags it
comes from (as `backref episode --json` gives it to scripts), when it starts to show, and backref's
own threshold for "frequent" from config.toml."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from backref.cli.main import main
from conftest import CONTENT, Clock

CHECK_LINE = ("Latest severity 9/10: go through the red-flag check now: backref triage "
              "(8 or more is backref's threshold)")
LONG_LINE = ("SEE A DOCTOR: Spasms lasting more than a week - this episode started 2026-11-10 08:00 (day 11); "
             "the guide says to book an appointment")
RECURRING_LINE = ("SEE A DOCTOR: Frequent recurring episodes - 3 episodes started in the last 90 days; the guide "
                  "says to book an appointment (3 in 90 days is backref's threshold, not the guide's; "
                  "set it in config.toml)")



@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "s" / "state.toml"


@pytest.fixture
def config(isolated_dirs: Path) -> Path:
    """config.toml where backref reads it (conftest points XDG_CONFIG_HOME into the test's directory)."""
    path = isolated_dirs / "config" / "backref" / "config.toml"
    path.parent.mkdir(parents=True)
    return path


def run(capsys: pytest.CaptureFixture[str], state: Path, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--state", str(state), *argv])
    except SystemExit as exited:
        code = int(exited.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def log(capsys: pytest.CaptureFixture[str], state: Path, clock: Clock, *episodes: tuple[str, str | None]) -> None:
    """Log episodes (start, end or None to leave it open) as a person would, on the day each happened."""
    for start, end in episodes:
        clock.set(end or start)
        code, _, err = run(capsys, state, "episode", "start", "--at", start)
        assert (code, err) == (0, "")
        if end:
            assert run(capsys, state, "episode", "end", "--at", end)[0] == 0
    clock.set("2026-11-20T12:00")


def test_each_sign_says_what_it_is_and_which_red_flag_it_comes_from(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    log(capsys, state, clock, ("2026-09-01T08:00", "2026-09-03T08:00"), ("2026-10-01T08:00", "2026-10-02T08:00"),
        ("2026-11-10T08:00", None))
    run(capsys, state, "episode", "note", "--severity", "9")
    code, out, err = run(capsys, state, "episode", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["signs"] == [
        {"kind": "check-red-flags", "red_flag": None, "urgency": None, "line": CHECK_LINE},
        {"kind": "long-episode", "red_flag": "see-spasms-over-a-week", "urgency": "see-doctor", "line": LONG_LINE},
        {"kind": "recurring", "red_flag": "see-recurring-episodes", "urgency": "see-doctor",
         "line": RECURRING_LINE},
    ]
    _, out, _ = run(capsys, state, "episode", "--width", "200")
    assert out.endswith(f"\n\n{CHECK_LINE}\n\n{LONG_LINE}\n\n{RECURRING_LINE}\n")


def test_an_open_episode_is_long_only_once_it_has_lasted_more_than_seven_days(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    log(capsys, state, clock, ("2026-11-10T08:00", None))
    clock.set("2026-11-17T08:00")  # exactly a week: not yet "more than a week"
    _, out, _ = run(capsys, state, "episode", "--width", "200")
    assert "more than a week" not in out
    clock.set("2026-11-17T08:01")
    _, out, _ = run(capsys, state, "episode", "--width", "200")
    assert ("SEE A DOCTOR: Spasms lasting more than a week - this episode started 2026-11-10 08:00 (day 8); "
            "the guide says to book an appointment") in out


def test_an_episode_started_exactly_the_threshold_days_ago_still_counts(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock, config: Path
) -> None:
    config.write_text("[episodes]\nrecurring_count = 2\nrecurring_days = 10\n")
    log(capsys, state, clock, ("2026-11-10T12:00", "2026-11-11T12:00"), ("2026-11-15T12:00", "2026-11-16T12:00"))
    code, out, err = run(capsys, state, "episode", "list", "--width", "200")
    assert (code, err) == (0, "")
    assert ("SEE A DOCTOR: Frequent recurring episodes - 2 episodes started in the last 10 days; the guide says "
            "to book an appointment (2 in 10 days is backref's threshold, not the guide's; set it in config.toml)"
            ) in out


def test_a_person_may_set_the_threshold_to_one_episode(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock, config: Path
) -> None:
    config.write_text("[episodes]\nrecurring_count = 1\nrecurring_days = 30\n")
    log(capsys, state, clock, ("2026-11-15T12:00", "2026-11-16T12:00"))
    code, out, err = run(capsys, state, "episode", "list", "--width", "200")
    assert (code, err) == (0, "")
    assert "SEE A DOCTOR: Frequent recurring episodes" in out
    assert "(1 in 30 days is backref's threshold, not the guide's" in out


@pytest.mark.parametrize(("text", "notices"), [
    ("[episodes]\nrecurring_count = 0\nrecurring_days = \"ninety\"\n",
     ["episodes.recurring_count must be a whole number from 1 to 1000; using 3",
      "episodes.recurring_days must be a whole number from 1 to 3660; using 90"]),
    ("episodes = 3\n", ["episodes must be a table; using recurring_count 3, recurring_days 90"]),
])
def test_a_threshold_that_cannot_be_used_is_named_with_its_file_and_the_default_kept(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock, config: Path, text: str, notices: list[str]
) -> None:
    log(capsys, state, clock, ("2026-09-01T08:00", "2026-09-03T08:00"), ("2026-10-01T08:00", "2026-10-02T08:00"),
        ("2026-11-01T08:00", "2026-11-02T08:00"))
    config.write_text(text)
    code, out, err = run(capsys, state, "episode", "list", "--width", "200")
    assert code == 0
    assert err == "".join(f"backref: {config}: {notice}\n" for notice in notices)
    assert RECURRING_LINE in out


def test_content_without_the_guides_signs_shows_none_of_them_and_no_error(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock, tmp_path: Path
) -> None:
    other = tmp_path / "other.toml"
    other.write_text(CONTENT.read_text(encoding="utf-8").replace("see-spasms-over-a-week", "see-long-spasms")
                     .replace("see-recurring-episodes", "see-recurrences"), encoding="utf-8")
    log(capsys, state, clock, ("2026-09-01T08:00", "2026-09-03T08:00"), ("2026-10-01T08:00", "2026-10-02T08:00"),
        ("2026-11-10T08:00", None))
    run(capsys, state, "episode", "note", "--severity", "9")
    code, out, err = run(capsys, state, "--content", str(other), "episode", "--json")
    assert (code, err) == (0, "")
    assert [sign["kind"] for sign in json.loads(out)["signs"]] == ["check-red-flags"]

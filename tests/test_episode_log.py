"""The episode log as a person reads it: every field `backref episode --json` gives, how long
an episode lasted, the whole 0-10 scale, times typed or written with an offset, the exact line of
each refusal, a content file of one's own (its severity words and its triggers), and relief ticked
before episodes existed."""
from __future__ import annotations

import datetime
import json
import os
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from backref.cli.main import main
from backref.core import episodes as ep
from backref.core import state as state_module
from backref.core.errors import UserError

NOW = "2026-11-20T12:00"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[datetime.datetime]]:
    """The local time the commands see, 2026-11-20 12:00 unless a test sets clock[0], in a
    person's zone of UTC (the stamps written here say +00:00)."""
    zone = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    at = [datetime.datetime.fromisoformat(NOW).astimezone()]
    monkeypatch.setattr(state_module, "local_now", lambda: at[0])
    yield at
    if zone is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = zone
    time.tzset()


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "s" / "state.toml"


def run(capsys: pytest.CaptureFixture[str], state: Path, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--state", str(state), *argv])
    except SystemExit as exited:  # argparse's usage errors
        code = int(exited.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def write_state(state: Path, text: str) -> None:
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text("version = 1\n" + text, encoding="utf-8")


def on_disk(state: Path) -> dict[str, Any]:
    return tomllib.loads(state.read_text(encoding="utf-8"))


# -- what --json gives ----------------------------------------------------------------------

LOG = '''
[[episodes]]
started = "2026-11-01T09:00:00+00:00"
ended = "2026-11-04T09:00:00+00:00"
[[episodes]]
started = "2026-11-10T08:00:00+00:00"
where = ["lower-back-most-common", "left hip"]
triggers = ["cold-exposure", "gardening"]
readings = [{at = "2026-11-10T08:00:00+00:00", severity = 8, note = "stairs"},
            {at = "2026-11-10T09:00:00+00:00", note = "better"}]
[episodes.ticks]
apply-ice-20-min = "2026-11-10T10:00:00+00:00"
pelvic-tilts = "2026-11-10T09:30:00+00:00"
mystery = "2026-11-10T08:30:00+00:00"
'''
CHECK_LINE = ("Latest severity 8/10: go through the red-flag check now: backref triage "
              "(8 or more is backref's threshold)")
LONG_LINE = ("SEE A DOCTOR: Spasms lasting more than a week - this episode started 2026-11-10 08:00 "
             "(day 11); the guide says to book an appointment")


def test_the_log_as_json_holds_every_field_and_the_signs(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime]
) -> None:
    write_state(state, LOG)
    code, out, err = run(capsys, state, "episode", "list", "--json")
    assert (code, err) == (0, "")
    ended = {"number": 1, "started": "2026-11-01T09:00:00+00:00", "ended": "2026-11-04T09:00:00+00:00",
             "open": False, "day": 4, "duration": "3 days", "where": [], "triggers": [], "readings": [],
             "peak_severity": None, "latest_severity": None, "ticks": []}
    current = {
        "number": 2, "started": "2026-11-10T08:00:00+00:00", "ended": None, "open": True, "day": 11,
        "duration": "10 days",
        "where": [{"value": "lower-back-most-common", "text": "Lower back most common"},
                  {"value": "left hip", "text": "left hip"}],
        "triggers": [{"value": "cold-exposure", "text": "Cold exposure"},
                     {"value": "gardening", "text": "gardening"}],
        "readings": [{"at": "2026-11-10T08:00:00+00:00", "severity": 8, "note": "stairs",
                      "words": "8/10 severe (Intense pain, immobility)"},
                     {"at": "2026-11-10T09:00:00+00:00", "severity": None, "note": "better", "words": None}],
        "peak_severity": 8, "latest_severity": 8,
        # in the order they were ticked; an id that is no relief item is shown as it is
        "ticks": [{"id": "mystery", "text": "mystery", "at": "2026-11-10T08:30:00+00:00"},
                  {"id": "pelvic-tilts", "text": "Pelvic tilts", "at": "2026-11-10T09:30:00+00:00"},
                  {"id": "apply-ice-20-min", "text": "Apply ice 20 min every 2 hours",
                   "at": "2026-11-10T10:00:00+00:00"}],
    }
    signs = [{"kind": "check-red-flags", "red_flag": None, "urgency": None, "line": CHECK_LINE},
             {"kind": "long-episode", "red_flag": "see-spasms-over-a-week", "urgency": "see-doctor",
              "line": LONG_LINE}]
    assert json.loads(out) == {"episodes": [ended, current], "signs": signs}
    _, out, _ = run(capsys, state, "episode", "--json")
    assert json.loads(out) == {"open": current, "signs": signs}
    _, out, _ = run(capsys, state, "episode")
    assert out.splitlines()[:10] == [
        "Episode 2: open since 2026-11-10 08:00 (day 11)",
        "  Latest severity: 8/10 severe (Intense pain, immobility)",
        "  Peak severity: 8/10 severe (Intense pain, immobility)",
        "  Where: Lower back most common, left hip",
        "  Triggers: Cold exposure, gardening",
        "  2026-11-10 08:00  8/10 severe (Intense pain, immobility) - stairs",
        "  2026-11-10 09:00  better",
        "  [x] mystery (2026-11-10 08:30)",
        "  [x] Pelvic tilts (2026-11-10 09:30)",
        "  [x] Apply ice 20 min every 2 hours (2026-11-10 10:00)",
    ]


# -- how long -----------------------------------------------------------------------------

def test_the_list_says_how_long_each_episode_lasted(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime]
) -> None:
    write_state(state, '''
[[episodes]]
started = "2026-11-01T09:00:00+00:00"
ended = "2026-11-02T09:00:00+00:00"
[[episodes]]
started = "2026-11-05T09:00:00+00:00"
ended = "2026-11-05T14:00:00+00:00"
[[episodes]]
started = "2026-11-06T09:00:00+00:00"
ended = "2026-11-06T10:00:00+00:00"
readings = [{at = "2026-11-06T09:00:00+00:00", severity = 0}]
[[episodes]]
started = "2026-11-20T12:30:00+00:00"
''')  # the last one started half an hour after the clock's now: the clock was put back
    code, out, err = run(capsys, state, "episode", "list")
    assert (code, err) == (0, "")
    assert out.splitlines()[:4] == [
        "1  2026-11-01 09:00 to 2026-11-02 09:00  (1 day)  peak not rated",
        "2  2026-11-05 09:00 to 2026-11-05 14:00  (5 hours)  peak not rated",
        "3  2026-11-06 09:00 to 2026-11-06 10:00  (1 hour)  peak 0/10",
        "4  2026-11-20 12:30 to open  (0 hours)  peak not rated",
    ]


def test_an_episode_with_no_reading_is_not_rated(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime]
) -> None:
    run(capsys, state, "episode", "start", "--at", "2026-11-20T09:00")
    code, out, err = run(capsys, state, "episode")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["Episode 1: open since 2026-11-20 09:00 (day 1)",
                                "  Latest severity: not rated", "  Peak severity: not rated"]


# -- the scale and the time typed --------------------------------------------------------------

def test_the_whole_scale_from_0_to_10_is_kept(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime]
) -> None:
    code, out, err = run(capsys, state, "episode", "start", "--severity", "0")
    assert (code, err) == (0, "") and "Latest severity: 0/10" in out
    code, out, err = run(capsys, state, "episode", "note", "--severity", "10")
    assert (code, err) == (0, "") and "Latest severity: 10/10 severe (Intense pain, immobility)" in out
    assert [r["severity"] for r in on_disk(state)["episodes"][0]["readings"]] == [0, 10]


def test_a_time_typed_with_its_offset_is_kept_as_typed(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime]
) -> None:
    code, out, err = run(capsys, state, "episode", "start", "--at", "2026-11-19T07:15+05:00")
    assert (code, err) == (0, "")
    assert on_disk(state)["episodes"][0]["started"] == "2026-11-19T07:15:00+05:00"
    assert "open since 2026-11-19 07:15" in out


# -- refusals, each one line ------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "line"), [
    (["start", "--at", "last week"],
     "'last week' is not a date: use YYYY-MM-DD, YYYY-MM-DDTHH:MM, today or yesterday"),
    (["start", "--at", "2026-11-21"], "'2026-11-21' is in the future; an episode is logged as it happens or after"),
    (["start", "--at", "2026-11-19T09:00"], "the previous episode ended 2026-11-19 10:00; "
                                           "a new one cannot start before that"),
])
def test_a_start_that_cannot_be_says_why(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime], argv: list[str], line: str
) -> None:
    write_state(state, '[[episodes]]\nstarted = "2026-11-19T08:00:00+00:00"\nended = "2026-11-19T10:00:00+00:00"\n')
    before = state.read_bytes()
    assert run(capsys, state, "episode", *argv) == (2, "", f"backref: {line}\n")
    assert state.read_bytes() == before


def test_a_start_while_one_is_open_names_the_open_one(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime]
) -> None:
    write_state(state, '''
[[episodes]]
started = "2026-11-01T08:00:00+00:00"
ended = "2026-11-02T08:00:00+00:00"
[[episodes]]
started = "2026-11-10T08:00:00+00:00"
ended = "2026-11-11T08:00:00+00:00"
[[episodes]]
started = "2026-11-19T07:30:00+00:00"
''')
    assert run(capsys, state, "episode", "start", "--severity", "3") == (
        2, "", "backref: an episode is open since 2026-11-19 07:30; end it first: backref episode end [--at WHEN]\n")


def test_a_new_episode_may_start_the_moment_the_last_one_ended(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime]
) -> None:
    write_state(state, '[[episodes]]\nstarted = "2026-11-19T08:00:00+00:00"\nended = "2026-11-19T10:00:00+00:00"\n')
    code, out, err = run(capsys, state, "episode", "start", "--at", "2026-11-19T10:00+00:00")
    assert (code, err) == (0, "") and out.startswith("started: episode 2\n")


def test_an_end_before_the_start_or_the_last_reading_says_which(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime]
) -> None:
    write_state(state, '''
[[episodes]]
started = "2026-11-20T09:00:00+00:00"
readings = [{at = "2026-11-20T09:00:00+00:00", severity = 6}, {at = "2026-11-20T10:00:00+00:00", severity = 5},
            {at = "2026-11-20T11:00:00+00:00", note = "easing"}]
''')
    before = state.read_bytes()
    assert run(capsys, state, "episode", "end", "--at", "2026-11-20T08:00") == (
        2, "", "backref: the episode started 2026-11-20 09:00; it cannot end before that\n")
    assert run(capsys, state, "episode", "end", "--at", "2026-11-20T10:30") == (
        2, "", "backref: the episode's last reading is at 2026-11-20 11:00; it cannot end before that\n")
    assert state.read_bytes() == before
    code, out, _ = run(capsys, state, "episode", "end", "--at", "2026-11-20T11:00")
    assert code == 0 and "Episode 1: 2026-11-20 09:00 to 2026-11-20 11:00 (2 hours)" in out


def test_a_note_with_nothing_in_it_says_what_to_give(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime]
) -> None:
    run(capsys, state, "episode", "start", "--severity", "4")
    before = state.read_bytes()
    assert run(capsys, state, "episode", "note") == (
        2, "", "backref: nothing to note: give --severity N, a TEXT, or both\n")
    assert state.read_bytes() == before


def test_a_change_that_finds_no_open_episode_says_so(clock: list[datetime.datetime]) -> None:
    """What the episode view says when the episode was ended elsewhere before its change is written."""
    state: dict[str, Any] = {"episodes": [{"started": "2026-11-19T08:00:00+00:00",
                                           "ended": "2026-11-19T10:00:00+00:00", "readings": []}]}
    for change in (lambda: ep.add_reading(state, clock[0], 5, None), lambda: ep.end(state, clock[0])):
        with pytest.raises(UserError) as refused:
            change()
        assert str(refused.value) == "no episode is open (start one: backref episode start)"


# -- a content file of one's own ---------------------------------------------------------------

def own_content(path: Path) -> str:
    """A person's content file: severity words for two bands only, one without a detail, and
    two triggers where one's words begin the other's."""
    def items(*pairs: tuple[str, str]) -> list[dict[str, str]]:
        return [{"id": i, "text": t} for i, t in pairs]

    raw = {
        "meta": {"title": "Mine", "source": "My notes", "version": "1", "disclaimer": "Not advice."},
        "topics": [{"id": "mine", "title": "Mine", "tab": "Mine", "sections": [
            {"id": "severity-levels", "title": "Severity", "kind": "list",
             "items": [*items(("mild", "Mild")), {"id": "severe", "text": "Severe", "detail": "Stay in bed"}]},
            {"id": "triggers", "title": "Triggers", "kind": "list",
             "items": items(("lift", "Lifting"), ("lift-heavy", "Lifting heavy things"), ("bend", "Bending"))},
            {"id": "location-patterns", "title": "Where", "kind": "list",
             "items": items(("low", "Lower back"), ("neck", "Neck"))},
        ]}],
    }
    path.write_text(tomli_w.dumps(raw), encoding="utf-8")
    return str(path)


def test_a_content_file_of_ones_own_gives_its_words(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime], tmp_path: Path
) -> None:
    mine = own_content(tmp_path / "mine.toml")
    code, out, err = run(capsys, state, "--content", mine, "episode", "start", "--severity", "2",
                         "--trigger", "Lifting", "--trigger", "lifting h", "--trigger", "LIFT",
                         "--where", "lower back", "--where", "Ne")
    assert (code, err) == (0, "")
    table = on_disk(state)["episodes"][0]
    assert table["triggers"] == ["lift", "lift-heavy"] and table["where"] == ["low", "neck"]
    assert "  Latest severity: 2/10 mild" in out.splitlines()
    assert "Triggers: Lifting, Lifting heavy things" in out
    _, out, _ = run(capsys, state, "--content", mine, "episode", "note", "--severity", "5")
    assert "  Latest severity: 5/10" in out.splitlines()  # no words for that band in this file
    _, out, _ = run(capsys, state, "--content", mine, "episode", "note", "--severity", "9")
    assert "  Latest severity: 9/10 severe (Stay in bed)" in out.splitlines()


def test_an_episode_ends_on_the_date_its_time_was_written_with(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime]
) -> None:
    """A time logged in another time zone (on a trip) keeps that place's date: 23:30 at UTC-5 on the
    18th is the 18th for `summary --since`, as the summary shows it."""
    write_state(state, '[[episodes]]\nstarted = "2026-11-18T20:00:00-05:00"\nended = "2026-11-18T23:30:00-05:00"\n'
                       'readings = [{at = "2026-11-18T20:00:00-05:00", severity = 4}]\n')
    code, out, err = run(capsys, state, "summary", "--since", "2026-11-19")
    assert (code, err) == (0, "") and "## Episodes (0)" in out
    _, out, _ = run(capsys, state, "summary", "--since", "2026-11-18")
    assert "## Episodes (1)" in out and "2026-11-18 20:00" in out


# -- relief ticks of a file from before episodes --------------------------------------------------

def test_relief_ticked_before_episodes_existed_does_not_count_in_one(
    capsys: pytest.CaptureFixture[str], state: Path, clock: list[datetime.datetime]
) -> None:
    write_state(state, '[ticks]\napply-ice-20-min = "2026-10-02T09:00:00+00:00"\n')
    ice = "Apply ice 20 min every 2 hours (apply-ice-20-min)"
    _, out, _ = run(capsys, state, "checklist", "first")
    assert f"  [x] {ice}" in out.splitlines()  # as the release before episodes showed it
    run(capsys, state, "episode", "start")
    _, out, _ = run(capsys, state, "checklist", "first")
    assert f"  [ ] {ice}" in out.splitlines() and "Relief > First 24-48 Hours  0/7" in out
    run(capsys, state, "tick", "apply-ice-20-min")
    _, out, _ = run(capsys, state, "checklist", "first")
    assert f"  [x] {ice}" in out.splitlines()
    run(capsys, state, "episode", "end")
    _, out, _ = run(capsys, state, "checklist", "first")
    assert f"  [ ] {ice}" in out.splitlines()

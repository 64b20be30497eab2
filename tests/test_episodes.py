"""`backref episode start|note|end|list`, relief ticks that belong to an episode, the
see-a-doctor signs from the log, and older state files: what a person sees and what the file holds."""
from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from backref.cli.main import main
from backref.core.episodes import parse_when
from backref.core.errors import ContentError, UserError
from backref.core.load import build_content, load_content
from backref.core.schema import Checker
from conftest import CONTENT, Clock, ROOT

LONG_SIGN = "SEE A DOCTOR: Spasms lasting more than a week"
RECURRING_SIGN = "SEE A DOCTOR: Frequent recurring episodes"



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


def on_disk(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_an_episode_open_more_than_a_week_shows_the_guides_sign(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    clock.set("2026-11-03T10:00")
    code, out, err = run(capsys, state, "episode", "start", "--at", "2026-11-01", "--severity", "7",
                         "--trigger", "lifting")
    assert (code, err) == (0, "")
    assert "started: episode 1" in out and LONG_SIGN not in out
    clock.set("2026-11-09T08:00")
    code, out, err = run(capsys, state, "episode")
    assert (code, err) == (0, "")
    assert "Episode 1: open since 2026-11-01 00:00 (day 9)" in out
    assert "Latest severity: 7/10 severe (Intense pain, immobility)" in out
    assert "Triggers: lifting" in out
    assert LONG_SIGN in out and "book an appointment" in out
    code, out, _ = run(capsys, state, "checklist", "first")
    assert LONG_SIGN in out  # after the checklist too


def test_episode_with_the_real_clock_as_a_person_runs_it(tmp_path: Path) -> None:
    state = tmp_path / "state.toml"
    start = (datetime.date.today() - datetime.timedelta(days=10)).isoformat()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "backref", "--state", str(state), "episode"]
    done = subprocess.run([*command, "start", "--at", start, "--severity", "7", "--trigger", "lifting"],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0 and f"open since {start} 00:00" in done.stdout and LONG_SIGN in done.stdout


def test_no_open_episode_is_said_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    code, out, err = run(capsys, state, "episode")
    assert (code, err) == (0, "") and out.startswith("no episode is open")
    assert not state.exists()


@pytest.mark.parametrize("argv", [
    ["episode", "end"],
    ["episode", "start", "--severity", "11"],
    ["episode", "note", "--severity", "11"],
    ["episode", "start", "--at", "2026-11-21"],
    ["episode", "start", "--at", "2026-11-20T12:30"],
    ["episode", "start", "--at", "last week"],
])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock, argv: list[str]
) -> None:
    code, out, err = run(capsys, state, *argv)
    assert code == 2 and out == "" and err.startswith("backref") and err.count("\n") == 1
    assert not state.parent.exists()  # not even the lock file


def test_an_end_before_the_start_or_in_the_future_exits_2_and_keeps_the_file(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    run(capsys, state, "episode", "start", "--at", "2026-11-18T09:00", "--severity", "5")
    before = state.read_bytes()
    for when in ("2026-11-17", "2026-11-18T08:59", "2026-11-25"):
        code, out, err = run(capsys, state, "episode", "end", "--at", when)
        assert code == 2 and out == "" and err.count("\n") == 1, (when, err)
        assert state.read_bytes() == before
    code, _, err = run(capsys, state, "episode", "end", "--at", "2026-11-18")  # that day's end
    assert (code, err) == (0, "")
    assert on_disk(state)["episodes"][0]["ended"].startswith("2026-11-18T23:59:59")


def test_starting_while_one_is_open_asks_to_end_it_first(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    run(capsys, state, "episode", "start")
    before = state.read_bytes()
    code, out, err = run(capsys, state, "episode", "start", "--severity", "3")
    assert code == 2 and out == "" and "backref episode end" in err and err.count("\n") == 1
    assert state.read_bytes() == before


def test_ticking_relief_starts_an_episode_and_the_next_one_starts_clear(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    clock.set("2026-11-10T08:00")
    code, out, _ = run(capsys, state, "tick", "apply-ice-20-min", "stay-hydrated")
    assert code == 0 and "started an episode now" in out
    _, out, _ = run(capsys, state, "checklist", "first")
    assert "Relief > First 24-48 Hours  1/7" in out and "  [x] Apply ice 20 min every 2 hours" in out
    clock.set("2026-11-12T08:00")
    run(capsys, state, "episode", "end")
    clock.set("2026-11-19T08:00")
    run(capsys, state, "episode", "start", "--severity", "4")
    _, out, _ = run(capsys, state, "checklist")
    assert "Immediate Relief Strategies  0/28" in out
    assert "  [x] Apply ice 20 min every 2 hours" not in out
    _, out, _ = run(capsys, state, "episode", "list", "--json")
    first, second = json.loads(out)["episodes"]
    assert [(t["id"], t["at"][:16]) for t in first["ticks"]] == [("apply-ice-20-min", "2026-11-10T08:00")]
    assert second["ticks"] == [] and second["open"] and not first["open"]
    assert on_disk(state)["days"]["2026-11-10"] == {"stay-hydrated": on_disk(state)["days"]["2026-11-10"]["stay-hydrated"]}


def test_a_state_file_of_the_current_release_loads_and_keeps_every_tick(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    state.parent.mkdir()
    older = ('version = 1\n\n[ticks]\napply-ice-20-min = "2026-10-02T09:00:00+00:00"\n'
             'pelvic-tilts = "2026-10-02T09:05:00+00:00"\n\n[days."2026-11-19"]\nstay-hydrated = "2026-11-19T08:00:00+00:00"\n'
             '[days."2026-11-20"]\nregular-core-exercises = "2026-11-20T08:00:00+00:00"\n')
    state.write_text(older)
    code, out, err = run(capsys, state, "checklist")
    assert (code, err) == (0, "")
    for line in ("  [x] Apply ice 20 min every 2 hours", "  [x] Pelvic tilts", "  [x] Regular core exercises"):
        assert line in out
    assert "streak: 2 days" in out
    assert state.read_text() == older  # reading changes nothing
    run(capsys, state, "episode", "start", "--severity", "3")  # a write keeps every older tick
    data = on_disk(state)
    assert set(data["ticks"]) == {"apply-ice-20-min", "pelvic-tilts"}
    assert data["days"] == tomllib.loads(older)["days"]
    run(capsys, state, "episode", "end")
    assert set(on_disk(state)["ticks"]) == {"apply-ice-20-min", "pelvic-tilts"}


def test_recurring_episodes_by_backrefs_threshold_and_config(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for start, end in (("2026-09-01", "2026-09-03"), ("2026-10-01", "2026-10-02"), ("2026-11-01", "2026-11-02")):
        run(capsys, state, "episode", "start", "--at", start)
        run(capsys, state, "episode", "end", "--at", end)
    _, out, _ = run(capsys, state, "episode")
    assert RECURRING_SIGN in out and "3 in 90 days is backref's threshold, not the guide's" in out.replace("\n", " ")
    config = tmp_path / "config" / "backref" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[episodes]\nrecurring_count = 4\nrecurring_days = 120\n")
    _, out, _ = run(capsys, state, "episode")
    assert RECURRING_SIGN not in out
    config.write_text("[episodes]\nrecurring_count = 2\nrecurring_days = 60\n")
    _, out, _ = run(capsys, state, "episode", "list")
    assert RECURRING_SIGN in out and "2 in 60 days" in out.replace("\n", " ")
    config.write_text("[episodes]\nrecurring_count = 0\n")
    code, out, err = run(capsys, state, "episode")
    assert code == 0 and "recurring_count must be a whole number from 1" in err and RECURRING_SIGN in out


def test_a_severity_of_8_points_at_the_red_flag_check(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    run(capsys, state, "episode", "start", "--severity", "5")
    _, out, _ = run(capsys, state, "episode")
    assert "backref triage" not in out
    code, out, _ = run(capsys, state, "episode", "note", "--severity", "8", "worse", "when", "standing")
    assert code == 0 and "red-flag check" in out and "backref triage" in out
    assert "8/10 severe (Intense pain, immobility) - worse when standing" in out


def test_triggers_and_places_from_the_content_or_free_text(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    run(capsys, state, "episode", "start", "--trigger", "bending-forward", "--trigger", "Cold exposure",
        "--trigger", "gardening", "--where", "mid", "--note", "ugh \x1b[31mred\x1b[0m")
    table = on_disk(state)["episodes"][0]
    assert table["triggers"] == ["bending-forward", "cold-exposure", "gardening"]
    assert table["where"] == ["mid-back"]
    _, out, _ = run(capsys, state, "episode")
    assert "Triggers: Bending forward, Cold exposure, gardening" in out
    assert "Where: Mid-back (thoracic)" in out
    assert "\x1b" not in out and "ugh [31mred [0m" in out


def test_every_episode_command_speaks_json(capsys: pytest.CaptureFixture[str], state: Path, clock: Clock) -> None:
    _, out, _ = run(capsys, state, "episode", "start", "--severity", "6", "--json")
    started = json.loads(out)["started"]
    assert started["readings"][0]["words"] == "6/10 moderate (Pain, limited motion)"
    _, out, _ = run(capsys, state, "episode", "note", "--severity", "2", "--json")
    assert json.loads(out)["noted"]["latest_severity"] == 2
    _, out, _ = run(capsys, state, "episode", "--json")
    assert json.loads(out)["open"]["peak_severity"] == 6
    _, out, _ = run(capsys, state, "episode", "end", "--json")
    assert json.loads(out)["ended"]["open"] is False
    _, out, _ = run(capsys, state, "episode", "list", "--json")
    assert len(json.loads(out)["episodes"]) == 1


def test_when_words(clock: Clock) -> None:
    now = clock()
    assert parse_when("today", now) == now
    assert parse_when("yesterday", now) == now - datetime.timedelta(days=1)
    assert parse_when("2026-11-19T07:15", now).hour == 7
    assert parse_when("2026-11-20", now, end_of_day=True) == now  # today's end is now
    with pytest.raises(UserError):
        parse_when("2026-11-20T13:00", now)


# -- content: a checklist's scope ---------------------------------------------------------

def test_relief_is_per_episode_and_prevention_daily_in_the_shipped_content() -> None:
    content = load_content(str(CONTENT), use_cache=False)
    scopes = {s.id: s.scope for _t, s in content.checklist_sections()}
    assert scopes["first-24-48-hours"] == "episode" and scopes["gentle-stretches"] == "episode"
    assert scopes["exercise-and-strengthening"] == "daily"
    assert all(s.daily == (s.scope == "daily") for _t, s in content.checklist_sections())


def test_older_daily_true_maps_to_scope_daily_and_scope_is_checked() -> None:
    section = {"id": "s", "title": "S", "kind": "checklist", "daily": True, "items": [{"id": "i", "text": "I"}]}
    raw = {"meta": {"title": "T", "source": "S", "version": "1", "disclaimer": "D"},
           "topics": [{"id": "t", "title": "T", "tab": "T", "sections": [section]}]}
    assert Checker(raw).errors == []
    built = build_content(raw, "memory").topics[0].sections[0]
    assert built.scope == "daily" and built.daily
    section["scope"] = "weekly"
    assert any("unknown scope 'weekly'" in e for e in Checker(raw).errors)
    section["scope"] = "episode"
    assert any("contradicts scope" in e for e in Checker(raw).errors)


@pytest.mark.parametrize("scope, says", [("weekly", "unknown scope 'weekly'"), ("episode", "contradicts scope")])
def test_a_content_file_with_a_bad_scope_is_one_line_per_problem_and_exit_2(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, scope: str, says: str) -> None:
    import tomli_w

    section = {"id": "s", "title": "S", "kind": "checklist", "daily": True, "scope": scope,
               "items": [{"id": "i", "text": "I"}]}
    raw = {"meta": {"title": "T", "source": "S", "version": "1", "disclaimer": "D"},
           "topics": [{"id": "t", "title": "T", "tab": "T", "sections": [section]}]}
    path = tmp_path / "content.toml"
    path.write_text(tomli_w.dumps(raw))
    with pytest.raises(ContentError) as caught:
        load_content(str(path), use_cache=False)
    assert any(says in line for line in caught.value.errors)
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and says in err and all(line.startswith("backref: ") for line in err.splitlines())


def test_a_hand_written_episode_with_toml_dates_loads(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    state.parent.mkdir()
    state.write_text("version = 1\n[[episodes]]\nstarted = 2026-11-18T07:00:00\n"
                     "readings = [{at = 2026-11-18T07:00:00, severity = 6, note = \"stairs\"}]\n")
    code, out, err = run(capsys, state, "episode")
    assert (code, err) == (0, "")
    assert "open since 2026-11-18 07:00 (day 3)" in out and "6/10 moderate (Pain, limited motion) - stairs" in out


def test_an_episode_with_a_severity_off_the_scale_is_set_aside_not_shown(
    capsys: pytest.CaptureFixture[str], state: Path, clock: Clock
) -> None:
    state.parent.mkdir()
    state.write_text('version = 1\n[[episodes]]\nstarted = "2026-11-18T07:00:00+00:00"\n'
                     'readings = [{at = "2026-11-18T07:00:00+00:00", severity = "bad"}]\n')
    code, out, err = run(capsys, state, "episode")
    assert code == 0 and "no episode is open" in out and "severity must be 0-10" in err
    assert len(list(state.parent.glob("state.toml.corrupt-*"))) == 1

"""Timer rules: timings as data, countdowns on an injected clock, the next ice due, the state file."""
from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
import tomllib

from backref.core.content import Content
from backref.core.errors import ContentError
from backref.core.load import load_content
from backref.core.state import StateStore
from backref.core.errors import UserError
from backref.core.timers import (
    Countdown,
    Due,
    Phase,
    cautions,
    chosen_seconds,
    due_text,
    episode_started,
    line_interval,
    next_due,
    repeating_dues,
    resolve_timed,
    run_record,
)
from conftest import CONTENT

UTC = datetime.timezone.utc
START = datetime.datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def timed(content: Content) -> dict[str, object]:
    return {item.id: item.timer for _t, _s, item in content.timed_items()}


def test_the_guide_timings_are_on_the_ice_heat_and_stretch_items(content: Content) -> None:
    timers = timed(content)
    ice = content.item("apply-ice-20-min")
    assert ice is not None and ice.timer is not None
    assert (ice.timer.seconds, ice.timer.every_seconds, ice.timer.window_seconds) == (1200, 7200, 48 * 3600)
    then = content.item(ice.timer.then or "")
    assert then is not None and then.text == "Then alternate heat/cold"
    heat = content.item("heat-for-chronic-spasms")
    assert heat is not None and heat.timer is not None and heat.timer.seconds == 1200
    assert [c.text for c in cautions(content, heat)] == ["Heating pads cautiously", "Never sleep on heating pad"]
    stretches = [i for i in content.topics[4].sections[3].items if i.timer]
    assert len(stretches) == 5
    for stretch in stretches:
        assert stretch.timer is not None and stretch.timer.seconds == 30
        assert [c.text for c in cautions(content, stretch)] == ["Stop if pain increases"]
    assert len(timers) == 7


def with_timer(tmp_path: Path, old: str, new: str) -> str:
    text = CONTENT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "content.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return os.fspath(path)


@pytest.mark.parametrize("old, new, problem", [
    ("minutes = 20, every_hours = 2", "minutes = 25, every_hours = 2", "25 is not said by the items in 'from'"),
    ("for_hours = 48", "for_hours = 72", "72 is not said"),
    ('seconds = 30, from = ["hold-30-seconds"], cautions = ["stop-if-pain-increases"], rest_seconds = 10 } },\n  { id = "gentle',
     'seconds = 30, minutes = 1, from = ["hold-30-seconds"], cautions = ["stop-if-pain-increases"] } },\n  { id = "gentle',
     "needs exactly one of 'minutes' or 'seconds'"),
    ('from = ["20-minutes-at-a"]', 'from = ["no-such-item"]', "no item has id 'no-such-item'"),
    ('cautions = ["heating-pads-cautiously"', 'cautions = ["heating-pads"', "no item has id 'heating-pads'"),
    ("minutes = 20, from", "minutes = true, from", "must be a whole number"),
    ("minutes = 20, from", "minutes = 0, from", "must be 1 or more"),
    ("minutes = 20, from", "minute = 20, from", "unknown key 'minute'"),
])
def test_check_rejects_a_timing_the_guide_does_not_give(tmp_path: Path, old: str, new: str, problem: str) -> None:
    with pytest.raises(ContentError) as raised:
        load_content(with_timer(tmp_path, old, new), use_cache=False)
    assert any(problem in line for line in raised.value.errors), raised.value.errors


def test_a_countdown_counts_on_its_clock_and_pauses() -> None:
    content = load_content(os.fspath(CONTENT))
    ice = resolve_timed(content, "ice")
    clock = FakeClock()
    countdown = Countdown(ice, 1200, clock=clock)
    assert countdown.status_text() == "Apply ice 20 min every 2 hours  20:00 left"
    clock.now += 61.5
    assert countdown.status_text() == "Apply ice 20 min every 2 hours  18:59 left"
    countdown.pause()
    clock.now += 500
    assert countdown.status_text().endswith("18:59 left  (paused)")
    countdown.toggle_pause()
    clock.now += 1200
    assert countdown.finished and countdown.remaining() == 0


def test_every_pause_is_left_out_and_a_finished_countdown_shows_0_00_and_cannot_be_paused(content: Content) -> None:
    ice = resolve_timed(content, "ice")
    clock = FakeClock()
    countdown = Countdown(ice, 1200, clock=clock)
    for counted, paused in ((60, 500), (60, 300)):
        clock.sleep(counted)
        countdown.toggle_pause()
        clock.sleep(paused)
        countdown.toggle_pause()
    clock.sleep(60)
    assert countdown.status_text() == "Apply ice 20 min every 2 hours  17:00 left"
    clock.sleep(1020)
    assert countdown.finished
    assert countdown.status_text() == "Apply ice 20 min every 2 hours  0:00 left"
    countdown.toggle_pause()  # pressed as it ends: nothing to pause
    clock.sleep(5)
    assert not countdown.paused
    assert countdown.status_text() == "Apply ice 20 min every 2 hours  0:00 left"


def test_the_phase_says_which_hold_or_rest_and_how_long_it_is(content: Content) -> None:
    stretch = resolve_timed(content, "knee")
    clock = FakeClock()
    countdown = Countdown(stretch, 30, reps=2, rest_seconds=10, clock=clock)
    seen = []
    for elapsed in (0, 35, 45, 70, 100):
        clock.now = 1000.0 + elapsed
        seen.append(countdown.phase())
    assert seen == [
        Phase(index=0, kind="hold", left=30.0, length=30, rep=1),
        Phase(index=1, kind="rest", left=5.0, length=10, rep=1),
        Phase(index=2, kind="hold", left=25.0, length=30, rep=2),
        Phase(index=2, kind="hold", left=0.0, length=30, rep=2),  # finished: the last, with nothing left
        Phase(index=2, kind="hold", left=0.0, length=30, rep=2),
    ]
    assert countdown.status_text() == "Knee-to-chest stretch  hold 2/2  0:00 left"


def test_reps_alternate_holds_with_the_rest() -> None:
    content = load_content(os.fspath(CONTENT))
    stretch = resolve_timed(content, "knee")
    clock = FakeClock()
    countdown = Countdown(stretch, 30, reps=3, rest_seconds=10, clock=clock)
    assert countdown.phases == (("hold", 30), ("rest", 10), ("hold", 30), ("rest", 10), ("hold", 30))
    seen = []
    for _ in range(6):
        seen.append(countdown.status_text())
        clock.now += 15
    assert seen == [
        "Knee-to-chest stretch  hold 1/3  0:30 left",
        "Knee-to-chest stretch  hold 1/3  0:15 left",
        "Knee-to-chest stretch  rest  0:10 left",
        "Knee-to-chest stretch  hold 2/3  0:25 left",
        "Knee-to-chest stretch  hold 2/3  0:10 left",
        "Knee-to-chest stretch  rest  0:05 left",
    ]


def test_piped_lines_come_per_minute_or_per_ten_seconds() -> None:
    assert line_interval(1200) == 60
    assert line_interval(30) == 10
    assert line_interval(3) == 1
    # the edges: a 2-minute hold is told every 10 s, a 15-second one every second
    assert [line_interval(n) for n in (121, 120, 16, 15)] == [60, 10, 10, 1]


def test_resolving_prefers_timed_items(content: Content) -> None:
    assert resolve_timed(content, "ice").id == "apply-ice-20-min"  # "Ice first 48 hours" has no timer
    assert resolve_timed(content, "heat").id == "heat-for-chronic-spasms"
    assert resolve_timed(content, "childs-pose").text == "Child's pose"
    assert resolve_timed(content, "20  MIN").id == "apply-ice-20-min"  # not "20 minutes at a time"
    assert resolve_timed(content, "yoga").text == "Yoga"  # any item by its id, for a length of one's own
    with pytest.raises(UserError) as raised:
        resolve_timed(content, "stretch")
    assert str(raised.value) == ("'stretch' matches 2 timed items: knee-to-chest-stretch (Knee-to-chest stretch), "
                                 "cat-cow-stretch (Cat-cow stretch); name one by its id")


def test_a_timed_item_named_exactly_wins_over_one_whose_name_contains_it(tmp_path: Path) -> None:
    content = load_content(with_timer(tmp_path, '{ id = "cat-cow-stretch", text = "Cat-cow stretch"',
                                      '{ id = "knee-to-chest-stretch-slowly", text = "Knee-to-chest stretch slowly"'),
                           use_cache=False)
    assert resolve_timed(content, "Knee-to-chest  stretch").id == "knee-to-chest-stretch"
    assert resolve_timed(content, "knee-to-chest-stretch").id == "knee-to-chest-stretch"
    assert resolve_timed(content, "slowly").id == "knee-to-chest-stretch-slowly"


def test_minutes_or_seconds_of_ones_own_replace_the_guides_timing(content: Content) -> None:
    knee = resolve_timed(content, "knee")
    assert chosen_seconds(knee, None, None) == 30
    assert chosen_seconds(knee, 1.5, None) == 90
    assert chosen_seconds(knee, None, 45.4) == 45
    assert chosen_seconds(knee, 0.001, None) == 1  # a second at least
    assert chosen_seconds(knee, None, 0.2) == 1


def test_next_ice_is_due_two_hours_after_the_last_within_48_hours(content: Content) -> None:
    ice = content.item("apply-ice-20-min")
    assert ice is not None and ice.timer is not None
    hour = datetime.timedelta(hours=1)
    assert next_due(ice.timer, None, None, START) is None  # no open episode
    assert next_due(ice.timer, START, None, START + hour).kind == "now"  # type: ignore[union-attr]
    due = next_due(ice.timer, START, START + hour, START + 1.5 * hour)
    assert due is not None and due.kind == "at" and due.when == START + 3 * hour
    at = (START + 3 * hour).astimezone().strftime("%H:%M")  # shown in local time
    assert due_text(content, ice, due, START + 1.5 * hour) == f"next due {at}: Apply ice 20 min every 2 hours"
    late = next_due(ice.timer, START, START + hour, START + 4 * hour)
    assert late is not None and late.kind == "now"
    assert due_text(content, ice, late, START) == "due now: Apply ice 20 min every 2 hours"
    over = next_due(ice.timer, START, START + 47 * hour, START + 48 * hour)
    assert over is not None and over.kind == "then"
    assert due_text(content, ice, over, START) == "after the first 48 hours: Then alternate heat/cold"
    heat = content.item("heat-for-chronic-spasms")
    assert heat is not None and heat.timer is not None
    assert next_due(heat.timer, START, None, START) is None  # heat does not repeat


def test_the_next_ice_at_the_edges_of_its_interval_and_window(content: Content) -> None:
    ice = content.item("apply-ice-20-min")
    assert ice is not None and ice.timer is not None
    hour = datetime.timedelta(hours=1)
    then = "then-alternate-heat-cold"

    def due(last: datetime.datetime | None, now: datetime.datetime) -> tuple[Due | None, str]:
        found = next_due(ice.timer, START, last, now)  # type: ignore[union-attr]
        assert found is not None
        return found, due_text(content, ice, found, now)

    at = (START + 2 * hour).astimezone().strftime("%H:%M")
    # iced as the episode began: the next is two hours on
    assert due(START, START + hour) == (Due(kind="at", when=START + 2 * hour, then=None),
                                        f"next due {at}: Apply ice 20 min every 2 hours")
    # two hours on to the second: due now
    assert due(START, START + 2 * hour) == (Due(kind="now", when=START + 2 * hour, then=None),
                                            "due now: Apply ice 20 min every 2 hours")
    # the next would come as the 48 hours end, or after: the guide's next step instead
    over = (Due(kind="then", when=START + 48 * hour, then=then), "after the first 48 hours: Then alternate heat/cold")
    assert due(START + 46 * hour, START + 46.5 * hour) == over
    assert due(START + 47 * hour, START + 47.5 * hour) == over
    # 48 hours on to the second, never iced
    assert due(None, START + 48 * hour) == over


ICE_TIMING = 'every_hours = 2, for_hours = 48, from = ["apply-ice-20-min", "ice-first-48-hours"], then = "then-alternate-heat-cold"'


def test_a_repeating_timing_without_a_window_or_a_next_step(tmp_path: Path) -> None:
    hour = datetime.timedelta(hours=1)
    endless = load_content(with_timer(tmp_path, ICE_TIMING, 'every_hours = 2, from = ["apply-ice-20-min"]'),
                           use_cache=False)
    ice = endless.item("apply-ice-20-min")
    assert ice is not None and ice.timer is not None
    assert next_due(ice.timer, START, START + 100 * hour, START + 101 * hour) == \
        Due(kind="at", when=START + 102 * hour, then=None)

    (tmp_path / "other").mkdir()
    no_step = load_content(with_timer(tmp_path / "other", ICE_TIMING,
                                      'every_hours = 2, for_hours = 48, from = ["apply-ice-20-min", "ice-first-48-hours"]'),
                           use_cache=False)
    ice = no_step.item("apply-ice-20-min")
    assert ice is not None and ice.timer is not None
    over = next_due(ice.timer, START, None, START + 48 * hour)
    assert over == Due(kind="then", when=START + 48 * hour, then=None)
    assert due_text(no_step, ice, over, START) == "after the first 48 hours: Apply ice 20 min every 2 hours"


def local(*when: int) -> datetime.datetime:
    return datetime.datetime(*when).astimezone()  # type: ignore[arg-type]


def test_the_timers_bar_shows_when_the_ice_is_next_due_from_the_state_file(content: Content, tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text("version = 1\n[[episodes]]\nstarted = 2026-03-01T22:00:00\n"
                    '[timers.apply-ice-20-min]\nstatus = "done"\nstarted = 2026-03-01T23:30:00\n'
                    '[timers.heat-for-chronic-spasms]\nstatus = "done"\nstarted = 2026-03-01T23:00:00\n')
    store = StateStore(os.fspath(path), content)
    start, now = episode_started(store), local(2026, 3, 1, 23, 50)

    def shown(runs: dict[str, dict[str, object]], episode: datetime.datetime | None = start) -> list[str]:
        return [due_text(content, item, due, now) for item, due in repeating_dues(content, runs, episode, now)]

    dues = repeating_dues(content, store.timers(), start, now)  # heat does not repeat
    assert dues == [(content.item("apply-ice-20-min"), Due(kind="at", when=local(2026, 3, 2, 1, 30), then=None))]
    assert shown(store.timers()) == ["next due Mon 01:30: Apply ice 20 min every 2 hours"]  # another day: its name
    assert shown({}) == ["due now: Apply ice 20 min every 2 hours"]  # not iced yet in this episode
    assert shown({"apply-ice-20-min": {"status": "running"}}) == ["due now: Apply ice 20 min every 2 hours"]
    assert shown(store.timers(), None) == []  # no open episode


def test_the_open_episode_start_comes_from_the_store(content: Content, tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    store = StateStore(os.fspath(path), content)
    assert episode_started(store) is None  # no file yet
    path.write_text('version = 1\n[[episodes]]\nstarted = "2026-03-01T08:00:00+00:00"\n')
    assert episode_started(store) == START
    path.write_text("version = 1\n[[episodes]]\nstarted = 2026-03-01T08:00:00\n")  # written by hand, local time
    assert episode_started(store) == datetime.datetime(2026, 3, 1, 8, 0).astimezone()
    path.write_text('version = 1\n[[episodes]]\nstarted = "2026-03-01T08:00:00+00:00"\n'
                    'ended = "2026-03-01T20:00:00+00:00"\n')
    assert episode_started(store) is None  # the episode is over


def test_runs_are_kept_in_a_timers_table_beside_the_ticks(content: Content, tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text('version = 1\n[ticks]\nstop-activity-immediately = "2026-03-01T08:00:00+00:00"\n')
    store = StateStore(os.fspath(path), content, now=lambda: START)
    ice = content.item("apply-ice-20-min")
    assert ice is not None
    countdown = Countdown(ice, 1200, clock=FakeClock(), started=START)
    store.record_timer(ice.id, run_record(countdown, "done", START + datetime.timedelta(minutes=20)))
    store.tick(["gentle-movements-only"])
    saved = tomllib.loads(path.read_text())
    assert saved["timers"]["apply-ice-20-min"] == {
        "status": "done", "seconds": 1200, "reps": 1, "started": "2026-03-01T08:00:00+00:00",
        "next_due": "2026-03-01T10:00:00+00:00", "ended": "2026-03-01T08:20:00+00:00",
    }
    # the file's older tick stays; a relief tick belongs to the episode it started
    assert set(saved["ticks"]) == {"stop-activity-immediately"}
    assert "gentle-movements-only" in saved["episodes"][-1]["ticks"]
    assert StateStore(os.fspath(path), content).timers()["apply-ice-20-min"]["started"] == "2026-03-01T08:00:00+00:00"


def test_a_run_of_a_timing_that_does_not_repeat_keeps_no_next_due(content: Content) -> None:
    heat = content.item("heat-for-chronic-spasms")
    assert heat is not None
    countdown = Countdown(heat, 1200, clock=FakeClock(), started=START)
    assert run_record(countdown, "running", START) == {
        "status": "running", "seconds": 1200, "reps": 1, "started": "2026-03-01T08:00:00+00:00"}


def test_a_hand_written_timers_table_loads_and_a_broken_one_is_set_aside(content: Content, tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text("version = 1\n[timers.apply-ice-20-min]\nstarted = 2026-03-01T08:00:00Z\n")
    assert StateStore(os.fspath(path), content).timers()["apply-ice-20-min"]["started"] == "2026-03-01T08:00:00+00:00"
    path.write_text('version = 1\ntimers = "soon"\n[ticks]\nstop-activity-immediately = "2026-03-01T08:00:00+00:00"\n')
    store = StateStore(os.fspath(path), content)
    assert store.timers() == {}
    assert any("[timers] is not a table" in notice for notice in store.notices)
    assert list(tmp_path.glob("state.toml.corrupt-*"))


@pytest.mark.parametrize("typed, seconds", [
    ("5", 300), ("1.5", 90), ("5m", 300), ("2 min", 120), ("30s", 30), ("45 seconds", 45),
    (" 2 Minutes ", 120), ("1 minute", 60), ("3 mins", 180), ("1 second", 1), ("10 secs", 10), ("5 sec", 5),
    ("0.5s", 1), ("1440", 24 * 3600),  # at least a second, at most a day
    ("0", None), ("-3", None), ("soon", None), ("", None), ("nan", None), ("25h", None), ("2000", None),
    ("1441", None), ("1 5", None),
])
def test_a_length_of_ones_own_is_minutes_or_seconds(typed: str, seconds: int | None) -> None:
    from backref.core.timers import parse_length

    assert parse_length(typed) == seconds

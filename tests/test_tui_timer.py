"""Timers in the full-screen view, on an injected clock: t on a timed item, the bar on every tab,
the bell and notification at the end, pause and cancel, the next ice due in an open episode."""
from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
import tomllib

from backref.core.content import Content
from backref.core.state import StateStore
from backref.tui.app import BackrefApp, make_app
from backref.tui.screens.help import HelpScreen
from backref.tui.widgets.timer_bar import TimerBar
from conftest import until

NARROW = (80, 24)
START = datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.timezone.utc)
REDRAW = 0.6  # a little over the bar's redraw interval (real time; the countdown's clock is fake)


class Clocks:
    """A monotonic clock and a wall clock that move together, only when told."""

    def __init__(self) -> None:
        self.mono = 500.0
        self.wall = START + datetime.timedelta(hours=1)

    def monotonic(self) -> float:
        return self.mono

    def now(self) -> datetime.datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += datetime.timedelta(seconds=seconds)


@pytest.fixture
def clocks() -> Clocks:
    return Clocks()


def timed_app(app: BackrefApp, clocks: Clocks) -> BackrefApp:
    app.clock = clocks.monotonic  # type: ignore[method-assign]
    app.wall_clock = clocks.now  # type: ignore[method-assign]
    return app


@pytest.fixture
def app(content: Content, tmp_path: Path, clocks: Clocks) -> BackrefApp:
    return timed_app(make_app(content, os.fspath(tmp_path / "state.toml")), clocks)


def screen_text(app: BackrefApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def seen(app: BackrefApp) -> str:
    """The notifications on screen, as one line of text each, joined."""
    strips = app.screen._compositor.render_strips()
    shown = []
    for toast in app.screen.query("Toast"):
        region = toast.content_region
        lines = [strip.crop(region.x, region.right).text for strip in strips[region.y : region.bottom]]
        shown.append(" ".join(" ".join(lines).split()))
    return " | ".join(shown)


def bar_text(app: BackrefApp) -> str:
    """What the timers bar shows, its lines joined with one space (wrapping undone)."""
    bar = app.query_one(TimerBar)
    if not bar.display:
        return ""
    region = bar.content_region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return " ".join(strip.crop(region.x, region.right).text.strip() for strip in strips)


def footer_line(app: BackrefApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_t_on_the_ice_item_starts_it_and_the_time_left_stays_on_other_tabs(
        app: BackrefApp, clocks: Clocks, tmp_path: Path) -> None:
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.press("5", "tab")  # Relief, into "First 24-48 Hours"
        await pilot.pause()
        assert "c Timer" not in footer_line(app)  # "Stop activity immediately" has no timing
        assert bar_text(app) == ""
        await pilot.press("down", "down")  # "Apply ice 20 min every 2 hours"
        await pilot.pause()
        assert "c Timer" in footer_line(app)
        await pilot.press("c")
        await pilot.pause(REDRAW)
        assert "TIMER 20:00 left  Apply ice 20 min every 2 hours" in screen_text(app)
        await pilot.press("2")  # another tab
        clocks.advance(65)
        await pilot.pause(REDRAW)
        text = screen_text(app)
        assert "Types and Patterns of Back Spasms" in text
        assert "TIMER 18:55 left  Apply ice 20 min every 2 hours" in text
        assert "p Pause" in footer_line(app)
        bells: list[int] = []
        app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
        clocks.advance(20 * 60)
        await pilot.pause(REDRAW)
        await pilot.pause()
        text = seen(app)
        assert "done: Apply ice 20 min every 2 hours (20 minutes)" in text  # the notification
        assert "TIMER" not in screen_text(app) and bells == [1]
    run = tomllib.loads((tmp_path / "state.toml").read_text())["timers"]["apply-ice-20-min"]
    assert run["status"] == "done"
    assert run["started"] == "2026-03-01T09:00:00+00:00"
    assert run["next_due"] == "2026-03-01T11:00:00+00:00"


async def test_p_pauses_and_resumes_and_x_cancels(app: BackrefApp, clocks: Clocks, tmp_path: Path) -> None:
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.press("5", "tab", "down", "down", "c")
        clocks.advance(30)
        await pilot.press("p")
        clocks.advance(600)
        await pilot.pause(REDRAW)
        assert "TIMER 19:30 left (paused)  Apply ice" in screen_text(app)
        await pilot.press("p")
        clocks.advance(30)
        await pilot.pause(REDRAW)
        assert "TIMER 19:00 left  Apply ice" in screen_text(app)
        await pilot.press("x")
        await pilot.pause(REDRAW)
        assert "TIMER" not in screen_text(app)
        assert "stopped: Apply ice 20 min every 2 hours" in seen(app)
        assert "p Pause" not in footer_line(app)
    run = tomllib.loads((tmp_path / "state.toml").read_text())["timers"]["apply-ice-20-min"]
    assert run["status"] == "cancelled"


async def test_the_content_cautions_stay_beside_heat_and_stretch_timers(app: BackrefApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("5", "tab", "tab", "tab")  # Relief > Heat and Cold
        await pilot.press("down", "down", "c")  # "Heat for chronic spasms"
        await pilot.pause(REDRAW)
        shown = bar_text(app)
        assert "TIMER 20:00 left  Heat for chronic spasms" in shown
        assert "The guide: Heating pads cautiously; Never sleep on heating pad" in shown
        await pilot.press("tab", "c")  # Gentle Stretches: "Knee-to-chest stretch"
        await pilot.pause(REDRAW)
        shown = bar_text(app)
        assert "TIMER 0:30 left  Knee-to-chest stretch" in shown
        assert "Heating pads cautiously; Never sleep on heating pad; Stop if pain increases" in shown


async def test_help_lists_the_timer_keys(app: BackrefApp) -> None:
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#help-keys").content_region
        rows = [" ".join(strip.crop(keys.x, keys.right).text.split())
                for strip in app.screen._compositor.render_strips()[keys.y:keys.bottom]]
        assert "Episode and timers" in rows
        for line in ("c start the guide's timer", "p pause or resume the last", "x cancel the last timer"):
            assert any(row.startswith(line) for row in rows), line


class EpisodeStore(StateStore):
    """A store whose open episode started at ``episode_start`` (the clock of these tests is fake)."""

    episode_start: datetime.datetime | None = START

    def open_episode(self) -> object:
        from backref.core.episodes import episodes_of

        start = self.episode_start
        return None if start is None else episodes_of({"episodes": [{"started": start.isoformat()}]})[-1]


async def test_a_reopened_view_shows_the_next_ice_due_from_the_stored_start(
        content: Content, tmp_path: Path, clocks: Clocks) -> None:
    path = tmp_path / "state.toml"
    path.write_text('version = 1\n[timers.apply-ice-20-min]\nstatus = "done"\n'
                    'started = "2026-03-01T08:30:00+00:00"\n')
    app = timed_app(make_app(content, store=EpisodeStore(os.fspath(path), content)), clocks)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        due = datetime.datetime(2026, 3, 1, 10, 30, tzinfo=datetime.timezone.utc).astimezone().strftime("%H:%M")
        assert f"next due {due}: Apply ice 20 min every 2 hours" in bar_text(app)
        await pilot.press("3")
        await pilot.pause()
        assert "next due" in screen_text(app)  # on every tab


async def test_ice_due_is_notified_and_after_48_hours_the_next_step_is_named(
        content: Content, tmp_path: Path, clocks: Clocks) -> None:
    path = tmp_path / "state.toml"
    path.write_text('version = 1\n[timers.apply-ice-20-min]\nstarted = "2026-03-01T08:30:00+00:00"\n')
    app = timed_app(make_app(content, store=EpisodeStore(os.fspath(path), content)), clocks)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        clocks.advance(2 * 3600)
        app.query_one(TimerBar).check_dues()
        await until(pilot, lambda: "due now" in seen(app))
        assert "due now: Apply ice 20 min every 2 hours" in seen(app)
        clocks.advance(48 * 3600)
        app.query_one(TimerBar).check_dues()
        await until(pilot, lambda: "after the first 48 hours" in seen(app))
        assert "after the first 48 hours: Then alternate heat/cold" in seen(app)


async def test_without_an_open_episode_no_ice_is_due(content: Content, tmp_path: Path, clocks: Clocks) -> None:
    path = tmp_path / "state.toml"
    store = EpisodeStore(os.fspath(path), content)
    store.episode_start = None
    app = timed_app(make_app(content, store=store), clocks)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert bar_text(app) == ""
        assert "due" not in screen_text(app)


async def test_shift_t_asks_for_a_length_of_ones_own(app: BackrefApp, clocks: Clocks) -> None:
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.press("5", "tab", "down", "down", "C")
        await pilot.pause()
        assert "How long? Minutes (5, 1.5) or seconds (30s)." in screen_text(app)
        await pilot.press(*"soon", "enter")
        await pilot.pause()
        assert "Type minutes such as 5 or 1.5" in screen_text(app)
        await pilot.press(*("backspace",) * 4, *"5s", "enter")
        await pilot.pause(REDRAW)
        assert "TIMER 0:05 left  Apply ice 20 min every 2 hours" in bar_text(app)
        clocks.advance(5)
        await pilot.pause(REDRAW)
        await pilot.pause()
        assert "done: Apply ice 20 min every 2 hours (5 seconds)" in seen(app)

"""The episode view and the status line, driven with the keyboard as a person would."""
from __future__ import annotations

import datetime
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from backref.cli.main import main
from backref.core import wording
from backref.core.content import Content
from backref.core.state import StateStore
from backref.tui.app import BackrefApp, make_app
from backref.tui.screens.episode import EpisodeScreen
from backref.tui.screens.help import HelpScreen
from test_tui import flat, screen_text


def region_lines(app: BackrefApp, selector: str) -> list[str]:
    region = app.screen.query_one(selector).content_region
    return [strip.crop(region.x, region.right).text
            for strip in app.screen._compositor.render_strips()[region.y: region.bottom]]

NARROW, SMALL = (80, 24), (60, 20)
NOW = datetime.datetime(2026, 11, 20, 12, 0).astimezone()


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state.toml"


def app_at(content: Content, state: Path, now: datetime.datetime = NOW) -> BackrefApp:
    return make_app(content, store=StateStore(os.fspath(state), content, now=lambda: now))


def on_disk(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


async def test_one_key_opens_the_view_and_starts_an_episode_with_a_severity(
    content: Content, state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = app_at(content, state)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, EpisodeScreen)
        assert "No episode is open" in screen_text(app)
        await pilot.press("enter", "7", "enter", "s")
        await pilot.pause()
        text = screen_text(app)
        assert "Episode 1: open since 2026-11-20 12:00 (day 1)" in text
        assert "Latest severity: 7/10 severe (Intense pain, immobility)" in text
        await pilot.press("escape")
        await pilot.pause()
        assert "Episode: day 1, latest severity 7/10 severe" in screen_text(app)  # the status line
        await pilot.press("q")
    assert on_disk(state)["episodes"][0]["readings"][0]["severity"] == 7
    assert main(["--state", str(state), "episode"]) == 0
    assert "Latest severity: 7/10 severe" in capsys.readouterr().out


async def test_note_with_triggers_and_places_then_end(content: Content, state: Path) -> None:
    app = app_at(content, state)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("l", "enter", "8", "enter", "s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EpisodeScreen)
        screen.query_one("#where").focus()
        await pilot.press("space")  # the first place: lower back
        screen.query_one("#trigger-other").focus()
        await pilot.press(*"[b]shovelling[/b]")
        screen.query_one("#severity").focus()
        await pilot.press("enter", "5", "enter", "n")
        await pilot.pause()
        screen.query_one("#episode-body").scroll_home(animate=False)
        await pilot.pause()
        text = flat(screen_text(app))
        assert "Peak severity: 8/10 severe" in text and "Latest severity: 5/10 moderate" in text
        chart = region_lines(app, "#severity-chart")
        assert chart[0].startswith("10 |") and chart[5].startswith("0  +")  # a 0-10 axis
        assert [row[4:6] for row in chart[:5]] == ["  ", "██", "██", "██", "██"]  # 8 fills up to row 8
        assert [row[7:9] for row in chart[:5]] == ["  ", "  ", "▄▄", "██", "██"]  # 5: half of row 6
        assert "2 readings:" in text
        await pilot.press("x")  # x cancels a timer, never the episode
        await pilot.pause()
        assert app.episode is not None
        await pilot.press("E")  # ending asks first
        await pilot.pause()
        assert app.episode is not None and "End episode 1" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.episode is None
        assert screen.query_one("#episode-head", Static).content.plain.startswith("No episode is open. Last: episode 1")
    table = on_disk(state)["episodes"][0]
    assert table["where"] == ["lower back"] and table["triggers"] == ["[b]shovelling[/b]"]
    assert "ended" in table


async def test_signs_show_as_a_notice_in_the_view_and_on_the_status_line(content: Content, state: Path) -> None:
    store = StateStore(os.fspath(state), content, now=lambda: NOW - datetime.timedelta(days=10))
    from backref.core import episodes as ep

    store.change_episodes(lambda s: ep.start(s, NOW - datetime.timedelta(days=10), severity=9))
    app = app_at(content, state)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        text = flat(screen_text(app))
        assert "SEE A DOCTOR (l: why)" in text and "Red-flag check advised" in text
        assert "book an appointment" in text  # the notice at start
        app.clear_notifications()  # so the view below is not under it
        await pilot.press("l")
        await pilot.pause()
        text = flat(screen_text(app))
        assert "SEE A DOCTOR: Spasms lasting more than a week" in text
        assert "backref triage" in text
        assert "day 11" in text


async def test_ticking_relief_with_no_episode_starts_one_and_says_so(content: Content, state: Path) -> None:
    app = app_at(content, state)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.press("5", "tab", "space")  # Relief, its first checklist, its first item
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert notices == [wording.EPISODE_STARTED_IN_VIEW]  # one short notice, naming l
        assert "l: the episode log" in flat(screen_text(app))
        assert "Episode: day 1, latest severity not rated" in screen_text(app)
    assert set(on_disk(state)["episodes"][0]["ticks"]) == {"stop-activity-immediately"}


async def test_help_and_palette_reach_the_view(content: Content, state: Path) -> None:
    app = app_at(content, state)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert any("│ l " in line and "the episode log" in line for line in screen_text(app).splitlines())
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"episode")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EpisodeScreen)


async def test_the_view_fits_a_small_terminal(content: Content, state: Path) -> None:
    app = app_at(content, state)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("l")
        await pilot.pause()
        text = screen_text(app)
        assert "EMERGENCY: Call" in text and "No episode is open" in text and "Start (s)" in text

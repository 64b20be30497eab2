"""Snapshots of every screen at the sizes we support (SVGs in __snapshots__); each was looked at
as a PNG before it was accepted."""
from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from backref.core.load import load_content
from backref.core.state import StateStore
from backref.core.triage import Check
from backref.tui.app import BackrefApp, make_app
from conftest import CONTENT

SIZES = [(60, 20), (80, 24), (120, 40)]


@pytest.fixture
def app(tmp_path: Path) -> BackrefApp:
    return make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))


async def settle(pilot: Pilot[None]) -> None:
    """Let background work finish and stop the text cursor blinking, so a snapshot is the same every run."""
    await pilot.pause(0.3)
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.wait_for_scheduled_animations()  # the tab underline slides to the new tab
    await pilot.pause()


async def open_palette(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)  # the commands are gathered in the background


# screen name -> the keys that reach it from the first screen
SCREENS = {
    "first-screen": [],
    "search-with-results": ["slash", *"ice"],
    "jump-to-checklist-hit": ["slash", *"ice", "enter"],
    "help": ["question_mark"],
    "emergency": ["e"],
    "reset-dialog": ["5", "tab", "r"],
    "red-flag-check": ["t"],
    "red-flag-check-emergency-card": ["t", "y"],
    "red-flag-check-all-clear-card": ["t", *"n" * len(Check(load_content(os.fspath(CONTENT))).questions)],
    "episode-view": ["l"],
    "episode-view-with-readings": ["l"],
    "doctor-topic-under-the-check": ["8", "t"],
}
NOW = datetime.datetime(2026, 11, 20, 12, 0).astimezone()


def app_for(screen: str, path: Path) -> BackrefApp:
    """The app, with an episode of three readings for the screen that shows them (on a clock
    held still, so that the picture is the same every run)."""
    content = load_content(os.fspath(CONTENT))
    if screen != "episode-view-with-readings":
        return make_app(content, os.fspath(path))
    from backref.core import episodes as ep

    store = StateStore(os.fspath(path), content, now=lambda: NOW)
    hours = datetime.timedelta(hours=1)

    def three_readings(state: dict[str, Any]) -> None:
        ep.start(state, NOW - 40 * hours, severity=7, where=["lower back", "one side"])
        ep.add_reading(state, NOW - 20 * hours, 5, "ice helped")
        ep.add_reading(state, NOW - 2 * hours, 4, None)

    store.change_episodes(three_readings)
    app = make_app(content, store=store)
    app.wall_clock = lambda: NOW  # type: ignore[method-assign]
    return app


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare: Any, tmp_path: Path, screen: str, size: tuple[int, int]) -> None:
    async def reach(pilot: Pilot[None]) -> None:
        await pilot.press(*SCREENS[screen])
        await settle(pilot)

    assert snap_compare(app_for(screen, tmp_path / "state.toml"), run_before=reach, terminal_size=size)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_without_colour(snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               screen: str) -> None:
    """NO_COLOR: what reverse video, bold and words carry alone."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def reach(pilot: Pilot[None]) -> None:
        await pilot.press(*SCREENS[screen])
        await settle(pilot)

    assert snap_compare(app_for(screen, tmp_path / "state.toml"), run_before=reach, terminal_size=(80, 24))


def test_the_check_at_40x12(snap_compare: Any, app: BackrefApp) -> None:
    """The smallest terminal: the whole banner, and the question under it."""
    assert snap_compare(app, press=["t"], terminal_size=(40, 12))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_palette(snap_compare: Any, app: BackrefApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, run_before=open_palette, terminal_size=size)


def test_prevention_checklists_at_80x24(snap_compare: Any, app: BackrefApp) -> None:
    assert snap_compare(app, press=["7"], terminal_size=(80, 24))


def test_no_color_at_80x24(snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    plain = make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))
    async def search(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"bladder")
        await settle(pilot)

    assert snap_compare(plain, run_before=search, terminal_size=(80, 24))


def test_light_theme_at_120x40(snap_compare: Any, app: BackrefApp) -> None:
    async def light(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("5")

    assert snap_compare(app, run_before=light, terminal_size=(120, 40))


def test_emergency_screen_at_60x20_no_color(snap_compare: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The emergency screen without colour: the action and heading lead, bold and reversed."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))
    assert snap_compare(app, press=["e"], terminal_size=(60, 20))

"""Shared fixtures: every test gets its own cache and state locations."""
from __future__ import annotations

import datetime
import inspect
import os
from pathlib import Path

import pytest

TYPE_CHECKING = False
if TYPE_CHECKING:
    from backref.core.content import Content
    from backref.tui.app import BackrefApp

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content.toml"
SEED = ROOT.parent / "shared" / "seed" / "back-cramps-and-spasms.txt"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the content cache and checklist state of tests out of the user's home."""
    monkeypatch.setenv("BACKREF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("BACKREF_STATE", str(tmp_path / "state" / "state.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for variable in ("BACKREF_EMERGENCY_NUMBER", "BACKREF_CONTENT", "BACKREF_CONFIG", "BACKREF_DATA_DIR",
                     "BACKREF_THEME", "BACKREF_PAGER", "BACKREF_PACKS"):
        monkeypatch.delenv(variable, raising=False)
    from backref.core import config

    monkeypatch.setattr(config, "_loaded", None)  # each test is a process of its own: settings read afresh
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture
def content_path() -> str:
    return os.fspath(CONTENT)


@pytest.fixture
def content() -> Content:
    """The shipped guide, read as backref reads it (a test file may define its own)."""
    from backref.core.load import load_content

    return load_content(os.fspath(CONTENT))


@pytest.fixture
def app(content: Content, tmp_path: Path) -> BackrefApp:
    """The full-screen view on the shipped guide and a state file of this test's own."""
    from backref.tui.app import make_app

    return make_app(content, os.fspath(tmp_path / "state.toml"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every async test drives the full-screen view: mark it `view`, so that a run can leave the
    slow view tests out (the mutation run does; see pyproject.toml)."""
    for item in items:
        if inspect.iscoroutinefunction(getattr(item, "function", None)):
            item.add_marker(pytest.mark.view)


class Clock:
    """The local time the commands see: 2026-11-20 12:00 unless a test moves it (patch it in for
    backref.core.state.local_now)."""

    def __init__(self) -> None:
        self.at = datetime.datetime(2026, 11, 20, 12, 0).astimezone()

    def set(self, text: str) -> None:
        self.at = datetime.datetime.fromisoformat(text).astimezone()

    def __call__(self) -> datetime.datetime:
        return self.at


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The local time backref's state sees, held still at 2026-11-20 12:00 until the test moves it."""
    from backref.core import state

    held = Clock()
    monkeypatch.setattr(state, "local_now", held)
    return held


async def until(pilot: object, condition: object, tries: int = 200) -> bool:
    """Let the app work (``pilot.pause()``) until ``condition()`` holds, at most ``tries`` times:
    what is mounted in the background (a notification) may take more than one turn on a busy
    machine. Returns the condition's last value, for the test to assert."""
    for _ in range(tries):
        if condition():  # type: ignore[operator]
            return True
        await pilot.pause()  # type: ignore[attr-defined]
    return bool(condition())  # type: ignore[operator]

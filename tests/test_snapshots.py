"""Snapshots of what a person sees first, at the sizes we support (SVGs in __snapshots__)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from backref.core.load import load_content
from backref.tui.app import BackrefApp, make_app
from conftest import CONTENT


@pytest.fixture
def app(tmp_path: Path) -> BackrefApp:
    return make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
def test_first_screen(snap_compare: Any, app: BackrefApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size)


def test_emergency_list_at_60x20(snap_compare: Any, app: BackrefApp) -> None:
    assert snap_compare(app, press=["e"], terminal_size=(60, 20))


def test_prevention_checklists_at_80x24(snap_compare: Any, app: BackrefApp) -> None:
    assert snap_compare(app, press=["7"], terminal_size=(80, 24))


def test_emergency_screen_at_60x20_no_color(snap_compare: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The emergency screen without colour: the action and heading lead, bold and reversed."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))
    assert snap_compare(app, press=["e"], terminal_size=(60, 20))


def test_red_flag_check_emergency_card_at_80x24(snap_compare: Any, app: BackrefApp) -> None:
    assert snap_compare(app, press=["t", "y"], terminal_size=(80, 24))

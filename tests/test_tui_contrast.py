"""Urgency stays readable whatever is open: the colours the terminal shows, read from what the
app draws (its compositor's segments), through true colour, 256 and xterm's 16 colours, with
and without NO_COLOR, in the dark and light themes."""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from backref.core.content import Content
from backref.core.load import load_content
from backref.tui.app import BackrefApp, make_app
from conftest import CONTENT
from screen_colours import Cell, Found, screen_cells, urgency_words

SIZES = [(60, 20), (80, 24), (120, 40)]
# what is open -> the keys that open it from the home (Escape closes each again)
OPEN = {
    "home": [],
    "emergency list": ["e"],
    "red-flag check": ["t"],
    "emergency card": ["t", "y"],
    "search": ["slash"],
    "episode view": ["l"],
    "palette": ["ctrl+p"],
    "a topic's red flags under the check": ["8", "t"],
}
RED_FLAG_QUERY = ["slash", *"numb between my legs"]
NO_COLOR_LEAST, COLOUR_LEAST = 7.0, 4.5


def numbers(content: Content) -> list[str]:
    """The numbers to call that the emergency action names."""
    words = content.urgency_of("emergency").short_line() + " " + content.urgency_of("emergency").action_line()
    return sorted({w for w in "".join(c if c.isdigit() else " " for c in words).split()})


def too_faint(app: BackrefApp, least: float) -> list[str]:
    """Each urgency word on screen below ``least`` in any colour system, said where and how faint."""
    content = app.content
    faint = []
    for system in ("truecolor", "256", "16"):
        rows = screen_cells(app, system)
        found: list[Found] = urgency_words(rows, content.urgency_of("emergency").label, numbers(content))
        faint += [f"{system}: {f.text!r} at row {f.row}, column {f.start}: {f.worst:.2f}:1"
                  for f in found if f.worst < least]
    return faint


async def visit(pilot: Pilot[None], keys: list[str]) -> None:
    app = pilot.app
    while len(app.screen_stack) > 1:
        await pilot.press("escape")
        await pilot.pause()
    await pilot.press("0", *keys)
    await pilot.pause()
    if "ctrl+p" in keys:  # the palette gathers its commands in the background
        await pilot.pause(0.2)


def faint_words(no_color: bool, theme: str, size: tuple[int, int], state: Path,
                screens: dict[str, list[str]]) -> list[str]:
    """What is too faint on each of ``screens``, opened in turn from the home."""

    async def run() -> list[str]:
        app = make_app(load_content(os.fspath(CONTENT)), os.fspath(state))
        least = NO_COLOR_LEAST if no_color else COLOUR_LEAST
        faint: list[str] = []
        async with app.run_test(size=size) as pilot:
            app.theme = theme
            for name, keys in screens.items():
                await visit(pilot, keys)
                rows = screen_cells(app)
                label = app.content.urgency_of("emergency").label
                assert urgency_words(rows, label, numbers(app.content)), f"{name}: no urgency word on screen"
                faint += [f"{name}, {line}" for line in too_faint(app, least)]
        return faint

    return run()  # type: ignore[return-value]


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_urgency_words_are_readable_whatever_is_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           no_color: bool, theme: str, size: tuple[int, int]) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    faint = await faint_words(no_color, theme, size, tmp_path / "state.toml", OPEN)  # type: ignore[misc]
    assert not faint, "\n".join(faint)


async def test_red_flag_hits_in_search_are_readable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search screen's own urgency (its status line and its hits), in the dark theme with
    colour and the light one without."""
    faint = await faint_words(False, "textual-dark", (80, 24), tmp_path / "state.toml",  # type: ignore[misc]
                              {"search with red flags": RED_FLAG_QUERY})
    monkeypatch.setenv("NO_COLOR", "1")
    faint += await faint_words(True, "textual-light", (80, 24), tmp_path / "state.toml",  # type: ignore[misc]
                               {"search with red flags": RED_FLAG_QUERY})
    assert not faint, "\n".join(faint)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_homes_action_outshines_the_disclaimer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          no_color: bool, theme: str) -> None:
    """Without colour, the action is never dimmer than the disclaimer under it; in colour it is
    a bar on a ground of its own (which no body text has), readable on it."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()
        action, disclaimer = app.screen.query_one(".home-emergency"), app.screen.query_one(".disclaimer")
        for system in ("truecolor", "256", "16"):
            rows = screen_cells(app, system)

            def letters(widget: Widget) -> list[Cell]:
                region = widget.content_region
                return [c for row in rows[region.y:region.bottom] for c in row[region.x:region.right] if c.char.strip()]

            shown, under = letters(action), letters(disclaimer)
            assert shown and under
            if no_color:
                assert min(c.contrast for c in shown) >= max(c.contrast for c in under), system
            else:
                ground = Counter(c.bg for c in shown).most_common(1)[0][0]
                assert ground not in {c.bg for c in under}, system
                assert min(c.contrast for c in shown) >= COLOUR_LEAST, system


async def test_every_theme_keeps_urgency_readable(tmp_path: Path) -> None:
    """A person may pick any of Textual's themes (config.toml `theme`): the urgency bars carry
    their own colours, so every theme reads the same."""
    app = make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))
    faint: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        themes = sorted(app.available_themes)
        assert len(themes) > 10
        for theme in themes:
            app.theme = theme
            await pilot.pause()  # the home beside the panel: the bars on the theme's own ground
            faint += [f"{theme}, {line}" for line in too_faint(app, COLOUR_LEAST)]
    assert not faint, "\n".join(faint)

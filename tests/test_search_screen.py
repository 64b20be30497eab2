"""The full-screen view's search by meaning: red-flag hits marked in the content's words and in
style, with the words that reached them; what to do only when an emergency sign leads; the
red-flag check one Enter away when a symptom reaches no sign. Snapshots of each at three sizes."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from backref.core import wording
from backref.core.load import load_content
from backref.tui.app import BackrefApp, make_app
from backref.tui.screens.search import SearchScreen
from conftest import CONTENT

SIZES = [(60, 20), (80, 24), (120, 40)]


@pytest.fixture
def app(tmp_path: Path) -> BackrefApp:
    return make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))


def screen_text(app: BackrefApp) -> str:
    """What the screen shows, words joined by single spaces."""
    return " ".join(" ".join(s.text for s in app.screen._compositor.render_strips()).split())


async def test_a_red_flag_hit_says_its_urgency_and_which_words_reached_it(app: BackrefApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"waterworks stopped working")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert (screen.hits[0].item_id, screen.hits[0].reached) == ("rf-bladder-bowel-control", True)
        text = screen_text(app)
        assert "EMERGENCY Call your local emergency number (999 in the UK" in text  # what to do, first
        prompt = screen.query_one(OptionList).get_option_at_index(0).prompt
        assert str(prompt).splitlines() == [
            "EMERGENCY Loss of bladder or bowel control  Overview > Seek Emergency Care If Back Spasms Occur With",
            "why: waterworks \u2192 bladder or peeing; stopped working \u2192 loss of control or leaking"]


async def test_everyday_words_never_head_the_list_with_the_action(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        for query in ("sleep on my stomach", "pins and needles", "bladder"):
            await pilot.press("slash", *query)
            await pilot.pause()
            status = app.screen.query_one("#search-status").render()
            assert "Call your local" not in str(status), query
            await pilot.press("escape")
            await pilot.pause()


async def test_a_symptom_reaching_no_sign_offers_the_check_and_enter_opens_it(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"heart")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.offer_check
        assert wording.CHECK_OFFER_TUI in screen_text(app)
        await pilot.press("down")  # past the one hit, to the offer
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "TriageScreen"


async def test_enter_on_a_hit_still_opens_the_hit_when_the_check_is_offered(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"heart", "enter")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, SearchScreen)
        assert type(app.screen).__name__ != "TriageScreen"


async def test_the_labels_are_the_content_s(tmp_path: Path) -> None:
    text = CONTENT.read_text(encoding="utf-8").replace('[urgency.emergency]\nlabel = "EMERGENCY"',
                                                       '[urgency.emergency]\nlabel = "URGENT NOW"')
    path = tmp_path / "content.toml"
    path.write_text(text, encoding="utf-8")
    app = make_app(load_content(os.fspath(path)), os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"feverish")
        await pilot.pause()
        shown = screen_text(app)
        assert "URGENT NOW Call your local emergency number" in shown
        assert "URGENT NOW High fever with back pain" in shown


async def test_hostile_query_words_in_the_why_line_are_text(app: BackrefApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"numb [b]groin[/b]")
        await pilot.pause()
        results = app.screen.query_one(OptionList)
        assert results.option_count >= 1
        assert "[b]groin" in screen_text(app)  # brackets shown as typed, never read as markup


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause(0.3)
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


QUERIES = {"reached": "feverish ice pack", "partly": "pins and needles", "offer": "heart"}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("kind", list(QUERIES))
def test_screen(snap_compare: Any, app: BackrefApp, kind: str, size: tuple[int, int]) -> None:
    async def reach(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *QUERIES[kind])
        await settle(pilot)

    assert snap_compare(app, run_before=reach, terminal_size=size)


@pytest.mark.parametrize("kind", list(QUERIES))
def test_no_color(snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    plain = make_app(load_content(os.fspath(CONTENT)), os.fspath(tmp_path / "state.toml"))

    async def reach(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *QUERIES[kind])
        await settle(pilot)

    assert snap_compare(plain, run_before=reach, terminal_size=(80, 24))


def test_light_theme(snap_compare: Any, app: BackrefApp) -> None:
    async def reach(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("slash", *QUERIES["partly"])
        await settle(pilot)

    assert snap_compare(app, run_before=reach, terminal_size=(80, 24))

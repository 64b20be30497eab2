"""The full-screen view, driven with the keyboard (and a click) as a person would."""
from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import tomllib
from textual.widgets import SelectionList, TabbedContent

from backref.core.content import Content
from backref.core.state import StateStore
from backref.tui.app import BackrefApp, make_app
from backref.tui.screens.emergency import EmergencyScreen
from backref.tui.screens.help import HelpScreen
from backref.tui.screens.search import SearchScreen

WIDE, NARROW, SMALL = (120, 40), (80, 24), (60, 20)
BANNER = "EMERGENCY: Call 999/112/911 or go to an emergency"  # the banner, however narrow


def screen_text(app: BackrefApp) -> str:
    """What the terminal shows now, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def region_text(app: BackrefApp, selector: str) -> str:
    """What the terminal shows inside one widget."""
    region = app.screen.query_one(selector).content_region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return "\n".join(strip.crop(region.x, region.right).text for strip in strips)


async def settle(pilot: object, ready: "Callable[[], bool]") -> None:
    """Let the app work until ``ready()`` (a loaded machine may need more than one pause)."""
    for _ in range(50):
        if ready():
            return
        await pilot.pause(0.02)  # type: ignore[attr-defined]


def flat(text: str) -> str:
    """Screen text with line wrapping undone, for finding a sentence that wrapped."""
    return " ".join(text.split())


async def test_first_screen_wide_shows_tabs_and_full_emergency_panel(app: BackrefApp, content: Content) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "What to do now" in text  # the home
        panel = region_text(app, "#red-flag-panel")
        shown = flat(panel)
        assert content.urgency_of("emergency").heading in shown  # the content's heading, not a copy
        for flag in content.emergency_signs():
            assert flag.text in shown, flag.text
        assert "cauda equina syndrome" in shown
        assert "Loss of bowel/bladder control" not in shown  # the same sign as bladder or bowel control
        assert "Call 999/112/911" not in text  # the banner is for narrow screens
        assert "Call your local emergency number (999 in the UK" in shown  # the action heads the panel


@pytest.mark.parametrize("size", [NARROW, SMALL])
async def test_narrow_screens_show_the_banner_instead(app: BackrefApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert BANNER in flat(text)
        assert app.content.urgency_of("emergency").heading not in flat(text)  # the panel's heading


async def test_all_tabs_fit_at_80_columns_each_with_its_number_key(app: BackrefApp, content: Content) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        tab_row = screen_text(app).splitlines()[1]  # under 30 rows no header: banner, then tabs
        assert tab_row.startswith(" 0Home ")  # at 80 columns each key touches its name, all whole
        for n, topic in enumerate(content.topics, 1):
            assert f" {n}{topic.tab} " in f"{tab_row} ", topic.tab


async def test_number_keys_jump_to_topics_and_red_flags_stay(app: BackrefApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("3")
        await pilot.pause()
        text = screen_text(app)
        assert "Common Causes" in text
        assert "Muscle strain: Overexertion, sudden movements" in text
        assert "EMERGENCY: Call" in text
        await pilot.press("8")
        await pilot.pause()
        assert "When to See a Doctor" in screen_text(app)
        await pilot.press("9")  # no ninth topic: nothing changes
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "topic-doctor"


async def test_arrows_and_brackets_move_between_tabs(app: BackrefApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert "Back muscle cramps and spasms are sudden" in screen_text(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Types and Patterns of Back Spasms" in screen_text(app)
        await pilot.press("left_square_bracket", "left", "left")  # to Overview, home, then round
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "topic-doctor"  # wraps round
        assert app.content.urgency_of("emergency").heading in flat(region_text(app, "#red-flag-panel"))


async def test_clicking_a_tab_shows_its_topic(app: BackrefApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # the tabs as drawn, numbered and fitted
        await pilot.click("#--content-tab-topic-relief")
        await pilot.pause()
        assert "Immediate Relief Strategies" in screen_text(app)


async def test_e_opens_every_emergency_sign_at_60x20_and_escape_returns(app: BackrefApp, content: Content) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)
        seen = flat(region_text(app, "#emergency-body"))
        for _ in range(8):  # page through the list as a person would
            await pilot.press("pagedown")
            await pilot.pause()
            seen += " " + flat(region_text(app, "#emergency-body"))
        assert seen.startswith("Call your local emergency number (999 in the UK")  # what to do comes first
        for flags in content.red_flag_lists:
            if flags.urgency == "emergency":
                for flag in flags.flags:  # each sign once: a same_as copy is not shown again
                    if flag.same_as is None:
                        assert flag.text in seen, flag.text
                    elif flag.text != "History of cancer":  # its sign's own text starts with it
                        assert flag.text not in seen, flag.text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EmergencyScreen)
        assert "What to do now" in screen_text(app)


async def test_help_lists_every_key(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 50)) as pilot:  # every row in view at once
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key, what in (("1-8", "go to topic 1 to 8"), ("right ]", "next topic"), ("left [", "previous topic"), ("e", "emergency list"),
                          ("/", "search"), ("space enter", "tick"), ("r", "reset"), ("ctrl+p", "palette"),
                          ("q", "quit"), ("ctrl+q", "quit"), ("0 h", "home")):
            assert any(key in line and what in line for line in text.splitlines()), key
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_keys(app: BackrefApp, key: str) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running


async def test_disclaimer_is_visible(app: BackrefApp, content: Content) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert content.meta.disclaimer in flat(region_text(app, ".disclaimer"))


async def test_no_color_keeps_urgency_in_words(app: BackrefApp, monkeypatch: pytest.MonkeyPatch,
                                               content: Content, tmp_path: Path) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    plain = make_app(content, os.fspath(tmp_path / "s.toml"))
    async with plain.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert plain.no_color
        assert plain.content.urgency_of("emergency").heading in flat(region_text(plain, "#red-flag-panel"))
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        # with no colour, the banner stands out by reverse video alone
        assert banner_is_reversed(plain)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert not app.no_color


def banner_is_reversed(app: BackrefApp) -> bool:
    """Whether every cell of the emergency banner's words is drawn in reverse video."""
    row = app.screen._compositor.render_strips()[app.screen.query_one("#emergency-banner").region.y]
    cells = [seg for seg in row if "EMERGENCY" in seg.text]
    return bool(cells) and all(seg.style is not None and seg.style.reverse for seg in cells)


async def test_space_ticks_a_prevention_item_and_it_is_saved(app: BackrefApp, tmp_path: Path) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("7")
        await pilot.pause()
        assert "Prevention 0/21 ticked today" in screen_text(app)
        await pilot.press("tab")  # into the first checklist
        await pilot.press("space")
        await pilot.pause()
        text = screen_text(app)
        assert "Prevention 1/21 ticked today" in text
        assert "1/7 ticked today" in text
    saved = tomllib.loads((tmp_path / "state.toml").read_text())
    today = saved["days"][datetime.date.today().isoformat()]  # a daily checklist: today's entry
    assert list(today) == ["regular-core-exercises"]
    assert isinstance(today["regular-core-exercises"], (str, datetime.datetime))  # when it was ticked
    assert saved["ticks"] == {}


async def test_ticks_made_elsewhere_appear_when_the_tab_is_shown_again(
    app: BackrefApp, content: Content, tmp_path: Path
) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert "Relief 0/28 ticked" in screen_text(app)
        StateStore(os.fspath(tmp_path / "state.toml"), content).tick(["apply-ice-20-min"])
        await pilot.press("1", "5")
        await pilot.pause()
        assert "Relief 1/28 ticked" in screen_text(app)


async def test_r_resets_the_section_after_yes(app: BackrefApp, content: Content, tmp_path: Path) -> None:
    StateStore(os.fspath(tmp_path / "state.toml"), content).tick(["apply-ice-20-min", "stop-activity-immediately"])
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("5", "tab")
        await pilot.pause()
        assert "2/7 ticked" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert "Reset every tick of 'First 24-48 Hours'?" in flat(screen_text(app))
        await pilot.press("n")
        await pilot.pause()
        assert "2/7 ticked" in screen_text(app)
        await pilot.press("r", "y")
        await pilot.pause()
        assert "0/7 ticked" in screen_text(app)
    assert StateStore(os.fspath(tmp_path / "state.toml"), content).ticked() == frozenset()


async def test_unwritable_state_opens_with_a_notice(content: Content, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    app = make_app(content, os.fspath(blocker / "state.toml"))
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        assert "Ticks cannot be saved" in flat(screen_text(app))
        await pilot.press("7", "tab", "space")
        await pilot.pause()
        assert "Prevention 1/21 ticked today" in screen_text(app)  # kept for this session


async def test_search_stretch_enter_lands_on_the_stretches(app: BackrefApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"stretch")
        await settle(pilot, lambda: "Relief > Gentle Stretches" in screen_text(app))
        results = screen_text(app)
        assert "Relief > Gentle Stretches" in results
        await pilot.press("enter")
        await settle(pilot, lambda: "Knee-to-chest stretch" in screen_text(app))
        assert app.query_one(TabbedContent).active == "topic-relief"
        text = screen_text(app)
        assert "Gentle Stretches" in text
        assert "Knee-to-chest stretch" in text
        assert "EMERGENCY: Call" in text
        assert isinstance(app.focused, SelectionList)  # the checklist's cursor is on the hit
        assert app.focused.highlighted is not None
        assert app.focused.get_option_at_index(app.focused.highlighted).value == "knee-to-chest-stretch"


async def test_search_marks_red_flags_and_escape_returns(app: BackrefApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("slash", *"bladder")
        await pilot.pause()
        assert any(line.lstrip("│ ").startswith("EMERGENCY") and "bladder" in line.lower()
                   for line in screen_text(app).splitlines())  # a red flag says its urgency in words
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)

"""The full-screen view at every size: the hit you jump to, keys true where shown, the home."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import tomllib
from textual.command import CommandPalette, SearchIcon
from textual.screen import ModalScreen
from textual.widgets import SelectionList, TabbedContent

from backref.core.content import Content
from backref.tui.app import BackrefApp, make_app
from backref.tui.screens.search import SearchScreen
from backref.tui.widgets.topic_tabs import fit_labels
from backref.tui.widgets.topic_view import TopicView


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state.toml"


@pytest.fixture
def app(content: Content, state: Path) -> BackrefApp:
    return make_app(content, os.fspath(state))


def lines(app: BackrefApp) -> list[str]:
    """What the terminal shows now, one string a row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def region_lines(app: BackrefApp, selector: str) -> list[str]:
    region = app.screen.query_one(selector).content_region
    return [strip.crop(region.x, region.right).text
            for strip in app.screen._compositor.render_strips()[region.y: region.bottom]]


async def test_search_enter_space_ticks_the_ice_item_on_another_tab(app: BackrefApp, state: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"ice")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "topic-relief"
        ticks = tomllib.loads(state.read_text())["episodes"][-1]["ticks"]  # a relief tick: in its episode
        assert list(ticks) == ["ice-first-48-hours"]
        assert "1/7 ticked" in "\n".join(lines(app))


async def test_a_hit_on_the_tab_shown_gets_the_cursor_too(app: BackrefApp, state: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("slash", *"pelvic tilts", "enter")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert "pelvic-tilts" in tomllib.loads(state.read_text())["episodes"][-1]["ticks"]


async def test_a_found_line_is_marked_until_the_next_key(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"bladder", "enter")
        await pilot.pause()
        view = app.view_shown()
        assert isinstance(view, TopicView) and view.found is not None
        marked = view.found
        assert marked.has_class("-found")
        await pilot.press("down")
        await pilot.pause()
        assert not marked.has_class("-found") and view.found is None


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_dialogs_show_their_own_keys_only(app: BackrefApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        footer = lines(app)[-1]
        assert "Close" in footer and "Quit" not in footer and "Reset" not in footer
        assert "Press e" not in "\n".join(lines(app))  # e types into the box here
        await pilot.press("escape", "e")
        await pilot.pause()
        footer = lines(app)[-1]
        assert "Close" in footer and "Quit" not in footer and "Search" not in footer


async def test_r_shows_only_where_there_is_one_checklist_to_reset(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert "Reset" not in lines(app)[-1]
        await pilot.press("5")  # relief: four checklists, none with the cursor
        await pilot.pause()
        assert "Reset" not in lines(app)[-1]
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(app.screen, ModalScreen)  # r did nothing, as its absence said
        await pilot.press("tab")  # into the first checklist: this place's keys lead the footer
        await pilot.pause()
        assert lines(app)[-1].startswith(" space Tick ") and "r Reset" in lines(app)[-1]


async def test_footer_at_60x20_shows_every_always_shown_key_whole(app: BackrefApp) -> None:
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        footer = lines(app)[-1].rstrip()
        # the palette key gives way below 80 columns (the help names it); every key is whole
        assert footer.split() == "e Emergency t Check l Episode / Search ? Help q Quit".split()
        assert "palette" not in footer


async def test_under_30_rows_the_header_goes_and_the_banner_is_one_line(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = lines(app)
        assert shown[0].startswith(" EMERGENCY: Call ")
        assert shown[1].startswith(" 0Home 1Overview ")
        assert sum("Back Cramps and Spasms" in line for line in shown) == 0  # the title is the window's


async def test_body_text_keeps_a_readable_width_at_200x50(app: BackrefApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        body = region_lines(app, "#view-overview")
        scrollbar = " ▁▂▃▄▅▆▇█▔"
        assert max(len(line.rstrip(scrollbar)) for line in body) <= 110


async def test_no_emergency_sign_wraps_in_the_panel_at_120x40(app: BackrefApp, content: Content) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = region_lines(app, "#red-flag-panel")
        for flag in content.emergency_signs():
            assert any(flag.text in line for line in panel), flag.text


def test_tab_labels_fit_and_keep_their_keys() -> None:
    names = ["Home", "Overview", "Types", "Causes", "Symptoms", "Relief", "Treatment", "Prevention", "Doctor"]
    assert fit_labels(names, 0, 200)[1] == ("1 ", "Overview")
    assert fit_labels(names, 0, 89) == [(f"{n} ", name) for n, name in enumerate(names)]  # 9 x " N " + names
    assert fit_labels(names, 0, 80) == [(str(n), name) for n, name in enumerate(names)]  # 1Overview: whole
    for room in (79, 60, 40, 30):
        labels = fit_labels(names, 7, room)
        assert labels[7] == ("7", "Prevention")
        assert [key for key, _name in labels] == [str(n) for n in range(9)]
        assert sum(1 + len(key) + len(name) for key, name in labels) <= room or all(
            not name for i, (_key, name) in enumerate(labels) if i != 7)
        cut = {len(name) for i, (_key, name) in enumerate(labels) if i != 7 and name != names[i]}
        assert len(cut) <= 1  # the other tabs are cut to one length


async def test_home_shows_the_routine_streak_and_emergency_action(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = " ".join(" ".join(lines(app)).split())
        assert "What to do now" in text
        assert "EMERGENCY: Call your local emergency number" in text
        assert "Today's prevention routine" in text and "streak: 0 days" in text
        await pilot.press("tab", "space")  # the first routine item, ticked from the home
        await pilot.pause()
        assert "1/21 ticked today - streak: 1 day" in " ".join(lines(app))


async def test_0_and_h_go_home(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("0", "h"):
            await pilot.press("3")
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            assert app.query_one(TabbedContent).active == "home"


async def test_make_app_can_open_on_a_topic(content: Content, state: Path) -> None:
    relief = next(t for t in content.topics if t.id == "relief")
    app = make_app(content, os.fspath(state), start=relief)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "topic-relief"
        assert "Immediate Relief Strategies" in "\n".join(lines(app))


async def test_palette_opens_on_backrefs_commands_with_a_plain_icon(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 50)) as pilot:  # tall enough to show the commands and a topic
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        assert str(app.screen.query_one(SearchIcon).render()) == ">"
        text = "\n".join(lines(app))
        assert "🔎" not in text and " > " in text
        assert text.index("Emergency") < text.index("Topic 1:")
        await pilot.press(*"emerg", "enter")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "EmergencyScreen"


async def test_search_results_read_as_one_line_each(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"numbness")
        await pilot.pause()
        text = "\n".join(lines(app))
        assert "Symptoms > Symptoms" not in text
        await pilot.press(*("backspace" for _ in "numbness"), *"mattress")
        await pilot.pause()
        assert "1 match" in "\n".join(lines(app)) and "1 matches" not in "\n".join(lines(app))


async def test_space_on_the_checklist_after_a_jump_is_a_tick_not_a_scroll(app: BackrefApp, state: Path) -> None:
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("slash", *"stretch", "enter")
        await pilot.pause()
        checklist = app.focused
        assert isinstance(checklist, SelectionList)
        assert checklist.highlighted is not None
        item = checklist.get_option_at_index(checklist.highlighted).value
        view = app.view_shown()
        scrolled = view.scroll_y
        assert item not in app.ticked
        await pilot.press("space")
        await pilot.pause()
        assert item in app.ticked and item in checklist.selected
        assert view.scroll_y == scrolled  # the page stayed where it was
    kept = tomllib.loads(state.read_text())
    assert item in {**kept["ticks"], **kept.get("episodes", [{}])[-1].get("ticks", {}),
                    **next(iter(kept["days"].values()), {})}

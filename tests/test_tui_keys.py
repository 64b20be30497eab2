"""The full-screen view's keys and layout as a person meets them: a footer that shows the keys
that work where you are (this place's first), whole; tab names that fit; boxes that show."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import TabbedContent
from textual.widgets._footer import FooterKey

from backref.core.content import Content
from backref.tui.app import BackrefApp, make_app
from backref.tui.screens.episode import EpisodeScreen
from screen_colours import screen_cells


def rows(app: BackrefApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def footer_keys(app: BackrefApp) -> list[str]:
    """'p Pause', ... as the footer shows them, left to right (the palette's key left out)."""
    keys = [k for k in app.screen.query(FooterKey) if not k.has_class("-command-palette") and k.display]
    return [f"{k.key_display} {k.description}".strip() for k in sorted(keys, key=lambda k: k.region.x)]


def assert_footer_whole(app: BackrefApp) -> None:
    """Every key the footer holds is on screen whole, within the footer's row."""
    footer = rows(app)[-1]
    for key in app.screen.query(FooterKey):
        assert key.region.right <= app.size.width, key.description
        assert f"{key.key_display} {key.description}".strip() in " ".join(footer.split()), key.description


async def start_ice_timer(pilot: object, app: BackrefApp) -> None:
    await pilot.press("5", "tab", "down", "down", "c")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert app.timers and app.timers[-1].item.id == "apply-ice-20-min"


async def test_a_running_timer_shows_p_and_x_first_at_80x24(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await start_ice_timer(pilot, app)
        keys = footer_keys(app)
        assert keys[0] == "space Tick"  # on a checklist, the tick leads
        assert "p Pause" in keys and "x Cancel" in keys
        assert_footer_whole(app)
        await pilot.press("0")  # the home, no checklist under the cursor: the timer's keys stay
        await pilot.pause()
        keys = footer_keys(app)
        assert keys[:2] == ["p Pause", "x Cancel"] and "? Help" in keys
        assert_footer_whole(app)
        await pilot.press("p")
        await pilot.pause()
        assert app.timers[-1].paused
        await pilot.press("x")
        await pilot.pause()
        assert not app.timers and "p Pause" not in footer_keys(app)


async def test_no_key_shows_where_it_does_nothing(app: BackrefApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = footer_keys(app)
        assert not {"r Reset", "c Timer", "p Pause", "x Cancel", "space Tick"} & set(keys)
        await pilot.press("1")  # a topic with no checklist
        await pilot.pause()
        assert "r Reset" not in footer_keys(app) and "c Timer" not in footer_keys(app)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, EpisodeScreen)
        keys = footer_keys(app)
        assert keys[0] == "esc Close" and "l Episode" not in keys and "r Reset" not in keys
        await pilot.press("5")  # the topics' keys do nothing here: they are not bound here either
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "topic-overview"


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_episode_view_cuts_no_footer_word(app: BackrefApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert_footer_whole(app)
        assert footer_keys(app)[:2] == ["esc Close", "s Start"]
        assert "? Help" in footer_keys(app)


async def test_cancelling_a_timer_never_ends_the_episode(app: BackrefApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await start_ice_timer(pilot, app)
        await pilot.press("space")  # a relief tick: an episode opens
        await pilot.pause()
        assert app.episode is not None
        await pilot.press("l")  # on the episode view x is still the timer's
        await pilot.pause()
        assert "x Cancel" in footer_keys(app) and "E End episode" in footer_keys(app)
        await pilot.press("x")
        await pilot.pause()
        assert not app.timers and app.episode is not None
        await pilot.press("E")
        await pilot.pause()
        assert "End episode 1" in "\n".join(rows(app))  # it asks
        await pilot.press("n")
        await pilot.pause()
        assert app.episode is not None and isinstance(app.screen, EpisodeScreen)


def tab_labels(app: BackrefApp) -> list[str]:
    tabbed = app.query_one(TabbedContent)
    return [tabbed.get_tab(pane.id or "").label.plain for pane in tabbed.query("TabPane")]


async def test_tab_names_fit_and_follow_a_resize(app: BackrefApp, content: Content) -> None:
    names = ["Home", *(t.tab for t in content.topics)]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        for n, (label, name) in enumerate(zip(tab_labels(app), names)):
            shown = label[len(str(n)):].strip()
            assert shown == name or len(shown) >= 5, label
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert tab_labels(app) == [f"{n} {name}" for n, name in enumerate(names)]
        row = next(r for r in rows(app) if r.lstrip().startswith("0 Home"))
        assert all(f"{n} {name}" in row for n, name in enumerate(names))  # every tab on screen, whole
        panel = app.query_one("#red-flag-panel").region
        last = app.query_one(TabbedContent).get_tab(app.query_one(TabbedContent).query("TabPane").last().id or "")
        assert not last.region.overlaps(panel)  # the panel hides no tab


@pytest.mark.parametrize("no_color", [False, True])
async def test_checklist_boxes_show_in_every_mode(content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(content, os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7", "tab", "space")
        await pilot.pause()
        shown = rows(app)
        ticked = next(n for n, r in enumerate(shown) if "Regular core exercises" in r)
        assert shown[ticked].lstrip().startswith("[x] Regular core exercises")
        assert shown[ticked + 1].lstrip().startswith("[ ] Back strengthening routine")
        for system in ("truecolor", "16"):
            cells = screen_cells(app, system)[ticked + 1]
            box = [c for c in cells if c.char in "[]"][:2]
            assert box and min(c.contrast for c in box) >= 4.5, system


async def test_the_palette_lists_matching_items_before_topics(app: BackrefApp) -> None:
    from textual.command import CommandList

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"ice")
        await pilot.pause(0.5)
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        topics = [n for n, p in enumerate(prompts) if p.startswith("Topic ")]
        assert topics and not prompts[0].startswith("Topic ")
        before = " ".join(prompts[:min(topics)])
        assert "Apply ice" in before and "Ice first 48 hours" in before


@pytest.mark.parametrize("query", ["pelvic tilts", "ice first", "bladder", "muscle strain", "gentle movements"])
async def test_a_search_hit_lands_a_third_down_with_its_heading_in_view(app: BackrefApp, query: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *query)
        await pilot.pause()
        screen = app.screen
        hit = screen.hits[0]  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        view = app.view_shown()
        area = view.scrollable_content_region
        heading = view.query_one(f"#section-{hit.section_id}")
        heading = heading.query(".section-title").first() if heading.query(".section-title") else heading
        assert area.y <= heading.region.y < area.bottom  # the heading in view
        text = rows(app)[area.y:area.bottom]
        words = hit.line.split()[0]
        hit_rows = [n for n, r in enumerate(text) if words in r and n >= heading.region.y - area.y]
        assert hit_rows, hit.line
        third = area.height // 3
        # a third of the way down, or higher where its heading is at the top; lower only where
        # the topic ends (it cannot scroll further)
        assert hit_rows[0] <= third + 1 or view.scroll_offset.y == view.max_scroll_y


async def test_without_textuals_footer_key_the_footer_is_textuals_own(
        app: BackrefApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """FooterKey is not public in Textual: if a release moves it, the view still starts, with
    Textual's footer in place of the fitted one."""
    from backref.tui.widgets import key_footer

    monkeypatch.setattr(key_footer, "FooterKey", None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "l Episode" in rows(app)[-1] and "EMERGENCY" in " ".join(rows(app))

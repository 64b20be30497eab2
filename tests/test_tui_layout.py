"""The full-screen view at the wide/narrow breakpoint, and the command palette."""
from __future__ import annotations


import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import SelectionList, TabbedContent

from backref.core.content import Content
from backref.tui.app import BackrefApp


def screen_text(app: BackrefApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize(("columns", "wide"), [(99, False), (100, True)])
async def test_the_red_flag_panel_appears_from_100_columns(app: BackrefApp, columns: int, wide: bool) -> None:
    async with app.run_test(size=(columns, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert app.screen.query_one("#red-flag-panel").display is wide
        assert ("EMERGENCY: Call" in text) is not wide


def palette_prompts(app: BackrefApp) -> list[str]:
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def test_the_palette_lists_the_topics_when_it_opens(app: BackrefApp, content: Content) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        assert isinstance(app.screen, CommandPalette)
        prompts = " ".join(palette_prompts(app))
        for n, topic in enumerate(content.topics, 1):
            assert f"Topic {n}: {topic.title}" in prompts


async def test_the_palette_finds_items_and_enter_opens_one(app: BackrefApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"knee to chest")
        await pilot.pause(0.5)
        prompts = palette_prompts(app)
        assert prompts and "Knee-to-chest stretch" in prompts[0]
        await pilot.press("enter")
        for _ in range(50):  # the jump runs once the tab has switched: let the app get there
            await pilot.pause(0.02)
            if "Knee-to-chest stretch" in screen_text(app):
                break
        assert not isinstance(app.screen, CommandPalette)
        assert app.query_one(TabbedContent).active == "topic-relief"
        assert "Knee-to-chest stretch" in screen_text(app)
        # a checklist hit gets the checklist's cursor, so Space would tick it
        assert isinstance(app.focused, SelectionList) and app.focused.highlighted is not None
        assert app.focused.get_option_at_index(app.focused.highlighted).value == "knee-to-chest-stretch"

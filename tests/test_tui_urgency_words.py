"""The urgency words on every screen of the full-screen view are the content's: relabel them in
content.toml ([urgency.*] label) and the banner, the panel, the emergency list, the topics and
the check's card all follow."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from backref.core.load import load_content
from backref.tui.app import BackrefApp, make_app
from conftest import CONTENT

NEW_EMERGENCY, NEW_SEE_DOCTOR = "CALL NOW", "BOOK A GP"


@pytest.fixture
def relabelled(tmp_path: Path) -> BackrefApp:
    text = CONTENT.read_text(encoding="utf-8")
    for table, new in (("[urgency.emergency]", NEW_EMERGENCY), ("[urgency.see-doctor]", NEW_SEE_DOCTOR)):
        start = text.index(table)
        label = text.index("label = ", start)
        text = text[:label] + f'label = "{new}"' + text[text.index("\n", label):]
    path = tmp_path / "content.toml"
    path.write_text(text, encoding="utf-8")
    return make_app(load_content(os.fspath(path)), os.fspath(tmp_path / "state.toml"))


def screen_text(app: BackrefApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def flat(app: BackrefApp) -> str:
    return " ".join(screen_text(app).split())


@pytest.mark.parametrize("size", [(60, 20), (120, 40)])
async def test_the_banner_the_panel_and_the_emergency_list_say_the_contents_label(
        relabelled: BackrefApp, size: tuple[int, int]) -> None:
    async with relabelled.run_test(size=size) as pilot:
        await pilot.pause()
        if size[0] < 100:
            assert f"{NEW_EMERGENCY}: Call 999/112/911" in flat(relabelled)  # the banner
        else:
            assert relabelled.screen.query_one("#red-flag-panel").border_title == NEW_EMERGENCY
            assert f"━ {NEW_EMERGENCY} ━" in screen_text(relabelled)
        await pilot.press("e")
        await pilot.pause()
        assert f"{NEW_EMERGENCY} - seek care now" in screen_text(relabelled)  # the list's title
        await pilot.press("escape", "8")  # the doctor topic: both kinds of red-flag list
        await pilot.pause()
        text = flat(relabelled)
        assert f"{NEW_SEE_DOCTOR} - Schedule" in text


async def test_the_checks_card_says_the_contents_label(relabelled: BackrefApp) -> None:
    async with relabelled.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "y")
        await pilot.pause()
        assert NEW_EMERGENCY in region_text(relabelled, "#card-heading")


def region_text(app: BackrefApp, selector: str) -> str:
    region = app.screen.query_one(selector).content_region
    return "\n".join(s.crop(region.x, region.right).text for s in app.screen._compositor.render_strips()[region.y:region.bottom])

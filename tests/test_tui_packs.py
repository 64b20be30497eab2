"""A content pack in the full-screen view: its topic is a tab after the guide's, with its
source, and its checklist ticks like any other; a skipped pack and a settings problem are notices."""
from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import TabbedContent

from backref.core.load import load_with_packs, pack_paths
from backref.tui.app import make_app
from conftest import CONTENT
from test_packs import PHYSIO, install
from test_tui import screen_text, settle


async def test_a_pack_topic_is_a_tab_after_the_guides_and_ticks_like_any(isolated_dirs: Path, tmp_path: Path) -> None:
    install(isolated_dirs, "physio.toml", PHYSIO)
    install(isolated_dirs, "broken.toml", "[pack\n")
    content, notices = load_with_packs(os.fspath(CONTENT), pack_paths())
    app = make_app(content, os.fspath(tmp_path / "state.toml"), notices=tuple(notices))
    async with app.run_test(size=(120, 40)) as pilot:
        tabbed = app.query_one(TabbedContent)
        panes = [pane.id for pane in tabbed.query("TabPane")]
        assert panes[-1] == "topic-physio" and len(panes) == 10  # home, the guide's 8, then the pack
        await settle(pilot, lambda: "broken.toml" in screen_text(app))  # the skipped pack, said once
        await pilot.press("9")
        await settle(pilot, lambda: "Morning exercises" in screen_text(app))
        text = screen_text(app)
        assert "9 Physio" in text
        assert "From your pack 'My physiotherapy plan'" in text
        await pilot.press("tab")
        await pilot.press("space")
        await settle(pilot, lambda: "physio-cat-camel" in app.store.ticked())
    assert "physio-cat-camel" in (tmp_path / "state.toml").read_text()

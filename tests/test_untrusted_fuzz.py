"""Content files built from random text (markup, escapes, unicode): `show`, `search`, `redflags`
and the first screen of the full-screen view neither crash nor emit an escape."""
from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backref.cli.main import main
from backref.core.load import load_content
from backref.tui.app import make_app
from hostile import write_content

PIECES = ["[b]", "[/]", "[/b]", "[red]", "[link=file:///etc/passwd]", "[/link]", "[@click=app.quit]",
          "\\[", "\\", "]", "[", "\x1b]0;t\x07", "\x1b]52;c;SGVsbG8=\x07", "\x1b[2J", "\x9b1m", "\x07",
          "\r", "\n", "\t", "\u26a0\ufe0f", "\u4e2d", "e\u0301", "\u200d", "\u202e", "\ufeff", "$x", "{x}", " "]
# mostly the pieces, sometimes any text hypothesis likes (no surrogates: TOML cannot hold them)
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=("Cs",)),
                                                           max_size=6)), max_size=12).map("".join)
TAB = st.lists(st.sampled_from(["[/]", "[b]", "\x1b", "\u26a0\ufe0f", "x"]), max_size=3).map(lambda p: "T" + "".join(p))  # at most 12: a tab label's limit


def no_escape(text: str) -> bool:
    return "\x1b" not in text and "\x9b" not in text and "\x07" not in text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, tab=TAB, query=TEXT)
def test_commands_never_crash_nor_emit_escapes(capsys: pytest.CaptureFixture[str], text: str, tab: str,
                                               query: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_content(Path(folder) / "random.toml", text, tab)
        for argv in (["show"], ["show", "--width", "20"], ["redflags"], ["search", "x", "--", query], ["show", query]):
            try:
                code = main(["--content", path, *argv])
            except SystemExit as exited:  # a usage error ("show -:" reads as an option): argparse's exit
                code = exited.code
            out, err = capsys.readouterr()
            assert code in (0, 1, 2), argv
            assert no_escape(out) and no_escape(err), argv


async def first_screen(path: str, state: str) -> list[str]:
    app = make_app(load_content(path), state)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return [segment.text for strip in app.screen._compositor.render_strips() for segment in strip]


@pytest.mark.view
@settings(max_examples=12, deadline=None)
@given(text=TEXT, tab=TAB)
def test_first_screen_never_crashes_nor_draws_escapes(text: str, tab: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_content(Path(folder) / "random.toml", text, tab)
        segments = asyncio.run(first_screen(path, str(Path(folder) / "state.toml")))
    assert segments
    assert all(no_escape(segment) for segment in segments)

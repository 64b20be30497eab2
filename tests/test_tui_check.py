"""The red-flag check in the full-screen view forgives a slip: b goes back a question (from the
card too), the card says which answer led there and how to change it, and it fits 40x12."""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from backref.core import wording
from backref.core.content import Content
from backref.core.triage import Check
from backref.tui.app import BackrefApp, make_app
from backref.tui.screens.triage import TriageScreen


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state.toml"


@pytest.fixture
def app(content: Content, state: Path) -> BackrefApp:
    return make_app(content, os.fspath(state))


def text(app: BackrefApp) -> str:
    return " ".join(" ".join(strip.text.strip(" │┃") for strip in app.screen._compositor.render_strips()).split())


def footer(app: BackrefApp) -> str:
    return app.screen._compositor.render_strips()[-1].text


def test_back_takes_back_the_last_answer_a_yes_included(content: Content) -> None:
    check = Check(content)
    assert not check.back()  # nothing to take back
    check.answer(False)
    check.answer(True)
    assert check.current is None and check.outcome == "emergency"
    assert check.back()
    assert check.current is check.questions[1] and check.yes is None and check.answers == [False]
    check.answer(False)
    assert check.current is check.questions[2]  # it goes on


async def test_b_goes_back_and_a_changed_answer_continues_the_check(app: BackrefApp, content: Content,
                                                                    state: Path) -> None:
    questions = Check(content).questions
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "n")
        await pilot.pause()
        assert isinstance(app.screen, TriageScreen)
        assert " ".join(questions[1].text.split()[:6]) in text(app)
        await pilot.press("b")
        await pilot.pause()
        assert " ".join(questions[0].text.split()[:6]) in text(app)
        await pilot.press("y")  # a slip: the emergency card
        await pilot.pause()
        shown = text(app)
        assert content.urgency_of("emergency").label in shown and wording.CHECK_CHANGE in shown
        assert "Yes" not in footer(app) and " No " not in footer(app)  # y and n do nothing on a card
        assert "b Back" in footer(app)
        await pilot.press("backspace")
        await pilot.pause()
        assert " ".join(questions[0].text.split()[:6]) in text(app)
        await pilot.press("n")
        await pilot.pause()
        assert " ".join(questions[1].text.split()[:6]) in text(app)  # the check goes on
        assert wording.question_number(2, len(questions)) in text(app)
        assert not app.screen.query_one("#triage-body").has_class("urgency-emergency")
    kept = tomllib.loads(state.read_text())["checks"]
    assert [c["result"] for c in kept] == ["emergency"]  # the card that was shown, with its time


async def test_the_card_wears_its_urgency_and_the_all_clear_names_the_views_keys(app: BackrefApp,
                                                                                 content: Content) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", *"n" * len(Check(content).questions))
        await pilot.pause()
        body = app.screen.query_one("#triage-body")
        assert body.has_class("urgency-none")
        shown = text(app)
        assert "backref show" not in shown and "press 5 for the Relief tab" in shown
        await pilot.press("5")
        await pilot.pause()
        assert not isinstance(app.screen, TriageScreen)
        assert app.query_one(TabbedContent).active == "topic-relief"


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_at_40x12_the_question_and_the_whole_banner_show(app: BackrefApp, content: Content, theme: str) -> None:
    question = Check(content).questions[0].text
    async with app.run_test(size=(40, 12)) as pilot:
        app.theme = theme
        await pilot.press("t")
        await pilot.pause()
        rows = [strip.text for strip in app.screen._compositor.render_strips()]
        banner = " ".join(" ".join(rows[:3]).split())
        assert banner.startswith("EMERGENCY: Call 999/112/911") and banner.endswith("(e: signs)")
        dialog = app.screen.query_one("#triage-body").scrollable_content_region
        shown = app.screen.query_one("#triage-question").region.intersection(dialog)
        assert shown.y >= 3 and shown.bottom <= 11 and shown.height >= 4  # under the banner, over the footer
        body = " ".join(" ".join(r[shown.x:shown.right] for r in rows[shown.y:shown.bottom]).split())
        assert " ".join(question.split()[:8]) in body

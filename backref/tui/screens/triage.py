"""The red-flag check (t): one yes/no question at a time, emergency signs first; the first yes
ends it with its card. The same questions, order and cards as `backref triage`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content as Text
from textual.widgets import Footer, Static

from backref.core import wording
from backref.core.content import Content
from backref.core.triage import Check, card_parts
from backref.tui.widgets.key_scroll import KeyScroll
from backref.tui.screens.dialog import Dialog, DialogRoom

if TYPE_CHECKING:
    from backref.tui.host import Host


class TriageScreen(Dialog[None]):
    """y answers yes, n no; Escape closes at any point (an unfinished check is not kept)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="triage.yes"),
        Binding("n", "answer(False)", "No", id="triage.no"),
        Binding("escape", "close", "Close", id="triage.close"),
    ]

    def __init__(self, content: Content, own_number: str | None) -> None:
        super().__init__(id="triage-screen")
        self.content = content
        self.own_number = own_number
        self.check = Check(content)

    def compose(self) -> ComposeResult:
        with DialogRoom():
            with KeyScroll(id="triage-body") as body:
                body.border_title = wording.CHECK_TITLE
                body.border_subtitle = "y yes - n no - Esc closes"
                yield Static(Text(wording.CHECK_INTRO), id="triage-intro", classes="hint")
                yield Static(id="triage-progress")
                yield Static(id="triage-question")
                yield Static(id="card-heading")
                yield Static(id="card-action")
                yield Static(id="card-lines")
        yield Footer()  # y, n and Esc: this dialog's own keys

    def on_mount(self) -> None:
        self.show_question()
        self.query_one(KeyScroll).focus()

    def show_question(self) -> None:
        question = self.check.current
        if question is None:
            return
        total = len(self.check.questions)
        self.query_one("#triage-progress", Static).update(Text(wording.question_number(self.check.number, total)))
        self.query_one("#triage-question", Static).update(
            Text.assemble((question.text, "bold"), " ", wording.CHECK_PROMPT))

    def action_answer(self, yes: bool) -> None:
        if self.check.current is None:
            return
        self.check.answer(yes)
        if self.check.current is None:
            self.show_card()
            self.keep()
        else:
            self.show_question()

    def show_card(self) -> None:
        """The card that ends the check; the question and intro give way to it."""
        heading, action, rest = card_parts(self.content, self.check, self.own_number)
        outcome = self.check.outcome
        for selector in ("#triage-intro", "#triage-progress", "#triage-question"):
            self.query_one(selector).display = False
        card = self.query_one("#card-heading", Static)
        card.update(Text(heading))
        card.add_class("card-heading", f"urgency-{outcome}")
        if action:
            self.query_one("#card-action", Static).update(Text(action))
            self.query_one("#card-action").add_class("action", f"urgency-{outcome}")
        self.query_one("#card-lines", Static).update(Text("\n\n".join(rest)))
        self.query_one("#card-lines").add_class("paragraph")
        body = self.query_one(KeyScroll)
        body.border_subtitle = "Esc closes"
        body.scroll_home(animate=False)

    def keep(self) -> None:
        """Keep the check with the ticks; if it cannot be saved, say so (the card stands)."""
        from backref.core.state import StateWriteError

        app: Host = self.app  # type: ignore[assignment]
        try:
            app.store.record_check(self.check.record(app.store.now_stamp()))
        except StateWriteError as exc:
            app.warn(str(exc), "The check cannot be saved")

    def action_close(self) -> None:
        self.dismiss(None)

"""The red-flag check (t): one yes/no question at a time, emergency signs first; the first yes
ends it with its card. The same questions, order and cards as `backref triage`; b goes back a
question (from the card too), so one slip of a key never stands."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content as Text
from textual.widgets import Static

from backref.core import wording
from backref.core.content import Content
from backref.core.triage import Check, view_card_parts
from backref.tui.screens.dialog import Dialog, DialogRoom
from backref.tui.text import plain
from backref.tui.widgets.key_footer import KeyFooter
from backref.tui.widgets.key_scroll import KeyScroll

if TYPE_CHECKING:
    from backref.tui.host import Host

OUTCOMES = ("emergency", "see-doctor", "none")


class TriageScreen(Dialog[None]):
    """y answers yes, n no, b goes back; Escape closes at any point (an unfinished check is not
    kept). On the card that says no red flag was reported, the relief topic's number opens it."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="triage.yes"),
        Binding("n", "answer(False)", "No", id="triage.no"),
        Binding("b,backspace", "back", "Back", key_display="b", id="triage.back"),
        Binding("escape", "close", "Close", id="triage.close"),
        *(Binding(str(n), f"open_topic({n})", show=False) for n in range(1, 10)),
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
                # the question first, so that it is in sight on the smallest screen
                yield Static(id="triage-question")
                yield Static(Text(wording.CHECK_INTRO), id="triage-intro", classes="hint")
                yield Static(id="card-heading")
                yield Static(id="card-action")
                yield Static(id="card-lines")
        yield KeyFooter()  # this dialog's own keys

    def on_mount(self) -> None:
        self.show_question()
        self.query_one(KeyScroll).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """y and n while a question is asked; b once one has been answered; a topic's number on
        the card that points to it."""
        if action == "answer":
            return self.check.current is not None
        if action == "back":
            return bool(self.check.answers)
        if action == "open_topic":
            return self.check.current is None and self.check.outcome == "none"
        return True

    def show_question(self) -> None:
        question = self.check.current
        if question is None:
            return
        body = self.query_one(KeyScroll)
        total = len(self.check.questions)
        body.border_title = f"{wording.CHECK_TITLE} - {wording.question_number(self.check.number, total)}"
        body.border_subtitle = "y yes - n no - b back" if self.check.answers else "y yes - n no"
        self.query_one("#triage-question", Static).update(
            Text.assemble((question.text, "bold"), " ", wording.CHECK_PROMPT))
        for selector in ("#triage-intro", "#triage-question"):
            self.query_one(selector).display = True
        for selector in ("#card-heading", "#card-action", "#card-lines"):
            self.query_one(selector).display = False
        body.remove_class(*(f"urgency-{outcome}" for outcome in OUTCOMES))
        body.scroll_home(animate=False)
        self.refresh_bindings()

    def action_answer(self, yes: bool) -> None:
        if self.check.current is None:
            return
        self.check.answer(yes)
        if self.check.current is None:
            self.show_card()
            self.keep()
        else:
            self.show_question()

    def action_back(self) -> None:
        if self.check.back():
            self.show_question()

    def show_card(self) -> None:
        """The card that ends the check, framed in its urgency; the question gives way to it."""
        heading, action, rest = view_card_parts(self.content, self.check, self.own_number)
        outcome = self.check.outcome
        for selector in ("#triage-intro", "#triage-question"):
            self.query_one(selector).display = False
        card = self.query_one("#card-heading", Static)
        card.update(plain(heading))
        card.set_classes(f"card-heading urgency-{outcome}")
        card_action = self.query_one("#card-action", Static)
        card_action.update(plain(action))
        card_action.set_classes(f"action urgency-{outcome}")
        card_action.display = bool(action)
        if self.check.yes is not None:  # how to take back the yes, under the line that names it
            said = next((n for n, line in enumerate(rest) if line.startswith(wording.CHECK_YOU_SAID)), len(rest) - 1)
            rest = [*rest[:said + 1], wording.CHECK_CHANGE, *rest[said + 1:]]
        lines = self.query_one("#card-lines", Static)
        lines.update(plain("\n\n".join(rest)))
        lines.set_classes("paragraph")
        card.display = lines.display = True
        body = self.query_one(KeyScroll)
        body.border_title = wording.CHECK_TITLE
        body.set_class(True, f"urgency-{outcome}")
        body.border_subtitle = "b back - Esc closes"
        body.scroll_home(animate=False)
        self.refresh_bindings()

    def keep(self) -> None:
        """Keep the check with the ticks; if it cannot be saved, say so (the card stands)."""
        from backref.core.state import StateWriteError

        app: Host = self.app  # type: ignore[assignment]
        try:
            app.store.record_check(self.check.record(app.store.now_stamp()))
        except StateWriteError as exc:
            app.warn(str(exc), "The check cannot be saved")

    def action_open_topic(self, number: int) -> None:
        app: Host = self.app  # type: ignore[assignment]
        self.dismiss(None)
        app.action_show_tab(number)

    def action_close(self) -> None:
        self.dismiss(None)

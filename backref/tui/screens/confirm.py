"""A yes/no question before something that cannot be undone."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from backref.tui.text import plain
from backref.tui.screens.dialog import Dialog, DialogRoom
from backref.tui.widgets.key_footer import KeyFooter


class ConfirmScreen(Dialog[bool]):
    """y confirms; n or Escape cancels."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(id="confirm-screen")
        self.question = question

    def compose(self) -> ComposeResult:
        with DialogRoom():
            with Vertical(id="confirm-body"):
                yield Static(plain(self.question), id="confirm-question")
                yield Static("y: yes    n / Esc: no", classes="hint")
        yield KeyFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

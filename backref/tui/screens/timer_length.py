"""A length of one's own for a timer (T): minutes or seconds, as `backref timer --minutes/--seconds`."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from backref.core import wording
from backref.core.timers import parse_length
from backref.tui.text import plain
from backref.tui.screens.dialog import Dialog, DialogRoom


class TimerLengthScreen(Dialog[int | None]):
    """Enter starts with the typed length (in seconds); Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="timer_length.cancel")]

    def __init__(self, item_text: str) -> None:
        super().__init__(id="timer-length-screen")
        self.item_text = item_text

    def compose(self) -> ComposeResult:
        with DialogRoom():
            with Vertical(id="timer-length-body"):
                yield Static(plain(self.item_text), id="timer-length-item")
                yield Static(wording.TIMER_OWN_QUESTION)
                yield Input(id="timer-length-input")
                yield Static("", id="timer-length-problem")
                yield Static(wording.TIMER_OWN_HINT, classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        seconds = parse_length(event.value)
        if seconds is None:
            self.query_one("#timer-length-problem", Static).update(wording.TIMER_OWN_BAD)
            return
        self.dismiss(seconds)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""The full emergency list: what to do, then every emergency sign once, over any screen."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from backref.core import wording
from backref.core.content import Content
from backref.tui.text import plain
from backref.tui.widgets.bullet import BulletList, flag_prompt
from backref.tui.widgets.key_scroll import KeyScroll


class EmergencyScreen(ModalScreen[None]):
    """Opened with e from anywhere; Escape (or e, or q) closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="emergency.close"),
        Binding("e,q", "close", "Close", show=False),
    ]

    def __init__(self, content: Content, action: str = "") -> None:
        super().__init__(id="emergency-screen")
        self.content = content
        self.action = action

    def compose(self) -> ComposeResult:
        words = self.content.urgency_of("emergency")
        with KeyScroll(id="emergency-body") as body:
            body.border_title = wording.EMERGENCY_SCREEN_TITLE
            body.border_subtitle = "Esc closes"
            if self.action:
                yield Static(plain(self.action), classes="action urgency-emergency")
            yield Static(plain(words.heading), classes="section-title red-flag-title urgency-emergency")
            # each sign once: where both emergency lists name a sign, it is shown from the first
            yield BulletList([flag_prompt(flag) for flag in self.content.signs("emergency")], classes="item")
            for note in self.content.emergency_notes():
                yield Static(plain(note), classes="paragraph note")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(KeyScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)

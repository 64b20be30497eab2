"""The full emergency list: every emergency red-flag list whole, over any screen."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content as Text
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from backref.core import wording
from backref.core.content import Content
from backref.tui.widgets.bullet import BulletList
from backref.tui.widgets.key_scroll import KeyScroll


class EmergencyScreen(ModalScreen[None]):
    """Opened with e from anywhere; Escape (or e, or q) closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="emergency.close"),
        Binding("e,q", "close", "Close", show=False),
    ]

    def __init__(self, content: Content) -> None:
        super().__init__(id="emergency-screen")
        self.content = content

    def compose(self) -> ComposeResult:
        with KeyScroll(id="emergency-body") as body:
            body.border_title = wording.EMERGENCY_SCREEN_TITLE
            body.border_subtitle = "Esc closes"
            for flags in self.content.red_flag_lists:
                if flags.urgency != "emergency":
                    continue
                label, rest = wording.urgency_title_parts(flags.urgency, flags.title)
                yield Static(Text.assemble((label, "bold"), rest),
                             classes="section-title red-flag-title urgency-emergency")
                yield BulletList([flag.text for flag in flags.flags], classes="item")
                if flags.note:
                    yield Static(flags.note, classes="paragraph note")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(KeyScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)

"""The full emergency list: every emergency red-flag list whole, over any screen."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content as Text
from textual.screen import ModalScreen
from textual.widgets import Static

from backref.content import Content
from backref.tui.widgets.bullet import BulletList


class EmergencyScreen(ModalScreen[None]):
    """Opened with e from anywhere; Escape (or e, or q) closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="emergency.close"),
        Binding("e,q", "close", "Close", show=False),
        Binding("down,j", "scroll('down')", "Scroll", show=False),
        Binding("up,k", "scroll('up')", "Scroll", show=False),
        Binding("pagedown,space", "scroll('page_down')", "Page down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
        Binding("home", "scroll('home')", "Top", show=False),
        Binding("end", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, content: Content) -> None:
        super().__init__(id="emergency-screen")
        self.content = content

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="emergency-body") as body:
            body.border_title = "EMERGENCY - seek care now"
            body.border_subtitle = "Esc closes"
            for flags in self.content.red_flag_lists:
                if flags.urgency != "emergency":
                    continue
                yield Static(Text.assemble(("EMERGENCY", "bold"), ": ", flags.title, ":"),
                             classes="section-title red-flag-title urgency-emergency")
                yield BulletList([flag.text for flag in flags.flags], classes="item")
                if flags.note:
                    yield Static(flags.note, classes="paragraph note")

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#emergency-body", VerticalScroll)
        moves = {"down": body.scroll_down, "up": body.scroll_up, "page_down": body.scroll_page_down,
                 "page_up": body.scroll_page_up, "home": body.scroll_home, "end": body.scroll_end}
        moves[direction](animate=False)

    def action_close(self) -> None:
        self.dismiss(None)

"""The emergency red flags, pinned: a side panel when wide, a banner when narrow."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content as Text
from textual.widgets import Static

from backref.core import wording
from backref.core.printable import one_line
from backref.core.content import Content
from backref.tui.text import plain
from backref.tui.widgets.bullet import BulletList, flag_prompt


class RedFlagPanel(VerticalScroll, can_focus=False):
    """Every emergency sign once, then the notes; docked on the right at 100 columns and wider."""

    def __init__(self, content: Content, action: str) -> None:
        super().__init__(id="red-flag-panel")
        self.content = content
        self.action = action
        self.border_title = content.urgency_of("emergency").label

    def compose(self) -> ComposeResult:
        if self.action:
            yield Static(Text(self.action), classes="panel-action")
        yield Static(wording.PANEL_HEADING, classes="panel-heading")
        yield BulletList([flag_prompt(flag) for flag in self.content.emergency_signs()], classes="panel-flags")
        for note in self.content.emergency_notes():
            yield Static(plain(note), classes="panel-note")
        yield Static(wording.EMERGENCY_LIST_HINT, classes="panel-hint")


class EmergencyBanner(Static):
    """What never leaves a narrow screen: what to do in an emergency, and how to see the signs."""

    def __init__(self, action: str, key: str = wording.BANNER_KEY) -> None:
        if action:
            text = Text.assemble((f"{wording.URGENCY_WORDS['emergency']}:", "bold reverse"), " ",
                                 (one_line(action), "bold"), key)
        else:
            text = Text.assemble((wording.BANNER_LEAD, "bold reverse"), wording.BANNER_REST)
        super().__init__(text, id="emergency-banner")

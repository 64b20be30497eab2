"""The emergency red flags, pinned: a side panel when wide, a banner when narrow."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content as Text
from textual.widgets import Static

from backref.core import wording
from backref.core.content import Content
from backref.tui.widgets.bullet import BulletList


class RedFlagPanel(VerticalScroll, can_focus=False):
    """Every emergency sign once, then the notes; docked on the right at 100 columns and wider."""

    def __init__(self, content: Content) -> None:
        super().__init__(id="red-flag-panel")
        self.content = content
        self.border_title = wording.URGENCY_WORDS["emergency"]

    def compose(self) -> ComposeResult:
        yield Static(wording.PANEL_HEADING, classes="panel-heading")
        yield BulletList([flag.text for flag in self.content.emergency_signs()], classes="panel-flags")
        for note in self.content.emergency_notes():
            yield Static(note, classes="panel-note")
        yield Static(wording.EMERGENCY_LIST_HINT, classes="panel-hint")


class EmergencyBanner(Static):
    """One line that never leaves a narrow screen: emergency signs exist, and how to see them."""

    def __init__(self, rest: str = wording.BANNER_REST) -> None:
        super().__init__(Text.assemble((wording.BANNER_LEAD, "bold"), rest), id="emergency-banner")

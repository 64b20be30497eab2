"""The emergency red flags, pinned: a side panel when wide, a banner when narrow.

Both keep their place and their colours while a dialog is open (see screens/dialog.py).
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content as Text
from textual.widgets import Static

from backref.core import wording
from backref.core.printable import one_line
from backref.core.content import Content
from backref.tui.text import plain
from backref.tui.urgency import KEEP, label
from backref.tui.widgets.bullet import BulletList, flag_prompt


class RedFlagPanel(VerticalScroll, can_focus=False):
    """What to do, then every emergency sign once, then the notes; on the right from 100 columns."""

    def __init__(self, content: Content, action: str) -> None:
        super().__init__(id="red-flag-panel", classes=KEEP)
        self.content = content
        self.action = action
        self.border_title = label(content, "emergency")

    def compose(self) -> ComposeResult:
        if self.action:
            yield Static(Text(self.action), classes="panel-action urgent-bar")
        yield Static(plain(self.content.urgency_of("emergency").heading), classes="panel-heading urgent-bar")
        yield BulletList([flag_prompt(flag) for flag in self.content.emergency_signs()], classes="panel-flags")
        for note in self.content.emergency_notes():
            yield Static(plain(note), classes="panel-note")
        yield Static(wording.EMERGENCY_LIST_HINT, classes="panel-hint")


class EmergencyBanner(Static):
    """What never leaves a narrow screen: what to do in an emergency, and how to see the signs.

    The label is the content's ([urgency.emergency] label), read from the app once mounted."""

    def __init__(self, action: str, key: str = wording.BANNER_KEY) -> None:
        super().__init__(id="emergency-banner", classes=f"urgent-bar {KEEP}")
        self.action = action
        self.key = key

    def on_mount(self) -> None:
        content: Content = getattr(self.app, "content")
        lead = label(content, "emergency")
        if self.action:
            self.update(Text.assemble((f"{lead}:", "reverse"), " ", one_line(self.action), self.key))
        else:
            self.update(Text.assemble((f"{lead} {wording.BANNER_LEAD}", "reverse"), wording.BANNER_REST))

"""Every key of the full-screen view, in one place."""
from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("1-9", "go to topic 1 to 9"),
    ("left right  [ ]", "previous / next topic"),
    ("e", "the full emergency list"),
    ("/", "search everything as you type"),
    ("ctrl+p", "command palette: topics and items"),
    ("tab  shift+tab", "move between the topic and its checklists"),
    ("up down  pgup pgdn", "scroll the topic, or move in a checklist"),
    ("space  enter", "tick or untick the checklist item under the cursor"),
    ("r", "reset the current checklist section (asks first)"),
    ("?", "this help"),
    ("esc", "close a dialog, the search or this help"),
    ("q  ctrl+q", "quit"),
]


def keys_table() -> Table:
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    for key, what in KEYS:
        grid.add_row(key, what)
    return grid


class HelpScreen(ModalScreen[None]):
    """Opened with ?; Escape closes."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self) -> None:
        super().__init__(id="help-screen")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Esc closes"
            yield Static(keys_table(), id="help-keys")

    def action_close(self) -> None:
        self.dismiss(None)

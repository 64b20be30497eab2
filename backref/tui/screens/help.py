"""Every key of the full-screen view: the app's bindings (their tooltips), then the keys of its parts."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static
from backref.tui.screens.dialog import Dialog, DialogRoom

# Keys that belong to widgets and dialogs rather than to the app.
WIDGET_KEYS = [
    ("ctrl+p", "command palette: backref's commands, topics, resets and items"),
    ("tab  shift+tab", "move between the topic and its checklists"),
    ("up down  pgup pgdn", "scroll the topic, or move in a checklist"),
    ("space  enter", "tick or untick the checklist item under the cursor"),
    ("esc", "close a dialog, the search or this help"),
]


def key_rows(bindings: list[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for each action whose binding has a tooltip, in order; every
    key bound to that action is named."""
    keys: dict[str, list[str]] = {}
    for binding in bindings:
        if isinstance(binding, Binding):
            shown = binding.key_display or binding.key.replace(",", " ")
            keys.setdefault(binding.action, []).append(shown)
    return [("  ".join(keys[b.action]), b.tooltip)
            for b in bindings if isinstance(b, Binding) and b.tooltip]


def keys_table(rows: list[tuple[str, str]]) -> Table:
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    for key, what in rows:
        grid.add_row(Text(key), Text(what))
    return grid


class HelpScreen(Dialog[None]):
    """Opened with ?; Escape closes."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, bindings: list[BindingType]) -> None:
        super().__init__(id="help-screen")
        self.rows = key_rows(bindings) + WIDGET_KEYS

    def compose(self) -> ComposeResult:
        with DialogRoom():
            with VerticalScroll(id="help-body") as body:
                body.border_title = "Keys"
                body.border_subtitle = "Esc closes"
                yield Static(keys_table(self.rows), id="help-keys")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)

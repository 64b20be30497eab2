"""Every key of the full-screen view, grouped (Safety, Checklists, Episode and timers, Moving):
made from the app's bindings (their group and tooltip) and the keys of its widgets."""
from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from backref.tui.keys import GROUPS, WIDGET_KEYS
from backref.tui.screens.dialog import Dialog, DialogRoom
from backref.tui.widgets.key_footer import KeyFooter

Row = tuple[str, str, str]  # (keys, what they do, group)


def key_rows(bindings: list[BindingType]) -> list[Row]:
    """(keys, what they do, group) for each action whose binding has a tooltip, in order; every
    key bound to that action is named."""
    keys: dict[str, list[str]] = {}
    for binding in bindings:
        if isinstance(binding, Binding):
            shown = binding.key_display or binding.key.replace(",", " ")
            keys.setdefault(binding.action, []).append(shown)
    return [(" ".join(keys[b.action]), b.tooltip, b.group.description if b.group else "")
            for b in bindings if isinstance(b, Binding) and b.tooltip]


def keys_table(rows: list[Row]) -> Group:
    """A heading per group, then its keys; one key column for all, as wide as the longest keys."""
    width = max((len(keys) for keys, _what, _group in rows), default=1)
    parts: list[Text | Table] = []
    names = [g.description for g in GROUPS] + sorted({g for _k, _w, g in rows} - {g.description for g in GROUPS})
    for name in names:
        group = [(keys, what) for keys, what, g in rows if g == name]
        if not group:
            continue
        parts.append(Text(name or "Other", style="bold underline"))
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(style="bold", no_wrap=True, width=width)
        grid.add_column(ratio=1)
        for keys, what in group:
            grid.add_row(Text(keys), Text(what))
        parts.extend([grid, Text("")])
    return Group(*parts[:-1])


class HelpScreen(Dialog[None]):
    """Opened with ?; Escape closes."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, bindings: list[BindingType]) -> None:
        super().__init__(id="help-screen")
        self.rows = key_rows(bindings) + [(keys, what, group.description) for keys, what, group in WIDGET_KEYS]

    def compose(self) -> ComposeResult:
        with DialogRoom():
            with VerticalScroll(id="help-body") as body:
                body.border_title = "Keys"
                body.border_subtitle = "Esc closes"
                yield Static(keys_table(self.rows), id="help-keys")
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss(None)

"""The footer: the keys that work where you are, this place's first and the app's last, each
whole; a key that does not fit gives way rather than showing half a word (help lists them all)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

# Textual 8 does not export FooterKey from textual.widgets; should a release move it, the
# footer falls back to Textual's own (every key, unfitted) rather than failing to start.
try:
    from textual.widgets._footer import FooterKey
except ImportError:  # pragma: no cover - only on a Textual that moved it
    FooterKey = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import Binding

HELP_ACTION = "help"  # always kept: it lists every key
PALETTE_ROOM = 13  # the palette's key, docked on the right from 80 columns ("▏^p palette ")


def key_width(key_display: str, description: str) -> int:
    """Columns FooterKey takes: ' key ' then 'description '."""
    return len(key_display) + 2 + len(description) + 1


def fitting(keys: list[tuple[Binding, str]], room: int) -> list[tuple[Binding, str]]:
    """The keys, in order, that fit whole in ``room`` columns; the help key is kept whatever
    gives way before it."""
    help_keys = [k for k in keys if k[0].action == HELP_ACTION]
    left = room - sum(key_width(display, b.description) for b, display in help_keys)
    kept = []
    for binding, display in keys:
        if binding.action == HELP_ACTION:
            kept.append((binding, display))
            continue
        width = key_width(display, binding.description)
        if width <= left:
            kept.append((binding, display))
            left -= width
        else:
            left = -1  # later keys matter less: none jumps the queue
    return kept


class KeyFooter(Footer):
    """Footer whose keys follow the binding chain (the focused widget, its screen, then the
    app) and are left out whole when they do not fit."""

    def compose(self) -> ComposeResult:
        if FooterKey is None:
            yield from super().compose()
            return
        if not getattr(self, "_bindings_ready", True):  # Footer's own flag: bindings not yet known
            return
        active = self.screen.active_bindings
        keys: list[tuple[Binding, str]] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append((binding, self.app.get_key_display(binding)))
        width = self.size.width or self.app.size.width
        self.composed_for = width
        palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and width >= 80
        shown = fitting(keys, width - (PALETTE_ROOM if palette else 0))
        if palette and len(shown) < len(keys):  # the palette's key gives way before this place's
            shown, palette = fitting(keys, width), False
        for binding, display in shown:
            yield FooterKey(binding.key, display, binding.description, binding.action,
                            tooltip=binding.tooltip).data_bind(compact=Footer.compact)
        if palette:
            try:
                _node, binding, enabled, tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            except KeyError:
                return
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description,
                            binding.action, classes="-command-palette", disabled=not enabled,
                            tooltip=binding.tooltip or binding.description)

    composed_for = 0  # the width the keys were fitted to

    def on_resize(self) -> None:
        if self.size.width != self.composed_for:
            self.call_after_refresh(self.recompose)

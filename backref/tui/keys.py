"""The groups the help puts keys in: each binding names its group, so the help is made from
the bindings themselves (and the keys that belong to widgets, listed here)."""
from __future__ import annotations

from textual.binding import Binding

SAFETY = Binding.Group("Safety")
CHECKLISTS = Binding.Group("Checklists")
EPISODE = Binding.Group("Episode and timers")
MOVING = Binding.Group("Moving")
GROUPS = (SAFETY, CHECKLISTS, EPISODE, MOVING)  # the help's order: safety first

# Keys that belong to widgets and dialogs rather than to the app: (keys, what they do, group).
WIDGET_KEYS = [
    ("space enter", "tick or untick the checklist item under the cursor", CHECKLISTS),
    ("tab", "move between the topic and its checklists (shift+tab: back)", MOVING),
    ("up down", "scroll the topic, or move in a checklist", MOVING),
    ("pgup pgdn", "a page up or down", MOVING),
    ("ctrl+p", "command palette: backref's commands, topics, resets and items", MOVING),
    ("esc", "close a dialog, the search or this help", MOVING),
]

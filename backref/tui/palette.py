"""Command palette (ctrl+p): backref's own commands first, then every searchable entry.

The commands come from the app's bindings that have a tooltip (so a feature that adds a
key with a tooltip appears here too), then each topic, then each checklist's reset.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import NamedTuple

from textual.binding import Binding
from textual.geometry import Spacing
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider, SearchIcon

from backref.core.printable import one_line
from backref.core.wording import CHECK_TITLE
from backref.tui.screens.dialog import KeepsUrgencyInSight
from backref.tui.screens.search import hit_prompt, urgency_labels
from backref.tui.text import plain_line
from backref.tui.timers import TIMER_BINDINGS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from textual.widget import Widget

    from backref.tui.host import Host

PALETTE_TOP = 3  # rows above the palette, as Textual lays it out
TIMER_ACTIONS = {b.action for b in TIMER_BINDINGS}
ICON = ">"  # the palette's own magnifier is an emoji, which many terminals measure wrongly
# Bindings that make no sense as a command (the palette itself, going through topics one by one)
# or that the palette says better (a reset of each checklist by name).
NOT_COMMANDS = {"show_tab", "step_tab", "quit_now", "command_palette", "reset_section"}


class PlainPalette(KeepsUrgencyInSight, CommandPalette):
    """Textual's palette with a plain glyph in place of the emoji."""

    def room(self) -> Widget:
        return self.query_one("#--container")

    def room_margin(self, around: Spacing) -> Spacing:
        return Spacing(max(PALETTE_TOP, around.top + 1), around.right, 0, 0)

    def on_mount(self) -> None:
        for icon in self.query(SearchIcon):
            icon.icon = ICON
            icon.refresh()  # a var, not a reactive: it does not redraw by itself


class Command(NamedTuple):
    name: str
    help: str
    callback: Callable[[], object]
    by_key: bool  # one of the app's keys (else a topic or a checklist's reset)


def app_commands(app: Host) -> Iterator[Command]:
    """Each command: key bindings with a tooltip, topics, resets; quitting last."""
    keys = [b for b in app.BINDINGS if isinstance(b, Binding) and b.tooltip
            and b.action.partition("(")[0] not in NOT_COMMANDS]
    # the footer leads with the timers' keys where they apply; the palette, opened anywhere,
    # leads with what to do in an emergency and the check
    keys.sort(key=lambda b: b.action in TIMER_ACTIONS)
    for binding in (b for b in keys if b.action != "quit"):
        yield binding_command(app, binding)
    for n, topic in enumerate(app.content.topics, 1):
        yield Command(f"Topic {n}: {topic.title}", "show this topic", partial(app.action_show_tab, n), False)
    for topic, section in app.content.checklist_sections():
        yield Command(f"Reset: {topic.tab} > {section.title}", "untick this checklist (asks first)",
                      partial(app.reset_section, section), False)
    for binding in (b for b in keys if b.action == "quit"):
        yield binding_command(app, binding)


# The footer's short word, said in full where there is room.
PALETTE_NAMES = {"triage": CHECK_TITLE, "episode": "Episode log"}


def binding_command(app: Host, binding: Binding) -> Command:
    key = binding.key_display or binding.key.split(",")[0]
    name = PALETTE_NAMES.get(binding.action, binding.description)
    return Command(name, f"{binding.tooltip} (key: {key})", partial(app.call_later, app.run_action, binding.action),
                   True)


class ContentCommands(Provider):
    """backref's commands when the palette opens; as you type, matching commands, then hits."""

    @property
    def backref(self) -> Host:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        for command in app_commands(self.backref):
            yield DiscoveryHit(plain_line(command.name), command.callback, help=one_line(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in app_commands(self.backref):
            score = matcher.match(command.name)
            if score > 0:
                # a command of the app's keys first; a topic or a reset after the items that match,
                # which say more than "Topic 5" (items score 0.5 to 1; the matcher's score has no top)
                rank = 1.0 + score if command.by_key else 0.5 * score / (1.0 + score)
                # the name as text (Matcher.highlight would read a title's brackets as markup)
                yield Hit(rank, plain_line(command.name), command.callback, text=one_line(command.name),
                          help=one_line(command.help))
        labels = urgency_labels(self.backref.content)
        for rank, hit in enumerate(self.backref.index.query(query, 20)):
            yield Hit(
                1.0 - rank / 40,
                hit_prompt(hit, labels),
                partial(self.backref.call_later, self.backref.open_hit, hit),
                text=one_line(f"{hit.place}: {hit.line}"),
            )

"""Command palette (ctrl+p): backref's own commands first, then every searchable entry.

The commands come from the app's bindings that have a tooltip (so a feature that adds a
key with a tooltip appears here too), then each topic, then each checklist's reset.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.binding import Binding
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider, SearchIcon

from backref.core.printable import one_line
from backref.core.wording import CHECK_TITLE
from backref.tui.screens.search import hit_prompt, urgency_labels
from backref.tui.text import plain_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from backref.tui.host import Host

ICON = ">"  # the palette's own magnifier is an emoji, which many terminals measure wrongly
# Bindings that make no sense as a command (the palette itself, going through topics one by one)
# or that the palette says better (a reset of each checklist by name).
NOT_COMMANDS = {"show_tab", "step_tab", "quit_now", "command_palette", "reset_section"}


class PlainPalette(CommandPalette):
    """Textual's palette with a plain glyph in place of the emoji."""

    def on_mount(self) -> None:
        for icon in self.query(SearchIcon):
            icon.icon = ICON
            icon.refresh()  # a var, not a reactive: it does not redraw by itself


def app_commands(app: Host) -> Iterator[tuple[str, str, Callable[[], object]]]:
    """(name, help, callback) for each command: key bindings with a tooltip, topics, resets;
    quitting last."""
    keys = [b for b in app.BINDINGS if isinstance(b, Binding) and b.tooltip
            and b.action.partition("(")[0] not in NOT_COMMANDS]
    for binding in (b for b in keys if b.action != "quit"):
        yield binding_command(app, binding)
    for n, topic in enumerate(app.content.topics, 1):
        yield (f"Topic {n}: {topic.title}", "show this topic", partial(app.action_show_tab, n))
    for topic, section in app.content.checklist_sections():
        yield (f"Reset: {topic.tab} > {section.title}", "untick this checklist (asks first)",
               partial(app.reset_section, section))
    for binding in (b for b in keys if b.action == "quit"):
        yield binding_command(app, binding)


# The footer's short word, said in full where there is room.
PALETTE_NAMES = {"triage": CHECK_TITLE, "episode": "Episode log"}


def binding_command(app: Host, binding: Binding) -> tuple[str, str, Callable[[], object]]:
    key = binding.key_display or binding.key.split(",")[0]
    name = PALETTE_NAMES.get(binding.action, binding.description)
    return (name, f"{binding.tooltip} (key: {key})",
            partial(app.call_later, app.run_action, binding.action))


class ContentCommands(Provider):
    """backref's commands when the palette opens; as you type, matching commands, then hits."""

    @property
    def backref(self) -> Host:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        for name, help_text, callback in app_commands(self.backref):
            yield DiscoveryHit(plain_line(name), callback, help=one_line(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in app_commands(self.backref):
            score = matcher.match(name)
            if score > 0:
                # the name as text (Matcher.highlight would read a title's brackets as markup)
                yield Hit(1.0 + score, plain_line(name), callback, text=one_line(name), help=one_line(help_text))
        labels = urgency_labels(self.backref.content)
        for rank, hit in enumerate(self.backref.index.query(query, 20)):
            yield Hit(
                1.0 - rank / 40,
                hit_prompt(hit, labels),
                partial(self.backref.call_later, self.backref.open_hit, hit),
                text=one_line(f"{hit.place}: {hit.line}"),
            )

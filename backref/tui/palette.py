"""Command palette (ctrl+p) over the same search index as / search."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from backref.core.printable import one_line
from backref.core.wording import CHECK_TITLE
from backref.tui.screens.search import hit_prompt
from backref.tui.text import plain_line

CHECK_COMMAND = f"{CHECK_TITLE} (t)"
CHECK_HELP = "Yes/no questions, emergency signs first"


class ContentCommands(Provider):
    """Topics when the palette opens; every searchable entry as you type."""

    async def discover(self) -> Hits:
        app = self.app
        yield DiscoveryHit("Episode log", app.action_episode, help="Start, note or end a spasm episode")  # type: ignore[attr-defined]
        yield DiscoveryHit(CHECK_COMMAND, app.action_triage, help=CHECK_HELP)  # type: ignore[attr-defined]
        for n, topic in enumerate(app.content.topics, 1):  # type: ignore[attr-defined]
            yield DiscoveryHit(plain_line(f"Topic {n}: {topic.title}"), partial(app.action_show_tab, n),  # type: ignore[attr-defined]
                               help="Show this topic")

    async def search(self, query: str) -> Hits:
        app = self.app
        score = self.matcher(query).match("Episode log")
        if score > 0:
            yield Hit(score, "Episode log", app.action_episode, help="Start, note or end a spasm episode")  # type: ignore[attr-defined]
        score = self.matcher(query).match(CHECK_COMMAND)
        if score > 0:
            yield Hit(score, self.matcher(query).highlight(CHECK_COMMAND), app.action_triage,  # type: ignore[attr-defined]
                      help=CHECK_HELP)
        hits = app.index.query(query, 20)  # type: ignore[attr-defined]
        for rank, hit in enumerate(hits):
            yield Hit(
                1.0 - rank / 40,
                hit_prompt(hit),
                partial(app.call_later, app.open_hit, hit),  # type: ignore[attr-defined]
                text=one_line(f"{hit.place}: {hit.line}"),
            )

"""The home: what to do now, made only from the content and the person's state.

Always the emergency action and the topics one key away; then, with an episode open, its
relief checklists and timers; otherwise today's prevention routine and the streak.
"""
from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.content import Content as Styled
from textual.widgets import Static

from backref.core import episodes as ep
from backref.core import wording
from backref.core.content import Content, Section, Topic
from backref.core.episodes import Episode
from backref.core.printable import printable
from backref.tui.text import plain, rich_plain
from backref.tui.urgency import KEEP, label
from backref.tui.widgets.key_scroll import KeyScroll

TYPE_CHECKING = False
if TYPE_CHECKING:
    from backref.tui.widgets.checklist import ChecklistSection


def topic_keys(content: Content) -> Table:
    """'1  Back Cramps and Spasms', one topic a row: the key that opens it, then its title."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for n, topic in enumerate(content.topics[:9], 1):
        grid.add_row(str(n), rich_plain(topic.title))  # a title is text: never markup, no control codes
    return grid


class HomeView(KeyScroll):
    """The first screen (key 0 or h). Its checklists tick like a topic's; its progress line
    follows the app's ``ticked`` and ``streak`` state."""

    def __init__(self, content: Content) -> None:
        super().__init__(id="view-home", classes="topic-view home-view")
        self.content = content

    def compose(self) -> ComposeResult:
        yield Static(wording.HOME_TITLE, classes="topic-title")
        action = getattr(self.app, "emergency_action", "")  # what to do, naming the person's own number
        # the panel beside a wide home says the same: this shows only where the panel does not
        yield Static(Styled.assemble((f"{label(self.content, 'emergency')}:", "reverse"), " ", printable(action)),
                     classes=f"home-emergency urgent-bar {KEEP}")
        yield Static(wording.HOME_EMERGENCY_REST, classes="home-emergency-rest")
        yield Static(plain(self.content.meta.disclaimer), classes="disclaimer")
        episode = self.open_episode()
        if episode is not None:
            yield from self.episode_part(episode)
        else:
            yield from self.routine_part()
        yield Static(wording.HOME_TOPICS, classes="section-title")
        yield Static(topic_keys(self.content), classes="home-topics")

    def on_mount(self) -> None:
        self.shown_episode = self.open_episode()
        self.watch(self.app, "ticked", self.show_progress)
        self.watch(self.app, "streak", lambda _streak: self.show_progress(self.app.ticked))  # type: ignore[attr-defined]
        self.watch(self.app, "episode", self.episode_changed, init=False)

    async def episode_changed(self, episode: Episode | None) -> None:
        """An episode opened or ended: the home shows the other part."""
        if (episode is None) != (self.shown_episode is None):
            self.shown_episode = episode
            await self.recompose()

    # -- the open episode (plugs in here) ------------------------------------------

    def open_episode(self) -> Episode | None:
        """The open episode, or None."""
        store = getattr(self.app, "store", None)
        return store.open_episode() if store is not None else None

    def episode_part(self, episode: Episode) -> ComposeResult:
        """With an episode open: the day count and latest severity, then its relief checklists
        (the running or next-due timers show in the timers bar under every tab)."""
        from backref.tui.widgets.checklist import ChecklistSection

        now = self.app.store.now()  # type: ignore[attr-defined]
        latest = ep.severity_words(self.content, episode.latest_severity).split(" (")[0]
        yield Static(plain(wording.episode_status(ep.day_number(episode, now), latest)), classes="section-title")
        for topic, section in self.content.checklist_sections():
            if section.scope == "episode":
                yield ChecklistSection(topic, section)

    # -- today's prevention routine -------------------------------------------------

    def routine(self) -> list[tuple[Topic, Section]]:
        """The daily checklists: what a person repeats every day."""
        return [(t, s) for t, s in self.content.checklist_sections() if s.daily]

    def routine_part(self) -> ComposeResult:
        sections = self.routine()
        if not sections:
            return
        from backref.tui.widgets.checklist import ChecklistSection

        yield Static(wording.HOME_ROUTINE, classes="section-title")
        yield Static("", classes="topic-progress")
        for topic, section in sections:
            yield ChecklistSection(topic, section)

    @property
    def checklists(self) -> list[ChecklistSection]:
        from backref.tui.widgets.checklist import ChecklistSection

        return list(self.query(ChecklistSection).results(ChecklistSection))

    def show_progress(self, ticked: frozenset[str]) -> None:
        """'5/21 ticked today - streak: 3 days' over the routine."""
        sections = [s for _t, s in self.routine()]
        lines = self.query(".topic-progress")
        if not sections or not lines:
            return
        total = sum(len(s.items) for s in sections)
        done = sum(1 for s in sections for item in s.items if item.id in ticked)
        streak = wording.streak(self.app.streak)  # type: ignore[attr-defined]
        lines.first(Static).update(f"{wording.ticked(done, total, True)} - {streak}")

"""One topic in full: its title, paragraphs, sections, checklists and red-flag lists."""
from __future__ import annotations

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content as Text
from textual.widgets import Static

from backref.content import URGENCY_WORDS, Content, Item, RedFlagList, Section, Topic
from backref.tui.widgets.bullet import Bullet

def item_text(item: Item) -> RichText:
    """The term emphasised, then its detail."""
    if item.detail:
        return RichText.assemble((item.text, "bold"), ": ", item.detail)
    return RichText(item.text)


def widget_id(kind: str, ident: str) -> str:
    return f"{kind}-{ident}"


class TopicView(VerticalScroll):
    """The pane of one topic; scrolls with the keyboard, leaves left/right to the tabs."""

    inherit_bindings = False
    BINDINGS = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, content: Content, topic: Topic, disclaimer: bool = False) -> None:
        super().__init__(id=widget_id("view", topic.id), classes="topic-view")
        self.content = content
        self.topic = topic
        self.disclaimer = disclaimer

    def compose(self) -> ComposeResult:
        yield Static(self.topic.title, classes="topic-title")
        yield Static("", classes="topic-progress")
        if self.disclaimer:
            yield Static(self.content.meta.disclaimer, classes="disclaimer")
        for paragraph in self.topic.paragraphs:
            yield Static(paragraph, classes="paragraph")
        for block in self.content.topic_blocks(self.topic):
            if isinstance(block, RedFlagList):
                yield from self.red_flag_list(block)
            elif block.is_checklist:
                from backref.tui.widgets.checklist import ChecklistSection  # only topics with checklists pay

                yield ChecklistSection(self.topic, block)
            else:
                yield from self.section(block)

    def section(self, section: Section) -> ComposeResult:
        yield Static(section.title, classes="section-title", id=widget_id("section", section.id))
        for paragraph in section.paragraphs:
            yield Static(paragraph, classes="paragraph")
        for item in section.items:
            yield Bullet(item_text(item), classes="item", id=widget_id("item", item.id))

    def red_flag_list(self, flags: RedFlagList) -> ComposeResult:
        words = URGENCY_WORDS[flags.urgency]
        yield Static(
            Text.assemble((words, "bold"), ": ", flags.title, ":"),
            classes=f"section-title red-flag-title urgency-{flags.urgency}",
            id=widget_id("section", flags.id),
        )
        for flag in flags.flags:
            yield Bullet(flag.text, classes=f"item urgency-{flags.urgency}", id=widget_id("item", flag.id))
        if flags.note:
            yield Static(flags.note, classes=f"paragraph note urgency-{flags.urgency}")

    def show_progress(self, ticked: frozenset[str], streak: int) -> None:
        """The topic's line of checklist progress, e.g. 'Prevention 5/21 ticked today, streak: 3 days'."""
        checklists = [s for s in self.topic.sections if s.is_checklist]
        line = self.query_one(".topic-progress", Static)
        line.display = bool(checklists)
        if not checklists:
            return
        total = sum(len(s.items) for s in checklists)
        done = sum(1 for s in checklists for item in s.items if item.id in ticked)
        daily = all(s.daily for s in checklists)
        text = f"{self.topic.tab} {done}/{total} ticked{' today' if daily else ''}"
        if daily:
            text += f" - streak: {streak} day{'' if streak == 1 else 's'}"
        line.update(text)

"""One topic in full: its title, paragraphs, sections, checklists and red-flag lists."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content as Text
from textual.widget import Widget
from textual.widgets import Static

from backref.core import wording
from backref.core.content import Content, RedFlagList, Section, Topic
from backref.tui.widgets.bullet import Bullet, flag_prompt, item_prompt
from backref.tui.text import plain
from backref.tui.widgets.key_scroll import KeyScroll

TYPE_CHECKING = False
if TYPE_CHECKING:
    from backref.core.search import Hit
    from backref.tui.widgets.checklist import ChecklistSection


MARK_SECONDS = 2.0  # a found line stays marked this long, or until the next key


class TopicView(KeyScroll):
    """The pane of one topic; scrolls with the keyboard, leaves left/right to the tabs.

    Its progress line and checklists follow the app's ``ticked`` and ``streak`` state.
    """

    def __init__(self, content: Content, topic: Topic, disclaimer: bool = False) -> None:
        super().__init__(id=f"view-{topic.id}", classes="topic-view")
        self.content = content
        self.topic = topic
        self.disclaimer = disclaimer
        self.found: Widget | None = None

    def compose(self) -> ComposeResult:
        yield Static(plain(self.topic.title), classes="topic-title")
        yield Static("", classes="topic-progress")
        if self.disclaimer:
            yield Static(plain(self.content.meta.disclaimer), classes="disclaimer")
        pack = self.content.pack_of(self.topic)
        if pack is not None:
            yield Static(plain(wording.pack_source(pack.title, pack.source)), classes="disclaimer")
        for paragraph in self.topic.paragraphs:
            yield Static(plain(paragraph), classes="paragraph")
        for block in self.content.topic_blocks(self.topic):
            if isinstance(block, RedFlagList):
                yield from self.red_flag_list(block)
            elif block.is_checklist:
                from backref.tui.widgets.checklist import ChecklistSection  # only topics with checklists pay

                yield ChecklistSection(self.topic, block)
            else:
                yield from self.section(block)

    def on_mount(self) -> None:
        self.watch(self.app, "ticked", self.show_progress)
        self.watch(self.app, "streak", lambda _streak: self.show_progress(self.app.ticked))  # type: ignore[attr-defined]

    def section(self, section: Section) -> ComposeResult:
        yield Static(plain(section.title), classes="section-title", id=f"section-{section.id}")
        for paragraph in section.paragraphs:
            yield Static(plain(paragraph), classes="paragraph")
        for item in section.items:
            yield Bullet(item_prompt(item), classes="item", id=f"item-{item.id}")

    def red_flag_list(self, flags: RedFlagList) -> ComposeResult:
        label, rest = wording.urgency_title_parts(flags.urgency, flags.title)
        yield Static(
            Text.assemble((label, "bold"), plain(rest)),
            classes=f"section-title red-flag-title urgency-{flags.urgency}",
            id=f"section-{flags.id}",
        )
        for flag in flags.flags:
            yield Bullet(flag_prompt(flag), classes=f"item urgency-{flags.urgency}", id=f"item-{flag.id}")
        if flags.note:
            yield Static(plain(flags.note), classes=f"paragraph note urgency-{flags.urgency}")

    @property
    def checklists(self) -> list[ChecklistSection]:
        from backref.tui.widgets.checklist import ChecklistSection

        return list(self.query(ChecklistSection).results(ChecklistSection))

    def show_progress(self, ticked: frozenset[str]) -> None:
        """The topic's line of checklist progress, e.g. 'Prevention 5/21 ticked today - streak: 3 days'."""
        checklists = [s for s in self.topic.sections if s.is_checklist]
        line = self.query_one(".topic-progress", Static)
        line.display = bool(checklists)
        if not checklists:
            return
        total = sum(len(s.items) for s in checklists)
        done = sum(1 for s in checklists for item in s.items if item.id in ticked)
        daily = all(s.daily for s in checklists)
        text = f"{self.topic.tab} {wording.ticked(done, total, daily)}"
        if daily:
            text += f" - {wording.streak(self.app.streak)}"  # type: ignore[attr-defined]
        line.update(plain(text))

    def show_hit(self, hit: Hit) -> None:
        """Scroll to the hit and take the cursor there: a checklist item gets the checklist's
        cursor (so Space ticks it); anything else is marked until the next key or a moment."""
        target: Widget = self
        for ident in (f"item-{hit.item_id}", f"section-{hit.section_id}"):
            found = self.query(f"#{ident}")
            if found:
                target = found.first()
                break
        self.clear_mark()
        checklist = next((c for c in self.checklists if c.section.id == hit.section_id), None)
        if checklist is not None:
            checklist.highlight_item(hit.item_id or checklist.section.items[0].id)
        else:
            self.found = target
            target.add_class("-found")
            self.set_timer(MARK_SECONDS, self.clear_mark)
            self.focus(scroll_visible=False)
        self.scroll_to_found(target, 10)

    def scroll_to_found(self, target: Widget, tries: int) -> None:
        """Scroll ``target`` to the top once this view is laid out (a view just built, in a tab
        just shown, may not be yet: then try again after the next refresh)."""
        if (not self.region or not target.region) and tries:
            self.call_after_refresh(self.scroll_to_found, target, tries - 1)
            return
        self.scroll_to_widget(target, top=True, animate=False)

    def clear_mark(self) -> None:
        if self.found is not None:
            self.found.remove_class("-found")
            self.found = None

    def on_key(self) -> None:
        self.clear_mark()  # the mark says "here"; once the person moves, it has done its work

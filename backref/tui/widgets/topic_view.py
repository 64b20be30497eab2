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
from backref.tui.urgency import KEEP
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
        label, rest = wording.urgency_title_parts(self.content.urgency_of(flags.urgency).label, flags.title)
        yield Static(
            Text.assemble((label, "bold"), plain(rest)),
            classes=f"section-title red-flag-title urgency-{flags.urgency} {KEEP}",
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
        headings = self.query(f"#section-{hit.section_id}")
        heading: Widget | None = headings.first() if headings else None
        checklist = next((c for c in self.checklists if c.section.id == hit.section_id), None)
        line = 0  # the hit's row below the top of ``target``
        if checklist is not None:
            item_id = hit.item_id or checklist.section.items[0].id
            checklist.highlight_item(item_id)
            target = checklist.selection_list
            line = checklist.item_line(item_id)
            heading = checklist.query_one(".section-title")
        else:
            self.found = target
            target.add_class("-found")
            self.set_timer(MARK_SECONDS, self.clear_mark)
            self.focus(scroll_visible=False)
        # after the checklist has scrolled its cursor into view (it does so once refreshed)
        self.call_after_refresh(self.scroll_to_found, target, line, heading or target, 10)

    def scroll_to_found(self, target: Widget, line: int, heading: Widget, tries: int) -> None:
        """Once this view is laid out (a view just built, in a tab just shown, may not be yet:
        then try again after the next refresh), scroll so that the hit is a third of the way
        down with its heading in view; where the heading is too far above, it goes to the top
        (if the hit still shows), else the hit wins."""
        if (not self.region or not target.region) and tries:
            self.call_after_refresh(self.scroll_to_found, target, line, heading, tries - 1)
            return
        top = self.region.y - int(self.scroll_offset.y)  # where the content's row 0 is on screen
        hit_y, heading_y = target.region.y - top + line, heading.region.y - top
        height = self.scrollable_content_region.height
        y = hit_y - height // 3
        if heading_y < y and hit_y - heading_y < height - 1:
            y = heading_y
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

    def clear_mark(self) -> None:
        if self.found is not None:
            self.found.remove_class("-found")
            self.found = None

    def on_key(self) -> None:
        self.clear_mark()  # the mark says "here"; once the person moves, it has done its work

"""A checklist section: its items as a selection list with blank empty boxes, and a progress line."""
from __future__ import annotations

from rich.segment import Segment
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList, Static
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from backref.core import wording
from backref.core.content import Section, Topic
from backref.tui.text import plain
from backref.tui.widgets.bullet import item_prompt


class TickList(SelectionList[str]):
    """A selection list whose empty boxes are blank, so ticks read without colour (NO_COLOR)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if option.value in self.selected:
            return strip
        segments = list(strip)
        # SelectionList draws its box with the toggle buttons' inner glyph (Checkbox shares it)
        if len(segments) > 1 and segments[1].text == Checkbox.BUTTON_INNER:
            segments[1] = Segment(" ", segments[1].style)
        return Strip(segments, strip.cell_length)


class ChecklistSection(Vertical):
    """Space, Enter or a click ticks an item; the boxes follow the app's ``ticked`` state."""

    class Toggled(Message):
        """The person ticked (on=True) or unticked an item."""

        def __init__(self, item_id: str, on: bool) -> None:
            super().__init__()
            self.item_id = item_id
            self.on = on

    def __init__(self, topic: Topic, section: Section) -> None:
        super().__init__(id=f"section-{section.id}", classes="checklist")
        self.topic = topic
        self.section = section

    def compose(self) -> ComposeResult:
        yield Static(plain(self.section.title), classes="section-title")
        yield Static(plain(self.progress_line(frozenset())), classes="section-progress")
        yield TickList(
            *(Selection(item_prompt(item), item.id, id=f"option-{item.id}") for item in self.section.items),
        )

    def on_mount(self) -> None:
        self.watch(self.app, "ticked", self.show_ticks)

    @property
    def selection_list(self) -> TickList:
        return self.query_one(TickList)

    def progress_line(self, ticked: frozenset[str]) -> str:
        done = sum(1 for item in self.section.items if item.id in ticked)
        return wording.ticked(done, len(self.section.items), self.section.daily)

    def show_ticks(self, ticked: frozenset[str]) -> None:
        """Make the boxes and the progress line match ``ticked`` (no Toggled messages)."""
        checklist = self.selection_list
        for item in self.section.items:
            if item.id in ticked:
                checklist.select(item.id)
            else:
                checklist.deselect(item.id)
        self.query_one(".section-progress", Static).update(plain(self.progress_line(ticked)))

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        event.stop()
        item_id = event.selection.value
        self.post_message(self.Toggled(item_id, item_id in event.selection_list.selected))

    def highlight_item(self, item_id: str) -> None:
        """Put the cursor on an item and focus the list (a search hit landed here)."""
        checklist = self.selection_list
        ids = [item.id for item in self.section.items]
        if item_id in ids:
            checklist.highlighted = ids.index(item_id)
        checklist.focus(scroll_visible=False)  # the topic scrolls the hit into view itself

"""A checklist section: its items as a selection list with blank empty boxes, and a progress line."""
from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList, Static
from textual.widgets.selection_list import Selection

from backref.core import wording
from backref.core.content import Section, Topic
from backref.tui.text import plain
from backref.tui.widgets.bullet import item_prompt

TICKED, UNTICKED = "[x]", "[ ]"
BOX_WIDTH = len(TICKED) + 1
BOX_STYLE = Style(bold=True)


class TickList(SelectionList[str]):
    """A selection list whose boxes are text, "[x]" and "[ ]" in the item's own colours, so a
    tick reads in every theme, in 16 colours and in NO_COLOR, and in any encoding (ASCII)."""

    BINDINGS = [Binding("space", "select", "Tick", id="checklist.tick")]  # shown: the footer leads with it

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)  # the prompt alone: the box is drawn here
        row = self.scroll_offset.y + y
        lines = self._lines
        if not 0 <= row < len(lines):
            return line
        index, offset = lines[row]
        style = next(iter(line)).style or self.rich_style
        if offset:  # a wrapped item's next rows hang under its text
            return Strip([Segment(" " * BOX_WIDTH, style), *line])
        option = self.get_option_at_index(index)
        box = TICKED if option.value in self.selected else UNTICKED
        meta = Style(meta={"option": index})  # a click on the box ticks, as on the text
        return Strip([Segment(box, style + BOX_STYLE + meta), Segment(" ", style), *line])


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

    def item_line(self, item_id: str) -> int:
        """The row of ``item_id`` in the list (an item's text may wrap to more rows)."""
        ids = [item.id for item in self.section.items]
        index = ids.index(item_id) if item_id in ids else 0
        return self.selection_list._index_to_line.get(index, index)

    def highlight_item(self, item_id: str) -> None:
        """Put the cursor on an item and focus the list (a search hit landed here)."""
        checklist = self.selection_list
        ids = [item.id for item in self.section.items]
        if item_id in ids:
            checklist.highlighted = ids.index(item_id)
        checklist.focus(scroll_visible=False)  # the topic scrolls the hit into view itself

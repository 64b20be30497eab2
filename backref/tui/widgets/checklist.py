"""A checklist section: its items as a selection list, with a progress line."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content as Text
from textual.message import Message
from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList, Static
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from backref.content import Item, Section, Topic


def prompt(item: Item) -> Text:
    if item.detail:
        return Text.assemble((item.text, "bold"), ": ", item.detail)
    return Text(item.text)


def progress_text(done: int, total: int, daily: bool) -> str:
    return f"{'today ' if daily else ''}{done}/{total} ticked"


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
        if len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER:
            segments[1] = Segment(" ", segments[1].style)
        return Strip(segments, strip.cell_length)


class ChecklistSection(Vertical):
    """Space, Enter or a click ticks an item; the app saves it and calls show_ticks back."""

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
        yield Static(self.section.title, classes="section-title")
        yield Static(self.progress_line(frozenset()), classes="section-progress")
        yield TickList(
            *(Selection(prompt(item), item.id, id=f"option-{item.id}") for item in self.section.items),
            id=f"list-{self.section.id}",
        )

    @property
    def selection_list(self) -> TickList:
        return self.query_one(TickList)

    def progress_line(self, ticked: frozenset[str]) -> str:
        done = sum(1 for item in self.section.items if item.id in ticked)
        return progress_text(done, len(self.section.items), self.section.daily)

    def show_ticks(self, ticked: frozenset[str]) -> None:
        """Make the boxes and the progress line match ``ticked`` (no Toggled messages)."""
        checklist = self.selection_list
        for item in self.section.items:
            if item.id in ticked:
                checklist.select(item.id)
            else:
                checklist.deselect(item.id)
        self.query_one(".section-progress", Static).update(self.progress_line(ticked))

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
        checklist.focus()

"""Dialogs that never hide or dim what to do in an emergency.

A modal screen dims the screen under it. Over the emergency banner and panel that would turn
the most important words on screen grey-on-grey (or, in 16 colours, invisible), so a dialog
here dims everything but them, and lays itself out in the room they leave.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Self, TypeVar

from rich.segment import Segment
from textual.containers import Container
from textual.errors import NoWidget
from textual.geometry import Region, Spacing
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen

from backref.tui.urgency import KEEP

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from textual.app import RenderResult as WidgetRender
    from textual.color import Color
    from textual.widget import Widget

ResultType = TypeVar("ResultType")


def kept_regions(screen: Screen[object]) -> list[Region]:
    """Where ``screen`` shows its urgency widgets now (the part of each that is in view)."""
    regions = []
    for widget in screen.query(f".{KEEP}"):
        try:
            shown = screen._compositor.find_widget(widget).visible_region
        except NoWidget:  # not on screen: scrolled away, hidden, or on a tab not shown
            continue
        if shown:
            regions.append(shown)
    return regions


def room_around(regions: list[Region], width: int) -> Spacing:
    """The space a dialog leaves free: full-width bars at the top, a column on the right."""
    top = right = 0
    for region in regions:
        if region.x == 0 and region.width == width:
            top = max(top, region.bottom)
        elif region.right == width:
            right = max(right, region.width)
    return Spacing(top, right, 0, 0)


class UndimmedUrgency(BackgroundScreen):
    """The part ``crop`` of the screen under a dialog, dimmed except in ``keep``."""

    def __init__(self, screen: Screen[object], color: Color, keep: list[Region], crop: Region) -> None:
        super().__init__(screen, color)
        self.keep = keep
        self.crop = crop

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        crop = self.crop
        for y, strip in enumerate(self.screen._compositor.render_strips()[crop.y: crop.bottom], crop.y):
            if y > crop.y:
                yield new_line
            strip = strip.crop(crop.x, crop.right)
            # the kept spans of this row, in the crop's own columns
            spans = [(max(r.x, crop.x) - crop.x, min(r.right, crop.right) - crop.x)
                     for r in self.keep if r.y <= y < r.bottom and r.x < crop.right and r.right > crop.x]
            cuts = sorted({x for span in spans for x in span if 0 < x < crop.width} | {crop.width})
            start = 0
            for part, end in zip(strip.divide(cuts), cuts):
                kept = any(a <= start and end <= b for a, b in spans)
                yield from part if kept else self.process_segments(part, self.color)
                start = end


def screen_under(screen: Screen[object]) -> Screen[object] | None:
    stack = screen.app.screen_stack
    index = stack.index(screen) if screen in stack else 0
    return stack[index - 1] if index else None


class DialogRoom(Container):
    """The room a dialog is laid out in: the screen less the urgency widgets around it. It
    draws what it covers of the screen under it, dimmed, as a modal screen does."""

    DEFAULT_CSS = """
    DialogRoom {
        width: 1fr;
        height: 1fr;
        align: center middle;
    }
    """

    def render(self) -> WidgetRender:
        under = screen_under(self.screen)
        tint = self.screen.styles.background
        if under is None or tint.a >= 1 or not self.region:
            return super().render()
        return UndimmedUrgency(under, tint, kept_regions(under), self.region)


class KeepsUrgencyInSight:
    """Mixed into every dialog (the command palette too), before its screen class."""

    def render(self) -> RenderableType:
        # Textual's own (which takes the screen under it from the render's context) is asked
        # first; the screen under it is then found on the stack, also where there is no context
        rendered: RenderableType = super().render()  # type: ignore[misc]
        screen = self.screen_self
        under, tint = screen_under(screen), screen.styles.background
        if under is None or tint.a >= 1:
            return rendered
        return UndimmedUrgency(under, tint, kept_regions(under), under.size.region)

    def refresh(self, *regions: Region, **kwargs: bool) -> Self:
        """The screen under it changed (a timer ticked): the room draws it again too."""
        refreshed: Self = super().refresh(*regions, **kwargs)  # type: ignore[misc]
        for room in self.screen_self.query(DialogRoom):
            room.refresh()
        return refreshed

    def on_mount(self) -> None:
        self.screen_self.call_after_refresh(self.make_room)

    def on_resize(self) -> None:
        self.screen_self.call_after_refresh(self.make_room)

    @property
    def screen_self(self) -> Screen[object]:
        assert isinstance(self, Screen)
        return self

    def room(self) -> Widget:
        """The widget whose margin leaves the urgency widgets uncovered."""
        return self.screen_self.query_one(DialogRoom)

    def room_margin(self, around: Spacing) -> Spacing:
        return around

    def make_room(self) -> None:
        """Keep the dialog off the urgency widgets of the screen under it."""
        under = screen_under(self.screen_self)
        if under is None:
            return
        margin = self.room_margin(room_around(kept_regions(under), under.size.width))
        room = self.room()
        if room.styles.margin != margin:
            room.styles.margin = margin


class Dialog(KeepsUrgencyInSight, ModalScreen[ResultType]):
    """A modal screen of backref's: dims the screen under it, never its urgency. Its compose
    puts the dialog inside ``with DialogRoom():`` (and the footer outside it)."""

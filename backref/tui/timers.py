"""The full-screen view's timer keys and state: t starts the timer of the timed item under the
cursor, p pauses or resumes, x cancels; runs are kept in the state file with wall-clock times.

A layer of BackrefApp of its own, so the app file stays about topics and checklists.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import SelectionList

from backref.core import wording
from backref.core.state import StateWriteError, local_now
from backref.core.timers import CANCELLED, DONE, RUNNING, Countdown, run_record
from backref.tui.keys import EPISODE
from backref.tui.widgets.timer_bar import TimerBar

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable

    from backref.core.content import Content, Item
    from backref.core.state import StateStore
    from backref.tui.widgets.checklist import ChecklistSection

# c shows in the footer on a timed item, p and x while a timer runs; help lists all four.
TIMER_BINDINGS = [
    Binding("c", "start_timer", "Timer", id="app.timer", group=EPISODE,
            tooltip="start the guide's timer of the item under the cursor (ice, heat, stretches)"),
    Binding("C", "start_own_timer", "Own timer", show=False, id="app.own_timer", group=EPISODE,
            tooltip="start a timer of your own length on the checklist item under the cursor"),
    Binding("p", "pause_timer", "Pause", id="app.pause_timer", group=EPISODE, tooltip="pause or resume the last timer"),
    Binding("x", "cancel_timer", "Cancel", id="app.cancel_timer", group=EPISODE,
            tooltip="cancel the last timer (the episode stays open)"),
]


class TimerActions(App[None]):
    """The timers of BackrefApp: ``timers`` holds the running countdowns, newest last."""

    content: Content
    store: StateStore
    timers: reactive[tuple[Countdown, ...]] = reactive(())
    # injected in tests: time on screen is monotonic; wall-clock times go to the state file
    clock: Callable[[], float] = staticmethod(time.monotonic)
    wall_clock: Callable[[], datetime.datetime] = staticmethod(local_now)

    def current_checklist(self) -> ChecklistSection | None:
        raise NotImplementedError

    def warn(self, message: str, title: str) -> None:
        raise NotImplementedError

    def item_under_cursor(self) -> Item | None:
        """The checklist item under the cursor of the focused checklist, if any."""
        checklist = self.current_checklist()
        if checklist is None or not checklist.selection_list.has_focus:
            return None
        index = checklist.selection_list.highlighted
        items = checklist.section.items
        return items[index] if index is not None and 0 <= index < len(items) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start_timer":
            item = self.item_under_cursor()
            return item is not None and item.timer is not None
        if action == "start_own_timer":
            return self.item_under_cursor() is not None
        if action in ("pause_timer", "cancel_timer"):
            return bool(self.timers)
        return True

    def on_selection_list_selection_highlighted(self, _event: SelectionList.SelectionHighlighted[str]) -> None:
        self.refresh_bindings()  # t shows only on a timed item

    def watch_timers(self) -> None:
        self.refresh_bindings()

    def action_start_timer(self) -> None:
        item = self.item_under_cursor()
        if item is None or item.timer is None:
            self.notify(wording.TIMER_PICK, title=wording.TIMER_TITLE)
            return
        self.start(item, item.timer.seconds)

    def action_start_own_timer(self) -> None:
        item = self.item_under_cursor()
        if item is None:
            return
        from backref.tui.screens.timer_length import TimerLengthScreen

        def chosen(seconds: int | None) -> None:
            if seconds:
                self.start(item, seconds)

        self.push_screen(TimerLengthScreen(item.text), chosen)

    def start(self, item: Item, seconds: int) -> None:
        """A new countdown for ``item`` (replacing one it has), kept in the state file."""
        countdown = Countdown(item, seconds, clock=self.clock, started=self.wall_clock())
        self.timers = (*(c for c in self.timers if c.item.id != item.id), countdown)
        self.keep_run(countdown, RUNNING)

    def action_pause_timer(self) -> None:
        if self.timers:
            self.timers[-1].toggle_pause()
            self.mutate_reactive(TimerActions.timers)

    def action_cancel_timer(self) -> None:
        if self.timers:
            countdown = self.timers[-1]
            self.timers = self.timers[:-1]
            self.keep_run(countdown, CANCELLED)
            self.notify(wording.timer_stopped(countdown.item.text), title=wording.TIMER_TITLE, markup=False)

    def on_timer_bar_finished(self, event: TimerBar.Finished) -> None:
        """The bell, a notification, and the run kept as done."""
        countdown = event.countdown
        self.timers = tuple(c for c in self.timers if c is not countdown)
        self.keep_run(countdown, DONE)
        self.bell()
        self.notify(wording.timer_done(countdown.item.text, countdown.seconds),
                    title=wording.TIMER_TITLE, markup=False, timeout=30)
        self.query_one(TimerBar).check_dues()

    def keep_run(self, countdown: Countdown, status: str) -> None:
        """The run in the state file; the timer runs on when it cannot be saved (said once)."""
        try:
            self.store.record_timer(countdown.item.id, run_record(countdown, status, self.wall_clock()))
        except StateWriteError as exc:
            self.warn(str(exc), wording.TIMER_TITLE)

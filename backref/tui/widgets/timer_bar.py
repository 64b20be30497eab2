"""The timers bar: under every tab, the running timers (time left, item), the content's cautions
for them, and when the next repeating one (ice) is due in the open episode.

Redrawn on an interval from the app's monotonic clock; hidden when it has nothing to say.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from backref.core import wording
from backref.core.timers import Countdown, cautions, due_text, episode_started, repeating_dues

if TYPE_CHECKING:
    from backref.tui.host import Host

REDRAW = 0.5  # seconds: time left is shown in whole seconds
DUE_CHECK = 5.0  # seconds between looks at the state file for the next ice due


class TimerBar(Static):
    """Follows the app's ``timers``; posts Finished once for each countdown that runs out."""

    class Finished(Message):
        def __init__(self, countdown: Countdown) -> None:
            super().__init__()
            self.countdown = countdown

    def __init__(self) -> None:
        super().__init__("", id="timer-bar")
        self.due_lines: list[Text] = []
        self.told: set[str] = set()  # due times already notified
        self.reported: set[int] = set()  # countdowns whose end was posted

    @property
    def owner(self) -> Host:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.watch(self.app, "timers", lambda _timers: self.redraw())
        self.set_interval(REDRAW, self.tick)
        self.set_interval(DUE_CHECK, self.check_dues)
        self.check_dues()

    def tick(self) -> None:
        for countdown in self.owner.timers:
            if countdown.finished and id(countdown) not in self.reported:
                self.reported.add(id(countdown))
                self.post_message(self.Finished(countdown))
        self.redraw()

    def check_dues(self, quiet: bool = False) -> None:
        """The next-due line of each repeating timing in the open episode; a notification when one
        falls due (once per due time; ``quiet``: none for what is due now, which the bar shows)."""
        owner = self.owner
        start = episode_started(owner.store)
        now = owner.wall_clock()
        dues = repeating_dues(owner.content, owner.store.timers(), start, now) if start else []
        self.due_lines = []
        for item, due in dues:
            text = due_text(owner.content, item, due, now)
            self.due_lines.append(Text(text, style="bold"))
            key = f"{item.id}:{due.kind}:{due.when}"
            if due.kind in ("now", "then") and key not in self.told:
                self.told.add(key)
                if not quiet:
                    self.notify(text, title=wording.TIMER_TITLE, markup=False, timeout=30)
        self.redraw()

    def lines(self) -> list[Text]:
        """One line per running timer (time left first, so it survives a narrow screen), the
        content's cautions for them, then the next-due lines."""
        out: list[Text] = []
        kept: list[str] = []
        for countdown in self.owner.timers:
            phase = countdown.phase()
            left = f"{wording.time_left(phase.left)} left"
            state = " (paused)" if countdown.paused else ""
            line = Text.assemble((wording.TIMER_LEAD, "bold"), " ", (left, "bold"), state, "  ",
                                 countdown.item.text)
            line.no_wrap, line.overflow = True, "ellipsis"
            out.append(line)
            for caution in cautions(self.owner.content, countdown.item):
                if caution.text not in kept:
                    kept.append(caution.text)
        if kept:
            out.append(Text.assemble((wording.TIMER_CAUTIONS, "bold"), " ", "; ".join(kept)))
        out.extend(self.due_lines)  # safety words and next steps wrap rather than lose their end
        return out

    def redraw(self) -> None:
        lines = self.lines()
        self.display = bool(lines)
        if lines:
            self.update(Group(*lines))

"""The checklists of BackrefApp: ticks, streak and the open episode as reactive state, saved
through the store; the widgets watch this state and post Toggled back."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.reactive import reactive
from textual.widget import Widget

from backref.core.episodes import Episode, Sign
from backref.core.printable import one_line, printable
from backref.core.state import StateWriteError
from backref.tui.timers import TimerActions

if TYPE_CHECKING:
    from collections.abc import Callable

    from backref.core.config import Settings
    from backref.core.content import Section
    from backref.core.state import StateStore
    from backref.tui.widgets.checklist import ChecklistSection
    from backref.tui.widgets.home import HomeView
    from backref.tui.widgets.topic_view import TopicView


class ChecklistActions(TimerActions):
    """Ticks, the streak and the open episode, kept in step with the state file."""

    ticked: reactive[frozenset[str]] = reactive(frozenset())
    streak: reactive[int] = reactive(0)
    episode: reactive[Episode | None] = reactive(None)  # the open one
    signs: reactive[list[Sign]] = reactive(list)  # the see-a-doctor signs the log shows
    save_warned = False
    settings: Settings

    def view_shown(self) -> HomeView | TopicView:
        raise NotImplementedError

    def load_ticks(self) -> None:
        """Re-read ticks (another process may have made some) and pass on the store's notices."""
        self.ticked = self.store.ticked()
        self.streak = self.store.streak()
        self.load_episode()
        self.show_notices()

    def load_episode(self) -> None:
        """The open episode and the signs the log shows (by the settings read at start)."""
        from backref.core.signs import signs

        self.episode = self.store.open_episode()
        thresholds = self.settings.thresholds()
        # only the episodes the signs read: ten years hold thousands
        episodes = self.store.recent_episodes(thresholds.days) if self.store.stored("episodes") else []
        self.signs = signs(self.content, episodes, self.store.now(), thresholds) if episodes else []

    def change_ticks(self, change: Callable[[StateStore], frozenset[str]], unsaved: frozenset[str]) -> None:
        """Apply ``change`` to the state file; if it cannot be saved, show ``unsaved`` for this session."""
        try:
            self.ticked = change(self.store)
            self.streak = self.store.streak()
            self.load_episode()
            if self.store.started_episode:
                from backref.core.wording import EPISODE_STARTED_BY_TICK

                self.notify(EPISODE_STARTED_BY_TICK, title="Episode", markup=False)
        except StateWriteError as exc:
            self.ticked = unsaved
            self.warn_unsaved(str(exc))
        self.show_notices()

    def warn_unsaved(self, problem: str) -> None:
        """Say once per session that ticks stay in this session only."""
        if not self.save_warned:
            self.save_warned = True
            self.warn(problem, "Ticks cannot be saved")

    def warn(self, message: str, title: str) -> None:
        # after a refresh, so a notice raised while mounting is drawn too
        self.call_after_refresh(self.notify, printable(message), title=one_line(title), severity="warning",
                                timeout=15, markup=False)

    def show_notices(self) -> None:
        for notice in self.store.notices:
            self.warn(notice, "Checklists")
        self.store.notices.clear()

    def on_checklist_section_toggled(self, event: ChecklistSection.Toggled) -> None:
        ids = {event.item_id}
        if event.on:
            self.change_ticks(lambda store: store.tick(ids), self.ticked | ids)
        else:
            self.change_ticks(lambda store: store.untick(ids), self.ticked - ids)

    def action_reset_section(self) -> None:
        checklist = self.current_checklist()
        if checklist is None:
            self.notify("Move to a checklist first (Tab), then press r.", title="Reset")
        else:
            self.reset_section(checklist.section)

    def reset_section(self, section: Section) -> None:
        """Ask, then untick the section (today's ticks of a daily one)."""
        when = "today's ticks of " if section.daily else "every tick of "

        def reset(yes: bool | None) -> None:
            if not yes:
                return
            self.change_ticks(lambda store: store.reset_section(section.id),
                              self.ticked - {item.id for item in section.items})
            self.notify(printable(f"{section.title}: reset"), title="Reset", markup=False)

        from backref.tui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(f"Reset {when}'{section.title}'?"), reset)

    def current_checklist(self) -> ChecklistSection | None:
        """The checklist that has focus, else the only one of the view shown."""
        from backref.tui.widgets.checklist import ChecklistSection

        focused: Widget | None = self.focused
        while focused is not None and not isinstance(focused, ChecklistSection):
            focused = focused.parent if isinstance(focused.parent, Widget) else None
        if focused is not None:
            return focused
        checklists = self.view_shown().checklists
        return checklists[0] if len(checklists) == 1 else None

"""BackrefApp: a tab per topic, the emergency red flags pinned, checklists that persist.

The app holds the ticks as reactive state; the checklists and progress lines watch it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import Provider
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Header, TabbedContent, TabPane

from backref.core.content import Content, Topic
from backref.core.episodes import Episode, Sign
from backref.core.printable import one_line, printable
from backref.core.state import StateStore, StateWriteError, state_path
from backref.tui.text import plain_line
from backref.tui.timers import TIMER_BINDINGS, TimerActions
from backref.tui.widgets.episode_status import EpisodeStatus
from backref.tui.widgets.red_flags import EmergencyBanner, RedFlagPanel
from backref.tui.widgets.timer_bar import TimerBar
from backref.tui.widgets.topic_view import TopicView

if TYPE_CHECKING:
    from collections.abc import Callable

    from backref.core.search import Hit, SearchIndex
    from backref.tui.widgets.checklist import ChecklistSection

# Dialogs, search and checklists are imported when first used: start-up pays only for the first screen.


def content_commands() -> type[Provider]:
    from backref.tui.palette import ContentCommands

    return ContentCommands


def pane_id(topic_id: str) -> str:
    return f"topic-{topic_id}"


class BackrefApp(TimerActions):
    """Build it with make_app(); the CLI and the tests do the same."""

    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {content_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    # The footer shows these in this order; the help screen lists each one with a tooltip.
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_now"),
        Binding("e", "emergency", "Emergency", id="app.emergency", tooltip="the full emergency list"),
        Binding("l", "episode", "Episode", id="app.episode",
                tooltip="the episode log: start, note or end a spasm episode; see-a-doctor signs"),
        Binding("t", "triage", "Check", id="app.triage",
                tooltip="red-flag check: yes/no questions, emergency signs first"),
        Binding("slash", "search", "Search", id="app.search", key_display="/", tooltip="search everything as you type"),
        Binding("question_mark", "help", "Help", id="app.help", key_display="?", tooltip="this help"),
        *TIMER_BINDINGS,  # shown only where they apply, so before the keys that always show
        Binding("1", "show_tab(1)", "Topic", key_display="1-9", id="app.topic", tooltip="go to topic 1 to 9"),
        *(Binding(str(n), f"show_tab({n})", f"Topic {n}", show=False) for n in range(2, 10)),
        Binding("left,left_square_bracket", "step_tab(-1)", "Previous topic", show=False, id="app.previous",
                key_display="left [", tooltip="previous topic"),
        Binding("right,right_square_bracket", "step_tab(1)", "Next topic", show=False, id="app.next",
                key_display="right ]", tooltip="next topic"),
        Binding("r", "reset_section", "Reset", id="app.reset",
                tooltip="reset the current checklist section (asks first)"),
    ]

    ticked: reactive[frozenset[str]] = reactive(frozenset())
    streak: reactive[int] = reactive(0)
    episode: reactive[Episode | None] = reactive(None)  # the open one
    signs: reactive[list[Sign]] = reactive(list)  # the see-a-doctor signs the log shows

    def __init__(self, content: Content, store: StateStore) -> None:
        super().__init__()
        self.content = content
        self.store = store
        self._index: SearchIndex | None = None
        self.built: set[str] = set()
        self.save_warned = False
        self.crash: Exception | None = None  # an unexpected error that ended the app
        self.title = one_line(content.meta.title)
        self.sub_title = one_line(content.meta.disclaimer)
        from backref.core.config import own_emergency_number

        self.own_number, self.config_notices = own_emergency_number()
        # what to do in an emergency, naming the person's own number: heads every emergency list
        self.emergency_action = content.urgency_of("emergency").action_line(self.own_number)
        self.emergency_short = content.urgency_of("emergency").short_line(self.own_number)

    def _handle_exception(self, error: Exception) -> None:
        # kept for run_tui to log; Textual's own traceback would fill the screen after exit
        self.crash = error
        super()._handle_exception(error)
        self._exit_renderables.clear()

    @property
    def index(self) -> SearchIndex:
        """Built on first use, so start-up does not pay for it."""
        if self._index is None:
            from backref.core.search import build_index

            self._index = build_index(self.content)
        return self._index

    def compose(self) -> ComposeResult:
        yield Header(icon="+")
        yield EmergencyBanner(self.emergency_short)
        yield EpisodeStatus()
        with Horizontal(id="body"):
            with TabbedContent(id="topics"):
                for n, topic in enumerate(self.content.topics):
                    with TabPane(plain_line(topic.tab), id=pane_id(topic.id)):
                        if n == 0:
                            self.built.add(topic.id)
                            yield TopicView(self.content, topic, disclaimer=True)
            yield RedFlagPanel(self.content, self.emergency_action)
        yield TimerBar()
        yield Footer()

    def on_mount(self) -> None:
        self.load_ticks()
        for sign in self.signs:  # said at start; the episode view (l) says it again
            self.warn(sign.line, "Episodes")
        problem = self.store.write_problem()
        if problem:  # said at start, not at the first tick that is lost
            self.warn_unsaved(problem)
        for notice in self.config_notices:
            self.warn(notice, "Settings")
        self.query_one(TopicView).focus()

    # -- checklist state ---------------------------------------------------

    def load_ticks(self) -> None:
        """Re-read ticks (another process may have made some) and pass on the store's notices."""
        self.ticked = self.store.ticked()
        self.streak = self.store.streak()
        self.load_episode()
        self.show_notices()

    def load_episode(self) -> None:
        """The open episode and the signs the log shows (config problems become notices)."""
        from backref.core.episodes import load_thresholds, signs

        episodes = self.store.episodes()
        self.episode = episodes[-1] if episodes and episodes[-1].is_open else None
        thresholds = load_thresholds() if episodes else None
        self.signs = signs(self.content, episodes, self.store.now(), thresholds) if thresholds else []
        self.store.notices.extend(thresholds.notices if thresholds else ())

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
            return
        section = checklist.section
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
        """The checklist that has focus, else the only one of the topic shown."""
        from backref.tui.widgets.checklist import ChecklistSection

        focused: Widget | None = self.focused
        while focused is not None and not isinstance(focused, ChecklistSection):
            focused = focused.parent if isinstance(focused.parent, Widget) else None
        if focused is not None:
            return focused
        if self.active_topic.id in self.built:
            checklists = self.view_of(self.active_topic).checklists
            if len(checklists) == 1:
                return checklists[0]
        return None

    # -- topics --------------------------------------------------------------

    @property
    def active_topic(self) -> Topic:
        active = self.query_one(TabbedContent).active
        return next(t for t in self.content.topics if pane_id(t.id) == active)

    def view_of(self, topic: Topic) -> TopicView:
        return self.query_one(f"#{pane_id(topic.id)}", TabPane).query_one(TopicView)

    async def ensure_view(self, topic: Topic) -> TopicView:
        """The topic's view, built the first time its tab is shown."""
        if topic.id not in self.built:
            self.built.add(topic.id)
            await self.query_one(f"#{pane_id(topic.id)}", TabPane).mount(TopicView(self.content, topic))
        return self.view_of(topic)

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        view = await self.ensure_view(self.active_topic)
        self.load_ticks()
        if not isinstance(self.screen, ModalScreen):  # a dialog keeps its focus
            view.focus()

    def action_show_tab(self, number: int) -> None:
        if 1 <= number <= len(self.content.topics):
            self.query_one(TabbedContent).active = pane_id(self.content.topics[number - 1].id)

    def action_step_tab(self, step: int) -> None:
        topics = self.content.topics
        current = topics.index(self.active_topic)
        self.query_one(TabbedContent).active = pane_id(topics[(current + step) % len(topics)].id)

    # -- dialogs -------------------------------------------------------------

    def action_emergency(self) -> None:
        from backref.tui.screens.emergency import EmergencyScreen

        if not isinstance(self.screen, EmergencyScreen):
            self.push_screen(EmergencyScreen(self.content, self.emergency_action))

    def action_triage(self) -> None:
        from backref.tui.screens.triage import TriageScreen

        if not isinstance(self.screen, TriageScreen):
            self.push_screen(TriageScreen(self.content, self.own_number))

    def action_episode(self) -> None:
        from backref.tui.screens.episode import EpisodeScreen

        if not isinstance(self.screen, EpisodeScreen):
            self.push_screen(EpisodeScreen())

    def action_help(self) -> None:
        from backref.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.BINDINGS))

    def action_command_palette(self) -> None:
        super().action_command_palette()
        self.call_after_refresh(self.plain_palette_icon)

    def plain_palette_icon(self) -> None:
        """The palette's magnifier is an emoji, which many terminals measure wrongly."""
        from textual.command import SearchIcon

        for icon in self.screen.query(SearchIcon):
            icon.icon = ">"

    def action_search(self) -> None:
        from backref.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(self.index, self.emergency_action, self.emergency_short), self.open_hit)

    async def open_hit(self, hit: Hit | None) -> None:
        """Show the hit's topic, then let its view scroll to and mark the hit."""
        if hit is None:
            return
        topic = next(t for t in self.content.topics if t.id == hit.topic_id)
        self.query_one(TabbedContent).active = pane_id(topic.id)
        view = await self.ensure_view(topic)
        # after the tab's own activation (which focuses the view) and the new view's layout
        self.call_after_refresh(view.show_hit, hit)


def make_app(content: Content, state_file: str | None = None, *, store: StateStore | None = None) -> BackrefApp:
    """The app as the CLI runs it: state from ``state_file`` (or the default location)."""
    return BackrefApp(content, store or StateStore(state_path(state_file), content))


def run_app(content: Content, state_path: str | None = None, mouse: bool = True) -> int:
    """Run the view in this terminal; the exit code (see tui/run.py for crashes and signals)."""
    from backref.tui.run import run_tui

    return run_tui(make_app(content, state_path), mouse=mouse)

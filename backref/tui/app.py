"""BackrefApp: a tab per topic, the emergency red flags pinned, checklists that persist.

The app holds the ticks as reactive state; the checklists and progress lines watch it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.css.query import NoMatches
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, TabbedContent, TabPane, Tabs

from backref.core import wording
from backref.core.content import Content, Topic
from backref.core.printable import one_line
from backref.core.locations import state_path
from backref.core.state import StateStore
from backref.tui.text import plain_line
from backref.tui.checklists import ChecklistActions
from backref.tui.timers import TIMER_BINDINGS
from backref.tui.widgets.episode_status import EpisodeStatus
from backref.tui.widgets.home import HomeView
from backref.tui.widgets.red_flags import EmergencyBanner, RedFlagPanel
from backref.tui.widgets.timer_bar import TimerBar
from backref.tui.widgets.topic_tabs import relabel
from backref.tui.widgets.topic_view import TopicView

if TYPE_CHECKING:
    from backref.core.search import Hit, SearchIndex

# Dialogs, search and checklists are imported when first used: start-up pays only for the first screen.


def content_commands() -> type[Provider]:
    from backref.tui.palette import ContentCommands

    return ContentCommands


HOME = "home"  # the home's pane id


def pane_id(topic_id: str) -> str:
    return f"topic-{topic_id}"

# Actions the app binds that mean nothing over a dialog: hidden from its footer and not run there.
SCREEN_ACTIONS = {"quit", "emergency", "search", "help", "show_tab", "step_tab", "reset_section", "home",
                  "episode", "triage", "start_timer", "start_own_timer", "pause_timer", "cancel_timer"}


class BackrefApp(ChecklistActions):
    """Build it with make_app(); the CLI and the tests do the same."""

    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {content_commands}
    # below 80 columns the footer leaves out the palette key (help names it), so that its own keys fit
    HORIZONTAL_BREAKPOINTS = [(0, "-narrowest"), (80, "-narrow"), (100, "-wide"), (120, "-wider")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # below 30 rows the header goes
    # The footer shows these in this order; the help screen and the palette list each one with a tooltip.
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="quit"),
        Binding("ctrl+q", "quit_now", "Quit", show=False, priority=True, id="app.quit_now",
                tooltip="quit from anywhere, a dialog too"),
        Binding("e", "emergency", "Emergency", id="app.emergency", tooltip="the full emergency list"),
        Binding("l", "episode", "Episode", id="app.episode",
                tooltip="the episode log: start, note or end a spasm episode; see-a-doctor signs"),
        Binding("t", "triage", "Check", id="app.triage",
                tooltip="red-flag check: yes/no questions, emergency signs first"),
        Binding("slash", "search", "Search", id="app.search", key_display="/", tooltip="search everything as you type"),
        Binding("question_mark", "help", "Help", id="app.help", key_display="?", tooltip="this help"),
        *TIMER_BINDINGS,  # shown only where they apply, so before the keys that always show
        Binding("0,h", "home", "Home", show=False, id="app.home", key_display="0 h", tooltip="home: what to do now"),
        Binding("1", "show_tab(1)", "Topic", key_display="1-9", show=False, id="app.topic", tooltip="go to topic 1 to 9"),
        *(Binding(str(n), f"show_tab({n})", f"Topic {n}", show=False) for n in range(2, 10)),
        Binding("left,left_square_bracket", "step_tab(-1)", "Previous topic", show=False, id="app.previous",
                key_display="left [", tooltip="previous topic"),
        Binding("right,right_square_bracket", "step_tab(1)", "Next topic", show=False, id="app.next",
                key_display="right ]", tooltip="next topic"),
        Binding("r", "reset_section", "Reset", id="app.reset",
                tooltip="reset the current checklist section (asks first)"),
    ]


    def __init__(self, content: Content, store: StateStore, start: Topic | None = None,
                 notices: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.content = content
        self.store = store
        self.start_topic = start
        self._index: SearchIndex | None = None
        self.built: set[str] = set()
        self.pending_hit: Hit | None = None
        self.save_warned = False
        self.crash: Exception | None = None  # an unexpected error that ended the app
        self.title = one_line(content.meta.title)  # the disclaimer is on the home, said once
        from backref.core.config import current

        self.settings = current()  # read once: a tick never reads config.toml again
        self.own_number, self.config_notices = self.settings.emergency_number, notices
        if self.settings.theme:
            if self.settings.theme in self.available_themes:
                self.theme = self.settings.theme
            else:
                self.config_notices += (f"theme {self.settings.theme!r} is not one of "
                                        f"{', '.join(sorted(self.available_themes))}; using the default",)
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
        start = pane_id(self.start_topic.id) if self.start_topic else HOME
        with Horizontal(id="body"):
            with TabbedContent(id="topics", initial=start):
                with TabPane(f"0 {wording.HOME_TAB}", id=HOME):
                    yield HomeView(self.content)
                for n, topic in enumerate(self.content.topics, 1):
                    with TabPane(plain_line(f"{n} {topic.tab}"), id=pane_id(topic.id)):
                        if topic is self.start_topic:
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
        self.view_shown().focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_tabs)

    def fit_tabs(self) -> None:
        """Number every tab and fit them all in the row (names cut when narrow)."""
        tabbed = self.query_one(TabbedContent)
        room = tabbed.query_one(Tabs).size.width
        if room:
            panes = [HOME, *(pane_id(t.id) for t in self.content.topics)]
            relabel(tabbed, panes, [wording.HOME_TAB, *(t.tab for t in self.content.topics)], room)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A dialog shows (and answers) only its own keys; `r` shows only where a checklist is."""
        if action in SCREEN_ACTIONS and isinstance(self.screen, ModalScreen):
            return False
        if action == "reset_section":
            try:
                return bool(self.view_shown().checklists)
            except NoMatches:  # not composed yet
                return False
        return super().check_action(action, parameters)  # the timer keys: only where they apply

    def action_quit_now(self) -> None:
        self.exit()

    # -- topics --------------------------------------------------------------

    @property
    def active_topic(self) -> Topic | None:
        """The topic shown, or None on the home."""
        active = self.query_one(TabbedContent).active
        return next((t for t in self.content.topics if pane_id(t.id) == active), None)

    def view_shown(self) -> HomeView | TopicView:
        """The home or the topic shown (built before its tab is)."""
        topic = self.active_topic
        if topic is None or topic.id not in self.built:
            return self.query_one(HomeView)
        return self.view_of(topic)

    def view_of(self, topic: Topic) -> TopicView:
        return self.query_one(f"#{pane_id(topic.id)}", TabPane).query_one(TopicView)

    async def ensure_view(self, topic: Topic) -> TopicView:
        """The topic's view, built the first time its tab is shown."""
        if topic.id not in self.built:
            self.built.add(topic.id)
            await self.query_one(f"#{pane_id(topic.id)}", TabPane).mount(TopicView(self.content, topic))
        return self.view_of(topic)

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        topic = self.active_topic
        view = await self.ensure_view(topic) if topic else self.query_one(HomeView)
        self.load_ticks()
        self.fit_tabs()
        self.refresh_bindings()
        hit, self.pending_hit = self.pending_hit, None
        if isinstance(view, TopicView) and hit is not None and hit.topic_id == view.topic.id:
            self.call_after_refresh(view.show_hit, hit)  # once the pane is laid out
        elif not isinstance(self.screen, ModalScreen):  # a dialog keeps its focus
            view.focus()

    def show_pane(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane

    def action_home(self) -> None:
        self.show_pane(HOME)

    def action_show_tab(self, number: int) -> None:
        if 1 <= number <= len(self.content.topics):
            self.show_pane(pane_id(self.content.topics[number - 1].id))

    def action_step_tab(self, step: int) -> None:
        panes = [HOME, *(pane_id(t.id) for t in self.content.topics)]
        current = panes.index(self.query_one(TabbedContent).active)
        self.show_pane(panes[(current + step) % len(panes)])

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

        self.push_screen(HelpScreen(self.described_bindings()))

    def described_bindings(self) -> list[BindingType]:
        """The bindings as the help names them: the topic keys span the topics there are."""
        last = min(9, len(self.content.topics))
        keys, topics = (f"1-{last}", f"1 to {last}") if last > 1 else ("1", "1")
        return [replace(b, key_display=keys, tooltip=f"go to topic {topics}")
                if isinstance(b, Binding) and b.id == "app.topic" else b for b in self.BINDINGS]

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from backref.tui.palette import PlainPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(PlainPalette(id="--command-palette"))

    def action_search(self) -> None:
        from backref.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(self.index, self.content, self.emergency_action, self.emergency_short),
                         self.open_hit)

    async def open_hit(self, hit: Hit | None, waits: int = 20) -> None:
        """Show the hit's topic; its view then scrolls to the hit, marks it and takes the cursor."""
        if hit is None:
            return
        if isinstance(self.screen, ModalScreen) and waits:  # the palette is still closing: its
            # screen would hand focus back (and scroll) after the jump, so jump once it has gone
            self.call_after_refresh(self.call_later, self.open_hit, hit, waits - 1)
            return
        topic = next(t for t in self.content.topics if t.id == hit.topic_id)
        if self.active_topic is topic:
            view = await self.ensure_view(topic)
            self.call_after_refresh(view.show_hit, hit)
        else:  # shown when the tab has switched (on_tabbed_content_tab_activated)
            self.pending_hit = hit
            self.show_pane(pane_id(topic.id))


def make_app(content: Content, state_file: str | None = None, *, store: StateStore | None = None,
             start: Topic | None = None, notices: tuple[str, ...] = ()) -> BackrefApp:
    """The app as the CLI runs it: state from ``state_file`` (or the default location), opening
    on the home or on the topic ``start``; ``notices`` (settings, packs skipped) shown at start."""
    return BackrefApp(content, store or StateStore(state_path(state_file), content), start, tuple(notices))


def run_app(content: Content, state_path: str | None = None, mouse: bool = True,
            start: Topic | None = None, notices: list[str] | None = None) -> int:
    """Run the view in this terminal; the exit code (see tui/run.py for crashes and signals)."""
    from backref.tui.run import run_tui

    return run_tui(make_app(content, state_path, start=start, notices=tuple(notices or ())), mouse=mouse)

"""BackrefApp: a tab per topic, the emergency red flags pinned, checklists that persist."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import Provider
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Footer, Header, TabbedContent, TabPane

from backref.content import Content, Topic
from backref.state import StateStore, StateWriteError, state_path
from backref.tui.widgets.red_flags import EmergencyBanner, RedFlagPanel
from backref.tui.widgets.topic_view import TopicView, widget_id

if TYPE_CHECKING:
    from backref.search import Hit, SearchIndex
    from backref.tui.widgets.checklist import ChecklistSection

# Dialogs, search and checklists are imported when first used: start-up pays only for the first screen.


def content_commands() -> type[Provider]:
    from backref.tui.palette import ContentCommands

    return ContentCommands


def pane_id(topic_id: str) -> str:
    return f"topic-{topic_id}"


class BackrefApp(App[None]):
    """Build it with make_app(); the CLI and the tests do the same."""

    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {content_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_now"),
        Binding("e", "emergency", "Emergency", id="app.emergency"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("1", "show_tab(1)", "Topic", key_display="1-9", id="app.topic"),
        *(Binding(str(n), f"show_tab({n})", f"Topic {n}", show=False) for n in range(2, 10)),
        Binding("left,left_square_bracket", "step_tab(-1)", "Previous topic", show=False, id="app.previous"),
        Binding("right,right_square_bracket", "step_tab(1)", "Next topic", show=False, id="app.next"),
        Binding("r", "reset_section", "Reset", id="app.reset"),
    ]

    def __init__(self, content: Content, store: StateStore | None = None,
                 index: SearchIndex | None = None) -> None:
        super().__init__()
        self.content = content
        self.store = store
        self._index = index
        self.ticked: frozenset[str] = frozenset()
        self.built: set[str] = set()
        self.found: Widget | None = None
        self.save_warned = False
        self.search_latencies: list[float] = []
        self.title = content.meta.title
        self.sub_title = content.meta.disclaimer

    @property
    def index(self) -> SearchIndex:
        """Built on first use, so start-up does not pay for it."""
        if self._index is None:
            from backref.search import build_index

            self._index = build_index(self.content)
        return self._index

    def compose(self) -> ComposeResult:
        yield Header(icon="+")
        yield EmergencyBanner()
        with Horizontal(id="body"):
            with TabbedContent(id="topics"):
                for n, topic in enumerate(self.content.topics):
                    with TabPane(topic.tab, id=pane_id(topic.id)):
                        if n == 0:
                            self.built.add(topic.id)
                            yield TopicView(self.content, topic, disclaimer=True)
            yield RedFlagPanel(self.content)
        yield Footer()

    def on_mount(self) -> None:
        self.load_ticks()
        problem = self.store.write_problem() if self.store is not None else None
        if problem:  # said at start, not at the first tick that is lost
            self.warn_unsaved(problem)
        self.query_one(TopicView).focus()

    # -- checklist state ---------------------------------------------------

    def load_ticks(self) -> None:
        """Re-read ticks (another process may have made some) and pass on the store's notices."""
        if self.store is None:
            return
        self.ticked = self.store.ticked()
        self.show_notices()

    def warn_unsaved(self, problem: str) -> None:
        """Say once per session that ticks stay in this session only."""
        if not self.save_warned:
            self.save_warned = True
            self.warn(problem, "Ticks cannot be saved")

    def warn(self, message: str, title: str) -> None:
        # after a refresh, so a notice raised while mounting is drawn too
        self.call_after_refresh(self.notify, message, title=title, severity="warning", timeout=15, markup=False)

    def show_notices(self) -> None:
        if self.store is None:
            return
        for notice in self.store.notices:
            self.warn(notice, "Checklists")
        self.store.notices.clear()

    def on_checklist_section_toggled(self, event: ChecklistSection.Toggled) -> None:
        change = {event.item_id}
        try:
            if self.store is not None:
                self.ticked = self.store.tick(change) if event.on else self.store.untick(change)
            else:
                raise StateWriteError("no state file")
        except StateWriteError as exc:
            self.ticked = self.ticked | change if event.on else self.ticked - change
            self.warn_unsaved(str(exc))
        self.show_notices()
        self.refresh_view(self.active_topic)

    def refresh_view(self, topic: Topic) -> None:
        if topic.id not in self.built:
            return
        view = self.query_one(f"#{widget_id('view', topic.id)}", TopicView)
        for checklist in self.checklists(view):
            checklist.show_ticks(self.ticked)
        view.show_progress(self.ticked, self.store.streak() if self.store else 0)

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
            try:
                if self.store is None:
                    raise StateWriteError("no state file")
                self.ticked = self.store.reset_section(section.id)
            except StateWriteError as exc:
                self.ticked = self.ticked - {item.id for item in section.items}
                self.warn_unsaved(str(exc))
            self.refresh_view(self.active_topic)
            self.notify(f"{section.title}: reset", title="Reset")

        from backref.tui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(f"Reset {when}'{section.title}'?"), reset)

    @staticmethod
    def checklists(view: TopicView) -> list[ChecklistSection]:
        return list(view.query(".checklist").results())  # type: ignore[arg-type]

    def current_checklist(self) -> ChecklistSection | None:
        focused = self.focused
        while focused is not None and not focused.has_class("checklist"):
            focused = focused.parent if isinstance(focused.parent, Widget) else None
        if focused is not None:
            return focused  # type: ignore[return-value]
        if self.active_topic.id in self.built:
            checklists = self.checklists(self.query_one(f"#{widget_id('view', self.active_topic.id)}", TopicView))
            if len(checklists) == 1:
                return checklists[0]
        return None

    # -- topics --------------------------------------------------------------

    @property
    def active_topic(self) -> Topic:
        active = self.query_one(TabbedContent).active
        return next(t for t in self.content.topics if pane_id(t.id) == active)

    async def ensure_view(self, topic: Topic) -> TopicView:
        """The topic's view, built the first time its tab is shown."""
        if topic.id not in self.built:
            self.built.add(topic.id)
            await self.query_one(f"#{pane_id(topic.id)}", TabPane).mount(TopicView(self.content, topic))
        return self.query_one(f"#{widget_id('view', topic.id)}", TopicView)

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        topic = self.active_topic
        view = await self.ensure_view(topic)
        self.load_ticks()
        self.refresh_view(topic)
        if not self.screen.id == "search-screen":
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
            self.push_screen(EmergencyScreen(self.content))

    def action_help(self) -> None:
        from backref.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

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

        self.push_screen(SearchScreen(self.index, self.search_latencies), self.open_hit)

    async def open_hit(self, hit: Hit | None) -> None:
        """Show the hit's topic and scroll to and highlight the hit."""
        if hit is None:
            return
        topic = next(t for t in self.content.topics if t.id == hit.topic_id)
        self.query_one(TabbedContent).active = pane_id(topic.id)
        view = await self.ensure_view(topic)
        self.refresh_view(topic)
        target: Widget = view
        for ident in (widget_id("item", hit.item_id or ""), widget_id("section", hit.section_id or "")):
            found = view.query(f"#{ident}")
            if found:
                target = found.first()
                break
        checklist = next((c for c in self.checklists(view) if c.section.id == hit.section_id), None)
        if self.found is not None:
            self.found.remove_class("-found")
        self.found = target
        target.add_class("-found")
        if checklist is not None:
            checklist.highlight_item(hit.item_id or checklist.section.items[0].id)
        else:
            view.focus()
        self.call_after_refresh(view.scroll_to_widget, target, top=True, animate=False)


def make_app(content: Content, state_file: str | None = None, *, store: StateStore | None = None) -> BackrefApp:
    """The app as the CLI runs it: state from ``state_file`` (or the default location)."""
    if store is None:
        store = StateStore(state_path(state_file), content)
    return BackrefApp(content, store)


def run_app(content: Content, state_path: str | None = None, mouse: bool = True) -> int:
    make_app(content, state_path).run(mouse=mouse)
    return 0

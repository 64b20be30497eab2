"""The episode view: the see-a-doctor signs first, the open episode, severity over time, and
start / add a reading / end with a 0-10 severity picker and the content's triggers and places."""
from __future__ import annotations

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content as Text
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static
from textual.widgets.selection_list import Selection

from backref.core import episodes as ep
from backref.core import wording
from backref.core.content import Content
from backref.core.episodes import Episode
from backref.core.errors import UserError
from backref.core.state import StateWriteError
from backref.tui.text import plain, rich_plain
from backref.tui.widgets.checklist import TickList
from backref.tui.widgets.red_flags import EmergencyBanner
from backref.tui.widgets.severity_chart import SeverityChart
from backref.tui.widgets.key_footer import KeyFooter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from backref.core.state_file import State
    from backref.tui.host import Host


def severity_options(content: Content) -> list[tuple[RichText, int]]:
    """'0', '1 mild', ... '10 severe' for the picker: the number and the guide's word."""
    options = []
    for n in range(ep.SEVERITY_MAX + 1):
        item = ep.severity_item(content, n)
        # Rich Text, which Select's type-to-search reads (and never parses as markup)
        options.append((rich_plain(f"{n} {item.text.lower()}" if item else str(n)), n))
    return options


class EpisodeScreen(Screen[None]):
    """Opened with l from anywhere (or the palette); Escape closes it."""

    DEFAULT_CSS = """
    EpisodeScreen #episode-body { padding: 0 1; height: 1fr; }
    EpisodeScreen #episode-signs, EpisodeScreen #episode-head { padding: 0 1; }
    EpisodeScreen #episode-head { text-style: bold; color: $text-accent; border-bottom: hkey $primary; }
    EpisodeScreen .field-label { margin-top: 1; text-style: bold; }
    EpisodeScreen #severity-chart { height: auto; text-wrap: nowrap; }
    EpisodeScreen .field-help { color: $text-muted; }
    EpisodeScreen TickList { height: auto; max-height: 9; }
    EpisodeScreen #episode-signs { text-style: bold; color: $text-warning; }
    EpisodeScreen #episode-buttons { height: auto; padding: 0 1; }
    EpisodeScreen #episode-buttons Button { margin-right: 1; min-width: 10; }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="episode.close"),
        Binding("s", "start", "Start", id="episode.start"),
        Binding("n", "note", "Add reading", id="episode.note"),
        # not x (the timers' cancel): ending an episode is never one slip away, and it asks first
        Binding("E", "end", "End episode", id="episode.end"),
    ]

    def __init__(self) -> None:
        super().__init__(id="episode-screen")

    @property
    def backref(self) -> Host:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        content = self.backref.content
        yield EmergencyBanner(self.backref.emergency_short)
        # the signs and the episode's heading stay in sight while the form below scrolls
        yield Static(id="episode-signs")
        yield Static(id="episode-head")
        with VerticalScroll(id="episode-body"):
            yield Static(id="episode-detail")
            yield Static(classes="field-label", id="chart-label")
            yield SeverityChart(id="severity-chart")
            yield Static(Text("Severity now (0 none - 10 worst):"), classes="field-label")
            yield Select(severity_options(content), prompt="pick 0-10", id="severity")
            yield Static(Text(wording.EPISODE_WHERE), classes="field-label")
            yield TickList(*(Selection(plain(place), place) for place in wording.EPISODE_PLACES), id="where")
            patterns = [i.text for i in ep.choices(content, ep.WHERE_SECTION)]
            if patterns:  # the guide's own words on where spasms are felt, as help
                yield Static(plain(wording.where_help("; ".join(patterns))), classes="field-help")
            yield Input(placeholder="another place (optional)", id="where-other")
            yield Static(Text("What set it off:"), classes="field-label")
            yield TickList(*(Selection(plain(i.text), i.id) for i in ep.choices(content, ep.TRIGGER_SECTION)),
                                     id="triggers")
            yield Input(placeholder="another trigger (optional)", id="trigger-other")
            yield Input(placeholder="a note (optional)", id="note")
            yield Static(id="episode-readings")
        with Horizontal(id="episode-buttons"):
            yield Button("Start (s)", id="start", variant="primary", compact=True)
            yield Button("Add reading (n)", id="note-button", compact=True)
            yield Button("End (E)", id="end", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "episode", self.show_episode)
        self.watch(self.app, "signs", self.show_episode)
        # the picker takes the keys, the view stays at its top: the episode and its chart first
        self.query_one("#severity", Select).focus(scroll_visible=False)

    # -- showing -------------------------------------------------------------------

    def show_episode(self, _value: object = None) -> None:
        app = self.backref
        content, episode, now = app.content, app.episode, app.store.now()
        signs = [plain(s.line).stylize("bold", 0, len(s.line.split(":", 1)[0]) + 1) for s in app.signs]
        self.query_one("#episode-signs", Static).update(Text("\n").join(signs) if signs else Text(""))
        self.query_one("#episode-signs").display = bool(signs)
        episodes = app.store.episodes()
        shown = episode or (episodes[-1] if episodes else None)
        head, detail, readings = self.describe(content, episode, shown, now)
        self.query_one("#episode-head", Static).update(plain(head))
        self.query_one("#episode-detail", Static).update(plain(detail))
        self.query_one("#episode-readings", Static).update(plain(readings))
        severities = shown.severities() if shown else []
        self.query_one("#severity-chart", SeverityChart).show(severities)
        label = wording.EPISODE_CHART if severities else wording.EPISODE_NO_CHART
        self.query_one("#chart-label", Static).update(plain(label))
        self.query_one("#start", Button).display = episode is None
        self.query_one("#note-button", Button).display = episode is not None
        self.query_one("#end", Button).display = episode is not None
        self.refresh_bindings()

    @staticmethod
    def describe(content: Content, episode: Episode | None, shown: Episode | None,
                 now: object) -> tuple[str, str, str]:
        """(heading, detail, readings) as plain text."""
        import datetime

        assert isinstance(now, datetime.datetime)
        if shown is None:
            return ("No episode is open. Pick a severity, then Start (s).", "", "")
        if episode is None:
            head = (f"No episode is open. Last: episode {shown.number}, {ep.short_time(shown.started)} to "
                    f"{ep.short_time(shown.ended or '')}. Start (s) logs a new one.")
        else:
            head = (f"Episode {episode.number}: open since {ep.short_time(episode.started)} "
                    f"(day {ep.day_number(episode, now)})")
        lines = [f"Latest severity: {ep.severity_words(content, shown.latest_severity)}",
                 f"Peak severity: {ep.severity_words(content, shown.peak_severity)}"]
        if shown.where:
            lines.append("Where: " + ", ".join(ep.plain(ep.choice_text(content, ep.WHERE_SECTION, w)) for w in shown.where))
        if shown.triggers:
            lines.append("Triggers: " + ", ".join(ep.plain(ep.choice_text(content, ep.TRIGGER_SECTION, t))
                                                  for t in shown.triggers))
        readings = ["Readings:"] if shown.readings else []
        for r in shown.readings:
            parts = [ep.severity_words(content, r.severity)] if r.severity is not None else []
            if r.note:
                parts.append(ep.plain(r.note))
            readings.append(f"  {ep.short_time(r.at)}  {' - '.join(parts)}")
        return head, "\n".join(lines), "\n".join(readings)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        is_open = getattr(self.app, "episode", None) is not None
        if action == "start":
            return not is_open
        if action in ("note", "end"):
            return is_open
        return True

    # -- changing ------------------------------------------------------------------

    def picked(self) -> tuple[int | None, list[str], list[str], str | None]:
        """(severity, places, triggers, note) as picked and typed."""
        content = self.backref.content
        value = self.query_one("#severity", Select).value
        severity = value if isinstance(value, int) else None
        where = list(self.query_one("#where", TickList).selected)
        triggers = list(self.query_one("#triggers", TickList).selected)
        for box, section, chosen in (("#where-other", ep.WHERE_SECTION, where),
                                     ("#trigger-other", ep.TRIGGER_SECTION, triggers)):
            chosen += [ep.choice_value(content, section, t) for t in self.query_one(box, Input).value.split(",")
                       if t.strip()]
        note = self.query_one("#note", Input).value.strip() or None
        return severity, where, triggers, note

    def change(self, apply: Callable[[State], object], done: str) -> None:
        try:
            self.backref.store.change_episodes(apply)
        except (UserError, StateWriteError) as exc:
            self.notify(str(exc), title="Episode", severity="warning", markup=False)
            return
        self.backref.load_ticks()
        for box in ("#where-other", "#trigger-other", "#note"):
            self.query_one(box, Input).value = ""
        self.query_one("#severity", Select).clear()
        self.notify(done, title="Episode", markup=False)
        self.query_one("#severity", Select).focus()

    def action_start(self) -> None:
        severity, where, triggers, note = self.picked()
        now = self.backref.store.now()
        self.change(lambda state: ep.start(state, now, severity=severity, where=where,
                                           triggers=triggers, note=note), "Episode started")

    def action_note(self) -> None:
        severity, where, triggers, note = self.picked()
        now = self.backref.store.now()

        def apply(state: State) -> None:
            ep.add_reading(state, now, severity, note)
            table = ep.require_open(state)
            for key, chosen in (("where", where), ("triggers", triggers)):
                if chosen:
                    table[key] = list(dict.fromkeys([*table.get(key, []), *chosen]))

        self.change(apply, "Reading added")

    def action_end(self) -> None:
        """Ask, then end the open episode."""
        episode = self.backref.episode
        if episode is None:
            return
        from backref.tui.screens.confirm import ConfirmScreen

        def end(yes: bool | None) -> None:
            if yes:
                now = self.backref.store.now()
                self.change(lambda state: ep.end(state, now), "Episode ended")

        self.app.push_screen(ConfirmScreen(wording.episode_end_question(
            episode.number, ep.short_time(episode.started))), end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"start": self.action_start, "note-button": self.action_note, "end": self.action_end}
        actions[event.button.id or ""]()

    def action_close(self) -> None:
        self.dismiss(None)

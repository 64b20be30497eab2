"""Search as you type over the whole content; Enter jumps to the hit."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content as Text
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from backref.core import wording
from backref.core.content import Content
from backref.core.search import Hit, SearchIndex
from backref.core.printable import one_line
from backref.core.wording import URGENCY_WORDS
from backref.tui.text import plain_line
from backref.tui.widgets.red_flags import EmergencyBanner, RedFlagPanel

LIMIT = 30


def hit_place(hit: Hit) -> str:
    """Where the hit lives, without repeating the hit itself: a section title hit names its tab."""
    return hit.tab if hit.kind in ("section", "topic") else hit.place


def hit_prompt(hit: Hit) -> Text:
    """One line where it fits: the urgency in words, the matched words highlighted, then the
    place, dimmed."""
    line = Text(one_line(hit.line))  # one for one: the spans still fit
    for start, end in hit.spans:
        line = line.stylize("reverse bold", start, end)
    marker = URGENCY_WORDS[hit.urgency] if hit.urgency else ""
    # emergency stands out in every terminal (reverse survives NO_COLOR); see-a-doctor never outshines it
    style = "bold reverse" if hit.urgency == "emergency" else "bold"
    return Text.assemble((marker, style), "  " if marker else "", line, "  ",
                         (one_line(hit_place(hit)), "dim italic"))


class SearchScreen(ModalScreen["Hit | None"]):
    """Results update on every keystroke; up/down move, Enter opens, Escape closes."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="search.close"),
        Binding("enter", "open", "Open", id="search.open", show=True),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("pagedown", "move(5)", "Next page", show=False),
        Binding("pageup", "move(-5)", "Previous page", show=False),
    ]

    def __init__(self, index: SearchIndex, content: Content, action: str = "", short: str = "") -> None:
        super().__init__(id="search-screen")
        self.index = index
        self.content = content
        self.action = action
        self.short = short or action
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        # a narrow screen keeps its banner; in the search box e types a letter, so it says Esc first
        yield EmergencyBanner(self.short, wording.BANNER_KEY_IN_SEARCH)
        with Horizontal(id="search-row"):
            with Vertical(id="search-body") as body:
                body.border_title = "Search"
                body.border_subtitle = "up/down move - Enter opens"
                yield Input(placeholder="ice, sciatica, pins and needles...", id="search-input")
                yield Static("Type to search every topic, item and red flag.", id="search-status")
                yield OptionList(id="search-results")
            yield RedFlagPanel(self.content, self.action)  # a wide screen keeps its emergency signs in sight
        yield Footer()

    def on_input_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self.hits = self.index.query(query, LIMIT) if query else []
        results = self.query_one(OptionList)
        results.clear_options()
        options: list[Option | None] = []
        for hit in self.hits:
            options += [Option(hit_prompt(hit)), None]  # None: a rule between hits
        results.add_options(options[:-1])
        if self.hits:
            results.highlighted = 0
        # the query is quoted as text: "[/" in it is two characters, not markup
        said = one_line(wording.matches(len(self.hits)) if self.hits
                        else (f"No matches for '{query}'" if query else ""))
        status = plain_line(said)
        if self.action and any(hit.urgency == "emergency" for hit in self.hits):
            # what to do heads an emergency answer, here as in `backref search`
            status = Text.assemble((URGENCY_WORDS["emergency"], "bold reverse"), " ",
                                   (one_line(self.action), "bold"), "\n", said)
        self.query_one("#search-status", Static).update(status)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_open()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self.hits):
            self.dismiss(self.hits[highlighted])

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if not self.hits:
            return
        current = results.highlighted or 0
        results.highlighted = max(0, min(len(self.hits) - 1, current + step))

    def action_close(self) -> None:
        self.dismiss(None)

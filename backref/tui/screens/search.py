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
from backref.core.printable import one_line
from backref.core.search import Answer, Hit, SearchIndex
from backref.tui import urgency
from backref.tui.text import plain_line
from backref.tui.widgets.red_flags import EmergencyBanner, RedFlagPanel

LIMIT = 30
CHECK_OPTION = "check"  # the id of the last option when the red-flag check is offered
# A red flag's label stands out in every theme, in 16 colours and in NO_COLOR, as the urgency
# is drawn everywhere else (tui/urgency.py): emergency as the bar, see-a-doctor never
# outshining it. The words the query matched are bold and underlined.
LABEL_STYLES = urgency.STYLES
MATCH_STYLE = "bold underline"


def urgency_labels(content: Content) -> dict[str, str]:
    """Each urgency's label as the content words it (relabel it, and search follows)."""
    return {u: content.urgency_of(u).label for u in ("emergency", "see-doctor")}


def hit_place(hit: Hit) -> str:
    """Where the hit lives, without repeating the hit itself: a section title hit names its tab."""
    return hit.tab if hit.kind in ("section", "topic") else hit.place


def hit_prompt(hit: Hit, labels: dict[str, str]) -> Text:
    """One line where it fits: a red flag's urgency in the content's words, the matched words
    highlighted, then the place, dimmed; under a red flag, which words matched which part."""
    line = Text(one_line(hit.line))  # one for one: the spans still fit
    for start, end in hit.spans:
        line = line.stylize(MATCH_STYLE, start, end)
    marker = labels.get(hit.urgency or "", "") if hit.kind == "red-flag" else ""
    head = Text.assemble((marker, LABEL_STYLES.get(hit.urgency or "", "bold")), " ") if marker else Text("")
    prompt = Text.assemble(head, line, "  ", (one_line(hit_place(hit)), "dim italic"))
    if hit.why:
        prompt = Text.assemble(prompt, "\n", (one_line(wording.WHY_LEAD + hit.why), "italic"))
    return prompt


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
        self.offer_check = False
        self.labels = urgency_labels(content)

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
        answer = self.index.answer(query, LIMIT) if query else Answer(hits=(), action=False, offer_check=False)
        self.hits = list(answer.hits)
        self.offer_check = answer.offer_check
        results = self.query_one(OptionList)
        results.clear_options()
        options: list[Option | None] = []
        for hit in self.hits:
            options += [Option(hit_prompt(hit, self.labels)), None]  # None: a rule between hits
        if answer.offer_check:  # never "nothing serious": the check, one Enter away
            options.append(Option(Text.assemble((wording.CHECK_OFFER_TUI, "bold")), id=CHECK_OPTION))
        elif options:
            options.pop()
        results.add_options(options)
        if options:
            results.highlighted = 0
        # the query is quoted as text: "[/" in it is two characters, not markup
        said = one_line(wording.matches(len(self.hits)) if self.hits
                        else (f"No matches for '{query}'" if query else ""))
        status = plain_line(said)
        if self.action and answer.action:
            # what to do heads an answer an emergency sign leads, here as in `backref search`
            # drawn as the bar, as the action is everywhere, never in the status line's muted colour
            status = Text.assemble((self.labels["emergency"], urgency.BAR), (" ", urgency.BAR),
                                   (one_line(self.action), urgency.BAR), "\n", said)
        self.query_one("#search-status", Static).update(status)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_open()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        results = self.query_one(OptionList)
        highlighted = results.highlighted
        if highlighted is None:
            return
        if results.get_option_at_index(highlighted).id == CHECK_OPTION:
            self.dismiss(None)
            self.app.call_later(self.app.run_action, "triage")
            return
        if highlighted < len(self.hits):
            self.dismiss(self.hits[highlighted])

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        count = len(self.hits) + self.offer_check
        if not count:
            return
        current = results.highlighted or 0
        results.highlighted = max(0, min(count - 1, current + step))

    def action_close(self) -> None:
        self.dismiss(None)

"""Content -> plain lines of a given width, and JSON-ready dicts, for the commands.

Standard library only, and cheap to import, because `backref show` pays for every
import (so no textwrap, json or typing here).
"""
from __future__ import annotations

from backref.core.content import URGENCIES, RedFlagList
from backref.core.encoding import as_printed, is_unicode
from backref.core.printable import one_line, printable
from backref.core.wording import gloss_line, item_line, pack_source, urgency_title

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    from backref.core.content import Content, Pack, RedFlag, Section, Topic

MIN_WIDTH = 20  # narrower than this, bullets and their indents leave no room for words


def cell_width(text: str) -> int:
    """Columns ``text`` takes in a terminal, measured as terminals and Rich do (wcwidth):
    wide characters and emoji presentation sequences ("\u26a0\ufe0f") take two."""
    if text.isascii():
        return len(text)
    if simple_width(text):
        return len(text)
    from wcwidth import wcswidth  # ~40 ms to import: only for text the check above cannot measure

    return max(int(wcswidth(one_line(text))), 0)


def simple_width(text: str) -> bool:
    """Whether every character of ``text`` takes exactly one cell on its own (no wide, zero-width,
    combining or control characters, no variation selectors), so that its width is its length.

    Written here rather than left to wcwidth because importing wcwidth costs more than the
    whole lookup budget allows; anything this cannot vouch for goes to wcwidth, and what it
    vouches for wcwidth measures as one cell (tests check every code point).
    """
    import unicodedata  # a built-in module: cheap

    for ch in text:
        if ch < "\u0300":  # Latin-1 and Latin Extended letters: one cell, never combining
            continue
        # marks (variation selectors are Mn), format and line/paragraph separators; Hangul vowels and
        # finals (zero width after a leading consonant); the trigrams and monograms wcwidth takes as
        # wide; and everything from the hexagrams on (CJK, emoji, rare scripts): wcwidth decides.
        if (unicodedata.east_asian_width(ch) in "WF" or unicodedata.category(ch) in ("Mn", "Me", "Mc", "Cf", "Zl", "Zp")
                or "\u1160" <= ch <= "\u11ff" or "\u2630" <= ch <= "\u268f" or ch >= "\u4dc0"):
            return False
    return True


def cut_to_width(word: str, room: int) -> str:
    """The longest start of ``word`` that fits ``room`` columns (at least one character)."""
    end = 1
    while end < len(word) and cell_width(word[: end + 1]) <= room:
        end += 1
    return word[:end]


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` columns, the first led by ``first``, the others by
    ``rest`` (default: spaces as wide as ``first``, so continuations sit under the text).

    A lead that would leave the text less than half of the line (a label in a narrow
    terminal) gets a line of its own, and the text starts under it; a continuation indent that
    would, is dropped. So every width from 1 up ends, and only a character wider than the
    whole line ever passes it."""
    width = max(width, 1)
    text = printable(text)  # a control character is printed as one '?', and measured so
    if rest is None:
        rest = " " * cell_width(first)
    lines: list[str] = []
    if not leaves_room(first, width):
        lines.extend(wrap(first, width))
        first = ""
    if not leaves_room(rest, width):
        rest = ""
    prefix, room = first, width - cell_width(first)
    words: list[str] = []
    used = 0
    for word in text.split():
        size = cell_width(word)
        if words and used + 1 + size > room:
            lines.append(prefix + " ".join(words))
            prefix, room, words, used = rest, width - cell_width(rest), [], 0
        while size > room:  # a word longer than a whole line: cut it (room is 1 or more)
            head = cut_to_width(word, room)
            lines.append(prefix + head)
            prefix, room = rest, width - cell_width(rest)
            word = word[len(head):]
            size = cell_width(word)
        if not word:  # cut away whole: each piece was wider than the line
            continue
        used = used + 1 + size if words else size
        words.append(word)
    if words:
        lines.append(prefix + " ".join(words))
    elif not lines and first.strip():
        lines.append(first.rstrip())
    return lines


def fitted(text: str, width: int, rest: str = "") -> list[str]:
    """``text`` as it is (its spacing kept) when it fits ``width`` columns, else wrapped."""
    shown = printable(text)
    return [shown] if "\n" not in shown and cell_width(shown) <= width else wrap(shown, width, rest=rest)


def leaves_room(lead: str, width: int) -> bool:
    """Whether text after ``lead`` still has half of a ``width``-column line (and a column)."""
    return width - cell_width(lead) >= max(1, width // 2)


class Page:
    """Lines of plain text being laid out at one width, for one output encoding."""

    def __init__(self, width: int, encoding: str | None = None) -> None:
        self.width = max(width, MIN_WIDTH)
        self.lines: list[str] = []
        self.after_heading = False
        self.encoding = None if encoding is None or is_unicode(encoding) else encoding

    def fit(self, text: str) -> str:
        """``text`` as the output stream will print it, so wrapping measures what is seen."""
        return as_printed(printable(text), self.encoding)

    def gap(self) -> None:
        """A blank line, unless at the top or just under a heading (a page never ends in one)."""
        if self.lines and not self.after_heading:
            self.lines.append("")

    def heading(self, text: str, rule: str) -> None:
        """A heading after a blank line, underlined with ``rule`` as wide as its longest line
        (nothing at all for a heading that prints as nothing)."""
        wrapped = wrap(self.fit(text), self.width)
        if not wrapped:
            return
        if self.lines:
            self.lines.append("")
        self.lines.extend(wrapped)
        self.lines.append(rule * max(cell_width(line) for line in wrapped))
        self.after_heading = True

    def paragraph(self, text: str) -> None:
        """A wrapped paragraph."""
        self.block(wrap(self.fit(text), self.width))

    def flag_bullets(self, flags: list[RedFlag] | tuple[RedFlag, ...], glosses: bool = True) -> None:
        """One bullet per red flag, in the guide's words; a gloss goes on its own lines under them."""
        lines: list[str] = []
        for flag in flags:
            lines += wrap(self.fit(flag.text), self.width, "- ")
            if flag.gloss and glosses:
                lines += wrap(self.fit(gloss_line(flag.gloss)), self.width, "  ")
        self.block(lines)

    def bullets(self, entries: list[tuple[str, str]]) -> None:
        """One bullet per (marker, text); wrapped lines are indented under the text."""
        self.block([line for marker, text in entries for line in wrap(self.fit(text), self.width, f"{marker} ")])

    def block(self, lines: list[str]) -> None:
        """``lines`` after a gap; nothing, not even the gap, when there are none (a section with
        no items, text that prints as nothing)."""
        if lines:
            self.gap()
            self.lines.extend(lines)
            self.after_heading = False


def add_section(page: Page, section: Section, ticked: frozenset[str]) -> None:
    """A section: its title (marked daily), paragraphs, then bullets or tick boxes."""
    page.heading(f"{section.title} (daily)" if section.daily else section.title, "-")
    for paragraph in section.paragraphs:
        page.paragraph(paragraph)
    if section.is_checklist:
        marks = ["[x]" if item.id in ticked else "[ ]" for item in section.items]
    else:
        marks = ["-"] * len(section.items)
    page.bullets([(mark, item_line(item.text, item.detail)) for mark, item in zip(marks, section.items)])


def add_red_flag_list(page: Page, red_flags: RedFlagList, heading: str, rule: str, action: str = "") -> None:
    """A red-flag list under ``heading``: what to do (when given), its flags, then its note."""
    page.heading(heading, rule)
    if action:
        page.paragraph(action)
        page.after_heading = True  # the action and the signs read as one block
    page.flag_bullets(red_flags.flags)
    if red_flags.note:
        page.paragraph(red_flags.note)


def topic_lines(
    content: Content, topic: Topic, width: int, ticked: frozenset[str] = frozenset(),
    encoding: str | None = None, own_number: str | None = None,
) -> list[str]:
    """A whole topic as lines of at most ``width`` columns: title, paragraphs, then each
    section and red-flag list in reading order (the most urgent list first where lists share a
    place), each list headed by what to do, naming ``own_number``; checklist items show [x] when ticked."""
    page = Page(width, encoding)
    page.heading(topic.title, "=")
    pack = content.pack_of(topic)
    if pack is not None:
        page.paragraph(pack_source(pack.title, pack.source))
    for paragraph in topic.paragraphs:
        page.paragraph(paragraph)
    for block in content.topic_blocks(topic):
        if isinstance(block, RedFlagList):
            action = content.urgency_of(block.urgency).action_line(own_number)
            add_red_flag_list(page, block, urgency_title(block.urgency, block.title), "-", action)
        else:
            add_section(page, block, ticked)
    return page.lines


def add_urgency(page: Page, content: Content, urgency: str, own_number: str | None, glosses: bool = True) -> None:
    """One urgency's signs, each once: its heading, what to do, the signs (with their glosses), the lists' notes."""
    words = content.urgency_of(urgency)
    page.heading(words.heading, "=")
    action = words.action_line(own_number)
    if action:
        page.paragraph(action)
        page.after_heading = True  # the action and the signs read as one block
    page.flag_bullets(content.signs(urgency), glosses)
    for rl in content.red_flag_lists:
        if rl.urgency == urgency and rl.note:
            page.paragraph(rl.note)


def redflag_lines(content: Content, width: int, encoding: str | None = None, own_number: str | None = None,
                  urgencies: tuple[str, ...] = URGENCIES, more: str = "", glosses: bool = True) -> list[str]:
    """Each urgency's signs once (emergency first) under a heading that says how urgent, the
    action heading them; then ``more`` (what was left out, and how to see it) or the disclaimer.
    Without ``glosses``, the signs are in the guide's words alone (a terminal too short for them)."""
    page = Page(width, encoding)
    for urgency in urgencies:
        if content.signs(urgency):
            add_urgency(page, content, urgency, own_number, glosses)
    page.paragraph(more or content.meta.disclaimer)
    return page.lines


def topic_summary_json(topic: Topic) -> dict[str, object]:
    """{id, title, tab} of a topic."""
    return {"id": topic.id, "title": topic.title, "tab": topic.tab}


def red_flag_list_json(red_flags: RedFlagList) -> dict[str, object]:
    """A red-flag list as plain data; ``same_as`` names a flag another list already has."""
    return {
        "id": red_flags.id, "urgency": red_flags.urgency, "title": red_flags.title,
        "topic": red_flags.topic, "after": red_flags.after, "note": red_flags.note,
        "flags": [{"id": f.id, "text": f.text, "same_as": f.same_as} for f in red_flags.flags],
    }


def section_json(section: Section, ticked: frozenset[str]) -> dict[str, object]:
    """A section as plain data; ``ticked`` is true/false for checklist items, null for others."""
    checklist = section.is_checklist
    return {
        "id": section.id, "title": section.title, "kind": section.kind, "daily": section.daily,
        "scope": section.scope or None,
        "paragraphs": list(section.paragraphs),
        "items": [
            {"id": i.id, "text": i.text, "detail": i.detail, "ticked": (i.id in ticked) if checklist else None}
            for i in section.items
        ],
    }


def topic_json(content: Content, topic: Topic, ticked: frozenset[str] = frozenset()) -> dict[str, object]:
    """A whole topic as plain data: paragraphs, sections, and its red-flag lists
    (each with ``after``, the section it follows, or null for the end)."""
    return {
        **topic_summary_json(topic),
        "paragraphs": list(topic.paragraphs),
        "sections": [section_json(s, ticked) for s in topic.sections],
        "red_flag_lists": [red_flag_list_json(b) for b in content.topic_blocks(topic) if isinstance(b, RedFlagList)],
        **pack_json(content.pack_of(topic)),
    }


def pack_json(pack: Pack | None) -> dict[str, object]:
    """The pack a topic came from, for --json (nothing for a topic of the content file)."""
    return {} if pack is None else {"pack": {"title": pack.title, "source": pack.source, "file": pack.path}}


def redflags_json(content: Content, own_number: str | None = None) -> list[dict[str, object]]:
    """Per urgency, emergency first, as `backref redflags` prints it: the label, heading and action,
    each sign once (``ids``: its id and those of the flags marked same_as it), then the lists whole."""
    same = content.same_ids()
    out: list[dict[str, object]] = []
    for urgency in URGENCIES:
        words = content.urgency_of(urgency)
        out.append({
            "urgency": urgency, "label": words.label, "heading": words.heading,
            "action": words.action_line(own_number) or None, "source": words.source or None,
            "signs": [{"id": f.id, "text": f.text, "ids": same[f.id]} for f in content.signs(urgency)],
            "lists": [red_flag_list_json(rl) for rl in content.red_flag_lists if rl.urgency == urgency],
        })
    return out

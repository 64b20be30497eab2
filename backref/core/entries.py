"""The searchable lines of the content: every title, sentence, item and red flag, in reading order."""
from __future__ import annotations

from backref.core.content import Section
from backref.core.wording import item_line
from backref.core.words import sentences, words_of

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    from collections.abc import Iterator

    from backref.core.content import Content, RedFlagList, Topic


class Entry:
    """One searchable line and where it lives."""

    __slots__ = ("kind", "topic", "block_id", "block_title", "item_id", "line", "urgency",
                 "is_title", "raws", "stems", "sign")

    def __init__(self, kind: str, topic: Topic, block_id: str | None, block_title: str,
                 item_id: str | None, line: str, urgency: str | None, is_title: bool,
                 sign: str | None = None) -> None:
        self.kind, self.topic, self.block_id, self.block_title = kind, topic, block_id, block_title
        self.item_id, self.line, self.urgency, self.is_title = item_id, line, urgency, is_title
        self.sign = sign  # a red flag's sign: its own id, or the id it is the same_as
        self.raws: tuple[str, ...] = ()  # the line's folded words (content_entries fills them)
        self.stems: tuple[str, ...] = ()


def content_entries(content: Content, raws: list[tuple[str, ...]] | None = None) -> list[Entry]:
    """Every searchable line, in reading order, with its words (``raws``, when the parse cache
    has them already, else worked out)."""
    entries = list(lines_of(content))
    if raws is not None and len(raws) == len(entries):
        for entry, words in zip(entries, raws):
            entry.raws = words
    else:
        for entry in entries:
            entry.raws = tuple(words_of(entry.line))
    return entries


def lines_of(content: Content) -> Iterator[Entry]:
    for topic in content.topics:
        yield Entry("topic", topic, None, "", None, topic.title, None, True)
        for paragraph in topic.paragraphs:
            yield from (Entry("paragraph", topic, None, "", None, s, None, False) for s in sentences(paragraph))
        for block in content.topic_blocks(topic):
            yield from block_entries(topic, block)


def block_entries(topic: Topic, block: Section | RedFlagList) -> list[Entry]:
    """A section's or red-flag list's title, sentences, and items or red flags."""
    if isinstance(block, Section):
        out = [Entry("section", topic, block.id, block.title, None, block.title, None, True)]
        for paragraph in block.paragraphs:
            out += (Entry("paragraph", topic, block.id, block.title, None, s, None, False)
                    for s in sentences(paragraph))
        for item in block.items:
            out.append(Entry("item", topic, block.id, block.title, item.id, item_line(item.text, item.detail), None, False))
        return out
    urgency = block.urgency
    out = [Entry("section", topic, block.id, block.title, None, block.title, urgency, True)]
    out += (Entry("paragraph", topic, block.id, block.title, None, s, urgency, False)
            for s in sentences(block.note or ""))
    out += (Entry("red-flag", topic, block.id, block.title, f.id, f.text, urgency, False, f.same_as or f.id)
            for f in block.flags)
    return out

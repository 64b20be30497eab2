"""The searchable lines of the content: every title, sentence, item and red flag, in reading order."""
from __future__ import annotations

from backref.core.content import Section
from backref.core.wording import item_line
from backref.core.words import sentences, words_of

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    from backref.core.content import Content, RedFlagList, Topic


class Entry:
    """One searchable line and where it lives."""

    __slots__ = ("kind", "topic", "block_id", "block_title", "item_id", "line", "urgency",
                 "is_title", "raws", "stems", "said", "sign")

    def __init__(self, kind: str, topic: Topic, block_id: str | None, block_title: str,
                 item_id: str | None, line: str, urgency: str | None, is_title: bool,
                 said: str | None = None, sign: str | None = None) -> None:
        self.kind, self.topic, self.block_id, self.block_title = kind, topic, block_id, block_title
        self.item_id, self.line, self.urgency, self.is_title = item_id, line, urgency, is_title
        # a red flag in a person's words: found by ``said``, shown as the flag's ``line``
        self.said = said
        self.sign = sign  # a red flag's sign: its own id, or the id it is the same_as
        self.raws = tuple(words_of(said or line))
        self.stems: tuple[str, ...] = ()


def content_entries(content: Content) -> list[Entry]:
    """Every searchable line, in reading order."""
    entries: list[Entry] = []
    for topic in content.topics:
        entries.append(Entry("topic", topic, None, "", None, topic.title, None, True))
        for paragraph in topic.paragraphs:
            entries += (Entry("paragraph", topic, None, "", None, s, None, False) for s in sentences(paragraph))
        for block in content.topic_blocks(topic):
            entries += block_entries(topic, block)
    return entries


def lay_entries(content: Content) -> list[Entry]:
    """Each plain phrasing of a red flag, as an entry that shows the flag itself."""
    return [
        Entry("red-flag", topic, block.id, block.title, f.id, f.text, block.urgency, False, said, f.id)
        for topic in content.topics
        for block in content.topic_blocks(topic)
        if not isinstance(block, Section)
        for f in block.flags
        if f.id in content.lay
        for said in content.lay[f.id].says
    ]


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
    out += (Entry("red-flag", topic, block.id, block.title, f.id, f.text, urgency, False, None, f.same_as or f.id)
            for f in block.flags)
    return out

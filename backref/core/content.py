"""The content model: immutable records (Content, Topic, Section, Item, RedFlag...) and queries on them.

Every lookup command pays for its imports, so this file imports almost nothing.
"""
from __future__ import annotations

from backref.core.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    from collections.abc import Iterator

KINDS = ("list", "checklist")
# How long a checklist's ticks last: "daily" (today's), "episode" (the open episode's), "" (until reset)
SCOPES = ("daily", "episode")
URGENCIES = ("emergency", "see-doctor")


class Timer(Record):
    """A timing the guide gives an item: hold or apply for ``seconds``; a repeating one again
    every ``every_seconds`` within ``window_seconds`` of the episode's start, then the step ``then``.

    ``unit`` is how the guide says it ("minutes" or "seconds"); ``sources`` are the ids of the
    items whose words give the timing, ``cautions`` the ids of the items to keep beside it.
    ``rest_seconds`` between repeated holds is backref's own choice (the guide gives none).
    """

    __slots__ = ("seconds", "unit", "every_seconds", "window_seconds", "sources", "cautions",
                 "then", "rest_seconds")
    seconds: int
    unit: str
    every_seconds: int | None
    window_seconds: int | None
    sources: tuple[str, ...]
    cautions: tuple[str, ...]
    then: str | None
    rest_seconds: int


class Item(Record):
    __slots__ = ("id", "text", "detail", "timer")
    id: str
    text: str
    detail: str | None
    timer: Timer | None

    def __init__(self, timer: Timer | None = None, **fields: object) -> None:
        super().__init__(timer=timer, **fields)


class Section(Record):
    __slots__ = ("id", "title", "kind", "scope", "paragraphs", "items")
    id: str
    title: str
    kind: str
    scope: str  # one of SCOPES, or "" for ticks kept until reset
    paragraphs: tuple[str, ...]
    items: tuple[Item, ...]

    @property
    def is_checklist(self) -> bool:
        return self.kind == "checklist"

    @property
    def daily(self) -> bool:
        """Ticks count for today only (prevention)."""
        return self.scope == "daily"

    @property
    def per_episode(self) -> bool:
        """Ticks belong to the open episode (relief)."""
        return self.scope == "episode"


class RedFlag(Record):
    __slots__ = ("id", "text", "urgency", "same_as")
    id: str
    text: str
    urgency: str
    same_as: str | None


class RedFlagList(Record):
    __slots__ = ("id", "title", "urgency", "topic", "after", "note", "flags")
    id: str
    title: str
    urgency: str
    topic: str
    after: str | None
    note: str | None
    flags: tuple[RedFlag, ...]


class Urgency(Record):
    """What backref says for one urgency: its label, heading and what to do, with whose words."""

    __slots__ = ("label", "heading", "action", "number", "short_action", "short_number", "source")
    label: str
    heading: str
    action: str  # the emergency action names {number}
    number: str  # who to call when the person has named no number of their own
    short_action: str  # the action in one line, for a banner ("" when the content has none)
    short_number: str
    source: str

    def action_line(self, own_number: str | None = None) -> str:
        """The action, naming ``own_number`` when given, else the numbers the content names."""
        return self.action.replace("{number}", own_number or self.number)

    def short_line(self, own_number: str | None = None) -> str:
        """The action in as few words as the content gives, naming ``own_number`` when given."""
        if not self.short_action:
            return self.action_line(own_number)
        return self.short_action.replace("{number}", own_number or self.short_number)


class LaySign(Record):
    """A red flag in a person's words: the check's question, the phrasings search knows."""

    __slots__ = ("flag_id", "question", "question_source", "says", "sources", "not_alone")
    flag_id: str
    question: str
    question_source: str
    says: tuple[str, ...]
    sources: tuple[str, ...]
    not_alone: tuple[str, ...]  # words that, alone, do not bring the sign first


class Topic(Record):
    __slots__ = ("id", "title", "tab", "paragraphs", "sections")
    id: str
    title: str
    tab: str
    paragraphs: tuple[str, ...]
    sections: tuple[Section, ...]


class Meta(Record):
    __slots__ = ("title", "source", "version", "disclaimer")
    title: str
    source: str
    version: str
    disclaimer: str


class Pack(Record):
    """A content pack that was added: its file, its title and source, the topics and the
    sections (of other topics) it added."""

    __slots__ = ("path", "title", "source", "topics", "sections")
    path: str
    title: str
    source: str
    topics: tuple[str, ...]
    sections: tuple[str, ...]


class Content(Record):
    __slots__ = ("meta", "topics", "red_flag_lists", "synonyms", "path", "urgency", "lay", "packs")
    meta: Meta
    topics: tuple[Topic, ...]
    red_flag_lists: tuple[RedFlagList, ...]
    synonyms: dict[str, tuple[str, ...]]
    path: str
    urgency: dict[str, Urgency]  # as the file says it: use urgency_of()
    lay: dict[str, LaySign]  # red flag id -> its plain words; signs without any are absent
    packs: tuple[Pack, ...]  # the content packs added, in order

    def __init__(self, packs: tuple[Pack, ...] = (), **fields: object) -> None:
        super().__init__(packs=packs, **fields)

    def pack_of(self, topic: Topic) -> Pack | None:
        """The pack that added ``topic``, or None for a topic of the content file."""
        return next((p for p in self.packs if topic.id in p.topics), None)

    def topic_blocks(self, topic: Topic) -> list[Section | RedFlagList]:
        """The topic's sections and red-flag lists in reading order."""
        lists = [rl for rl in self.red_flag_lists if rl.topic == topic.id]
        blocks: list[Section | RedFlagList] = []
        for section in topic.sections:
            blocks.append(section)
            blocks.extend(rl for rl in lists if rl.after == section.id)
        blocks.extend(rl for rl in lists if rl.after is None)
        return blocks

    def emergency_signs(self) -> list[RedFlag]:
        """Every emergency red flag once: a flag marked same_as another is left out."""
        return [
            flag
            for rl in self.red_flag_lists
            if rl.urgency == "emergency"
            for flag in rl.flags
            if flag.same_as is None
        ]

    def urgency_of(self, urgency: str) -> Urgency:
        """The label, heading and action of ``urgency``: the file's, else backref's plain words."""
        found = self.urgency.get(urgency)
        if found is not None:
            return found
        from backref.core.wording import URGENCY_HEADINGS, URGENCY_WORDS

        return Urgency(label=URGENCY_WORDS.get(urgency, urgency.upper()),
                       heading=URGENCY_HEADINGS.get(urgency, urgency.upper()), action="", number="",
                       short_action="", short_number="", source="")

    def signs(self, urgency: str) -> list[RedFlag]:
        """The red flags of ``urgency`` once each, in list order (same_as ones left out)."""
        return [flag for rl in self.red_flag_lists if rl.urgency == urgency
                for flag in rl.flags if flag.same_as is None]

    def same_ids(self) -> dict[str, list[str]]:
        """Each sign's id -> its id and the ids of the flags marked same_as it."""
        ids: dict[str, list[str]] = {}
        for rl in self.red_flag_lists:
            for flag in rl.flags:
                ids.setdefault(flag.same_as or flag.id, []).append(flag.id)
        return ids

    def emergency_notes(self) -> list[str]:
        return [rl.note for rl in self.red_flag_lists if rl.urgency == "emergency" and rl.note]

    def checklist_sections(self) -> Iterator[tuple[Topic, Section]]:
        for topic in self.topics:
            for section in topic.sections:
                if section.is_checklist:
                    yield topic, section

    def item(self, item_id: str) -> Item | None:
        """The item (of any section) with this id, or None."""
        for topic in self.topics:
            for section in topic.sections:
                for item in section.items:
                    if item.id == item_id:
                        return item
        return None

    def timed_items(self) -> list[tuple[Topic, Section, Item]]:
        """Every item the guide gives a timing, in reading order."""
        return [(t, s, i) for t in self.topics for s in t.sections for i in s.items if i.timer]

    def counts(self) -> tuple[int, int, int]:
        """(topics, items, red flags)."""
        items = sum(len(s.items) for t in self.topics for s in t.sections)
        flags = sum(len(rl.flags) for rl in self.red_flag_lists)
        return len(self.topics), items, flags

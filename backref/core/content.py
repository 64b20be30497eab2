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
    """A red flag in the guide's words; ``gloss`` says its jargon in plain words (from a named source)."""

    __slots__ = ("id", "text", "urgency", "same_as", "gloss")
    id: str
    text: str
    urgency: str
    same_as: str | None
    gloss: str | None

    def __init__(self, gloss: str | None = None, **fields: object) -> None:
        super().__init__(gloss=gloss, **fields)


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
    """What backref says for one urgency: its label, heading and what to do, with whose words.

    ``time_frame`` (how soon) and ``safety_net`` (what to do if it gets worse; it may name
    {number}, the emergency number) are said on the check's card for this urgency.
    """

    __slots__ = ("label", "heading", "action", "number", "short_action", "short_number", "source",
                 "time_frame", "safety_net")
    label: str
    heading: str
    action: str  # the emergency action names {number}
    number: str  # who to call when the person has named no number of their own
    short_action: str  # the action in one line, for a banner ("" when the content has none)
    short_number: str
    source: str
    time_frame: str
    safety_net: str

    def __init__(self, time_frame: str = "", safety_net: str = "", **fields: object) -> None:
        super().__init__(time_frame=time_frame, safety_net=safety_net, **fields)

    def action_line(self, own_number: str | None = None) -> str:
        """The action, naming ``own_number`` when given, else the numbers the content names."""
        return self.action.replace("{number}", own_number or self.number)

    def short_line(self, own_number: str | None = None) -> str:
        """The action in as few words as the content gives, naming ``own_number`` when given."""
        if not self.short_action:
            return self.action_line(own_number)
        return self.short_action.replace("{number}", own_number or self.short_number)


class LaySign(Record):
    """A red flag in a person's words: the check's question, the phrasings search knows.

    ``differs`` is where another trusted service (the NHS) puts this sign at another urgency
    than the guide does, with ``differs_source``; "" when none is known to.
    """

    __slots__ = ("flag_id", "question", "question_source", "says", "sources", "not_alone",
                 "differs", "differs_source")
    flag_id: str
    question: str
    question_source: str
    says: tuple[str, ...]
    sources: tuple[str, ...]
    not_alone: tuple[str, ...]  # words that, alone, do not bring the sign first
    differs: str
    differs_source: str

    def __init__(self, differs: str = "", differs_source: str = "", **fields: object) -> None:
        super().__init__(differs=differs, differs_source=differs_source, **fields)


class NumberNote(Record):
    """What a phone number is, where (search answers a query that is one)."""

    __slots__ = ("number", "says", "source")
    number: str
    says: str
    source: str


class Part(Record):
    """One part of a red flag's meaning (a place, a sensation, a bodily function, an event, a
    course) and the lay words that say it, with their sources.

    A ``telling`` part may bring its sign into view alone; one that is not (pain, can't, both
    sides) counts only near a telling part of the same sign, in the same sentence. ``not_in``
    holds phrases inside which the part's words mean something else ("fell asleep").
    """

    __slots__ = ("name", "label", "telling", "near", "symptom", "says", "sources", "not_in")
    name: str
    label: str  # what the part is, in words a person understands ("bladder", "loss of control")
    telling: bool
    near: int  # for a part that tells nothing alone: how many words from a telling part it may be
    symptom: bool  # its words name a symptom (so a query holding one and reaching no sign is offered the check)
    says: tuple[str, ...]
    sources: tuple[str, ...]
    not_in: tuple[str, ...]


class Meaning(Record):
    """The red flags by meaning: the parts vocabulary and, per sign, the combinations of parts
    ("saddle-place + loss-of-feeling", "leg-place + weakness unless one-side") that reach it.

    Kept as the file's validated tables: a lookup never reads them (search keeps them compiled in
    the parse cache), so loading the content builds no record from them.
    """

    __slots__ = ("tables", "combos")
    tables: dict[str, dict]  # type: ignore[type-arg]  # [parts.*] as the file gives them
    combos: dict[str, list[str]]  # [reach]: sign id -> its combinations as written

    @property
    def parts(self) -> dict[str, Part]:
        """Each part by name, with its words and their sources."""
        return {
            name: Part(name=name, label=table["label"], telling=table.get("telling", True),
                       near=table.get("near", PART_NEAR), symptom=table.get("symptom", True),
                       says=tuple(s for words in table.get("words", ()) for s in words["says"]),
                       sources=tuple(words["source"] for words in table.get("words", ())),
                       not_in=tuple(table.get("not_in", ())))
            for name, table in self.tables.items()
        }

    @property
    def reach(self) -> dict[str, tuple[str, ...]]:
        """Each sign's combinations of parts, as written."""
        return {sign: tuple(combos) for sign, combos in self.combos.items()}


PART_NEAR = 4  # words between a part that tells nothing alone and a telling one, by default
NO_MEANING = Meaning(tables={}, combos={})


def parse_combo(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """"leg-place + weakness unless one-side" -> (("leg-place", "weakness"), ("one-side",)):
    the parts that must all be said, and the parts that, said too, keep the combination shut."""
    need, _, unless = text.partition(" unless ")
    return (tuple(p.strip() for p in need.split("+") if p.strip()),
            tuple(p.strip() for p in unless.split("+") if p.strip()))


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
    __slots__ = ("meta", "topics", "red_flag_lists", "synonyms", "path", "urgency", "lay", "packs", "numbers",
                 "meaning")
    meta: Meta
    topics: tuple[Topic, ...]
    red_flag_lists: tuple[RedFlagList, ...]
    synonyms: dict[str, tuple[str, ...]]
    path: str
    urgency: dict[str, Urgency]  # as the file says it: use urgency_of()
    lay: dict[str, LaySign]  # red flag id -> its plain words; signs without any are absent
    packs: tuple[Pack, ...]  # the content packs added, in order
    numbers: dict[str, NumberNote]  # a phone number -> what it is
    meaning: Meaning  # the signs as combinations of parts (empty when the file has none)

    def __init__(self, packs: tuple[Pack, ...] = (), numbers: dict[str, NumberNote] | None = None,
                 meaning: Meaning = NO_MEANING, **fields: object) -> None:
        super().__init__(packs=packs, numbers=numbers or {}, meaning=meaning, **fields)

    def pack_of(self, topic: Topic) -> Pack | None:
        """The pack that added ``topic``, or None for a topic of the content file."""
        return next((p for p in self.packs if topic.id in p.topics), None)

    def topic_blocks(self, topic: Topic) -> list[Section | RedFlagList]:
        """The topic's sections and red-flag lists in reading order; where lists share a place,
        the most urgent comes first (what to do now before what to book)."""
        rank = {urgency: n for n, urgency in enumerate(URGENCIES)}
        lists = sorted((rl for rl in self.red_flag_lists if rl.topic == topic.id),
                       key=lambda rl: rank.get(rl.urgency, len(rank)))
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

    def number_note(self, query: str) -> NumberNote | None:
        """What the content says of the phone number ``query`` is ("000", "9-1-1"), or None."""
        digits = query.replace(" ", "").replace("-", "")
        return self.numbers.get(digits) if digits.isdigit() else None

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

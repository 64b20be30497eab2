"""The content model: immutable records read from content.toml, validated.

Ground floor: imports nothing of Textual or Rich, and as little of the standard
library as it can, because every lookup command pays for its imports.
"""
from __future__ import annotations

import os

from backref.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    from collections.abc import Iterator

KINDS = ("list", "checklist")
URGENCIES = ("emergency", "see-doctor")
# Urgency said in words wherever it is shown, so it never rests on colour alone.
URGENCY_WORDS = {"emergency": "EMERGENCY", "see-doctor": "SEE A DOCTOR"}


class ContentError(Exception):
    """Content that cannot be used; each line of ``errors`` names its place."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


class Item(Record):
    __slots__ = ("id", "text", "detail")
    id: str
    text: str
    detail: str | None


class Section(Record):
    __slots__ = ("id", "title", "kind", "daily", "paragraphs", "items")
    id: str
    title: str
    kind: str
    daily: bool
    paragraphs: tuple[str, ...]
    items: tuple[Item, ...]

    @property
    def is_checklist(self) -> bool:
        return self.kind == "checklist"


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


class Content(Record):
    __slots__ = ("meta", "topics", "red_flag_lists", "synonyms", "path")
    meta: Meta
    topics: tuple[Topic, ...]
    red_flag_lists: tuple[RedFlagList, ...]
    synonyms: dict[str, tuple[str, ...]]
    path: str

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

    def emergency_notes(self) -> list[str]:
        return [rl.note for rl in self.red_flag_lists if rl.urgency == "emergency" and rl.note]

    def checklist_sections(self) -> Iterator[tuple[Topic, Section]]:
        for topic in self.topics:
            for section in topic.sections:
                if section.is_checklist:
                    yield topic, section

    def counts(self) -> tuple[int, int, int]:
        """(topics, items, red flags)."""
        items = sum(len(s.items) for t in self.topics for s in t.sections)
        flags = sum(len(rl.flags) for rl in self.red_flag_lists)
        return len(self.topics), items, flags


def default_content_path() -> str:
    """content.toml inside the installed package, else at the root of a checkout."""
    # os.path rather than importlib.resources: the latter costs ~15 ms of imports
    # on every lookup, and the package is always installed as plain files.
    here = os.path.dirname(os.path.abspath(__file__))
    shipped = os.path.join(here, "content.toml")
    if os.path.exists(shipped):
        return shipped
    return os.path.join(os.path.dirname(here), "content.toml")


def active_content_path(explicit: str | None = None) -> str:
    """The content file in use: an explicit path, then $BACKREF_CONTENT, then the shipped one."""
    return explicit or os.environ.get("BACKREF_CONTENT") or default_content_path()


def load_content(path: str | None = None, *, use_cache: bool = True) -> Content:
    """Read, validate and build the content at ``path``; raise ContentError if unusable."""
    from backref import marshal_cache

    path = os.path.abspath(path or active_content_path())
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ContentError([f"{path}: no such file"]) from None
    except OSError as exc:
        raise ContentError([f"{path}: cannot read: {exc.strerror}"]) from None
    raw = marshal_cache.read("content", path, st) if use_cache else None
    if raw is None:
        from backref.content_schema import parse_and_validate

        raw = parse_and_validate(path)
        if use_cache:
            marshal_cache.write("content", path, st, raw)
    return build_content(raw, path)


def build_content(raw: dict, path: str) -> Content:  # type: ignore[type-arg]
    """Records from a dict that has passed validation."""
    meta = Meta(**raw["meta"])
    topics = tuple(
        Topic(
            id=t["id"],
            title=t["title"],
            tab=t["tab"],
            paragraphs=tuple(t.get("paragraphs", ())),
            sections=tuple(
                Section(
                    id=s["id"],
                    title=s["title"],
                    kind=s["kind"],
                    daily=s.get("daily", False),
                    paragraphs=tuple(s.get("paragraphs", ())),
                    items=tuple(
                        Item(id=i["id"], text=i["text"], detail=i.get("detail"))
                        for i in s.get("items", ())
                    ),
                )
                for s in t.get("sections", ())
            ),
        )
        for t in raw["topics"]
    )
    lists = tuple(
        RedFlagList(
            id=rl["id"],
            title=rl["title"],
            urgency=rl["urgency"],
            topic=rl["topic"],
            after=rl.get("after"),
            note=rl.get("note"),
            flags=tuple(
                RedFlag(id=f["id"], text=f["text"], urgency=rl["urgency"], same_as=f.get("same_as"))
                for f in rl["flags"]
            ),
        )
        for rl in raw.get("red_flags", ())
    )
    synonyms = {k: tuple(v) for k, v in raw.get("synonyms", {}).items()}
    return Content(meta=meta, topics=topics, red_flag_lists=lists, synonyms=synonyms, path=path)


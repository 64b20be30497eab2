"""A topic, checklist section or checklist item from what a person typed (CLI, TUI and palette).

Each raises UserError naming the choices when nothing, or more than one thing, matches.
"""
from __future__ import annotations

from backref.core.errors import UserError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from backref.core.content import Content, Item, Section, Topic


def resolve_topic(content: Content, name: str) -> Topic:
    """The topic ``name`` means: an exact id, else the one topic whose id or title starts with it
    (ignoring case)."""
    wanted = name.strip().lower()
    for topic in content.topics:
        if topic.id.lower() == wanted:
            return topic
    matches = [
        t for t in content.topics
        if wanted and (t.id.lower().startswith(wanted) or t.title.lower().startswith(wanted))
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(t.id for t in matches)
        raise UserError(f"ambiguous topic {name!r} (matches: {ids}; type more of one)")
    ids = ", ".join(t.id for t in content.topics)
    raise UserError(f"unknown topic {name!r} (topics: {ids})")


def chosen_topics(content: Content, names: list[str]) -> list[Topic]:
    """The named topics in the order given, each once; every topic when none is named."""
    if not names:
        return list(content.topics)
    chosen: list[Topic] = []
    for name in names:
        topic = resolve_topic(content, name)
        if topic not in chosen:
            chosen.append(topic)
    return chosen


def section_ids(content: Content) -> str:
    """The checklist section ids, comma-separated, for error messages."""
    return ", ".join(s.id for _t, s in content.checklist_sections())


def resolve_section(content: Content, name: str) -> tuple[Topic, Section]:
    """The checklist section ``name`` means: an exact id, else the one whose id or title starts
    with it (ignoring case)."""
    wanted = name.strip().lower()
    sections = list(content.checklist_sections())
    for topic, section in sections:
        if section.id.lower() == wanted:
            return topic, section
    matches = [
        (t, s) for t, s in sections
        if wanted and (s.id.lower().startswith(wanted) or s.title.lower().startswith(wanted))
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(s.id for _t, s in matches)
        raise UserError(f"ambiguous section {name!r} (matches: {ids}; type more of one)")
    raise UserError(f"unknown checklist section {name!r} (sections: {section_ids(content)})")


def resolve_item(content: Content, name: str) -> Item:
    """The checklist item ``name`` means: its id, else the one whose text is ``name`` (ignoring
    case), else the one whose text or id contains it."""
    items = [item for _t, s in content.checklist_sections() for item in s.items]
    for item in items:
        if item.id == name:
            return item
    if any(item.id == name for t in content.topics for s in t.sections for item in s.items):
        raise UserError(f"{name!r} is not a checklist item; only checklist items can be ticked")
    wanted = " ".join(name.lower().split())
    exact = [item for item in items if item.text.lower() == wanted]
    matches = exact or [item for item in items if wanted and (wanted in item.text.lower() or wanted in item.id)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UserError(f"{name!r} matches {len(matches)} checklist items: {candidates(matches)}; "
                        "name one by its id")
    words = {w for w in wanted.replace("-", " ").split() if len(w) >= 3}
    near = [item for item in items if words & set(item.text.lower().replace("-", " ").split())]
    if near:
        raise UserError(f"no checklist item matches {name!r}; did you mean: {candidates(near)}")
    raise UserError(f"no checklist item matches {name!r} (see 'backref checklist' for ids)")


def candidates(items: list[Item]) -> str:
    """Items as `id (text)`, comma-separated, for error messages."""
    return ", ".join(f"{item.id} ({item.text})" for item in items)


def resolve_checklists(content: Content, name: str) -> list[tuple[Topic, Section]]:
    """The checklist sections ``name`` means: one section, or every checklist of a topic.
    An exact id wins (a section's, then a topic's); then a section, then a topic, by prefix."""
    wanted = name.strip().lower()
    sections = list(content.checklist_sections())
    exact = [(t, s) for t, s in sections if s.id.lower() == wanted] or \
        [(t, s) for t, s in sections if t.id.lower() == wanted]
    if exact:
        return exact
    try:
        return [resolve_section(content, name)]
    except UserError as section_error:
        try:
            topic = resolve_topic(content, name)
        except UserError:
            raise section_error from None
    chosen = [(t, s) for t, s in sections if t is topic]
    if not chosen:
        raise UserError(f"topic {topic.id!r} has no checklists (sections: {section_ids(content)})")
    return chosen


def resolve_items(content: Content, names: list[str]) -> tuple[list[Item], str | None]:
    """The checklist items ``names`` mean, each once, and the phrase they were joined into when
    the words were typed unquoted: each name alone first, else all of them as one phrase
    ('proper warm-up'), else the first name's error."""
    try:
        items = [resolve_item(content, name) for name in names]
    except UserError:
        if len(names) < 2:
            raise
        phrase = " ".join(names)
        try:
            return [resolve_item(content, phrase)], phrase
        except UserError:
            pass
        raise
    return list({item.id: item for item in items}.values()), None

"""The checklist commands: `backref checklist [SECTION]`, `backref tick ITEM...`,
`backref untick ITEM...` and `backref checklist --reset SECTION`.

Top floor, beside cli.py: plain text only, never Textual or Rich.
"""
from __future__ import annotations

import sys

from backref import text
from backref.cli_output import output_width, print_json, print_lines
from backref.errors import UserError
from backref.state import StateStore, section_progress, state_path

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time
    import argparse

    from backref.content import Content, Item, Section, Topic

def run_checklist(args: argparse.Namespace, content: Content) -> int:
    """`backref checklist [SECTION]`: tick boxes and progress; `--reset SECTION` unticks one."""
    store = StateStore(state_path(args.state), content)
    try:
        if args.reset:
            if not args.section:
                raise UserError(f"--reset needs a SECTION (sections: {section_ids(content)})")
            return reset(store, content, args.section)
        chosen = checklist_sections(content)
        if args.section:
            chosen = [resolve_section(content, args.section)]
        ticked_at = store.ticked_times()
        streak = store.streak()
        if args.json:
            print_json(checklist_json(chosen, ticked_at, streak))
        else:
            print_lines(checklist_lines(content, chosen, ticked_at, streak, output_width(args)))
        return 0
    finally:
        print_notices(store)


def run_tick(args: argparse.Namespace, content: Content) -> int:
    """`backref tick ITEM...`: tick every named item in one locked write; one line per item."""
    return change_ticks(args, content, on=True)


def run_untick(args: argparse.Namespace, content: Content) -> int:
    """`backref untick ITEM...`: untick every named item in one locked write; one line per item."""
    return change_ticks(args, content, on=False)


def change_ticks(args: argparse.Namespace, content: Content, *, on: bool) -> int:
    """Resolve every ITEM first (nothing is written if one is wrong), then one locked write."""
    items = list({item.id: item for item in (resolve_item(content, name) for name in args.items)}.values())
    daily = daily_item_ids(content)
    store = StateStore(state_path(args.state), content)
    try:
        ids = [item.id for item in items]
        if on:
            store.tick(ids)
        else:
            store.untick(ids)
    finally:
        print_notices(store)
    verb = "ticked" if on else "unticked"
    lines = []
    for item in items:
        when = " (today)" if item.id in daily else ""
        done = verb if item.id in store.changed else f"already {verb}"
        lines.append(f"{done}: {item.text}{when}")
    print_lines(lines)
    return 0


def reset(store: StateStore, content: Content, name: str) -> int:
    """Untick the named section (today's ticks of a daily one) and say how many went."""
    topic, section = resolve_section(content, name)
    store.reset_section(section.id)
    count = len(store.changed)
    ticks = "tick" if count == 1 else "ticks"
    when = " (today)" if section.daily else ""
    print_lines([f"reset: {topic.tab} > {section.title}{when}: {count} {ticks} removed"])
    return 0


# -- finding what the user named ----------------------------------------------

def checklist_sections(content: Content) -> list[tuple[Topic, Section]]:
    """Every checklist section with its topic, in reading order."""
    return list(content.checklist_sections())


def section_ids(content: Content) -> str:
    """The checklist section ids, comma-separated, for error messages."""
    return ", ".join(s.id for _t, s in content.checklist_sections())


def daily_item_ids(content: Content) -> set[str]:
    """Ids of the items in daily sections."""
    return {item.id for _t, s in content.checklist_sections() if s.daily for item in s.items}


def resolve_section(content: Content, name: str) -> tuple[Topic, Section]:
    """The checklist section ``name`` means: an exact id, else the one whose id or title starts
    with it (ignoring case). UserError naming the choices when none or several match."""
    wanted = name.strip().lower()
    sections = checklist_sections(content)
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
    case), else the one whose text or id contains it. UserError listing candidates otherwise."""
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
    raise UserError(f"no checklist item matches {name!r} (see 'backref checklist --json' for ids)")


def candidates(items: list[Item]) -> str:
    """Items as `id (text)`, comma-separated, for error messages."""
    return ", ".join(f"{item.id} ({item.text})" for item in items)


# -- output ------------------------------------------------------------------

def checklist_lines(content: Content, chosen: list[tuple[Topic, Section]],
                    ticked_at: dict[str, str], streak: int, width: int) -> list[str]:
    """Each chosen section under its topic: a progress line per topic and section, then boxes."""
    lines: list[str] = []
    whole = len(chosen) > 1
    for topic in content.topics:
        sections = [s for t, s in chosen if t is topic]
        if not sections:
            continue
        if whole:
            done = sum(section_progress(s, ticked_at)[0] for s in sections)
            total = sum(len(s.items) for s in sections)
            today = " (today)" if all(s.daily for s in sections) else ""
            if lines:
                lines.append("")
            lines.append(f"{topic.title}  {done}/{total}{today}{streak_note(sections, streak)}")
        for section in sections:
            done, total = section_progress(section, ticked_at)
            today = " (today)" if section.daily else ""
            note = "" if whole else streak_note(sections, streak)
            lines.append("")
            lines.append(f"{topic.tab} > {section.title}  {done}/{total}{today}{note}")
            for item in section.items:
                mark = "[x] " if item.id in ticked_at else "[ ] "
                lines.extend(text.wrap(text.item_text(item.text, item.detail), width, "  " + mark))
    return lines[1:] if lines and not lines[0] else lines


def streak_note(sections: list[Section], streak: int) -> str:
    """`  streak: N days` after a progress line of daily sections, else nothing."""
    if not any(s.daily for s in sections):
        return ""
    return f"  streak: {streak} day{'' if streak == 1 else 's'}"


def checklist_json(chosen: list[tuple[Topic, Section]], ticked_at: dict[str, str],
                   streak: int) -> dict[str, object]:
    """Sections with their items, ticks and progress, and the daily streak, as plain data."""
    sections = []
    for topic, section in chosen:
        done, total = section_progress(section, ticked_at)
        sections.append({
            "id": section.id, "title": section.title, "topic": topic.id, "topic_title": topic.title,
            "daily": section.daily, "done": done, "total": total,
            "items": [
                {"id": i.id, "text": i.text, "detail": i.detail,
                 "ticked": i.id in ticked_at, "ticked_at": ticked_at.get(i.id)}
                for i in section.items
            ],
        })
    return {"sections": sections, "streak": streak}








def print_notices(store: StateStore) -> None:
    """What the store has to tell the user (a corrupt file set aside...), once, on stderr."""
    for notice in store.notices:
        print(f"backref: {notice}", file=sys.stderr)
    store.notices.clear()

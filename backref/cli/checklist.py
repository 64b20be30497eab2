"""The checklist commands: `backref checklist [SECTION|TOPIC]`, `backref tick ITEM...`,
`backref untick ITEM...` and `backref checklist --reset SECTION`.
"""
from __future__ import annotations

from backref.cli.output import output_width, print_error, print_json, print_lines, print_notices
from backref.core import wording
from backref.core.errors import UserError
from backref.core.render import fitted, wrap
from backref.core.resolve import resolve_checklists, resolve_items, resolve_section, section_ids
from backref.cli.store import open_store
from backref.core.state import StateStore, section_progress

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time
    import argparse

    from backref.core.content import Content, Section, Topic

def run_checklist(args: argparse.Namespace, content: Content) -> int:
    """`backref checklist [SECTION|TOPIC]`: tick boxes, ids and progress; `--reset SECTION` unticks one."""
    store = open_store(args.state, content)
    try:
        if args.reset:
            if not args.section:
                raise UserError(f"--reset needs a SECTION (sections: {section_ids(content)})")
            return reset(store, content, args.section)
        chosen = list(content.checklist_sections())
        if args.section:
            chosen = resolve_checklists(content, args.section)
        ticked_at = store.ticked_times()
        streak = store.streak()
        from backref.cli.episode import current_signs, signs_block

        signs = current_signs(content, store) if store.stored("episodes") else []
        if args.json:
            from backref.core.episodes import sign_json

            print_json({**checklist_json(chosen, ticked_at, streak), "signs": [sign_json(s) for s in signs]})
        else:
            width = output_width(args)
            print_lines(checklist_lines(content, chosen, ticked_at, streak, width) + signs_block(signs, width))
        return 0
    finally:
        print_notices(store.notices)


def run_tick(args: argparse.Namespace, content: Content) -> int:
    """`backref tick ITEM...`: tick every named item in one locked write; one line per item."""
    return change_ticks(args, content, on=True)


def run_untick(args: argparse.Namespace, content: Content) -> int:
    """`backref untick ITEM...`: untick every named item in one locked write; one line per item."""
    return change_ticks(args, content, on=False)


def change_ticks(args: argparse.Namespace, content: Content, *, on: bool) -> int:
    """Resolve every ITEM first (nothing is written if one is wrong), then one locked write."""
    items, phrase = resolve_items(content, list(args.items))
    if phrase is not None:  # unquoted words, as typed over SSH: say how they were read
        print_error(f"read the words '{phrase}' as one item: {items[0].text}")
    daily = daily_item_ids(content)
    store = open_store(args.state, content)
    try:
        ids = [item.id for item in items]
        if on:
            store.tick(ids)
        else:
            store.untick(ids)
    finally:
        print_notices(store.notices)
    verb = "ticked" if on else "unticked"
    lines = []
    for item in items:
        when = " (today)" if item.id in daily else ""
        done = verb if item.id in store.changed else f"already {verb}"
        lines.append(f"{done}: {item.text}{when}")
    if store.started_episode:
        lines.append(wording.EPISODE_STARTED_BY_TICK)
    print_lines(lines)
    return 0


def reset(store: StateStore, content: Content, name: str) -> int:
    """Untick the named section (today's ticks of a daily one) and say how many went."""
    topic, section = resolve_section(content, name)
    store.reset_section(section.id)
    count = len(store.changed)
    when = " (today)" if section.daily else ""
    print_lines([f"reset: {topic.tab} > {section.title}{when}: {wording.plural(count, 'tick')} removed"])
    return 0


def daily_item_ids(content: Content) -> set[str]:
    """Ids of the items in daily sections."""
    return {item.id for _t, s in content.checklist_sections() if s.daily for item in s.items}


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
            daily = all(s.daily for s in sections)
            if lines:
                lines.append("")
            lines += fitted(f"{topic.title}  {wording.progress(done, total, daily)}{streak_note(sections, streak)}", width)
        for section in sections:
            done, total = section_progress(section, ticked_at)
            note = "" if whole else streak_note(sections, streak)
            lines.append("")
            lines += fitted(f"{topic.tab} > {section.title}  {wording.progress(done, total, section.daily)}{note}", width)
            for item in section.items:
                mark = "[x] " if item.id in ticked_at else "[ ] "
                # the id last, so `tick ID` can be copied from here
                lines.extend(wrap(f"{wording.item_line(item.text, item.detail)} ({item.id})", width, "  " + mark))
    return lines[1:] if lines and not lines[0] else lines


def streak_note(sections: list[Section], streak: int) -> str:
    """`  streak: N days` after a progress line of daily sections, else nothing."""
    if not any(s.daily for s in sections):
        return ""
    return f"  {wording.streak(streak)}"


def checklist_json(chosen: list[tuple[Topic, Section]], ticked_at: dict[str, str],
                   streak: int) -> dict[str, object]:
    """Sections with their items, ticks and progress, and the daily streak, as plain data."""
    sections = []
    for topic, section in chosen:
        done, total = section_progress(section, ticked_at)
        sections.append({
            "id": section.id, "title": section.title, "topic": topic.id, "topic_title": topic.title,
            "daily": section.daily, "scope": section.scope or None, "done": done, "total": total,
            "items": [
                {"id": i.id, "text": i.text, "detail": i.detail,
                 "ticked": i.id in ticked_at, "ticked_at": ticked_at.get(i.id)}
                for i in section.items
            ],
        })
    return {"sections": sections, "streak": streak}

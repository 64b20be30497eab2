"""The lookup commands: `backref topics`, `backref show [TOPIC...]`, `backref redflags`.

Top floor, beside cli.py, but on the fast path: plain text only, never Textual or Rich;
json is imported only under --json and the checklist state only when its file exists.
"""
from __future__ import annotations

import os
import sys

from backref import text
from backref.cli_output import output_width, print_json, print_lines
from backref.errors import UserError

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    import argparse

    from backref.content import Content, Topic







def resolve_topic(content: Content, name: str) -> Topic:
    """The topic ``name`` means: an exact id, else the one topic whose id or title starts with it
    (ignoring case). Raise UserError naming the choices when none or several match."""
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


def ticked_items(args: argparse.Namespace, content: Content, topics: list[Topic]) -> frozenset[str]:
    """The ids of ticked checklist items, read only when a topic has a checklist and the state
    file exists, so most lookups never touch state; notices go to stderr."""
    if not any(section.is_checklist for topic in topics for section in topic.sections):
        return frozenset()
    from backref.state import StateStore, state_path

    path = state_path(args.state)
    if not os.path.exists(path):
        return frozenset()
    store = StateStore(path, content)
    ticked = store.ticked()
    for notice in store.notices:
        print(f"backref: {notice}", file=sys.stderr)
    return frozenset(ticked)


def run_topics(args: argparse.Namespace, content: Content) -> int:
    """`backref topics`: id<TAB>title per topic, or a JSON array of {id, title, tab}."""
    if args.json:
        print_json([text.topic_summary_json(t) for t in content.topics])
    else:
        print_lines([f"{t.id}\t{t.title}" for t in content.topics])
    return 0


def run_show(args: argparse.Namespace, content: Content) -> int:
    """`backref show [TOPIC...]`: the named topics in full, or all of them in order."""
    topics = chosen_topics(content, list(args.topics or ()))
    ticked = ticked_items(args, content, topics)
    if args.json:
        print_json([text.topic_json(content, t, ticked) for t in topics])
        return 0
    width = output_width(args)
    encoding = getattr(sys.stdout, "encoding", None)
    lines: list[str] = []
    for topic in topics:
        if lines:
            lines += ["", ""]
        lines += text.topic_lines(content, topic, width, ticked, encoding)
    print_lines(lines)
    return 0


def run_redflags(args: argparse.Namespace, content: Content) -> int:
    """`backref redflags`: every emergency red flag, then when to book a doctor."""
    if args.json:
        print_json(text.redflags_json(content))
    else:
        encoding = getattr(sys.stdout, "encoding", None)
        print_lines(text.redflag_lines(content, output_width(args), encoding))
    return 0

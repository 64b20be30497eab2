"""The lookup commands: `check`, `topics`, `show [TOPIC...]`, `redflags`.

On the fast path: json is imported only under --json, the checklist state only when its
file exists.
"""
from __future__ import annotations

import os
import sys

from backref.cli.output import output_width, print_json, print_lines, print_notices, print_paged
from backref.cli.terminal import terminal_rows
from backref.core import render
from backref.core.resolve import chosen_topics

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    import argparse

    from backref.core.content import Content, Topic


def ticked_items(args: argparse.Namespace, content: Content, topics: list[Topic]) -> frozenset[str]:
    """The ids of ticked checklist items, read only when a topic has a checklist and the state
    file exists, so most lookups never touch state; notices go to stderr."""
    if not any(section.is_checklist for topic in topics for section in topic.sections):
        return frozenset()
    from backref.cli.store import open_store
    from backref.core.locations import state_path

    path = state_path(args.state)
    if not os.path.exists(path):
        return frozenset()
    store = open_store(args.state, content, path)
    ticked = store.ticked()
    print_notices(store.notices)
    return frozenset(ticked)


def run_check(args: argparse.Namespace) -> int:
    """`backref check [FILE]`: validate a content file, or a pack (a file with a [pack] table)
    against the content in use; with no FILE, the content in use and every pack. Bypasses the
    cache; each problem names its file and place (ContentError: exit 2)."""
    from backref.core import config
    from backref.core.errors import ContentError
    from backref.core.load import build_content, content_stat, load_raw, pack_paths
    from backref.core.locations import content_path
    from backref.core.packs import check_packs
    from backref.core.schema import parse_toml, validated

    base = os.path.abspath(content_path(args.content))
    packs = pack_paths(args.pack or (), folder=config.current().packs or not args.file)
    raw = None
    if args.file:
        path = os.path.abspath(args.file)
        content_stat(path)  # a missing file is said as for --content
        raw = parse_toml(path, "[meta] and [[topics]] tables, or a [pack] table")
        if "pack" not in raw:  # a content file, checked alone (read once: it may be a pipe)
            base, packs, raw = path, [], validated(raw, path)
        else:
            packs, raw = [p for p in packs if p != path] + [path], None
    if raw is None:
        raw = load_raw(base, content_stat(base), use_cache=False)
    errors, merged, added = check_packs(raw, base, packs)
    if errors:
        raise ContentError(errors)
    topics, items, flags = build_content(merged, base).counts()
    also = f" (with {len(added)} pack{'s' if len(added) != 1 else ''})" if added else ""
    print_lines([f"ok: {topics} topics, {items} items, {flags} red flags{also}"])
    return 0


def run_topics(args: argparse.Namespace, content: Content) -> int:
    """`backref topics`: id<TAB>title per topic, or a JSON array of {id, title, tab}."""
    if args.json:
        print_json([render.topic_summary_json(t) for t in content.topics])
    else:
        print_lines([f"{t.id}\t{t.title}" for t in content.topics])
    return 0


def run_show(args: argparse.Namespace, content: Content) -> int:
    """`backref show [TOPIC...]`: the named topics in full, or all of them in order."""
    topics = chosen_topics(content, list(args.topics or ()))
    ticked = ticked_items(args, content, topics)
    if args.json:
        print_json([render.topic_json(content, t, ticked) for t in topics])
        return 0
    width = output_width(args)
    encoding = getattr(sys.stdout, "encoding", None)
    from backref.core.config import current

    number = current().emergency_number  # a red-flag list names the person's own number
    lines: list[str] = []
    for topic in topics:
        if lines:
            lines += ["", ""]
        lines += render.topic_lines(content, topic, width, ticked, encoding, number)
    print_paged(lines, pager=not args.no_pager)
    return 0


def run_redflags(args: argparse.Namespace, content: Content) -> int:
    """`backref redflags`: what to do and every emergency sign once, then when to book a doctor.

    On a terminal too short for both, the see-a-doctor list waits for --all: what stays on
    screen after the command returns must be the emergency heading, action and signs.
    """
    from backref.core.config import current

    number = current().emergency_number
    if args.json:
        print_json(render.redflags_json(content, number))
        return 0
    encoding = getattr(sys.stdout, "encoding", None)
    width = output_width(args)
    lines = render.redflag_lines(content, width, encoding, number)
    rows = terminal_rows()
    if not args.all and rows and len(lines) >= rows:
        from backref.core.wording import REDFLAGS_MORE

        lines = render.redflag_lines(content, width, encoding, number, ("emergency",), REDFLAGS_MORE)
        if len(lines) >= rows:  # the glosses give way before a sign does
            lines = render.redflag_lines(content, width, encoding, number, ("emergency",), REDFLAGS_MORE, False)
    print_lines(lines)
    return 0

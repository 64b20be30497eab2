"""`backref search QUERY...`: ranked hits as plain lines, or JSON for scripts.

On the lookup fast path: json is imported only when --json asks for it.
"""
from __future__ import annotations

from backref.cli.output import print_error, print_lines
from backref.core.printable import one_line
from backref.core.search import build_index
from backref.core.wording import URGENCY_WORDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from backref.core.content import Content
    from backref.core.search import Hit

# Red flags say their urgency in words, so it survives a pipe and a screen reader.
MARKERS = {urgency: f"[{words}] " for urgency, words in URGENCY_WORDS.items()}


def run_search(args: argparse.Namespace, content: Content) -> int:
    """Print the best hits for the query; 1 (and a line on stderr) when nothing matches."""
    query = " ".join(args.query)
    hits = build_index(content).query(query, args.limit)
    if not hits:
        print_error(f"no matches for '{query}'")
        return 1
    if args.json:
        from backref.cli.output import print_json

        print_json([hit_record(hit) for hit in hits])
        return 0
    from backref.cli.output import output_width
    from backref.core.render import wrap

    lines = [hit_line(hit) for hit in hits]
    if any(hit.urgency == "emergency" for hit in hits):  # what to do heads any emergency answer
        lines.insert(0, action_line(content))
    width = output_width(args)  # like the other commands: the terminal's width, 80 when piped
    print_lines([wrapped for line in lines for wrapped in wrap(line, width, rest="    ")])
    return 0


def action_line(content: Content) -> str:
    """'[EMERGENCY] Call 999/112/911 or go to ... now.': the emergency action in its short form,
    which fits one line of 80 columns, naming the person's own number."""
    from backref.core.config import current

    number = current().emergency_number
    urgency = content.urgency_of("emergency")
    return one_line(f"{MARKERS['emergency']}{urgency.short_line(number)}")


def hit_line(hit: Hit) -> str:
    """"Relief > Heat and Cold: Ice first 48 hours"; a title hit is its place alone."""
    marker = MARKERS.get(hit.urgency or "", "")
    # one hit, one line: a newline or tab in the content is shown, not obeyed
    line = f"{marker}{hit.place}" if hit.kind == "section" else f"{marker}{hit.place}: {hit.line}"
    return one_line(line)


def hit_record(hit: Hit) -> dict[str, object]:
    """One hit as JSON: what it says, where it lives, how well it matched."""
    return {
        "kind": hit.kind,
        "topic": hit.topic,
        "topic_id": hit.topic_id,
        "section": hit.section,
        "section_id": hit.section_id,
        "item_id": hit.item_id,
        "place": hit.place,
        "text": hit.line,
        "urgency": hit.urgency,
        "score": hit.score,
        "spans": [list(span) for span in hit.spans],
    }

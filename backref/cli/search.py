"""`backref search QUERY...`: ranked hits as plain lines, or JSON for scripts.

On the lookup fast path: json is imported only when --json asks for it.
"""
from __future__ import annotations

from backref.cli.output import print_error
from backref.core.search import build_index
from backref.core.wording import URGENCY_WORDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from backref.core.content import Content
    from backref.core.search import Hit

# Red flags say their urgency in words, so it survives a pipe and a screen reader.
MARKERS = {urgency: f"[{words}] " for urgency, words in URGENCY_WORDS.items()}
# Control characters (ESC above all) never reach the terminal, whatever the content or query holds.
CONTROLS = {c: "?" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))}


def run_search(args: argparse.Namespace, content: Content) -> int:
    """Print the best hits for the query; 1 (and a line on stderr) when nothing matches."""
    query = " ".join(args.query)
    hits = build_index(content).query(query, args.limit)
    if not hits:
        print_error(f"no matches for '{query.translate(CONTROLS)}'")
        return 1
    if args.json:
        from backref.cli.output import print_json

        print_json([hit_record(hit) for hit in hits])
        return 0
    from backref.cli.output import output_width, print_lines
    from backref.core.render import wrap

    width = output_width(args)  # like the other commands: the terminal's width, 80 when piped
    print_lines([line for hit in hits for line in wrap(hit_line(hit), width, rest="    ")])
    return 0


def hit_line(hit: Hit) -> str:
    """"Relief > Heat and Cold: Ice first 48 hours"; a title hit is its place alone."""
    marker = MARKERS.get(hit.urgency or "", "")
    line = f"{marker}{hit.place}" if hit.kind == "section" else f"{marker}{hit.place}: {hit.line}"
    return line.translate(CONTROLS)


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

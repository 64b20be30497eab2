"""`backref search QUERY...`: ranked hits as plain lines, or JSON for scripts.

On the lookup fast path: json is imported only when --json asks for it.
"""
from __future__ import annotations

import os
import sys

from backref.cli.output import print_error, print_lines, write_raw
from backref.core import wording
from backref.core.printable import one_line, printable
from backref.core.search import build_index

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from backref.core.content import Content
    from backref.core.search import Hit

WHY_INDENT = "    "  # a red flag's matched words, under it (a wrapped hit's lines use the same)
# On a terminal (not piped, NO_COLOR unset) a red flag's urgency stands out: emergency in
# reverse bold, see-a-doctor in bold. The words carry it everywhere else.
STYLES = {"emergency": ("\x1b[1;7m", "\x1b[0m"), "see-doctor": ("\x1b[1m", "\x1b[0m")}


def run_search(args: argparse.Namespace, content: Content) -> int:
    """Print the best hits for the query; 1 (and a line on stderr) when nothing matches."""
    query = " ".join(args.query)
    answer = build_index(content).answer(query, args.limit)
    number = content.number_note(query)  # "000", "111": what the number is, where
    if not answer.hits and number is None:
        print_error(f"no matches for '{query}'")
        if answer.offer_check:
            print_error(wording.CHECK_OFFER_CLI)
        return 1
    if args.json:
        from backref.cli.output import print_json

        print_json([hit_record(hit) for hit in answer.hits])
        return 0
    from backref.cli.output import output_width
    from backref.core.render import wrap

    labels = {u: f"[{content.urgency_of(u).label}] " for u in ("emergency", "see-doctor")}
    width = output_width(args)  # like the other commands: the terminal's width, 80 when piped
    lines: list[tuple[str, str | None]] = []  # (line, the urgency it is styled by)
    if answer.action:  # what to do heads an answer whose first hit is an emergency sign
        lines += [(part, "emergency") for part in wrap(action_line(content, labels["emergency"]), width, rest=WHY_INDENT)]
    if number is not None:
        lines += [(part, None) for part in wrap(number.says, width, rest=WHY_INDENT)]
    for hit in answer.hits:
        lines += [(part, hit.urgency if n == 0 else None)
                  for n, part in enumerate(wrap(hit_line(hit, labels), width, rest=WHY_INDENT))]
        if hit.why:
            lines += [(part, None) for part in wrap(why_of(hit), width, first=WHY_INDENT, rest=WHY_INDENT * 2)]
    if answer.offer_check:
        lines += [(part, None) for part in wrap(wording.CHECK_OFFER_CLI, width, rest=WHY_INDENT)]
    if styled():
        write_styled(lines, labels)
    else:
        print_lines([line for line, _urgency in lines])
    return 0


def action_line(content: Content, label: str) -> str:
    """'[EMERGENCY] Call your local emergency number (999 in the UK, ...) or go to the nearest
    emergency department now.': the action in full, naming the person's own number when set."""
    from backref.core.config import current

    number = current().emergency_number
    return one_line(f"{label}{content.urgency_of('emergency').action_line(number)}")


def hit_line(hit: Hit, labels: dict[str, str]) -> str:
    """"Relief > Heat and Cold: Ice first 48 hours"; a title hit is its place alone; a red flag
    leads with its urgency's label, as the content words it."""
    marker = labels.get(hit.urgency or "", "") if hit.kind == "red-flag" or hit.kind == "section" else ""
    # one hit, one line: a newline or tab in the content is shown, not obeyed
    line = f"{marker}{hit.place}" if hit.kind == "section" else f"{marker}{hit.place}: {hit.line}"
    return one_line(line)


def why_of(hit: Hit) -> str:
    """The line under a red flag: which of the person's words matched which part."""
    return one_line(f"{wording.WHY_LEAD}{hit.why}")


def styled() -> bool:
    """Whether stdout is a terminal that takes bold and reverse (NO_COLOR unset, TERM not dumb)."""
    return (sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM", "") not in ("", "dumb"))


def write_styled(lines: list[tuple[str, str | None]], labels: dict[str, str]) -> None:
    """The lines, each red flag's label in its urgency's style (the text itself made printable)."""
    out = []
    for line, urgency in lines:
        text = printable(line)
        label = labels.get(urgency or "", "")
        if urgency in STYLES and label and text.startswith(printable(label)):
            on, off = STYLES[urgency]
            head = printable(label).rstrip()
            text = f"{on}{head}{off}{text[len(head):]}"
        out.append(text)
    write_raw("\n".join(out) + "\n")


def hit_record(hit: Hit) -> dict[str, object]:
    """One hit as JSON: what it says, where it lives, how well it matched; a red flag also says
    whether its parts were all said, which words matched which part, and what it still needs."""
    record: dict[str, object] = {
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
    if hit.kind == "red-flag":
        record["reached"] = hit.reached
        record["matched"] = [{"words": words, "part": part} for words, part in hit.matched]
        record["missing"] = list(hit.missing)
        record["why"] = hit.why
    return record

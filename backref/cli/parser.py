"""The argument definitions of every command (their work lives in the other cli files)."""
from __future__ import annotations

import argparse
import sys

from backref import __version__
from backref.cli.output import PROG, write_text
from backref.cli.terminal import terminal_columns
from backref.core.printable import one_line


class Formatter(argparse.HelpFormatter):
    """Help wrapped to the terminal, measured without importing shutil (argparse's way)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=min(terminal_columns(), 100) - 2)


class Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one line and exit code 2."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> None:  # type: ignore[override]
        # the message may quote what was typed: it goes through the one output path
        write_text(f"{self.prog}: {one_line(message)} (see '{self.prog} --help')\n", sys.stderr)
        self.exit(2)


def positive_int(text: str) -> int:
    """An argparse type: a whole number from 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def severity(text: str) -> int:
    """An argparse type: a whole number on the 0-10 rating scale."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{text!r} is not on the 0-10 scale")
    return value


def positive_number(text: str) -> float:
    """An argparse type: a number above 0 (minutes or seconds may be fractions)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    return value


def output_options() -> Parser:
    """--json and --width, shared by every lookup command."""
    common = Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON for scripts")
    common.add_argument("--width", type=positive_int, metavar="N",
                        help="wrap text at N columns (default: the terminal's width, 80 when piped)")
    return common


def build_parser() -> Parser:
    """The whole command line."""
    parser = Parser(
        prog=PROG,
        description="Offline reference and checklists for back cramps and spasms. "
        "With no command, opens the full-screen view.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--content", metavar="FILE",
                        help="content file to use (default: $BACKREF_CONTENT, else the shipped content.toml)")
    parser.add_argument("--state", metavar="FILE",
                        help="checklist state file (default: $BACKREF_STATE, else state.toml in the user data dir)")
    parser.add_argument("--no-mouse", action="store_true",
                        help="full-screen view without mouse capture (also $BACKREF_NO_MOUSE)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    out = output_options()

    p = sub.add_parser("check", help="validate a content file")
    p.add_argument("file", nargs="?", metavar="FILE", help="default: the active content file")

    sub.add_parser("topics", parents=[out], help="list the topics: id<TAB>title")

    p = sub.add_parser("show", parents=[out], help="print topics in full (all when none is named)")
    p.add_argument("topics", nargs="*", metavar="TOPIC", help="an id, or a unique prefix of an id or title")

    p = sub.add_parser("redflags", parents=[out], help="print the emergency and see-a-doctor red flags")
    p.add_argument("--all", action="store_true",
                   help="both lists even when the terminal is too short (piped output always has both)")

    p = sub.add_parser("triage", parents=[out], help="the red-flag check: yes/no questions, emergency signs "
                       "first; exit code 0 no red flag reported, 10 see a doctor, 20 emergency")
    p.add_argument("--plain", action="store_true",
                   help="numbered plain lines, no rules or wrapping (screen readers, braille displays)")

    p = sub.add_parser("search", parents=[out], help="search all content")
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--limit", type=positive_int, default=10, metavar="N", help="at most N hits (default 10)")

    p = sub.add_parser("checklist", parents=[out], help="print checklists with [x]/[ ] and progress")
    p.add_argument("section", nargs="?", metavar="SECTION", help="a checklist section id or title")
    p.add_argument("--reset", action="store_true", help="untick every item of SECTION (today's, for a daily one)")

    for name, verb in (("tick", "tick"), ("untick", "untick")):
        p = sub.add_parser(name, help=f"{verb} checklist items")
        p.add_argument("items", nargs="+", metavar="ITEM", help="an item id, or text matching one checklist item")
    add_episode_commands(sub, out)

    p = sub.add_parser("timer", help="count down an item's timing from the guide, with a bell "
                       "(lists the timed items when none is named)")
    p.add_argument("item", nargs="?", metavar="ITEM", help="an item id, or text matching one timed item")
    length = p.add_mutually_exclusive_group()
    length.add_argument("--minutes", type=positive_number, metavar="M", help="time M minutes instead")
    length.add_argument("--seconds", type=positive_number, metavar="S", help="time S seconds instead")
    p.add_argument("--reps", type=positive_int, default=1, metavar="N",
                   help="repeat the hold N times with a rest between")
    p.add_argument("--width", type=positive_int, metavar="N", help="wrap text at N columns")
    return parser


def add_episode_commands(sub: argparse._SubParsersAction[Parser], out: Parser) -> None:
    """`episode [start|note|end|list]` and `summary`."""
    when = "WHEN: YYYY-MM-DD, YYYY-MM-DDTHH:MM, today or yesterday (local time; not in the future)"
    p = sub.add_parser("episode", parents=[out], help="the open spasm episode; start, note, end or list them",
                       description="With no action: the open episode and the see-a-doctor signs the log shows.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    a = actions.add_parser("start", parents=[out], help="start an episode", description=when)
    a.add_argument("--at", metavar="WHEN", help="when it started (default: now)")
    a.add_argument("--severity", type=severity, metavar="0-10", help="how bad, 0 (none) to 10 (worst)")
    a.add_argument("--where", action="append", metavar="TEXT", help="where (a Location Patterns item, or words)")
    a.add_argument("--trigger", action="append", metavar="TEXT", help="what set it off (a Triggers item, or words)")
    a.add_argument("--note", metavar="TEXT", help="a note")
    a = actions.add_parser("note", parents=[out], help="add a dated reading to the open episode")
    a.add_argument("--severity", type=severity, metavar="0-10", help="how bad now, 0 to 10")
    a.add_argument("text", nargs="*", metavar="TEXT", help="a note")
    a = actions.add_parser("end", parents=[out], help="end the open episode", description=when)
    a.add_argument("--at", metavar="WHEN", help="when it ended (default: now; a date alone: its end)")
    actions.add_parser("list", parents=[out], help="every episode, oldest first")

    p = sub.add_parser("summary", help="one page for a doctor: episodes, severity, relief, prevention, signs")
    p.add_argument("--since", metavar="DATE", help="only episodes from DATE on (YYYY-MM-DD, today, yesterday)")
    p.add_argument("--format", choices=("markdown", "html"), default="markdown", help="default: markdown")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) rather than print")

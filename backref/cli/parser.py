"""The argument definitions of every command (their work lives in the other cli files)."""
from __future__ import annotations

import argparse

from backref import __version__
from backref.cli.output import PROG
from backref.cli.terminal import terminal_columns


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
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def positive_int(text: str) -> int:
    """An argparse type: a whole number from 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
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
    return parser

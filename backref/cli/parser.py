"""The argument definitions of every command (their work lives in the other cli files)."""
from __future__ import annotations

import argparse

from backref import __version__
from backref.cli.output import PROG
from backref.cli.terminal import terminal_columns


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help wrapped to the terminal, measured without importing shutil (argparse's way);
    descriptions and examples keep their lines."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=min(terminal_columns(), 100) - 2)


class Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one line and exit code 2."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    example = ""  # a command's example, gathered into the examples of --help

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
        description="Offline reference and checklists for back cramps and spasms.\n"
        "With no command, opens the full-screen view.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--content", metavar="FILE",
                        help="content file to use (default: $BACKREF_CONTENT, else the shipped content.toml)")
    parser.add_argument("--state", metavar="FILE",
                        help="checklist state file (default: $BACKREF_STATE, else state.toml in the user data dir)")
    parser.add_argument("--no-mouse", action="store_true",
                        help="full-screen view without mouse capture (also $BACKREF_NO_MOUSE)")
    parser.add_argument("--topic", metavar="TOPIC", help="open the full-screen view on this topic, not the home")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    out = output_options()
    for add_command in COMMANDS:
        add_command(sub, out)
    parser.epilog = "examples:\n" + "\n".join(f"  {p.example}" for p in sub.choices.values())
    return parser



def command(sub: argparse._SubParsersAction[Parser], name: str, summary: str, example: str,
            parents: tuple[Parser, ...] = ()) -> Parser:
    """A command with its one-line summary (in --help) and an example (in both helps)."""
    p: Parser = sub.add_parser(name, parents=list(parents), help=summary, description=f"{summary[:1].upper()}{summary[1:]}.",
                       epilog=f"example:\n  {example}")
    p.example = example
    return p


# One block per command; COMMANDS (at the end) orders them as --help lists them: what a
# person needs first.

def add_show(sub: argparse._SubParsersAction[Parser], out: Parser) -> None:
    p = command(sub, "show", "print topics in full (all when none is named)", "backref show relief", (out,))
    p.add_argument("topics", nargs="*", metavar="TOPIC", help="an id, or a unique prefix of an id or title")
    p.add_argument("--no-pager", action="store_true", help="never page through $PAGER (paged only on a terminal)")


def add_search(sub: argparse._SubParsersAction[Parser], out: Parser) -> None:
    p = command(sub, "search", "search all content, best hits first", "backref search ice pack", (out,))
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--limit", type=positive_int, default=10, metavar="N", help="at most N hits (default 10)")


def add_redflags(sub: argparse._SubParsersAction[Parser], out: Parser) -> None:
    command(sub, "redflags", "print the emergency and see-a-doctor red flags", "backref redflags", (out,))


def add_checklist(sub: argparse._SubParsersAction[Parser], out: Parser) -> None:
    p = command(sub, "checklist", "print checklists with [x]/[ ], item ids and progress",
                "backref checklist prevention", (out,))
    p.add_argument("section", nargs="?", metavar="SECTION", help="a checklist section, or a topic: id or title")
    p.add_argument("--reset", action="store_true", help="untick every item of SECTION (today's, for a daily one)")


def add_tick(sub: argparse._SubParsersAction[Parser], out: Parser) -> None:
    p = command(sub, "tick", "tick checklist items", "backref tick proper warm-up")
    p.add_argument("items", nargs="+", metavar="ITEM",
                   help="an item id, or text matching one checklist item (quotes optional)")


def add_untick(sub: argparse._SubParsersAction[Parser], out: Parser) -> None:
    p = command(sub, "untick", "untick checklist items", "backref untick apply-ice-20-min")
    p.add_argument("items", nargs="+", metavar="ITEM",
                   help="an item id, or text matching one checklist item (quotes optional)")


def add_topics(sub: argparse._SubParsersAction[Parser], out: Parser) -> None:
    command(sub, "topics", "list the topics: id<TAB>title", "backref topics", (out,))


def add_check(sub: argparse._SubParsersAction[Parser], out: Parser) -> None:
    p = command(sub, "check", "validate a content file (for content authors)", "backref check my-content.toml")
    p.add_argument("file", nargs="?", metavar="FILE", help="default: the active content file")


COMMANDS = [add_show, add_search, add_redflags, add_checklist, add_tick, add_untick, add_topics, add_check]

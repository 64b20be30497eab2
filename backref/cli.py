"""The command line: argparse and the dispatch to each sub-command.

Top floor. Lookup commands import only the ground floor; Textual is imported only
when the full-screen view opens.
"""
from __future__ import annotations

import argparse
import os
import sys

from backref import __version__
from backref.content import Content, ContentError, active_content_path, load_content
from backref.cli_output import terminal_columns
from backref.errors import UserError
from backref.terminal import install_ascii_fallback

PROG = "backref"


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


def output_options() -> Parser:
    common = Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON for scripts")
    common.add_argument("--width", type=positive_int, metavar="N",
                        help="wrap text at N columns (default: the terminal's width, 80 when piped)")
    return common


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def build_parser() -> Parser:
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

    sub.add_parser("redflags", parents=[out], help="print the emergency and see-a-doctor red flags")

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


def load(args: argparse.Namespace) -> Content:
    """The active content for a command."""
    return load_content(active_content_path(args.content))


def run_check(args: argparse.Namespace) -> int:
    path = args.file or active_content_path(args.content)
    content = load_content(path, use_cache=False)
    topics, items, flags = content.counts()
    print(f"ok: {topics} topics, {items} items, {flags} red flags")
    return 0


def dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command == "check":
        return run_check(args)
    if command in ("topics", "show", "redflags"):
        from backref import cli_lookup

        return int(getattr(cli_lookup, f"run_{command}")(args, load(args)))
    if command == "search":
        from backref import cli_search

        return cli_search.run_search(args, load(args))
    if command in ("checklist", "tick", "untick"):
        from backref import cli_checklist

        return int(getattr(cli_checklist, f"run_{command}")(args, load(args)))
    return open_tui(args)


def open_tui(args: argparse.Namespace) -> int:
    from backref.terminal import tui_unavailable_reason

    reason = tui_unavailable_reason()
    if reason:
        raise UserError(
            f"{reason}: the full-screen view needs a capable terminal; use "
            "'backref show [TOPIC]', 'backref search QUERY', 'backref redflags' or 'backref topics'"
        )
    content = load(args)
    from backref.tui.app import run_app

    mouse = not (args.no_mouse or os.environ.get("BACKREF_NO_MOUSE"))
    return run_app(content, state_path=args.state, mouse=mouse)


def main(argv: list[str] | None = None) -> int:
    """Run backref; the exit code: 0 done, 1 nothing found, 2 the user's input was unusable."""
    install_ascii_fallback()
    args = build_parser().parse_args(argv)
    try:
        return dispatch(args)
    except ContentError as exc:
        for line in exc.errors:
            print(f"{PROG}: {line}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader (head, less) went away: stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0

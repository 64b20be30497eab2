"""The argument definitions of every command (their work lives in the other cli files)."""
from __future__ import annotations

import argparse
import sys

from backref import __version__
from backref.cli.output import PROG, write_text
from backref.cli.terminal import terminal_columns
from backref.core.printable import one_line


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
    if value != value or value == float("inf"):  # nan, inf: no length at all
        raise argparse.ArgumentTypeError(f"{text!r} is not a number")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    return value


def output_options() -> Parser:
    """--json and --width, shared by every lookup command."""
    common = Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON for scripts")
    common.add_argument("--width", type=positive_int, metavar="N",
                        help="wrap text at N columns (default: the terminal's width, 80 when piped)")
    return common


# What `--complete-ids KIND` lists, for the shell completions (see cli/completion.py).
COMPLETION_KINDS = ("topics", "sections", "items", "timed")


def completes(action: argparse.Action | None, kind: str) -> None:
    """Mark ``action``'s values as completed from the content: ids of ``kind`` (or "file")."""
    if action is not None:  # None: a command this command line does not build
        action.complete_ids = kind  # type: ignore[attr-defined]


def build_parser(argv: list[str] | None = None, *, every: bool = False) -> Parser:
    """The whole command line; with ``every``, each command's arguments are built (for the
    manual page and the completions), not only those of the command ``argv`` names."""
    parser = Parser(
        prog=PROG,
        description="Offline reference and checklists for back cramps and spasms.\n"
        "With no command, opens the full-screen view.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    completes(parser.add_argument("--content", metavar="FILE",
                                  help="content file to use (default: $BACKREF_CONTENT, else the shipped content.toml)"),
              "file")
    completes(parser.add_argument("--state", metavar="FILE",
                                  help="state file (default: $BACKREF_STATE, else state.toml in the user data dir)"),
              "file")
    completes(parser.add_argument("--config", metavar="FILE",
                                  help="settings file (default: $BACKREF_CONFIG, else config.toml in the user config dir)"),
              "file")
    completes(parser.add_argument("--pack", action="append", metavar="FILE",
                                  help="add this content pack (repeatable), besides those in content.d"), "file")
    parser.add_argument("--no-packs", action="store_true", help="leave out the packs in content.d (also packs = false)")
    parser.add_argument("--no-mouse", action="store_true",
                        help="full-screen view without mouse capture (also $BACKREF_NO_MOUSE)")
    completes(parser.add_argument("--topic", metavar="TOPIC",
                                  help="open the full-screen view on this topic, not the home"), "topics")
    # what the completion scripts call to list ids from the content in use
    parser.add_argument("--complete-ids", choices=COMPLETION_KINDS, help=argparse.SUPPRESS)
    action = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    # Every lookup pays for its parser: only the commands this command line names get their
    # arguments; the others are there by name and summary, for --help (argparse has no lazy way).
    words = set(sys.argv[1:] if argv is None else argv)
    names = {add.__name__.removeprefix("add_") for add in COMMANDS}
    sub = Commands(action, names if every else words)
    # a command line that names a command and asks for no top-level help never lists the others
    sub.listing = every or not (words & names) or bool(words & {"-h", "--help"})
    out = output_options()
    for add_command in COMMANDS:
        add_command(sub, out)
    parser.epilog = "examples:\n" + "\n".join(f"  {p.example}" for p in action.choices.values())
    return parser


class Commands:
    """The sub-command table being built, and which commands this command line names."""

    def __init__(self, action: argparse._SubParsersAction[Parser], named: set[str]) -> None:
        self.action = action
        self.named = named
        self.listing = True  # whether commands not named are listed (for --help, usage errors)


def command(sub: Commands, name: str, summary: str, example: str,
            parents: tuple[Parser, ...] = ()) -> Parser:
    """A command with its one-line summary (in --help) and an example (in both helps); for a
    command not named on this command line, a stand-in that takes its arguments and drops them."""
    description = f"{summary[:1].upper()}{summary[1:]}."
    if name not in sub.named:
        if sub.listing:
            listed = sub.action.add_parser(name, help=summary, add_help=False)
            listed.example = example
        return Unbuilt(example)
    p: Parser = sub.action.add_parser(name, parents=list(parents), help=summary, description=description,
                                      epilog=f"example:\n  {example}")
    p.example = example
    return p


class Unbuilt(Parser):
    """Where a command's arguments go when this command line does not use that command."""

    def __init__(self, example: str) -> None:  # no argparse set-up at all: that is the point
        self.example = example
        self.description = None

    def add_argument(self, *args: object, **kwargs: object) -> argparse.Action:
        return None  # type: ignore[return-value]

    def add_mutually_exclusive_group(self, **kwargs: object) -> Unbuilt:  # type: ignore[override]
        return self

    def add_subparsers(self, **kwargs: object) -> Unbuilt:  # type: ignore[override]
        return self

    def add_parser(self, name: str, **kwargs: object) -> Unbuilt:
        return self


# One block per command; COMMANDS (at the end) orders them as --help lists them: what a
# person needs first.

def add_show(sub: Commands, out: Parser) -> None:
    p = command(sub, "show", "print topics in full (all when none is named)", "backref show relief", (out,))
    completes(p.add_argument("topics", nargs="*", metavar="TOPIC", help="an id, or a unique prefix of an id or title"),
              "topics")
    p.add_argument("--no-pager", action="store_true", help="never page through $PAGER (paged only on a terminal)")


def add_search(sub: Commands, out: Parser) -> None:
    p = command(sub, "search", "search all content, red flags first, then the best hits",
                "backref search ice pack", (out,))
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--limit", type=positive_int, default=10, metavar="N", help="at most N hits (default 10)")


def add_redflags(sub: Commands, out: Parser) -> None:
    p = command(sub, "redflags", "what to do, every emergency sign, when to see a doctor",
                "backref redflags", (out,))
    p.add_argument("--all", action="store_true",
                   help="both lists even when the terminal is too short (piped output always has both)")


def add_triage(sub: Commands, out: Parser) -> None:
    p = command(sub, "triage", "the red-flag check: yes/no questions (exit 0, 10 or 20)",
                "backref triage", (out,))
    p.description = ("The red-flag check: the guide's red flags as yes/no questions, emergency signs first.\n"
                     "Exit code: 0 no red flag reported, 10 see a doctor, 20 emergency; 2 if the answers end early.")
    p.add_argument("--plain", action="store_true",
                   help="numbered plain lines, no rules or wrapping (screen readers, braille displays)")


def add_checklist(sub: Commands, out: Parser) -> None:
    p = command(sub, "checklist", "print checklists with [x]/[ ], item ids and progress",
                "backref checklist prevention", (out,))
    completes(p.add_argument("section", nargs="?", metavar="SECTION",
                             help="a checklist section, or a topic: id or title"), "sections")
    p.add_argument("--reset", action="store_true", help="untick every item of SECTION (today's, for a daily one)")


def add_tick(sub: Commands, out: Parser) -> None:
    p = command(sub, "tick", "tick checklist items", "backref tick proper warm-up")
    completes(p.add_argument("items", nargs="+", metavar="ITEM",
                             help="an item id, or text matching one checklist item (quotes optional)"), "items")


def add_untick(sub: Commands, out: Parser) -> None:
    p = command(sub, "untick", "untick checklist items", "backref untick apply-ice-20-min")
    completes(p.add_argument("items", nargs="+", metavar="ITEM",
                             help="an item id, or text matching one checklist item (quotes optional)"), "items")


def add_episode(sub: Commands, out: Parser) -> None:
    when = "WHEN: YYYY-MM-DD, YYYY-MM-DDTHH:MM, today or yesterday (local time; not in the future)"
    p = command(sub, "episode", "the open spasm episode; start, note, end or list them",
                "backref episode start --severity 7 --trigger lifting", (out,))
    p.description = "With no action: the open episode and the see-a-doctor signs the log shows."
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


def add_summary(sub: Commands, out: Parser) -> None:
    p = command(sub, "summary", "one page for a doctor: episodes, severity, what helped",
                "backref summary --format html -o summary.html")
    p.add_argument("--since", metavar="DATE", help="only episodes from DATE on (YYYY-MM-DD, today, yesterday)")
    p.add_argument("--format", choices=("markdown", "html"), default="markdown", help="default: markdown")
    completes(p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) rather than print"),
              "file")


def add_timer(sub: Commands, out: Parser) -> None:
    p = command(sub, "timer", "count down an item's timing from the guide, with a bell",
                "backref timer ice")
    p.description = "Count down an item's timing from the guide, with a bell. With no ITEM: the timed items."
    completes(p.add_argument("item", nargs="?", metavar="ITEM", help="an item id, or text matching one timed item"),
              "timed")
    length = p.add_mutually_exclusive_group()
    length.add_argument("--minutes", type=positive_number, metavar="M", help="time M minutes instead")
    length.add_argument("--seconds", type=positive_number, metavar="S", help="time S seconds instead")
    p.add_argument("--reps", type=positive_int, default=1, metavar="N",
                   help="repeat the hold N times with a rest between")
    p.add_argument("--width", type=positive_int, metavar="N", help="wrap text at N columns")


def add_topics(sub: Commands, out: Parser) -> None:
    command(sub, "topics", "list the topics: id<TAB>title", "backref topics", (out,))


WEB_INSTALL = "pip install 'backref[web]'"  # what `backref serve` needs


def add_serve(sub: Commands, out: Parser) -> None:
    p = command(sub, "serve", "the full-screen view in a browser on this machine (the web extra)",
                "backref serve --open")
    p.description = ("The full-screen view in a browser on this machine, for whoever would rather click than type.\n"
                     "Listens on 127.0.0.1 (this machine only) unless --host says otherwise; the printed link\n"
                     f"holds a key made for this run. Ctrl-C stops it. Needs the web extra: {WEB_INSTALL}")
    p.add_argument("--port", type=port_number, metavar="N",
                   help="listen on port N (default: 8000, or a free one if it is taken; 0: a free one)")
    p.add_argument("--host", default="127.0.0.1", metavar="H",
                   help="listen on address H (default 127.0.0.1: this machine only; others are warned about)")
    p.add_argument("--open", action="store_true", help="open the page in the default browser")


def port_number(text: str) -> int:
    """An argparse type: a TCP port, 0 (any free one) to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535)")
    return value


def add_check(sub: Commands, out: Parser) -> None:
    p = command(sub, "check", "validate a content file and the content packs (for content authors)",
                "backref check my-content.toml")
    p.description = ("Validate a content file or a pack (a file with a [pack] table); with no FILE, the content\n"
                     "in use and every pack. Each problem names its file and place; exit 2 if there is one.")
    completes(p.add_argument("file", nargs="?", metavar="FILE", help="default: the active content file and packs"),
              "file")


def add_status(sub: Commands, out: Parser) -> None:
    p = command(sub, "status", "today's routine, streak, open episode, ice due and timers",
                "backref status --short", (out,))
    p.add_argument("--short", action="store_true",
                   help="one short line for a prompt or status bar (nothing when there is nothing to say)")


def add_config(sub: Commands, out: Parser) -> None:
    p = command(sub, "config", "the settings in force and where each came from", "backref config --paths", (out,))
    p.add_argument("--paths", action="store_true", help="every file and folder backref reads or writes")


def add_export(sub: Commands, out: Parser) -> None:
    p = command(sub, "export", "write the whole state as JSON (a backup, or to carry it)",
                "backref export -o backref-state.json")
    completes(p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) rather than print"),
              "file")


def add_import(sub: Commands, out: Parser) -> None:
    p = command(sub, "import", "merge an export into the state (nothing is ever removed)",
                "backref import backref-state.json")
    completes(p.add_argument("file", metavar="FILE", help="a file written by backref export"), "file")
    p.add_argument("--dry-run", action="store_true", help="say what would change, and change nothing")


def add_completion(sub: Commands, out: Parser) -> None:
    p = command(sub, "completion", "print a shell completion script (bash, zsh or fish)",
                "source <(backref completion bash)")
    p.add_argument("shell", choices=("bash", "zsh", "fish"), help="the shell to complete in")


COMMANDS = [add_show, add_search, add_redflags, add_triage, add_checklist, add_tick, add_untick,
            add_episode, add_summary, add_timer, add_status, add_topics, add_check, add_config,
            add_export, add_import, add_completion, add_serve]

"""`backref`: parse the command line, run the command's handler, turn errors into exit codes.

Lookup commands import only core; Textual is imported only when the full-screen view opens.
"""
from __future__ import annotations

import importlib
import os
import sys

from backref.cli.output import print_error
from backref.cli.parser import build_parser
from backref.cli.terminal import install_ascii_fallback
from backref.core.errors import ContentError, UserError
from backref.core.load import active_content_path, load_content

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

# command -> (module, function): a handler takes (args, content) and returns the exit code;
# `check` and the full-screen view (no command) find their content themselves. Modules are
# imported when their command runs, so a lookup pays only for its own.
HANDLERS = {
    "check": ("backref.cli.lookup", "run_check"),
    "topics": ("backref.cli.lookup", "run_topics"),
    "show": ("backref.cli.lookup", "run_show"),
    "redflags": ("backref.cli.lookup", "run_redflags"),
    "search": ("backref.cli.search", "run_search"),
    "checklist": ("backref.cli.checklist", "run_checklist"),
    "tick": ("backref.cli.checklist", "run_tick"),
    "untick": ("backref.cli.checklist", "run_untick"),
    "episode": ("backref.cli.episode", "run_episode"),
    "summary": ("backref.cli.summary", "run_summary"),
    "timer": ("backref.cli.timer", "run_timer"),
    "triage": ("backref.cli.triage", "run_triage"),
    "serve": ("backref.cli.serve", "run_serve"),
}


def open_tui(args: argparse.Namespace) -> int:
    """The full-screen view, when the terminal can show one (on --topic TOPIC, else the home)."""
    from backref.cli.terminal import tui_unavailable_reason

    content = load_content(active_content_path(args.content))
    start = None
    if args.topic:  # a wrong topic is said first, wherever backref runs
        from backref.core.resolve import resolve_topic

        start = resolve_topic(content, args.topic)
    reason = tui_unavailable_reason()
    if reason:
        raise UserError(
            f"{reason}: the full-screen view needs a capable terminal; use "
            "'backref show [TOPIC]', 'backref search QUERY', 'backref redflags' or 'backref topics'"
        )
    from backref.tui.app import run_app

    mouse = not (args.no_mouse or os.environ.get("BACKREF_NO_MOUSE"))
    return run_app(content, state_path=args.state, mouse=mouse, start=start)


def main(argv: list[str] | None = None) -> int:
    """Run backref; the exit code: 0 done, 1 nothing found, 2 the user's input was unusable."""
    try:
        install_ascii_fallback()
        args = build_parser(argv).parse_args(argv)
        if args.command is None:
            return open_tui(args)
        module, name = HANDLERS[args.command]
        handler = getattr(importlib.import_module(module), name)
        if args.command == "check":
            return int(handler(args))
        return int(handler(args, load_content(active_content_path(args.content))))
    except ContentError as exc:
        for line in exc.errors:
            print_error(line)
        return 2
    except UserError as exc:
        print_error(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader (head, less) went away: stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0

"""`backref`: parse the command line, run the command's handler, turn errors into exit codes.

Lookup commands import only core; Textual is imported only when the full-screen view opens.
"""
from __future__ import annotations

import importlib
import os
import sys

from backref.cli.output import print_error, print_notices
from backref.cli.parser import build_parser
from backref.cli.terminal import install_ascii_fallback
from backref.core import config
from backref.core.errors import ContentError, UserError
from backref.core.load import load_with_packs, pack_paths
from backref.core.locations import content_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from backref.core.content import Content

# command -> (module, function): a handler takes (args, content) and returns the exit code;
# those in OWN_CONTENT take (args) and find their content themselves, if they need any, as
# the full-screen view (no command) does. Modules are imported when their command runs, so
# a lookup pays only for its own.
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
    "status": ("backref.cli.status", "run_status"),
    "config": ("backref.cli.settings", "run_config"),
    "export": ("backref.cli.transfer", "run_export"),
    "import": ("backref.cli.transfer", "run_import"),
    "completion": ("backref.cli.completion", "run_completion"),
    "serve": ("backref.cli.serve", "run_serve"),
}
OWN_CONTENT = {"check", "config", "export", "import", "completion"}


def active_content(args: argparse.Namespace) -> tuple[Content, list[str]]:
    """(the content in use with its packs, a notice per pack skipped): --content or
    $BACKREF_CONTENT or the shipped file; content.d's packs (unless packs are off), then --pack."""
    packs = pack_paths(args.pack or (), folder=config.current().packs)
    return load_with_packs(content_path(args.content), packs)


def open_tui(args: argparse.Namespace) -> int:
    """The full-screen view, when the terminal can show one (on --topic TOPIC, else the home)."""
    from backref.cli.terminal import tui_unavailable_reason

    content, notices = active_content(args)
    start = None
    if args.topic:  # a wrong topic is said first, wherever backref runs
        from backref.core.resolve import resolve_topic

        start = resolve_topic(content, args.topic)
    from backref.core.locations import state_path
    from backref.core.state_file import foreign_link

    refusal = foreign_link(state_path(args.state))  # said before the screen is taken
    if refusal:
        raise UserError(refusal)
    reason = tui_unavailable_reason()
    if reason:
        raise UserError(
            f"{reason}: the full-screen view needs a capable terminal; use "
            "'backref show [TOPIC]', 'backref search QUERY', 'backref redflags' or 'backref topics'"
        )
    from backref.tui.app import run_app

    mouse = not (args.no_mouse or os.environ.get("BACKREF_NO_MOUSE"))
    # the settings' and packs' notices are shown in the view: stderr is hidden while it runs
    return run_app(content, state_path=args.state, mouse=mouse, start=start,
                   notices=[*config.current().notices, *notices])


def main(argv: list[str] | None = None) -> int:
    """Run backref; the exit code: 0 done, 1 nothing found, 2 the user's input was unusable."""
    try:
        install_ascii_fallback()
        args = build_parser(argv).parse_args(argv)
        if sys.stdout is None:  # started with stdout closed (`backref topics >&-`)
            if args.command is not None:
                raise UserError("standard output is closed: there is nowhere to print; nothing was done")
            sys.stdout = open(os.devnull, "w", encoding="utf-8")  # the full-screen view draws on stderr
        config.load(args.config, no_packs=args.no_packs)  # once: nothing later reads config.toml again
        if args.complete_ids:
            from backref.cli.completion import print_ids

            return print_ids(args, active_content)
        if args.command is None:
            return open_tui(args)
        print_notices(list(config.current().notices))
        module, name = HANDLERS[args.command]
        handler = getattr(importlib.import_module(module), name)
        if args.command in OWN_CONTENT:
            return int(handler(args))
        content, notices = active_content(args)
        print_notices(notices)
        return int(handler(args, content))
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
        # the reader (head, less) went away: stop quietly, and fail as a process SIGPIPE ends
        # does (`set -o pipefail` sees it); what is still buffered goes nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13  # SIGPIPE

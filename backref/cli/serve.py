"""`backref serve`: the full-screen view in a browser on this machine (backref/web, the web extra).

backref.web (and textual-serve, aiohttp) are imported only here, when the command runs.
"""
from __future__ import annotations

import os
import sys

from backref.cli.output import print_error, write_text
from backref.cli.parser import WEB_INSTALL
from backref.core import config
from backref.core.errors import UserError
from backref.core.locations import content_path
from backref.core.printable import one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from backref.core.content import Content


def app_command(args: argparse.Namespace) -> list[str]:
    """The backref command line each browser tab runs: this Python and package, with the same
    content, packs, state file and settings (the environment passes through as it is)."""
    command = [sys.executable, "-P", "-m", "backref"]  # -P: never a `backref` folder in the cwd
    for option, value in (("--content", args.content), ("--state", args.state), ("--config", args.config)):
        if value:
            command += [option, os.path.abspath(value)]
    for pack in args.pack or ():
        command += ["--pack", os.path.abspath(pack)]
    for flag, given in (("--no-packs", args.no_packs), ("--no-mouse", args.no_mouse)):
        if given:
            command.append(flag)
    if args.topic:
        command += ["--topic", args.topic]
    return command


def emergency_action(content: Content) -> str:
    """What to do in an emergency, naming the person's own number: the page shows it while no
    app is drawing (starting, ended)."""
    number = config.current().emergency_number  # any notice about it: said once already, and in each tab
    return one_line(content.urgency_of("emergency").action_line(number))  # text: no control characters


def run_serve(args: argparse.Namespace, content: Content) -> int:
    """Serve until Ctrl-C (exit 130) or another signal (128+N)."""
    try:
        from backref.web.access import is_loopback
        from backref.web.server import serve
    except ImportError as exc:
        if (exc.name or "backref").split(".")[0] != "backref":  # textual-serve, aiohttp or theirs
            raise UserError(f"serve needs the web extra: {WEB_INSTALL}") from None
        raise
    if args.topic:  # said here, once, rather than by every tab's backref
        from backref.core.resolve import resolve_topic

        resolve_topic(content, args.topic)
    for path in (content_path(args.content), *(args.pack or ())):
        if not os.path.isfile(path):  # each tab reads it again: a pipe would be empty by then
            raise UserError(f"{path}: serve needs a file it can read again, not a pipe or a device")
    local = is_loopback(args.host)
    if not local:
        for line in (
            f"WARNING: --host {args.host} is not this machine alone: anyone who can reach it and has the "
            "link can read and change your checklists, episodes and checks.",
            "WARNING: the page travels unencrypted (http). Use the default, 127.0.0.1, unless you mean this.",
        ):
            print_error(line)

    def ready(url: str) -> None:
        whom = "this machine's browsers" if local else f"whoever can reach {args.host}"
        write_text(f"backref is served to {whom} at\n\n  {url}\n\n"
                   "Only that link gets in (it holds a key made for this run). Ctrl-C stops.\n")
        if args.open:
            import webbrowser

            if not webbrowser.open(url):
                print_error("no browser could be opened; open the link above")

    return serve(app_command(args), args.host, args.port, ready, fallback=emergency_action(content))

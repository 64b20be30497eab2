"""`backref status [--short] [--json]`: today's routine, streak, open episode, next ice due and
running timers; `--short` is one line for a shell prompt or tmux, empty when nothing applies."""
from __future__ import annotations

from backref.cli.output import print_json, print_lines, print_notices
from backref.core import wording
from backref.core.locations import state_path
from backref.core.state import StateStore
from backref.core.status import short_line, status_parts

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from backref.core.content import Content


def run_status(args: argparse.Namespace, content: Content) -> int:
    """Print what there is to say now; a prompt calls it often, so it reads and creates nothing else."""
    store = StateStore(state_path(args.state), content)
    parts = status_parts(content, store)
    print_notices(store.notices)
    if args.json:
        print_json({"short": short_line(parts), "parts": [{"kind": p.kind, "short": p.short, "line": p.line}
                                                          for p in parts]})
    elif args.short:
        if parts:
            print_lines([short_line(parts)])
    else:
        print_lines([p.line for p in parts] or [wording.STATUS_NOTHING])
    return 0

"""`backref summary [--since DATE] [--format markdown|html] [-o FILE]`: the page for a clinician."""
from __future__ import annotations

import os

from backref.cli.episode import told_thresholds
from backref.cli.output import print_lines, print_notices
from backref.core import episodes as ep
from backref.core import signs as log_signs
from backref.core.disk import atomic_write
from backref.core.errors import UserError
from backref.core.locations import state_path
from backref.core.state import StateStore
from backref.core.summary import SummaryData, summary_html, summary_markdown

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from backref.core.content import Content


def run_summary(args: argparse.Namespace, content: Content) -> int:
    """Print the summary as Markdown, or write it (Markdown or HTML) atomically to FILE."""
    store = StateStore(state_path(args.state), content)
    try:
        now = store.now()
        since = ep.parse_when(args.since, now).date() if args.since else None
        thresholds = told_thresholds()
        episodes = store.episodes()
        data = SummaryData(
            episodes=episodes, signs=log_signs.signs(content, episodes, now, thresholds),
            history_days=list(store.history()), streak=store.streak(), checks=store.stored("checks"),
            now=now, since=since, thresholds=thresholds,
        )
        text = summary_html(content, data) if args.format == "html" else summary_markdown(content, data)
        if not args.output:
            print_lines(text.rstrip("\n").split("\n"))
            return 0
        path = os.path.abspath(os.path.expanduser(args.output))
        try:
            atomic_write(path, text.encode("utf-8"))
        except OSError as exc:
            raise UserError(f"cannot write {args.output}: {exc.strerror}") from None
        print_lines([f"wrote {args.output}"])
        return 0
    finally:
        print_notices(store.notices)

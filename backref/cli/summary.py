"""`backref summary [--since DATE] [--format markdown|html] [-o FILE]`: the page for a clinician."""
from __future__ import annotations

import os

from backref.cli.episode import told_thresholds
from backref.cli.output import print_lines, print_notices
from backref.cli.store import open_store
from backref.core import episodes as ep
from backref.core import signs as log_signs
from backref.core.disk import write_output
from backref.core.errors import UserError
from backref.core.summary import TITLE, SummaryData, summary_html, summary_markdown

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from backref.core.content import Content


def written_by_backref(head: bytes) -> bool:
    """Whether a file's first bytes are a summary's (Markdown or HTML), which -o may replace
    through a symlink; any other file a link points at is left alone."""
    title = TITLE.encode("utf-8")
    return head.startswith(b"# " + title) or (head.startswith(b"<!DOCTYPE html>") and b"<title>" + title in head)


def run_summary(args: argparse.Namespace, content: Content) -> int:
    """Print the summary as Markdown, or write it (Markdown or HTML) atomically to FILE."""
    store = open_store(args.state, content)
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
        if args.output in (None, "-"):  # '-' is stdout, as for other tools
            print_lines(text.rstrip("\n").split("\n"))
            return 0
        path = os.path.abspath(os.path.expanduser(args.output))
        try:
            stream = write_output(path, text.encode("utf-8"), ours=written_by_backref)
        except OSError as exc:
            raise UserError(f"cannot write {args.output}: {exc.strerror}") from None
        if stream is None:  # said only where it is not part of the page itself
            print_lines([f"wrote {args.output}"])
        return 0
    finally:
        print_notices(store.notices)

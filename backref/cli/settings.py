"""`backref config`: each setting in force and where it came from; `--paths`: every file and
folder backref reads or writes, and what moves it."""
from __future__ import annotations

from backref.cli.output import print_json, print_lines
from backref.core import config, locations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def shown_value(value: object) -> str:
    """A setting's value as config.toml would hold it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        import json

        return json.dumps(value, ensure_ascii=False)  # quoted: an empty value shows as ""
    return str(value)


def dotted(key: str) -> str:
    """The key as config.toml spells it: 'episodes.recurring_days' for one in a table."""
    table = config.KNOWN[key][0]
    return f"{table}.{key}" if table else key


def source_words(setting: config.Setting) -> str:
    """'default', 'file /home/me/.config/backref/config.toml', 'environment BACKREF_PAGER', 'flag --no-packs'."""
    return f"{setting.source} {setting.origin}" if setting.origin else setting.source


def run_config(args: argparse.Namespace) -> int:
    """`backref config [--paths] [--json]`."""
    if args.paths:
        rows = locations.every_location(args.state, args.config, args.content)
        if args.json:
            print_json([{"name": r.name, "path": r.path, "moved_by": r.moved_by, "what": r.what} for r in rows])
        else:
            width = max(len(r.name) for r in rows)
            print_lines([f"{r.name:<{width}}  {r.path}  ({r.what}; moved by {r.moved_by})" for r in rows])
        return 0
    settings = config.current()
    if args.json:
        print_json({"file": settings.path, "settings": [
            {"key": dotted(s.key), "value": s.value, "source": s.source, "origin": s.origin} for s in settings.shown]})
        return 0
    width = max(len(dotted(s.key)) for s in settings.shown)
    lines = [f"{dotted(s.key):<{width}} = {shown_value(s.value)}  ({source_words(s)})" for s in settings.shown]
    print_lines([f"# {settings.path}", *lines])
    return 0

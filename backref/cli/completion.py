"""`backref completion bash|zsh|fish`: a completion script made by shtab from the parser, and
`backref --complete-ids KIND`, which the script calls to complete ids from the content in use.

shtab is imported by `completion` alone; listing ids is a quick lookup (core only).
"""
from __future__ import annotations

from backref.cli.output import PROG, print_lines, write_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from backref.core.content import Content

PREFIX = "_shtab_backref"


def ids_of(content: Content, kind: str) -> list[str]:
    """The ids a value of ``kind`` may be: topics, checklist sections (and topics), checklist
    items, or timed items."""
    if kind == "topics":
        return [t.id for t in content.topics]
    if kind == "sections":
        return [s.id for _t, s in content.checklist_sections()] + [t.id for t in content.topics]
    if kind == "items":
        return [i.id for _t, s in content.checklist_sections() for i in s.items]
    return [i.id for _t, _s, i in content.timed_items()]


def print_ids(args: argparse.Namespace, load: Callable[[argparse.Namespace], tuple[Content, list[str]]]) -> int:
    """`--complete-ids KIND`: one id a line. Silent when the content cannot be read: a
    completion prints nothing rather than an error in the middle of a command line."""
    from backref.core.errors import ContentError, UserError

    try:
        content, _notices = load(args)
    except (ContentError, UserError, OSError):
        return 1
    print_lines(ids_of(content, args.complete_ids))
    return 0


def shell_calls(kind: str) -> dict[str, object]:
    """shtab's completion for a value of ``kind``: the shell asks backref (the one being
    completed, with the --content, --state and --pack flags typed so far) for the ids."""
    if kind == "file":
        import shtab

        return dict(shtab.FILE)
    function = f"{PREFIX}_ids_{kind}"
    return {
        "bash": function,
        "zsh": f"($({PROG} --complete-ids {kind} 2>/dev/null))",
        "fish": f"({PROG} --complete-ids {kind} 2>/dev/null)",
        "preamble": {
            # shtab calls it with the word being completed
            "bash": f'{function}() {{\n  compgen -W "$("${{COMP_WORDS[0]}}" --complete-ids {kind} 2>/dev/null)" -- "$1"\n}}',
        },
    }


def completion_script(shell: str) -> str:
    """The completion script for ``shell``, from every command's arguments."""
    import shtab

    from backref.cli.parser import build_parser

    parser = build_parser(every=True)
    marked = [parser]
    while marked:  # every parser and sub-parser: give each marked argument its completion
        current = marked.pop()
        for action in current._actions:
            kind = getattr(action, "complete_ids", None)
            if kind:
                action.complete = shell_calls(kind)  # type: ignore[attr-defined]
            if action.choices and isinstance(action.choices, dict):
                marked.extend(action.choices.values())
    return str(shtab.complete(parser, shell=shell, root_prefix=PROG))


def run_completion(args: argparse.Namespace) -> int:
    """`backref completion SHELL`: print the script (source it, or save it where the shell looks)."""
    write_text(completion_script(args.shell) + "\n")
    return 0

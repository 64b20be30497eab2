"""`backref triage`: the red-flag check on the command line.

Asks at a terminal; reads one y/n a line when stdin is not one (`printf 'n\\nn\\ny\\n' | backref triage`).
The exit code is the result (0 no red flag reported, 10 see a doctor, 20 emergency), the
answers are kept in the state file, and input that ends early is exit 2 with one line.
"""
from __future__ import annotations

import sys

from backref.cli.output import output_width, print_error, print_json, print_lines, print_notices
from backref.core import wording
from backref.core.errors import UserError
from backref.core.triage import EXIT_CODES, Check, card_json, card_lines, card_parts

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

    from backref.core.content import Content

YES, NO = ("y", "yes"), ("n", "no")


def run_triage(args: argparse.Namespace, content: Content) -> int:
    """Ask every question until the first yes; print the card; keep the check; exit with the result."""
    from backref.core.config import current

    number = current().emergency_number
    check = Check(content)
    interactive = sys.stdin.isatty()
    quiet = args.json  # JSON alone on stdout; the questions are not echoed
    width = 0 if args.plain else output_width(args)
    answers = terminal_answers() if interactive else piped_answers()
    if not quiet:
        from backref.core.render import wrap

        print_lines([wording.CHECK_TITLE, *(wrap(wording.CHECK_INTRO, width) if width else [wording.CHECK_INTRO])])
    total = len(check.questions)
    while (question := check.current) is not None:
        if not quiet or interactive:
            print_lines(question_lines(check.number, total, question.text, width))
        try:
            check.answer(next(answers))
        except (StopIteration, UserError) as exc:
            problem = str(exc) if isinstance(exc, UserError) else wording.CHECK_EOF
            if quiet:  # a script reads why there is no result where it reads the result
                print_json(unfinished_json(check, problem))
            raise UserError(problem) from None
        if not quiet and not interactive:
            print_lines(["y" if check.answers[-1] else "n"])  # a transcript reads like the session
    keep(args, content, check)
    if quiet:
        print_json(card_json(content, check, number))
    elif args.plain:
        heading, action, rest = card_parts(content, check, number)
        print_lines(["", heading] + ([action] if action else []) + rest)
    else:
        encoding = getattr(sys.stdout, "encoding", None)
        print_lines([""] + card_lines(content, check, number, width, encoding))
    return EXIT_CODES[check.outcome]


def unfinished_json(check: Check, problem: str) -> dict[str, object]:
    """A check that ended before its last question, for scripts: no result, why, and how far it got."""
    question = check.current
    return {
        "result": None, "exit_code": 2, "error": problem,
        "answered": len(check.answers), "questions": len(check.questions),
        "answers": [{"id": q.flag.id, "question": q.text, "yes": yes}
                    for q, yes in zip(check.questions, check.answers)],
        "unanswered": {"id": question.flag.id, "question": question.text} if question else None,
    }


def question_lines(n: int, total: int, text: str, width: int) -> list[str]:
    """'Question 3 of 21' and the question, wrapped at ``width`` (0: one plain numbered line)."""
    if not width:
        return [f"{n}/{total}. {text} {wording.CHECK_PROMPT}"]
    from backref.core.render import wrap

    return ["", wording.question_number(n, total), *wrap(f"{text} {wording.CHECK_PROMPT}", width)]


def parse_answer(text: str) -> bool | None:
    """True for y/yes, False for n/no (any case), None for anything else."""
    word = text.strip().lower()
    return True if word in YES else False if word in NO else None


def terminal_answers() -> Iterator[bool]:
    """Answers typed at the terminal; anything but y or n is asked again."""
    while True:
        try:
            line = input("> ")
        except EOFError:
            print_lines([""])  # the end of input leaves the cursor after the prompt
            return
        answer = parse_answer(line)
        if answer is None:
            print_error(wording.CHECK_NOT_ANSWER)
            continue
        yield answer


LINE_MAX = 1000  # characters: a longer line is no answer, and is not read to its end


def piped_answers() -> Iterator[bool]:
    """One y or n a line from stdin (blank lines skipped); anything else is exit 2."""
    number = 0
    while line := sys.stdin.readline(LINE_MAX):
        number += 1
        if not line.strip():
            continue
        answer = parse_answer(line) if len(line) < LINE_MAX or line.endswith("\n") else None
        if answer is None:
            shown = line.strip()[:20].encode("ascii", "replace").decode("ascii")
            shown = "".join(c if c.isprintable() else "?" for c in shown)
            raise UserError(f"line {number}: {shown!r} is not y or n; nothing was recorded")
        yield answer


def keep(args: argparse.Namespace, content: Content, check: Check) -> None:
    """Keep the check in the state file; if it cannot be saved, say so, and the result stands."""
    from backref.core.locations import state_path
    from backref.core.state import StateStore, StateWriteError

    store = StateStore(state_path(args.state), content)
    try:
        store.record_check(check.record(store.now_stamp()))
    except StateWriteError as exc:
        print_error(f"{exc} (the check's result is still as shown)")
    print_notices(store.notices)

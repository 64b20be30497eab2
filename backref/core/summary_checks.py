"""The red-flag checks in the doctor summary: each record of the state file's ``[[checks]]``
(as `backref triage` keeps it, or written by hand) as its date, its result in words, and each
answer as the question asked, any yes first."""
from __future__ import annotations

from backref.core import wording
from backref.core.summary_dates import when_text
from backref.core.summary_page import Block, Heading, Inline, Paragraph, Table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from backref.core.summary import Words

DATE_KEYS = ("at", "when", "date", "time")  # where a check record keeps its date, the first found
CHECK_KEYS = {*DATE_KEYS, "answers", "result", "sign"}


def check_date(check: dict[str, object]) -> object:
    """A check record's date as kept (``at``, or a hand-written ``when``/``date``/``time``), or None."""
    return next((check[k] for k in DATE_KEYS if k in check), None)


def check_when(check: dict[str, object]) -> str:
    date = check_date(check)
    return wording.SUMMARY_UNDATED if date is None else when_text(date)


def answers_of(check: dict[str, object]) -> list[tuple[str, object]]:
    """(red flag id, answer) in the order asked; a record that names its yes (``sign``) but
    keeps no answers table gives that one answer."""
    answers = check.get("answers")
    found = [(str(k), v) for k, v in answers.items()] if isinstance(answers, dict) else []
    sign = check.get("sign")
    if isinstance(sign, str) and not any(value is True for _, value in found):
        found.insert(0, (sign, True))
    return found


def check_detail(words: Words, check: dict[str, object]) -> list[Block]:
    """One check: its date and result, then each answer as the question asked, any yes first."""
    heading = [("", wording.summary_check_heading(check_when(check), "")),
               *words.result(check.get("result"))]
    out: list[Block] = [Heading(3, heading)]
    rows: list[list[Inline]] = []
    for flag_id, value in sorted(answers_of(check), key=lambda kv: kv[1] is not True):
        sign, question = words.asked(flag_id)
        if value is True:
            rows.append([[("b", wording.SUMMARY_YES)], [("b", sign)], question])
        else:
            rows.append([wording.SUMMARY_NO if value is False else answer_text(value), sign, question])
    if rows:
        out.append(Table(wording.SUMMARY_CHECK_COLUMNS, rows, kind="answers"))
        if check.get("result") in ("emergency", "see-doctor"):
            out.append(Paragraph(wording.SUMMARY_STOPS))
    others = [f"{k}: {answer_text(v)}" for k, v in check.items()
              if k not in CHECK_KEYS or (k == "answers" and not isinstance(v, dict))
              or (k == "sign" and not isinstance(v, str))]
    if others:
        out.append(Paragraph("; ".join(others)))
    return out


def answer_text(value: object) -> str:
    """A hand-written value as words: true/false as yes/no, tables and arrays item by item."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {answer_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(answer_text(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)

"""The red-flag check: the guide's red flags as yes/no questions, emergency signs first; the
first yes ends it with its card. The CLI (`backref triage`) and the TUI (t) both step through it.

Cheap to import: plain records and strings; render work happens only for the card shown.
"""
from __future__ import annotations

from backref.core import wording
from backref.core.content import URGENCIES
from backref.core.records import Record
from backref.core.render import Page

TYPE_CHECKING = False
if TYPE_CHECKING:
    from backref.core.content import Content, RedFlag

NONE = "none"  # the outcome when every answer is no
EXIT_CODES = {NONE: 0, "see-doctor": 10, "emergency": 20}


class Question(Record):
    """One red flag asked in plain words."""

    __slots__ = ("flag", "text")
    flag: RedFlag
    text: str


def check_questions(content: Content) -> list[Question]:
    """Every sign once (same_as copies left out), emergency signs first, each as a question."""
    out = []
    for urgency in URGENCIES:
        for flag in content.signs(urgency):
            lay = content.lay.get(flag.id)
            out.append(Question(flag=flag, text=lay.question if lay else wording.fallback_question(flag.text)))
    return out


class Check:
    """One run of the check: ``current`` is the question to ask, None once it has ended."""

    def __init__(self, content: Content) -> None:
        self.questions = check_questions(content)
        self.answers: list[bool] = []
        self.yes: RedFlag | None = None

    @property
    def current(self) -> Question | None:
        if self.yes is not None or len(self.answers) == len(self.questions):
            return None
        return self.questions[len(self.answers)]

    @property
    def number(self) -> int:
        """The current question's number, from 1."""
        return len(self.answers) + 1

    def answer(self, yes: bool) -> None:
        question = self.current
        if question is None:
            raise ValueError("the check has ended")
        self.answers.append(yes)
        if yes:
            self.yes = question.flag

    @property
    def outcome(self) -> str:
        """"emergency", "see-doctor" or "none" (meaningful once ``current`` is None)."""
        return self.yes.urgency if self.yes is not None else NONE

    def record(self, at: str) -> dict[str, object]:
        """What the state file keeps of this check."""
        kept: dict[str, object] = {
            "at": at,
            "answers": {q.flag.id: yes for q, yes in zip(self.questions, self.answers)},
            "result": self.outcome,
        }
        if self.yes is not None:
            kept["sign"] = self.yes.id
        return kept


def card_parts(content: Content, check: Check, own_number: str | None) -> tuple[str, str, list[str]]:
    """(heading, action, the lines below it) of the card that ends ``check``: for a yes, how soon
    (when the content says), the sign, where the NHS advises otherwise, what to do if it gets worse,
    and the disclaimer."""
    flag = check.yes
    if flag is not None:
        urgency = content.urgency_of(flag.urgency)
        lay = content.lay.get(flag.id)
        lines = [urgency.time_frame] if urgency.time_frame else []
        lines.append(f"{wording.CHECK_YOU_SAID} {wording.glossed(flag.text, flag.gloss)}")
        if lay is not None and lay.differs:
            lines.append(wording.differs(flag.urgency, lay.differs, lay.differs_source))
        if urgency.safety_net:
            number = own_number or content.urgency_of("emergency").number or wording.LOCAL_NUMBER
            lines.append(urgency.safety_net.replace("{number}", number))
        emergency = flag.urgency == "emergency"
        lines.append(content.meta.disclaimer if emergency else wording.CHECK_SEE_DOCTOR_DISCLAIMER)
        return urgency.label, urgency.action_line(own_number), lines
    from backref.core.resolve import resolve_topic
    from backref.core.errors import UserError

    lines = [wording.CHECK_NONE]
    try:
        relief = resolve_topic(content, wording.CHECK_RELIEF_TOPIC)
        lines.append(wording.check_relief(relief.title, relief.id, relief.tab))
    except UserError:
        pass
    lines.append(content.meta.disclaimer)
    return wording.CHECK_NONE_HEADING, "", lines


def card_lines(content: Content, check: Check, own_number: str | None, width: int,
               encoding: str | None = None) -> list[str]:
    """The card as plain lines: heading, the action, what was answered, the disclaimer."""
    heading, action, rest = card_parts(content, check, own_number)
    page = Page(width, encoding)
    page.heading(heading, "=")
    if action:
        page.paragraph(action)
    for line in rest:
        page.paragraph(line)
    return page.lines


def card_json(content: Content, check: Check, own_number: str | None) -> dict[str, object]:
    """The check's result for scripts."""
    heading, action, rest = card_parts(content, check, own_number)
    return {
        "result": check.outcome, "exit_code": EXIT_CODES[check.outcome], "heading": heading,
        "action": action or None, "sign": {"id": check.yes.id, "text": check.yes.text} if check.yes else None,
        "answers": [{"id": q.flag.id, "question": q.text, "yes": yes}
                    for q, yes in zip(check.questions, check.answers)],
        "notes": rest,
    }

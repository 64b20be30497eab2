"""Every sentence backref itself says about urgency, progress and streaks (medical wording is in content.toml).

Ground floor: plain strings and tiny functions, cheap to import.
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from backref.core.content import Item

# Urgency is said in words wherever it is shown, so it never rests on colour alone.
URGENCY_WORDS = {"emergency": "EMERGENCY", "see-doctor": "SEE A DOCTOR"}
# The heading over each group of red flags, in `redflags` and the emergency list.
URGENCY_HEADINGS = {
    "emergency": "EMERGENCY: seek care now if back spasms come with any of these",
    "see-doctor": "SEE A DOCTOR: book an appointment for",
}
EMERGENCY_SCREEN_TITLE = "EMERGENCY - seek care now"
PANEL_HEADING = "SEEK EMERGENCY CARE IF back spasms come with:"
EMERGENCY_LIST_HINT = "e: the full emergency list"
BANNER_LEAD = "EMERGENCY SIGNS"
BANNER_REST = " - seek care now if any apply. Press e"
BANNER_KEY = " (e: signs)"


def item_line(item: Item) -> str:
    """An item as one line: 'Term: detail', or the text alone."""
    return f"{item.text}: {item.detail}" if item.detail else item.text


def urgency_title_parts(urgency: str, title: str) -> tuple[str, str]:
    """A red-flag list's heading as (label, rest), so a screen can stress the label."""
    return URGENCY_WORDS.get(urgency, urgency.upper()), f" - {with_colon(title)}"


def urgency_title(urgency: str, title: str) -> str:
    """A red-flag list's heading: 'EMERGENCY - Seek Emergency Care If Back Spasms Occur With:'."""
    return "".join(urgency_title_parts(urgency, title))


def with_colon(title: str) -> str:
    """A list title as a lead-in: 'Schedule an Appointment For:'."""
    return title if title.endswith((":", "?", "!", ".")) else f"{title}:"


def progress(done: int, total: int, daily: bool) -> str:
    """'3/5', and ' (today)' for a daily checklist."""
    return f"{done}/{total}{' (today)' if daily else ''}"


def ticked(done: int, total: int, daily: bool) -> str:
    """'3/5 ticked', and ' today' for a daily checklist (the full-screen view's progress)."""
    return f"{done}/{total} ticked{' today' if daily else ''}"


def streak(days: int) -> str:
    """'streak: 3 days'."""
    return f"streak: {days} day{'' if days == 1 else 's'}"


# -- the red-flag check (`backref triage`, t in the full-screen view) --------------------------
CHECK_TITLE = "Red-flag check"
CHECK_INTRO = ("Answer y (yes) or n (no) to each question. Emergency signs come first; "
               "the first yes ends the check.")
CHECK_PROMPT = "[y/n]"
CHECK_YOU_SAID = "You answered yes to:"
CHECK_NONE_HEADING = "NO RED FLAGS REPORTED"
CHECK_NONE = ("You answered no to every red-flag question. This does not rule anything out: "
              "run the check again if anything changes.")
CHECK_RELIEF_TOPIC = "relief"  # the topic the all-no card points to, when the content has it
CHECK_EOF = "the answers ended before the check did; nothing was recorded"
CHECK_NOT_ANSWER = "answer y or n"


def check_relief(title: str, topic_id: str, tab: str) -> str:
    """Where the relief steps are, in the CLI and the full-screen view."""
    return f"Relief steps: 'backref show {topic_id}', or the {tab} tab of the full-screen view ({title})."


def question_number(n: int, total: int) -> str:
    """'Question 3 of 21'."""
    return f"Question {n} of {total}"


def fallback_question(text: str) -> str:
    """The question for a red flag whose content gives none."""
    return f"Do you have this: {text}?"

# `backref redflags` on a terminal too short for both lists
REDFLAGS_MORE = "When to book a doctor: 'backref redflags --all'."

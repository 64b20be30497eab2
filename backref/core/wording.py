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


# -- the full-screen view's home and chrome ----------------------------------------
HOME_TAB = "Home"
HOME_TITLE = "What to do now"
HOME_EMERGENCY_LEAD = "EMERGENCY"
HOME_EMERGENCY_REST = ": seek care now if back spasms come with any emergency sign. Press e to see them all."
HOME_ROUTINE = "Today's prevention routine"
HOME_TOPICS = "Topics: press the number to open one (0 or h comes back here)"
# In the search box e types a letter, so the banner there names the way that works.
BANNER_REST_IN_SEARCH = " - seek care now if any apply. Esc, then e"


def matches(count: int) -> str:
    """'1 match', '3 matches'."""
    return f"{count} match{'' if count == 1 else 'es'}"

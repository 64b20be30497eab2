"""Every sentence backref itself says about urgency, progress and streaks (medical wording is in content.toml).

Ground floor: plain strings and tiny functions, cheap to import.
"""
from __future__ import annotations

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


GLOSS_LEAD = "in plain words:"  # before a red flag's gloss, on the line under the guide's words


def gloss_line(gloss: str) -> str:
    """'in plain words: numbness or tingling around your genitals or buttocks'."""
    return f"{GLOSS_LEAD} {gloss}"


def glossed(text: str, gloss: str | None) -> str:
    """A red flag on one line, its gloss after it: 'Numbness ... (saddle anesthesia), in plain words: ...'."""
    return f"{text}, {gloss_line(gloss)}" if gloss else text


def flag_shown(text: str, gloss: str | None) -> str:
    """A red flag as a list shows it: the guide's words, and its gloss on the line under them."""
    return f"{text}\n{gloss_line(gloss)}" if gloss else text


def item_line(text: str, detail: str | None) -> str:
    """An item as one line: 'Term: detail', or the text alone."""
    return f"{text}: {detail}" if detail else text


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


def pack_source(title: str, source: str) -> str:
    """Under a topic a content pack added: whose words these are (not the guide's)."""
    return f"From your pack '{title}' (source: {source}), not from the guide."


# -- backref status ---------------------------------------------------------------

STATUS_JOIN = " | "  # ASCII: a prompt may be in any locale
STATUS_NOTHING = "nothing to report: no ticks today, no streak, no open episode, no timer running"


def status_routine(done: int, total: int) -> str:
    """'routine 3/5': today's prevention routine, for a prompt."""
    return f"routine {done}/{total}"


def status_routine_line(done: int, total: int) -> str:
    return f"today's routine: {done}/{total} ticked"


def status_streak(days: int) -> str:
    """'streak 4': days in a row with a routine tick."""
    return f"streak {days}"


def status_episode(day: int) -> str:
    """'episode day 2': the open episode's calendar day."""
    return f"episode day {day}"


def status_episode_line(day: int, started: str) -> str:
    return f"episode open: day {day} (since {started})"


def status_due(item_id: str, when: str) -> str:
    """'apply-ice-20-min due 14:30': a repeating timing's next time."""
    return f"{item_id} due {when}"


def status_due_now(item_id: str) -> str:
    return f"{item_id} due now"


def status_timer(item_id: str, left: str) -> str:
    """'timer apply-ice-20-min 12:30 left'."""
    return f"timer {item_id} {left} left"


# -- episodes -------------------------------------------------------------------

LENGTH_UNKNOWN = "length unknown"  # an episode whose end is no date-time
NO_OPEN_EPISODE = "no episode is open (start one: backref episode start [--severity 0-10])"
EPISODE_STARTED_BY_TICK = "started an episode now: relief ticks belong to it (end it: backref episode end)"


def clock_behind(clock: str, what: str, kept: str, done: str) -> str:
    """When the clock reads earlier than the log (put back, or a time logged under a fast clock)."""
    return f"the clock reads {clock}, before {what} ({kept}); {done} at {kept}, so the log stays in order"


def long_episode(flag_text: str, started: str, day: int) -> str:
    """The guide's 'more than a week' sign, from an open episode's age."""
    return (f"{URGENCY_WORDS['see-doctor']}: {flag_text} - this episode started {started} "
            f"(day {day}); the guide says to book an appointment")


def recurring(flag_text: str, found: int, count: int, days: int) -> str:
    """The guide's 'frequent recurring episodes' sign, by backref's own threshold."""
    return (f"{URGENCY_WORDS['see-doctor']}: {flag_text} - {plural(found, 'episode')} started in the last "
            f"{days} days; the guide says to book an appointment ({count} in {days} days is "
            "backref's threshold, not the guide's; set it in config.toml)")


def severity_check(latest: int, threshold: int, command: str) -> str:
    """A pointer to the red-flag check after a high severity reading."""
    return (f"Latest severity {latest}/10: go through the red-flag check now: {command} "
            f"({threshold} or more is backref's threshold)")


def episode_status(day: int, severity: str) -> str:
    """The one line about the open episode: 'Episode: day 3, latest severity 6/10 moderate'."""
    return f"Episode: day {day}, latest severity {severity}"


# -- timers: the timing itself comes from content.toml; these are backref's own words around it

TIMER_REST = "rest"
TIMER_REST_NOTE = "the rest between holds is backref's own choice; the guide gives none"
TIMER_LIST_HEAD = "Timed items (backref timer ITEM; the timing is the guide's):"
TIMER_NONE = "no item in this content has a timing"


def duration(seconds: int, unit: str = "") -> str:
    """'20 minutes', '30 seconds', '1 minute 30 seconds', '2 hours' (``unit`` keeps the guide's)."""
    if unit == "seconds" or seconds < 60:
        return plural(seconds, "second")
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [plural(hours, "hour")] if hours else []
    parts += [plural(minutes, "minute")] if minutes else []
    parts += [plural(secs, "second")] if secs else []
    return " ".join(parts)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def timing(seconds: int, unit: str, every_seconds: int | None, window_seconds: int | None) -> str:
    """'20 minutes, every 2 hours for the first 48 hours' / '30 seconds'."""
    text = duration(seconds, unit)
    if every_seconds:
        text += f", every {duration(every_seconds)}"
        if window_seconds:
            text += f" for the first {duration(window_seconds)}"
    return text


def time_left(seconds: float) -> str:
    """'19:32', '1:02:03': whole seconds left, rounded up so 0:00 means done."""
    whole = max(0, int(-(-seconds // 1)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def rep_label(rep: int, reps: int) -> str:
    """'hold 2/3': which of the repeated holds this is (shown only when there is more than one)."""
    return f"hold {rep}/{reps}"


def timer_done(text: str, seconds: int, reps: int = 1) -> str:
    """'done: Knee-to-chest stretch (30 seconds x 3)'."""
    times = f" x {reps}" if reps > 1 else ""
    return f"done: {text} ({duration(seconds)}{times})"


def timer_stopped(text: str) -> str:
    return f"stopped: {text}"


def next_due_at(text: str, when: str) -> str:
    """'next due 22:40: Apply ice 20 min every 2 hours'."""
    return f"next due {when}: {text}"


def due_now(text: str) -> str:
    return f"due now: {text}"


def window_over(window_seconds: int, then_text: str) -> str:
    """'after the first 48 hours: Then alternate heat/cold' (the step is the guide's words)."""
    return f"after the first {duration(window_seconds)}: {then_text}"


# the full-screen view's timers bar and notifications
TIMER_TITLE = "Timer"
TIMER_LEAD = "TIMER"
TIMER_CAUTIONS = "The guide:"
TIMER_PICK = "Move the cursor to a timed item (ice, heat, a stretch) in a checklist, then press c."
TIMER_OWN_QUESTION = "How long? Minutes (5, 1.5) or seconds (30s)."
TIMER_OWN_HINT = "Enter: start    Esc: cancel"
TIMER_OWN_BAD = "Type minutes such as 5 or 1.5, or seconds such as 30s (up to a day)."


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
# Where another service puts the sign at another urgency, the card says whose urgency it keeps.
CHECK_FOLLOWS_GUIDE = {
    "emergency": "backref follows the guide, which lists this as an emergency sign.",
    "see-doctor": "backref follows the guide, which lists this as a reason to book a doctor.",
}
# The see-a-doctor card's last words: someone who has just said yes to a red flag is told which
# signs need care now, not "if a red flag applies, seek care now".
CHECK_SEE_DOCTOR_DISCLAIMER = ("backref informs; it does not diagnose or replace a doctor. The signs that need "
                               "care now are the emergency signs: 'backref redflags', or e in the full-screen view.")
LOCAL_NUMBER = "your local emergency number"  # when the content names none
# the emergency_number setting is 111: right in New Zealand, a mistake for NHS 111 in the UK
NUMBER_111 = ("emergency_number is 111: that is New Zealand's emergency number; in the UK, NHS 111 is not an "
              "emergency line (call 999 there)")
CHECK_EOF = "the answers ended before the check did; nothing was recorded"
CHECK_NOT_ANSWER = "answer y or n"


def check_relief(title: str, topic_id: str, tab: str) -> str:
    """Where the relief steps are, in the CLI and the full-screen view."""
    return f"Relief steps: 'backref show {topic_id}', or the {tab} tab of the full-screen view ({title})."


def differs(urgency: str, advice: str, source: str) -> str:
    """Whose urgency the card keeps, the other advice for the sign, and where that advice is from."""
    follows = CHECK_FOLLOWS_GUIDE.get(urgency, "")
    return f"{follows} {advice} Source: {source}." if follows else f"{advice} Source: {source}."


def question_number(n: int, total: int) -> str:
    """'Question 3 of 21'."""
    return f"Question {n} of {total}"


def fallback_question(text: str) -> str:
    """The question for a red flag whose content gives none."""
    return f"Do you have this: {text}?"

# `backref redflags` on a terminal too short for both lists
REDFLAGS_MORE = "When to book a doctor: 'backref redflags --all'."


# -- the full-screen view's home and chrome ----------------------------------------
HOME_TAB = "Home"
HOME_TITLE = "What to do now"
HOME_EMERGENCY_LEAD = "EMERGENCY"
HOME_EMERGENCY_REST = " Do this if back spasms come with any emergency sign: press e to see them all."
HOME_ROUTINE = "Today's prevention routine"
HOME_TOPICS = "Topics: press the number to open one (0 or h comes back here)"
# In the search box e types a letter, so the banner there names no key (the footer has Esc).
BANNER_KEY_IN_SEARCH = ""


def matches(count: int) -> str:
    """'1 match', '3 matches'."""
    return f"{count} match{'' if count == 1 else 'es'}"


# -- the doctor summary (`backref summary`) --------------------------------------------
SUMMARY_TITLE = "Back spasm log: summary for a clinician"
SUMMARY_GLANCE = "At a glance"
SUMMARY_SCALE = "Severity is the person's own rating on the 0-10 numeric rating scale."
SUMMARY_NO_SIGNS = ("None of the signs backref reads from the log applies now (it reads only: an episode "
                    "longer than a week, frequent recurring episodes, a severity of 8 or more). "
                    "This is not a clinical assessment.")
SUMMARY_NO_EPISODES = "No episodes logged in this period."
SUMMARY_NO_CHECK = "No red-flag check recorded in this period (backref triage runs one)."
SUMMARY_NOT_RATED = "not rated"
SUMMARY_NOT_A_DATE = "(not a date)"
SUMMARY_UNDATED = "undated"
SUMMARY_YES, SUMMARY_NO = "YES", "no"
SUMMARY_STOPS = "The check stops at the first yes; the questions after it were not asked."
SUMMARY_NO_QUESTION = "(a question this guide no longer asks)"
SUMMARY_CHECK_NONE = "no red flag reported (this rules nothing out)"
SUMMARY_NO_RESULT = "result not recorded"
SUMMARY_CHECK_COLUMNS = ("Answer", "Sign (the guide's words)", "Question asked")
SUMMARY_EPISODE_COLUMNS = ("No.", "Started", "Ended", "Duration", "Peak", "Latest", "Where", "Triggers")
SUMMARY_READING_COLUMNS = ("When", "Severity", "Chart", "Guide's band", "Note")


def summary_prepared(when: str, version: str, since: str | None) -> str:
    """'Prepared 2026-11-20 12:00 by backref 1.0 (every episode logged).'"""
    scope = f"episodes since {since}" if since else "every episode logged"
    return f"Prepared {when} by backref {version} ({scope})."


def summary_open(number: int, started: str, day: int | None, peak: str, latest: str) -> str:
    """The headline's first line when an episode is open."""
    which = f", day {day}" if day is not None else ""
    return f"Episode {number} is open: started {started}{which}; peak severity {peak}, latest {latest}."


def summary_none_open(ended: str | None) -> str:
    """The headline's first line when no episode is open."""
    return f"No episode is open (the last ended {ended})." if ended else "No episode is open."


def summary_count(count: int, highest: str | None) -> str:
    """'3 episodes in this summary; highest severity 9/10.'"""
    told = f"; highest severity {highest}" if highest else ""
    return f"{plural(count, 'episode')} in this summary{told}."


def summary_last_check(when: str, result: str) -> str:
    """'Last red-flag check, 2026-11-19 21:00: SEE A DOCTOR'."""
    return f"Last red-flag check, {when}: {result}"


def summary_check_heading(when: str, result: str) -> str:
    return f"Red-flag check, {when}: {result}"


def summary_answered_yes(question: str) -> str:
    return f"answered yes to: {question}"


def summary_prevention(kept: int, days: int, streak_days: int) -> str:
    """Days with a prevention tick in the last ``days`` days, and the streak."""
    return (f"Days with a prevention exercise or habit ticked: {kept} of {days}. "
            f"Current {streak(streak_days)}.")


def summary_prevention_heading(days: int) -> str:
    return f"Prevention (last {plural(days, 'day')})"


def summary_bands(bands: str) -> str:
    """The key to the guide's severity bands, apart from the person's numbers."""
    return (f"{SUMMARY_SCALE} The guide's bands (its \"Severity Levels\") are named apart from it; "
            f"the cut-points are backref's: {bands}.")


SUMMARY_CHART_CAPTION = "severity 0-10 (the person's rating) over time"
SUMMARY_CHART_NOTE = "a note, not rated"


def summary_chart_note(when: str) -> str:
    return f"a note at {when}"


def summary_chart_title(number: int, points: str) -> str:
    """What the chart shows, for screen readers and a page printed without its pictures."""
    return f"Episode {number}: severity 0-10 over time: {points}"


# -- search: why a red flag was matched, and the check offered when unsure ---------------------
WHY_LEAD = "why: "  # before a red flag's matched words, under it
WHY_ARROW = " \u2192 "  # "waterworks -> bladder"
WHY_JOIN = "; "
OWN_WORDS = "the sign's own words"
WHY_NEEDS = "this sign also needs: "
WHY_NEEDS_JOIN = " and "
CHECK_OFFER_CLI = "Not sure whether this is serious? Answer the red-flag check: backref triage"
CHECK_OFFER_TUI = "Not sure whether this is serious? Enter here: the red-flag check (t)"


def why_line(matched: tuple[tuple[str, str], ...], missing: tuple[str, ...]) -> str:
    """'waterworks -> bladder; stopped working -> loss of control', and what a sign only partly
    said also needs; "" when nothing was matched."""
    said = WHY_JOIN.join(f"{words}{WHY_ARROW}{label}" for words, label in matched)
    if missing:
        needs = WHY_NEEDS + WHY_NEEDS_JOIN.join(missing)
        return f"{said}{WHY_JOIN}{needs}" if said else needs
    return said

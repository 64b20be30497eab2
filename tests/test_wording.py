"""The sentences backref itself says (urgency, progress, timers, episodes, the check), word for word:
each is what a person reads on the command line or in the full-screen view."""
from __future__ import annotations

import pytest

from backref.core import wording


@pytest.mark.parametrize(("seconds", "unit", "said"), [
    (30, "", "30 seconds"),
    (1, "", "1 second"),
    (59, "", "59 seconds"),
    (60, "", "1 minute"),
    (61, "", "1 minute 1 second"),
    (90, "", "1 minute 30 seconds"),
    (1200, "", "20 minutes"),
    (3600, "", "1 hour"),
    (3690, "", "1 hour 1 minute 30 seconds"),
    (7200, "", "2 hours"),
    (172800, "", "48 hours"),
    (90, "seconds", "90 seconds"),   # the guide said "Hold 90 seconds": keep its words
    (60, "seconds", "60 seconds"),
    (30, "minutes", "30 seconds"),   # half a minute of one's own
    (1200, "minutes", "20 minutes"),
])
def test_a_length_is_said_in_hours_minutes_and_seconds(seconds: int, unit: str, said: str) -> None:
    assert wording.duration(seconds, unit) == said


def test_a_timing_keeps_the_guides_unit_and_says_how_often_and_for_how_long() -> None:
    assert wording.timing(90, "seconds", None, None) == "90 seconds"
    assert wording.timing(1200, "minutes", 7200, 172800) == "20 minutes, every 2 hours for the first 48 hours"
    assert wording.timing(1200, "minutes", 7200, None) == "20 minutes, every 2 hours"
    assert wording.window_over(172800, "Then alternate heat/cold") == "after the first 48 hours: Then alternate heat/cold"


@pytest.mark.parametrize(("left", "shown"), [
    (0, "0:00"), (-3, "0:00"), (0.2, "0:01"), (1, "0:01"), (59.5, "1:00"), (61, "1:01"),
    (1172, "19:32"), (3599, "59:59"), (3600, "1:00:00"), (3723, "1:02:03"),
])
def test_time_left_is_rounded_up_so_zero_means_done(left: float, shown: str) -> None:
    assert wording.time_left(left) == shown


def test_a_finished_timer_says_what_ran_how_long_and_how_many_times() -> None:
    assert wording.timer_done("Knee-to-chest stretch", 30) == "done: Knee-to-chest stretch (30 seconds)"
    assert wording.timer_done("Knee-to-chest stretch", 30, 1) == "done: Knee-to-chest stretch (30 seconds)"
    assert wording.timer_done("Knee-to-chest stretch", 30, 2) == "done: Knee-to-chest stretch (30 seconds x 2)"
    assert wording.timer_done("Apply ice", 1200, 3) == "done: Apply ice (20 minutes x 3)"
    assert wording.timer_stopped("Apply ice") == "stopped: Apply ice"
    assert wording.rep_label(2, 3) == "hold 2/3"
    assert wording.next_due_at("Apply ice 20 min every 2 hours", "22:40") == "next due 22:40: Apply ice 20 min every 2 hours"
    assert wording.due_now("Apply ice") == "due now: Apply ice"


def test_progress_says_how_many_are_ticked_and_whether_it_is_todays() -> None:
    assert wording.progress(3, 5, False) == "3/5"
    assert wording.progress(3, 5, True) == "3/5 (today)"
    assert wording.ticked(3, 5, False) == "3/5 ticked"
    assert wording.ticked(0, 7, True) == "0/7 ticked today"
    assert wording.streak(1) == "streak: 1 day"
    assert wording.streak(0) == "streak: 0 days"
    assert wording.streak(3) == "streak: 3 days"
    assert wording.plural(1, "tick") == "1 tick"
    assert wording.plural(2, "tick") == "2 ticks"


@pytest.mark.parametrize(("count", "said"), [(0, "0 matches"), (1, "1 match"), (2, "2 matches"), (11, "11 matches")])
def test_the_search_says_how_many_matched(count: int, said: str) -> None:
    assert wording.matches(count) == said


def test_urgency_is_said_in_words_before_the_lists_title() -> None:
    assert wording.urgency_title("EMERGENCY", "Seek Emergency Care If Back Spasms Occur With") == \
        "EMERGENCY - Seek Emergency Care If Back Spasms Occur With:"
    assert wording.urgency_title_parts("SEE A DOCTOR", "Schedule an Appointment For") == \
        ("SEE A DOCTOR", " - Schedule an Appointment For:")
    assert wording.urgency_title("URGENT CARE", "Go today?") == "URGENT CARE - Go today?"
    assert [wording.with_colon(t) for t in ("For", "For:", "Now!", "Why?", "Done.")] == \
        ["For:", "For:", "Now!", "Why?", "Done."]
    assert wording.item_line("Muscle strain", "Overexertion") == "Muscle strain: Overexertion"
    assert wording.item_line("Walk", None) == "Walk"


def test_episode_sentences_name_whose_threshold_it_is() -> None:
    assert wording.long_episode("Spasms lasting more than a week", "Mon 3 Nov", 9, label="SEE A DOCTOR") == (
        "SEE A DOCTOR: Spasms lasting more than a week - this episode started Mon 3 Nov (day 9); "
        "the guide says to book an appointment")
    assert wording.recurring("Frequent recurring episodes", 4, 3, 30, label="SEE A DOCTOR") == (
        "SEE A DOCTOR: Frequent recurring episodes - 4 episodes started in the last 30 days; the guide "
        "says to book an appointment (3 in 30 days is backref's threshold, not the guide's; set it in config.toml)")
    assert wording.recurring("Frequent recurring episodes", 1, 1, 30, label="SEE A DOCTOR").startswith(
        "SEE A DOCTOR: Frequent recurring episodes - 1 episode started in the last 30 days;")  # a threshold of 1
    assert wording.severity_check(8, 7, "backref triage") == (
        "Latest severity 8/10: go through the red-flag check now: backref triage (7 or more is backref's threshold)")
    assert wording.episode_status(3, "6/10 moderate") == "Episode: day 3, latest severity 6/10 moderate"


def test_the_check_numbers_its_questions_and_points_to_relief() -> None:
    assert wording.question_number(3, 21) == "Question 3 of 21"
    assert wording.fallback_question("Severe night pain") == "Do you have this: Severe night pain?"
    assert wording.check_relief("Immediate Relief Strategies", "relief", "Relief") == (
        "Relief steps: 'backref show relief', or the Relief tab of the full-screen view (Immediate Relief Strategies).")

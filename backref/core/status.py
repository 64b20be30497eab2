"""What `backref status` says: today's routine, the streak, the open episode's day, when a
repeating timing (ice) is next due, and a timer still running, each as a short part.

A quick lookup: the state is read through the parse cache; datetime and the timer rules are
imported only when an episode is open or a timer has run.
"""
from __future__ import annotations

from backref.core import wording
from backref.core.records import Record
from backref.core.state import section_progress

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime

    from backref.core.content import Content
    from backref.core.state import StateStore


class Part(Record):
    """One thing status says: ``short`` for the one-line form, ``line`` for the full one."""

    __slots__ = ("kind", "short", "line")
    kind: str  # "routine", "streak", "episode", "due", "timer"
    short: str
    line: str


def status_parts(content: Content, store: StateStore) -> list[Part]:
    """What there is to say now, in the order a prompt shows it; [] when there is nothing."""
    parts: list[Part] = []
    ticked = store.ticked()
    daily = [s for _t, s in content.checklist_sections() if s.daily]
    done = sum(section_progress(s, ticked)[0] for s in daily)
    total = sum(len(s.items) for s in daily)
    streak = store.streak()
    if total and (done or streak):  # 0/5 with no streak is nothing to say yet
        parts.append(Part(kind="routine", short=wording.status_routine(done, total),
                          line=wording.status_routine_line(done, total)))
    if streak:
        parts.append(Part(kind="streak", short=wording.status_streak(streak), line=wording.streak(streak)))
    episode = store.open_episode()
    runs = store.timers()
    if episode is None and not any(run.get("status") == "running" for run in runs.values()):
        return parts
    now = store.now()
    if episode is not None:
        from backref.core.episodes import day_number

        day = day_number(episode, now)
        parts.append(Part(kind="episode", short=wording.status_episode(day),
                          line=wording.status_episode_line(day, episode.started[:16].replace("T", " "))))
    parts += timer_parts(content, store, runs, now)
    return parts


def timer_parts(content: Content, store: StateStore, runs: dict[str, dict[str, object]],
                now: datetime.datetime) -> list[Part]:
    """When each repeating timing is next due in the open episode, and each timer still running."""
    from backref.core import timers

    parts: list[Part] = []
    start = timers.episode_started(store)
    for item, due in (timers.repeating_dues(content, runs, start, now) if start else []):
        if due.kind == "at" and due.when is not None:
            parts.append(Part(kind="due", short=wording.status_due(item.id, timers.clock_time(due.when, now)),
                              line=timers.due_text(content, item, due, now)))
        elif due.kind == "now":
            parts.append(Part(kind="due", short=wording.status_due_now(item.id),
                              line=timers.due_text(content, item, due, now)))
    for item_id, run in runs.items():
        started = timers.started_at(run)
        seconds, reps = run.get("seconds"), run.get("reps", 1)
        if run.get("status") != "running" or started is None or type(seconds) is not int or type(reps) is not int:
            continue
        left = (started - now).total_seconds() + seconds * max(1, min(reps, 1000))
        if 0 < left <= 7 * 86400:  # a run killed long ago is no running timer
            parts.append(Part(kind="timer", short=wording.status_timer(item_id, wording.time_left(left)),
                              line=wording.status_timer(item_id, wording.time_left(left))))
    return parts


def short_line(parts: list[Part]) -> str:
    """The parts in one line for a prompt ('' when there are none)."""
    return wording.STATUS_JOIN.join(p.short for p in parts)

"""Relief timers: counting down the guide's timings, and when a repeating one is due next.

Time on screen is measured with an injected monotonic clock (suspend and clock changes do not
bend a countdown); the times a person may want later (started at, next due at) are wall-clock
times kept in the state file. Nothing here sleeps or reads a clock of its own.
"""
from __future__ import annotations

import datetime

from backref.core import wording
from backref.core.content import Content, Item, Timer
from backref.core.episodes import stamp
from backref.core.errors import UserError
from backref.core.records import Record
from backref.core.resolve import candidates, resolve_item

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from backref.core.state import StateStore

HOLD, REST = "hold", "rest"
RUNNING, PAUSED, DONE, CANCELLED = "running", "paused", "done", "cancelled"


# -- what to time ----------------------------------------------------------------

def resolve_timed(content: Content, name: str) -> Item:
    """The item ``name`` means, preferring timed items: an id, else the one timed item whose text
    or id contains it; otherwise as `tick` resolves checklist items (with its errors)."""
    timed = [item for _t, _s, item in content.timed_items()]
    wanted = " ".join(name.lower().split())
    for item in timed:
        if item.id == name or item.text.lower() == wanted:
            return item
    matches = [item for item in timed if wanted and (wanted in item.text.lower() or wanted in item.id)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UserError(f"{name!r} matches {len(matches)} timed items: {candidates(matches)}; name one by its id")
    return content.item(name) or resolve_item(content, name)


def chosen_seconds(item: Item, minutes: float | None, seconds: float | None) -> int:
    """The length of one hold: --minutes or --seconds when given, else the guide's timing.
    UserError past LONGEST (a day): 1e308 minutes is a typo, not a timer."""
    if minutes is not None or seconds is not None:
        value = minutes * 60 if minutes is not None else seconds
        assert value is not None
        if not 0 < value <= LONGEST:  # also turns away nan and inf
            given = f"--minutes {minutes:g}" if minutes is not None else f"--seconds {seconds:g}"
            raise UserError(f"{given} is longer than {wording.duration(LONGEST)}, the longest timer backref runs")
        return max(1, round(value))
    if item.timer is None:
        raise UserError(f"{item.text!r} has no timing in the guide; give --minutes M or --seconds S "
                        "(see 'backref timer' for the timed items)")
    return item.timer.seconds


def check_reps(reps: int, seconds: int, rest_seconds: int) -> None:
    """UserError when ``reps`` holds (and the rests between) are more than MAX_REPS or take
    longer than LONGEST: the countdown's phases are kept in memory, one per hold and rest."""
    if reps > MAX_REPS:
        raise UserError(f"--reps {reps} is more than {MAX_REPS}, the most holds one timer counts")
    if reps * seconds + (reps - 1) * rest_seconds > LONGEST:
        raise UserError(f"{reps} holds of {wording.duration(seconds)} take longer than "
                        f"{wording.duration(LONGEST)}, the longest timer backref runs")


LONGEST = 24 * 3600  # seconds: a length of one's own is capped at a day (ours, not the guide's)
MAX_REPS = 100  # holds in one run (ours): a hundred 30-second holds are most of an hour


def parse_length(text: str) -> int | None:
    """Seconds from what a person typed: '5' or '5m' (minutes), '30s', '1.5 min'; None if unusable."""
    words = text.strip().lower()  # '1 5' is turned away, not read as 15
    scale = 60
    for suffix, factor in (("minutes", 60), ("minute", 60), ("mins", 60), ("min", 60), ("m", 60),
                           ("seconds", 1), ("second", 1), ("secs", 1), ("sec", 1), ("s", 1)):
        if words.endswith(suffix):
            words, scale = words[: -len(suffix)], factor
            break
    try:
        value = float(words)
    except ValueError:
        return None
    if not 0 < value * scale <= LONGEST:  # also turns away nan and inf
        return None
    return max(1, round(value * scale))


def phases(seconds: int, reps: int, rest_seconds: int) -> tuple[tuple[str, int], ...]:
    """(kind, seconds) in order: ``reps`` holds with a rest between each (none after the last)."""
    out: list[tuple[str, int]] = []
    for rep in range(reps):
        if rep and rest_seconds:
            out.append((REST, rest_seconds))
        out.append((HOLD, seconds))
    return tuple(out)


def cautions(content: Content, item: Item) -> list[Item]:
    """The items the content keeps beside this item's timer (its own safety words)."""
    if item.timer is None:
        return []
    found = (content.item(ref) for ref in item.timer.cautions)
    return [c for c in found if c is not None]


# -- a countdown -------------------------------------------------------------------

class Phase(Record):
    """Where a countdown is: phase ``index`` of ``kind``, ``left`` seconds to go in it, which hold."""

    __slots__ = ("index", "kind", "left", "length", "rep")
    index: int
    kind: str
    left: float
    length: int
    rep: int


class Countdown:
    """One running timer, measured on ``clock`` (a monotonic clock in seconds).

    It can be paused and resumed; pausing stops time for it. ``finished`` once every phase is over.
    """

    def __init__(self, item: Item, seconds: int, *, reps: int = 1, rest_seconds: int = 0,
                 clock: Callable[[], float], started: datetime.datetime | None = None) -> None:
        self.item = item
        self.seconds = seconds
        self.reps = reps
        self.phases = phases(seconds, reps, rest_seconds)
        self.total = sum(length for _kind, length in self.phases)
        self.clock = clock
        self.started = started  # wall clock, for the state file
        self._start = clock()
        self._paused_at: float | None = None
        self._paused_for = 0.0

    def elapsed(self) -> float:
        """Seconds counted so far (pauses left out)."""
        now = self._paused_at if self._paused_at is not None else self.clock()
        return max(0.0, min(self.total, now - self._start - self._paused_for))

    def remaining(self) -> float:
        return self.total - self.elapsed()

    @property
    def finished(self) -> bool:
        return self.elapsed() >= self.total

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def phase(self) -> Phase:
        """The phase now; the last one (with nothing left) once finished."""
        elapsed = self.elapsed()
        rep = 0
        for index, (kind, length) in enumerate(self.phases):
            rep += kind == HOLD
            if elapsed < length or index == len(self.phases) - 1:
                return Phase(index=index, kind=kind, left=max(0.0, length - elapsed), length=length, rep=rep)
            elapsed -= length
        raise AssertionError("a countdown has at least one phase")

    def pause(self) -> None:
        if self._paused_at is None and not self.finished:
            self._paused_at = self.clock()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._paused_for += self.clock() - self._paused_at
            self._paused_at = None

    def toggle_pause(self) -> None:
        if self.paused:
            self.resume()
        else:
            self.pause()

    def status_text(self) -> str:
        """'Apply ice 20 min every 2 hours  19:32 left', with 'hold 2/3', 'rest' or 'paused'."""
        phase = self.phase()
        parts = [self.item.text]
        if phase.kind == REST:
            parts.append(wording.TIMER_REST)
        elif self.reps > 1:
            parts.append(wording.rep_label(phase.rep, self.reps))
        parts.append(f"{wording.time_left(phase.left)} left")
        if self.paused:
            parts.append("(paused)")
        return "  ".join(parts)


def line_interval(length: int) -> int:
    """How often a piped countdown prints a line: per minute, per 10 s for short holds, per
    second for the shortest (so a few seconds still show progress)."""
    if length > 120:
        return 60
    if length > 15:
        return 10
    return 1


# -- repeating timings -----------------------------------------------------------------

class Due(Record):
    """When a repeating timing is next due: kind "now", "at" (``when``) or "then" (the window is
    over, or will be by the next one: the guide's next step ``then`` is named instead)."""

    __slots__ = ("kind", "when", "then")
    kind: str
    when: datetime.datetime | None
    then: str | None


def next_due(timer: Timer, episode_start: datetime.datetime | None,
             last_started: datetime.datetime | None, now: datetime.datetime) -> Due | None:
    """When ``timer`` is next due in the episode that started at ``episode_start``; None when it
    does not repeat or no episode is open. The interval counts from the last start."""
    if timer.every_seconds is None or episode_start is None:
        return None
    window_end = None
    if timer.window_seconds:
        window_end = episode_start + datetime.timedelta(seconds=timer.window_seconds)
        if now >= window_end:
            return Due(kind="then", when=window_end, then=timer.then)
    if last_started is None or last_started < episode_start:
        return Due(kind="now", when=None, then=None)
    due = last_started + datetime.timedelta(seconds=timer.every_seconds)
    if window_end is not None and due >= window_end:
        return Due(kind="then", when=window_end, then=timer.then)
    if due <= now:
        return Due(kind="now", when=due, then=None)
    return Due(kind="at", when=due, then=None)


def due_text(content: Content, item: Item, due: Due, now: datetime.datetime) -> str:
    """The line a person reads about ``due``: 'next due 22:40: ...', 'due now: ...', or the next step."""
    assert item.timer is not None
    if due.kind == "then":
        window = item.timer.window_seconds
        assert window  # only a timing with a window has a step after it
        then = content.item(due.then) if due.then else None
        return wording.window_over(window, then.text if then else item.text)
    if due.kind == "now" or due.when is None:
        return wording.due_now(item.text)
    return wording.next_due_at(item.text, clock_time(due.when, now))


def clock_time(when: datetime.datetime, now: datetime.datetime) -> str:
    """'22:40' today, else 'Thu 22:40' (local time)."""
    local, today = when.astimezone(), now.astimezone()
    return local.strftime("%H:%M") if local.date() == today.date() else local.strftime("%a %H:%M")


def repeating_dues(content: Content, runs: dict[str, dict[str, object]],
                   episode_start: datetime.datetime | None, now: datetime.datetime) -> list[tuple[Item, Due]]:
    """Each repeating timed item with when it is next due, from the runs in the state file."""
    out = []
    for _t, _s, item in content.timed_items():
        assert item.timer is not None
        due = next_due(item.timer, episode_start, started_at(runs.get(item.id)), now)
        if due is not None:
            out.append((item, due))
    return out


# -- the open episode and the state file ------------------------------------------------

def episode_started(store: StateStore) -> datetime.datetime | None:
    """When the open episode started; None when no episode is open."""
    episode = store.open_episode()
    return None if episode is None else as_datetime(episode.started)


def as_datetime(value: object) -> datetime.datetime | None:
    """A stored time (ISO text or datetime) as an aware local datetime; None when it is neither."""
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime.datetime):
        return None
    try:
        return value.astimezone()  # a time without an offset is local time
    except (OverflowError, ValueError):  # a hand-written year 1 or 9999, far from any zone
        return None


def started_at(run: dict[str, object] | None) -> datetime.datetime | None:
    return as_datetime(run.get("started")) if run else None


def run_record(countdown: Countdown, status: str, now: datetime.datetime) -> dict[str, object]:
    """What the state file keeps of a timer run: wall-clock start (and end), length, status, next due."""
    record: dict[str, object] = {"status": status, "seconds": countdown.seconds, "reps": countdown.reps}
    if countdown.started is not None:
        record["started"] = stamp(countdown.started)
        timer = countdown.item.timer
        if timer is not None and timer.every_seconds:
            due = countdown.started + datetime.timedelta(seconds=timer.every_seconds)
            record["next_due"] = stamp(due)
    if status in (DONE, CANCELLED):
        record["ended"] = stamp(now)
    return record

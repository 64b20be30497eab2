"""Episodes of back spasm: the rules. When one is open, its readings (0-10 severity, notes),
where it is and what set it off, the relief ticks that belong to it, and the see-a-doctor
signs the log shows.

An episode in the state file is one ``[[episodes]]`` table::

    started = "2026-11-01T00:00:00+01:00"   # ISO date-time with its UTC offset
    ended = "2026-11-04T18:00:00+01:00"     # absent while the episode is open
    where = ["lower-back-most-common"]       # item ids of "Location Patterns", or free text
    triggers = ["bending-forward", "lifting"]  # item ids of "Triggers", or free text
    readings = [{at = "...", severity = 7, note = "..."}]  # severity and note each optional
    ticks = {apply-ice-20-min = "..."}       # relief items ticked in this episode, with when

Ground floor: datetime is imported inside the functions that need it (lookup path).
"""
from __future__ import annotations

from backref.core import wording
from backref.core.errors import UserError
from backref.core.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    import datetime
    from typing import Any

    from backref.core.content import Content, Item, RedFlag

    State = dict[str, Any]

SEVERITY_MAX = 10
# Where the 0-10 numeric rating scale meets the guide's words (its "Severity Levels").
# The guide gives the words, not the numbers: these cut-points are backref's, the
# customary ones for the 0-10 scale (1-3 mild, 4-6 moderate, 7-10 severe).
SEVERITY_BANDS = ((1, 3, "mild"), (4, 6, "moderate"), (7, 10, "severe"))
SEVERITY_SECTION = "severity-levels"
TRIGGER_SECTION = "triggers"
WHERE_SECTION = "location-patterns"
# The guide's see-a-doctor signs that the log can show, by red-flag id.
LONG_EPISODE_FLAG = "see-spasms-over-a-week"
RECURRING_FLAG = "see-recurring-episodes"
LONG_EPISODE_DAYS = 7  # the guide's "more than a week"
# backref's threshold for "frequent" recurring episodes lives with the settings (config.py).
CHECK_SEVERITY = 8
# The years a time in the log may fall in (backref's): an earlier one is a typo, and far from
# these converting a time to the local zone overflows.
EARLIEST_YEAR, LATEST_YEAR = 1900, 9000
TRIAGE_COMMAND = "backref triage"


class Reading(Record):
    """One dated entry of an episode: a 0-10 severity, a note, or both."""

    __slots__ = ("at", "severity", "note")
    at: str
    severity: int | None
    note: str | None


class Episode(Record):
    """One episode as read from the state file. ``started``/``ended`` are ISO date-time strings
    with a UTC offset (``ended`` None while open); ``number`` counts from 1 in start order."""

    __slots__ = ("number", "started", "ended", "where", "triggers", "readings", "ticks")
    number: int
    started: str
    ended: str | None
    where: tuple[str, ...]
    triggers: tuple[str, ...]
    readings: tuple[Reading, ...]
    ticks: dict[str, str]

    @property
    def is_open(self) -> bool:
        return self.ended is None

    def severities(self) -> list[tuple[str, int]]:
        """(when, severity) of each reading that has one, oldest first."""
        return [(r.at, r.severity) for r in self.readings if r.severity is not None]

    @property
    def latest_severity(self) -> int | None:
        values = self.severities()
        return values[-1][1] if values else None

    @property
    def peak_severity(self) -> int | None:
        values = self.severities()
        return max(v for _at, v in values) if values else None


class Sign(Record):
    """Something the log shows that the person should act on: ``flag`` is the guide's red flag
    (None for the pointer to the red-flag check) and ``line`` says it in one sentence."""

    __slots__ = ("kind", "flag", "line")
    kind: str  # "long-episode", "recurring", "check-red-flags"
    flag: RedFlag | None
    line: str


# -- reading the state ---------------------------------------------------------

def episodes_of(state: State) -> list[Episode]:
    """Every episode in the state, in start order."""
    return [episode_of(n, table) for n, table in enumerate(state.get("episodes", ()), 1)]


def episode_of(number: int, table: dict[str, Any]) -> Episode:
    return Episode(
        number=number, started=table["started"], ended=table.get("ended"),
        where=tuple(table.get("where", ())), triggers=tuple(table.get("triggers", ())),
        readings=tuple(Reading(at=r["at"], severity=r.get("severity"), note=r.get("note"))
                       for r in table.get("readings", ())),
        ticks=dict(table.get("ticks", {})),
    )


def open_table(state: State) -> dict[str, Any] | None:
    """The open episode's table in the state (the last one, when it has no end), or None."""
    episodes = state.get("episodes") or []
    return episodes[-1] if episodes and "ended" not in episodes[-1] else None


def shown_ticks(state: State, scopes: dict[str, str]) -> dict[str, str]:
    """The ticks that count now outside the daily ones: relief (episode-scope) items from the
    open episode, the rest from ``[ticks]``. A file with no episodes yet shows its ``[ticks]``
    whole, as the release before episodes did."""
    ticks: dict[str, str] = state["ticks"]
    if not state.get("episodes"):
        return ticks
    kept = {k: v for k, v in ticks.items() if scopes.get(k) != "episode"}
    table = open_table(state)
    return {**kept, **(table.get("ticks", {}) if table else {})}


# -- time ------------------------------------------------------------------------

def parse_when(text: str, now: datetime.datetime, *, end_of_day: bool = False) -> datetime.datetime:
    """WHEN as a local date-time: an ISO date or date-time, ``today`` or ``yesterday``
    (now, or this time yesterday). A bare date is its start, or with ``end_of_day`` its
    last second (but never later than now). UserError when unreadable or in the future."""
    import datetime

    word = text.strip().lower()
    if word == "today":
        when = now
    elif word == "yesterday":
        when = now - datetime.timedelta(days=1)
    else:
        try:
            if len(word) == 10:
                day = datetime.date.fromisoformat(word)
                clock = datetime.time(23, 59, 59) if end_of_day else datetime.time(0, 0)
                typed = datetime.datetime.combine(day, clock)
            else:
                typed = datetime.datetime.fromisoformat(text.strip())
        except ValueError:
            raise UserError(f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM-DDTHH:MM, today or yesterday") from None
        if typed.year < EARLIEST_YEAR:  # checked first: converting it to local time can overflow
            raise UserError(f"{text!r} is before {EARLIEST_YEAR}; backref keeps no earlier times")
        when = typed.astimezone() if typed.tzinfo is None else typed
        if typed.tzinfo is None and when.replace(tzinfo=None) != typed:  # in a gap the clocks jumped
            later = typed.replace(fold=1).astimezone()
            if len(word) != 10:
                raise UserError(f"{text!r} never showed on the local clock (it went forward then): "
                                f"give {when:%H:%M} or {later:%H:%M}")
            when = later  # a day that began after the gap begins when it did
        if len(word) == 10 and end_of_day and when > now and typed.date() == now.date():
            when = now
    if when > now:
        raise UserError(f"{text!r} is in the future; an episode is logged as it happens or after")
    return when


def stamp(when: datetime.datetime) -> str:
    """The ISO form kept in the file: local time to the second, with its UTC offset."""
    return when.isoformat(timespec="seconds")


def parse_stamp(text: str) -> datetime.datetime:
    """A stamp of the file as an aware datetime (one with no offset is local time); ValueError
    when it is none. A start always is one (the file's check sees to it: see usable_stamp); an
    end or a reading's time may be anything a hand-edit left there: see stamp_time."""
    import datetime

    when = datetime.datetime.fromisoformat(text)
    return when.astimezone() if when.tzinfo is None else when


def usable_stamp(text: str) -> bool:
    """Whether ``text`` is a date-time every rule here can read and show in local time (within
    the years, converting to any zone cannot overflow: a file of ten years checks quickly)."""
    import datetime

    try:
        when = datetime.datetime.fromisoformat(text)
    except ValueError:
        return False
    return EARLIEST_YEAR <= when.year <= LATEST_YEAR


def stamp_time(text: object) -> datetime.datetime | None:
    """A time of the file as an aware datetime, or None when it is no date-time from
    EARLIEST_YEAR to LATEST_YEAR: such an end or reading time is shown as text, marked (see
    short_time), and left out of every sum."""
    return parse_stamp(text) if isinstance(text, str) and usable_stamp(text) else None


def day_number(episode: Episode, now: datetime.datetime) -> int:
    """The calendar day of the episode it is now (or was at its end): the start day is day 1
    (and still is while the clock reads before the start, as after it is put back, or when
    its end is no date-time)."""
    started = parse_stamp(episode.started)
    last = (stamp_time(episode.ended) or started) if episode.ended else now
    return max(1, (last.astimezone().date() - started.astimezone().date()).days + 1)


def not_before(when: datetime.datetime, floor: str | None, what: str, done: str,
               notices: list[str] | None) -> datetime.datetime:
    """``when`` (the clock's time), or the logged time ``floor`` when the clock reads earlier:
    a clock put back (or a time logged under a fast one) never puts the log out of order; said
    in ``notices``."""
    kept = stamp_time(floor)
    if kept is None or when >= kept:
        return when
    if notices is not None:
        notices.append(wording.clock_behind(short_time(stamp(when)), what, short_time(stamp(kept)), done))
    return kept


def duration(episode: Episode, now: datetime.datetime) -> str:
    """'3 days', '5 hours' (to its end, or to now while open; '0 hours' while the clock
    is before the start, as after the clock is put back); 'length unknown' when its end is no
    date-time."""
    started = parse_stamp(episode.started)
    last = stamp_time(episode.ended) if episode.ended else now
    if last is None:
        return wording.LENGTH_UNKNOWN
    seconds = (max(last, started) - started).total_seconds()
    if seconds < 86400:
        hours = int(seconds // 3600)
        return wording.plural(hours, "hour")
    return wording.plural(int(seconds // 86400), "day")


def short_time(text: str) -> str:
    """'2026-11-01 09:30' from an ISO stamp (local time as written); anything else as the text it
    is, on one line, marked '(not a date)'."""
    if usable_stamp(text):
        return text[:16].replace("T", " ")
    return f"{plain(text)} {wording.SUMMARY_NOT_A_DATE}"


# -- words -------------------------------------------------------------------------

def severity_item(content: Content, severity: int) -> Item | None:
    """The guide's "Severity Levels" item (Mild, Moderate, Severe) that ``severity`` falls in."""
    for low, high, item_id in SEVERITY_BANDS:
        if low <= severity <= high:
            for topic in content.topics:
                for section in topic.sections:
                    if section.id == SEVERITY_SECTION:
                        return next((i for i in section.items if i.id == item_id), None)
    return None


class Words(Record):
    """What the log's values read as in one content, looked up once (a page of ten years asks
    thousands of times): severity words by value, and item texts by section and id."""

    __slots__ = ("content", "severity", "texts")
    content: Content
    severity: dict[int, str]
    texts: dict[tuple[str, str], str]


_words: list[Words] = []  # the last content's: it is held, so its id is never another's


def words_of(content: Content) -> Words:
    if not _words or _words[0].content is not content:
        texts = {(section.id, item.id): item.text for topic in content.topics for section in topic.sections
                 for item in section.items}
        severity = {value: severity_words(content, value, fresh=True) for value in range(SEVERITY_MAX + 1)}
        _words[:] = [Words(content=content, severity=severity, texts=texts)]
    return _words[0]


def severity_words(content: Content, severity: int | None, *, fresh: bool = False) -> str:
    """'7/10 severe (Intense pain, immobility)', '0/10', or 'not rated' when there is none."""
    if severity is None:
        return "not rated"
    if not fresh and 0 <= severity <= SEVERITY_MAX:
        return words_of(content).severity[severity]
    item = severity_item(content, severity)
    if item is None:
        return f"{severity}/{SEVERITY_MAX}"
    detail = f" ({item.detail})" if item.detail else ""
    return f"{severity}/{SEVERITY_MAX} {item.text.lower()}{detail}"


def choices(content: Content, section_id: str) -> list[Item]:
    """The items of one content section (triggers, location patterns) offered as choices."""
    return [item for topic in content.topics for section in topic.sections
            if section.id == section_id for item in section.items]


def choice_value(content: Content, section_id: str, text: str) -> str:
    """What to keep for a typed trigger or place: the item id it names (by id, text, or the
    start of either, when only one matches), else the text itself."""
    text = plain(text)
    wanted = " ".join(text.lower().split())
    items = choices(content, section_id)
    for item in items:
        if wanted in (item.id, item.text.lower()):
            return item.id
    starts = [i for i in items if wanted and (i.id.startswith(wanted) or i.text.lower().startswith(wanted))]
    return starts[0].id if len(starts) == 1 else text


def choice_text(content: Content, section_id: str, value: str) -> str:
    """A kept trigger or place as words: the item's text for an id, else the free text."""
    return words_of(content).texts.get((section_id, value), value)


def plain(text: str) -> str:
    """``text`` with control characters (escape sequences, newlines) made spaces: it is shown as
    text in terminals and files, never obeyed."""
    if text.isprintable():
        return text.strip()
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def check_severity(value: int) -> int:
    if not 0 <= value <= SEVERITY_MAX:
        raise UserError(f"severity {value} is not on the 0-{SEVERITY_MAX} scale")
    return value


# -- changing the state ----------------------------------------------------------------

def start(state: State, started: datetime.datetime, *, severity: int | None = None,
          where: list[str] | None = None, triggers: list[str] | None = None,
          note: str | None = None, typed: bool = False, notices: list[str] | None = None) -> dict[str, Any]:
    """Add an open episode to ``state`` and return its table; UserError when one is open or
    when a ``typed`` time is before the previous one's end (the clock's time is moved up to
    that end instead, and said in ``notices``)."""
    episodes = state.setdefault("episodes", [])
    if open_table(state) is not None:
        raise UserError(f"an episode is open since {short_time(episodes[-1]['started'])}; "
                        "end it first: backref episode end [--at WHEN]")
    previous_end = stamp_time(episodes[-1].get("ended")) if episodes else None
    if previous_end is not None and not typed:
        started = not_before(started, episodes[-1]["ended"], "the previous episode's end",
                             "started this one", notices)
    if previous_end is not None and previous_end > started:
        raise UserError(f"the previous episode ended {short_time(episodes[-1]['ended'])}; "
                        "a new one cannot start before that")
    table: dict[str, Any] = {"started": stamp(started)}
    if where:
        table["where"] = list(dict.fromkeys(where))
    if triggers:
        table["triggers"] = list(dict.fromkeys(triggers))
    reading = new_reading(started, severity, note)
    table["readings"] = [reading] if reading else []
    episodes.append(table)
    return table


def new_reading(at: datetime.datetime, severity: int | None, note: str | None) -> dict[str, Any] | None:
    reading: dict[str, Any] = {"at": stamp(at)}
    if severity is not None:
        reading["severity"] = check_severity(severity)
    if note and plain(note):
        reading["note"] = plain(note)
    return reading if len(reading) > 1 else None


def add_reading(state: State, at: datetime.datetime, severity: int | None, note: str | None,
                notices: list[str] | None = None) -> None:
    """Add a dated reading to the open episode; UserError when none is open or it says nothing.
    A clock that reads before the episode's last time has the reading kept at that time."""
    table = require_open(state)
    at = not_before(at, last_time(table), "the episode's last time", "noted it", notices)
    reading = new_reading(at, severity, note)
    if reading is None:
        raise UserError("nothing to note: give --severity N, a TEXT, or both")
    table.setdefault("readings", []).append(reading)


def end(state: State, ended: datetime.datetime, *, typed: bool = False,
        notices: list[str] | None = None) -> dict[str, Any]:
    """End the open episode at ``ended``; UserError when none is open or a ``typed`` time is
    before its start or last reading (the clock's time is moved up to the latest of them)."""
    table = require_open(state)
    if not typed:
        ended = not_before(ended, last_time(table), "the episode's last time", "ended it", notices)
    if ended < parse_stamp(table["started"]):
        raise UserError(f"the episode started {short_time(table['started'])}; it cannot end before that")
    readings = table.get("readings") or []
    last_reading = stamp_time(readings[-1]["at"]) if readings else None
    if last_reading is not None and ended < last_reading:
        raise UserError(f"the episode's last reading is at {short_time(readings[-1]['at'])}; "
                        "it cannot end before that")
    table["ended"] = stamp(ended)
    return table


def last_time(table: dict[str, Any]) -> str:
    """The latest time an episode's table holds: its start or a reading's."""
    times: list[str] = [table["started"], *(r["at"] for r in table.get("readings") or ()
                                            if stamp_time(r["at"]) is not None)]
    return max(times, key=parse_stamp)


def require_open(state: State) -> dict[str, Any]:
    table = open_table(state)
    if table is None:
        raise UserError("no episode is open (start one: backref episode start)")
    return table


# -- plain data --------------------------------------------------------------------------

def episode_json(content: Content, episode: Episode, now: datetime.datetime) -> dict[str, object]:
    """An episode as plain data: times, readings with severity words, places, triggers, ticks."""
    return episodes_json(content, [episode], now)[0]


def episodes_json(content: Content, episodes: list[Episode], now: datetime.datetime) -> list[dict[str, object]]:
    """Episodes as plain data (see episode_json)."""
    relief = {item.id: item.text for _t, s in content.checklist_sections() if s.per_episode for item in s.items}
    return [{
        "number": episode.number, "started": episode.started, "ended": episode.ended,
        "open": episode.is_open, "day": day_number(episode, now), "duration": duration(episode, now),
        "where": [{"value": v, "text": choice_text(content, WHERE_SECTION, v)} for v in episode.where],
        "triggers": [{"value": v, "text": choice_text(content, TRIGGER_SECTION, v)} for v in episode.triggers],
        "readings": [{"at": r.at, "severity": r.severity, "note": r.note,
                      "words": severity_words(content, r.severity) if r.severity is not None else None}
                     for r in episode.readings],
        "peak_severity": episode.peak_severity, "latest_severity": episode.latest_severity,
        "ticks": [{"id": item_id, "text": relief.get(item_id, item_id), "at": at}
                  for item_id, at in sorted(episode.ticks.items(), key=lambda kv: kv[1])],
    } for episode in episodes]


def sign_json(sign: Sign) -> dict[str, object]:
    return {"kind": sign.kind, "red_flag": sign.flag.id if sign.flag else None,
            "urgency": sign.flag.urgency if sign.flag else None, "line": sign.line}

"""Carrying state between machines: the whole state file as JSON with a format version, and
merging such an export into a state without ever removing anything.

The merge: ticks and daily history are a union (a tick already here keeps its time), episodes
are matched by when they started (readings, ticks, places and triggers are a union; an end the
export knows is added), red-flag checks are added unless the same one is here, and each item's
last timer run is the later of the two. Importing the same export again changes nothing.
"""
from __future__ import annotations

import datetime
import json

from backref import __version__
from backref.core.errors import UserError
from backref.core.records import Record
from backref.core.state_file import VERSION, CorruptState, check_shape

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    State = dict[str, Any]

FORMAT = "backref-state"
FORMAT_VERSION = 1
IMPORT_MAX = 50 * 1024 * 1024  # far above ten years of use; /dev/zero and the like are refused before
TABLES = ("ticks", "days", "episodes", "checks", "timers")


class Changes(Record):
    """What a merge added, counted."""

    __slots__ = ("ticks", "daily", "days", "episodes", "readings", "ended", "checks", "timers")
    ticks: int
    daily: int  # daily ticks, over ``days`` days
    days: int
    episodes: int
    readings: int  # readings added to episodes already here
    ended: int  # open episodes here that the export knows have ended
    checks: int
    timers: int

    def any(self) -> bool:
        return any(self._values())

    def words(self) -> str:
        """'2 ticks, 9 daily ticks over 4 days, 1 episode, ...' ('no change' when nothing)."""
        def n(count: int, word: str, plural: str = "") -> str:
            return f"{count} {word if count == 1 else plural or word + 's'}"

        parts = []
        if self.ticks:
            parts.append(n(self.ticks, "tick"))
        if self.daily:
            parts.append(f"{n(self.daily, 'daily tick')} over {n(self.days, 'day')}")
        if self.episodes:
            parts.append(n(self.episodes, "episode"))
        if self.readings:
            parts.append(n(self.readings, "reading") + " in episodes already here")
        if self.ended:
            parts.append(n(self.ended, "open episode") + " ended as the export says")
        if self.checks:
            parts.append(n(self.checks, "red-flag check"))
        if self.timers:
            parts.append(n(self.timers, "timer run"))
        return ", ".join(parts) or "no change"


def plain_values(value: object) -> object:
    """``value`` with TOML date-times (from hand-written tables) as ISO text, for JSON."""
    if isinstance(value, dict):
        return {str(k): plain_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_values(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def export_document(state: State, exported: str) -> str:
    """The export of ``state`` as JSON text: format, its version, and the state."""
    document = {"format": FORMAT, "format_version": FORMAT_VERSION, "backref": __version__,
                "exported": exported, "state": plain_values(state)}
    # ASCII with \u escapes: no control character (C0 or C1) of a hand-edited state reaches a terminal
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def read_export(data: bytes, name: str) -> State:
    """The state an export holds, checked as the state file is; UserError in one line naming
    ``name`` when it is not an export this backref can read."""
    def bad(why: str) -> UserError:
        return UserError(f"{name}: {why}; nothing was imported")

    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise bad("not UTF-8 text") from None
    except RecursionError:
        raise bad("arrays or objects nested too deeply to read") from None
    except ValueError as exc:
        raise bad(f"not JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise bad(f"not a backref export (no \"format\": \"{FORMAT}\")")
    version = document.get("format_version")
    if type(version) is not int or version < 1:
        raise bad("its format_version is not a whole number from 1")
    if version > FORMAT_VERSION:
        raise bad(f"written by a newer backref (format version {version}; this one reads {FORMAT_VERSION})")
    state = document.get("state")
    if not isinstance(state, dict):
        raise bad("its \"state\" is not an object")
    if nulls(state):
        raise bad("it holds null, which no state file holds")
    try:
        checked = check_shape({k: state[k] for k in ("version", *TABLES) if k in state})
    except CorruptState as exc:
        raise bad(str(exc)) from None
    if checked["version"] > VERSION:
        raise bad(f"its state was written by a newer backref (state version {checked['version']})")
    problem = bad_stamp(checked)
    if problem:
        raise bad(problem)
    return checked


def nulls(value: object, depth: int = 0) -> bool:
    """Whether ``value`` holds a JSON null anywhere (TOML has none)."""
    if value is None:
        return True
    if isinstance(value, dict):
        return any(nulls(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(nulls(v, depth + 1) for v in value)
    return False


def parse_time(text: object) -> datetime.datetime | None:
    """An ISO date-time (local when it has no offset), or None."""
    if not isinstance(text, str):
        return None
    try:
        when = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return when.astimezone() if when.tzinfo is None else when


def bad_stamp(state: State) -> str | None:
    """What in the state is not a date-time where one belongs, or None."""
    for item_id, at in [*state["ticks"].items(), *(kv for day in state["days"].values() for kv in day.items())]:
        if parse_time(at) is None:
            return f"the tick of {item_id} has the time {at!r}"
    for n, episode in enumerate(state.get("episodes", ()), 1):
        for key in ("started", "ended"):
            if key in episode and parse_time(episode[key]) is None:
                return f"episode {n} has {key} = {episode[key]!r}, not a date-time"
        for reading in episode.get("readings", ()):
            if parse_time(reading["at"]) is None:
                return f"episode {n} has a reading at {reading['at']!r}, not a date-time"
    return None


def merge(current: State, incoming: State) -> Changes:
    """Add to ``current`` (in place) everything of ``incoming`` it lacks; what was added.
    UserError when the result would hold an open episode before another one."""
    ticks = add_missing(current["ticks"], incoming["ticks"])
    daily = days = 0
    for day, table in incoming["days"].items():
        added = add_missing(current["days"].setdefault(day, {}), table)
        daily, days = daily + added, days + (1 if added else 0)
    episodes, readings, relief, ended = merge_episodes(current, incoming.get("episodes", []))
    checks = 0
    kept = {canonical(c) for c in current.get("checks", [])}
    for check in incoming.get("checks", []):
        if canonical(check) not in kept:
            current.setdefault("checks", []).append(check)
            kept.add(canonical(check))
            checks += 1
    timers = 0
    for item_id, run in incoming.get("timers", {}).items():
        here = current.setdefault("timers", {}).get(item_id)
        if here is None or later(run.get("started"), here.get("started")):
            current["timers"][item_id] = run
            timers += 1
    if not current.get("timers"):
        current.pop("timers", None)
    return Changes(ticks=ticks + relief, daily=daily, days=days, episodes=episodes, readings=readings, ended=ended,
                   checks=checks, timers=timers)


def add_missing(here: dict[str, str], there: dict[str, str]) -> int:
    """Add the ticks of ``there`` that ``here`` lacks; how many."""
    missing = [k for k in there if k not in here]
    here.update((k, there[k]) for k in missing)
    return len(missing)


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def later(one: object, other: object) -> bool:
    """Whether the time ``one`` is after ``other`` (a time is after no time)."""
    a, b = parse_time(one), parse_time(other)
    return a is not None and (b is None or a > b)


def merge_episodes(current: State, incoming: list[dict[str, Any]]) -> tuple[int, int, int, int]:
    """(episodes added, readings and relief ticks added to episodes here, open episodes here now ended)."""
    if not incoming:
        return 0, 0, 0, 0
    episodes = current.setdefault("episodes", [])
    by_start = {start_key(e): e for e in episodes}
    added = readings = ticks = ended = 0
    for episode in incoming:
        here = by_start.get(start_key(episode))
        if here is None:
            episodes.append(json.loads(json.dumps(episode)))
            by_start[start_key(episode)] = episodes[-1]
            added += 1
            continue
        if "ended" in episode and "ended" not in here:
            here["ended"] = episode["ended"]
            ended += 1
        seen = {canonical(r) for r in here.get("readings", [])}
        for reading in episode.get("readings", []):
            if canonical(reading) not in seen:
                here.setdefault("readings", []).append(reading)
                seen.add(canonical(reading))
                readings += 1
        if episode.get("ticks"):
            ticks += add_missing(here.setdefault("ticks", {}), episode["ticks"])
        for key in ("where", "triggers"):
            extra = [v for v in episode.get(key, []) if v not in here.get(key, [])]
            if extra:
                here[key] = [*here.get(key, []), *extra]
        for key, value in episode.items():
            here.setdefault(key, value)
    episodes.sort(key=lambda e: parse_time(e["started"]) or datetime.datetime.min.replace(tzinfo=datetime.timezone.utc))
    for episode in episodes:
        episode.get("readings", []).sort(key=lambda r: str(r["at"]))
    for episode in episodes[:-1]:
        if "ended" not in episode:
            raise UserError(f"the episode started {episode['started']} would be open before a later one; "
                            "end it (backref episode end --at WHEN) and import again; nothing was imported")
    return added, readings, ticks, ended


def start_key(episode: dict[str, Any]) -> object:
    """What identifies an episode across machines: the moment it started."""
    return parse_time(episode["started"]) or episode["started"]

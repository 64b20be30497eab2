"""Checklist state: which items are ticked and when, kept in a TOML file that several
processes may change at once.

Cheap to import (see state_file.py). Every change is a read-merge-write under a lock,
so ticks made in another terminal are never lost.
"""
from __future__ import annotations

from backref.core.state_file import (
    VERSION,
    CorruptState,
    StateLock,
    StateWriteError,
    empty_state,
    foreign_link,
    read_state,
    set_aside,
    signature,
    write_problem,
    write_state,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    import datetime
    from collections.abc import Callable, Container, Iterable

    from backref.core.content import Content, Section
    from backref.core.episodes import Episode
    from backref.core.state_file import State

__all__ = ["StateStore", "StateWriteError", "section_progress"]

def section_progress(section: Section, ticked: Container[str]) -> tuple[int, int]:
    """(done, total) for one checklist section."""
    return sum(1 for item in section.items if item.id in ticked), len(section.items)


def local_now() -> datetime.datetime:
    """The local time with its UTC offset."""
    import datetime

    return datetime.datetime.now().astimezone()


class StateStore:
    """The ticks of one state file, for one content.

    Reading is cheap and never creates anything; each change locks the file, re-reads it,
    applies itself and writes atomically. Problems the user should hear about once
    (a corrupt file set aside, an unreadable file) are appended to ``notices``; the caller
    shows them and clears the list.
    """

    def __init__(self, path: str, content: Content, *,
                 today: Callable[[], datetime.date] | None = None,
                 now: Callable[[], datetime.datetime] | None = None) -> None:
        self.path = path
        self.notices: list[str] = []
        self.changed: frozenset[str] = frozenset()  # ids whose tick the last change altered
        self._now = now or local_now
        self._today = today or (lambda: self._now().date())
        self._scope: dict[str, str] = {}  # item id -> its section's scope ("daily", "episode", "")
        self._sections: dict[str, Section] = {}
        for _topic, section in content.checklist_sections():
            self._sections[section.id] = section
            for item in section.items:
                self._scope[item.id] = section.scope
        self.started_episode = False  # whether the last tick started an episode
        self._state: State = empty_state()
        self._signature: tuple[int, int, int] | None = None
        self._episodes: tuple[State, list[Episode]] | None = None  # episodes_of(state), for that state
        self._told: set[str] = set()

    # -- reading -----------------------------------------------------------

    def ticked(self) -> frozenset[str]:
        """Ids ticked now: every non-daily tick and today's daily ticks (re-reads a changed file)."""
        return frozenset(self.ticked_times())

    def ticked_times(self) -> dict[str, str]:
        """Item id -> ISO timestamp of its tick, for the items ticked now."""
        state = self._current()
        # asking the clock imports datetime: skip it when there are no daily ticks at all
        today = state["days"].get(self._day(), {}) if state["days"] else {}
        if state.get("episodes"):
            from backref.core.episodes import shown_ticks

            return {**shown_ticks(state, self._scope), **today}
        return {**state["ticks"], **today}

    def history(self) -> dict[str, frozenset[str]]:
        """Date (YYYY-MM-DD) -> ids ticked that day in daily sections, today included."""
        return {day: frozenset(ids) for day, ids in sorted(self._current()["days"].items()) if ids}

    def streak(self) -> int:
        """Days in a row with a daily tick, ending today, or yesterday when today has none yet."""
        days = set(self.history())
        if not days:
            return 0
        import datetime

        day = self._today()
        if day.isoformat() not in days:
            day -= datetime.timedelta(days=1)
        count = 0
        while day.isoformat() in days:
            count += 1
            day -= datetime.timedelta(days=1)
        return count

    def timers(self) -> dict[str, dict[str, object]]:
        """Item id -> its last timer run (status, wall-clock started/ended, seconds, next_due)."""
        return {k: dict(v) for k, v in self._current().get("timers", {}).items()}

    def refusal(self) -> str | None:
        """Why backref leaves the state path alone (a link to a file that is not a state file), or None."""
        return foreign_link(self.path)

    def write_problem(self) -> str | None:
        """Why a change could not be saved, checked without writing; None when it looks possible."""
        refusal = self.refusal()
        if refusal:
            return refusal
        version = self._current()["version"]
        if version > VERSION:
            return self._newer_message(version)
        return write_problem(self.path)

    def _day(self) -> str:
        return self._today().isoformat()

    def _current(self) -> State:
        """The state on disk, parsed again only when the file has changed."""
        refusal = self.refusal()
        if refusal:  # read as empty, never set aside: it is not backref's
            self._tell(f"{refusal}; showing no ticks")
            self._signature = None
            return empty_state()
        try:
            sig = signature(self.path)
        except OSError as exc:
            self._tell(f"cannot read {self.path}: {exc.strerror}; showing no ticks")
            return empty_state()
        if sig is None:
            self._state, self._signature = empty_state(), None
        elif sig != self._signature:
            try:
                self._state = read_state(self.path)
            except CorruptState as exc:
                self._state = self._set_aside_locked(str(exc))
            except FileNotFoundError:  # removed since the stat
                self._state = empty_state()
            except OSError as exc:
                self._tell(f"cannot read {self.path}: {exc.strerror}; showing no ticks")
                return empty_state()
            # the stat taken before reading: if the file changed meanwhile, the next call reads it again
            self._signature = sig
        return self._state

    def _set_aside_locked(self, reason: str) -> State:
        """Move a corrupt file aside, under the lock so no newer good file is moved instead."""
        try:
            with StateLock(self.path):
                try:
                    return read_state(self.path)  # a writer may have replaced it meanwhile
                except CorruptState as exc:
                    reason = str(exc)
                except FileNotFoundError:
                    return empty_state()
                self._set_aside(reason)
        except OSError as exc:
            self._tell(f"{self.path} is unreadable ({reason}) and cannot be moved aside "
                       f"({exc.strerror}); showing no ticks")
        return empty_state()

    def _set_aside(self, reason: str) -> None:
        kept = set_aside(self.path)
        self._tell(f"{self.path} was unreadable ({reason}); kept it as {kept} and started afresh")

    def _tell(self, notice: str) -> None:
        if notice not in self._told:
            self._told.add(notice)
            self.notices.append(notice)

    def _newer_message(self, version: int) -> str:
        return (f"cannot save ticks to {self.path}: it was written by a newer backref "
                f"(state version {version})")

    # -- changing ----------------------------------------------------------

    def tick(self, item_ids: Iterable[str]) -> frozenset[str]:
        """Tick checklist items in one locked write (daily ones for today); returns ids ticked now.

        Raises ValueError for an id that is no checklist item, StateWriteError when it cannot save.
        """
        ids = list(dict.fromkeys(item_ids))
        unknown = [i for i in ids if i not in self._scope]
        if unknown:
            raise ValueError(f"not checklist items: {', '.join(unknown)}")
        self.started_episode = False

        def apply(state: State) -> set[str]:
            from backref.core import episodes

            stamp = self.now_stamp()
            day = self._day()
            now = {**episodes.shown_ticks(state, self._scope), **state["days"].get(day, {})}
            for item_id in ids:
                if item_id in now:
                    continue
                scope = self._scope[item_id]
                if scope == "episode":  # relief ticks belong to the open episode: start one if none is
                    table = episodes.open_table(state)
                    if table is None:
                        table = episodes.start(state, self._now())
                        self.started_episode = True
                    table.setdefault("ticks", {})[item_id] = stamp
                    continue
                table = state["days"].setdefault(day, {}) if scope == "daily" else state["ticks"]
                table[item_id] = stamp
            return {i for i in ids if i not in now}

        return self._change(apply)

    def untick(self, item_ids: Iterable[str]) -> frozenset[str]:
        """Untick items (today's tick, for daily ones) in one locked write; returns ids ticked now.

        Ids the content no longer has may be unticked too.
        """
        ids = list(dict.fromkeys(item_ids))
        if not self._ticked_of(self._current(), ids):  # nothing to do: no lock, no folder made
            self.changed = frozenset()
            return self.ticked()

        def apply(state: State) -> set[str]:
            day = self._day()
            today = state["days"].get(day, {})
            episode = self._episode_ticks(state)
            changed = self._ticked_of(state, ids)
            for item_id in changed:
                state["ticks"].pop(item_id, None)
                today.pop(item_id, None)
                episode.pop(item_id, None)
            if day in state["days"] and not today:
                del state["days"][day]
            return changed

        return self._change(apply)

    def _episode_ticks(self, state: State) -> dict[str, str]:
        from backref.core.episodes import open_table

        ticks: dict[str, str] = (open_table(state) or {}).get("ticks", {})
        return ticks

    def _ticked_of(self, state: State, ids: list[str]) -> set[str]:
        """Which of ``ids`` an untick would change in ``state``: ticked outside the days, today, or
        in the open episode."""
        today = state["days"].get(self._day(), {}) if state["days"] else {}
        episode = self._episode_ticks(state)
        return {i for i in ids if i in state["ticks"] or i in today or i in episode}

    def reset_section(self, section_id: str) -> frozenset[str]:
        """Untick every item of a checklist section (today's ticks, for a daily one)."""
        try:
            section = self._sections[section_id]
        except KeyError:
            raise ValueError(f"not a checklist section: {section_id}") from None
        return self.untick(item.id for item in section.items)

    # -- episodes (their rules are in episodes.py) ----------------------------

    def now(self) -> datetime.datetime:
        """The store's clock: local time with its UTC offset."""
        return self._now()

    def episodes(self) -> list[Episode]:
        """Every episode in the file, in start order (the open one, if any, last); built once
        per version of the file read (ten years are thousands of records)."""
        from backref.core.episodes import episodes_of

        state = self._current()
        if self._episodes is None or self._episodes[0] is not state:
            self._episodes = (state, episodes_of(state))
        return list(self._episodes[1])

    def recent_episodes(self, days: int) -> list[Episode]:
        """The episodes started in the last ``days`` days, and the open one, numbered as in
        ``episodes()``: all that the see-a-doctor signs read (older ones are not built)."""
        import datetime

        from backref.core.episodes import episode_of, parse_stamp

        tables = self._current().get("episodes") or []
        try:
            since = self._now() - datetime.timedelta(days=days)
        except OverflowError:  # a window longer than the calendar: every episode
            return self.episodes()
        last = len(tables)
        return [episode_of(n, table) for n, table in enumerate(tables, 1)
                if (n == last and "ended" not in table) or parse_stamp(table["started"]) >= since]

    def open_episode(self) -> Episode | None:
        """The open episode, or None. Its ``started`` is an ISO date-time string with a UTC
        offset (``episodes.parse_stamp`` makes it an aware datetime)."""
        episode = self.last_episode()
        return episode if episode is not None and episode.is_open else None

    def last_episode(self) -> Episode | None:
        """The last episode, open or ended, or None (built alone: not the thousands before it)."""
        from backref.core.episodes import episode_of

        tables = self._current().get("episodes") or []
        return episode_of(len(tables), tables[-1]) if tables else None

    def stored(self, key: str) -> object:
        """The file's top-level value ``key`` as read (another feature's table), or None."""
        return self._current().get(key)

    def change_episodes(self, apply: Callable[[State], object]) -> None:
        """Apply an episode change (a function of episodes.py) in one locked read-merge-write;
        a UserError it raises leaves the file untouched."""
        def change(state: State) -> set[str]:
            apply(state)
            return {"episodes"}

        self._change(change)
        self.changed = frozenset()

    def record_timer(self, item_id: str, run: dict[str, object]) -> None:
        """Keep ``run`` as the item's last timer run, in one locked write (StateWriteError if it cannot)."""

        def apply(state: State) -> set[str]:
            state.setdefault("timers", {})[item_id] = run
            return {item_id}

        self._change(apply)
        self.changed = frozenset()  # no tick changed

    def record_check(self, record: dict[str, object]) -> None:
        """Keep a red-flag check (see core.triage) in the file's [[checks]], in one locked write."""

        def apply(state: State) -> set[str]:
            state.setdefault("checks", []).append(record)
            return {"check"}

        self._change(apply)
        self.changed = frozenset()

    def now_stamp(self) -> str:
        """The time now as the state file writes it."""
        from backref.core.episodes import stamp

        return stamp(self._now())

    def _change(self, apply: Callable[[State], set[str]]) -> frozenset[str]:
        """Lock, read the latest file, apply, write if anything changed; returns ids ticked now."""
        refusal = self.refusal()
        if refusal:
            raise StateWriteError(refusal)
        try:
            with StateLock(self.path):
                state = self._read_for_change()
                if state["version"] > VERSION:
                    raise StateWriteError(self._newer_message(state["version"]))
                changed = apply(state)
                if changed:
                    write_state(self.path, state)
                self._state, self._signature = state, signature(self.path)
        except OSError as exc:
            raise StateWriteError(f"cannot save ticks to {self.path}: {exc.strerror}") from None
        self.changed = frozenset(changed)
        return self.ticked()

    def _read_for_change(self) -> State:
        """The state on disk, read holding the lock; a corrupt file is moved aside first. The
        state read before is taken as it is when the file has not changed since (reading ten
        years again costs more than the change); until the change is saved, it is not the file's."""
        try:
            if self._signature is not None and signature(self.path) == self._signature:
                state, self._signature, self._episodes = self._state, None, None
                return state
            return read_state(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return empty_state()
        except CorruptState as exc:
            self._set_aside(str(exc))
            return empty_state()

"""The guide's see-a-doctor signs that an episode log shows: a spasm lasting more than a week,
frequent recurring episodes (by backref's own threshold, settable), and a high severity that
points at the red-flag check."""
from __future__ import annotations

from backref.core import wording
from backref.core.episodes import (
    CHECK_SEVERITY,
    LONG_EPISODE_DAYS,
    LONG_EPISODE_FLAG,
    RECURRING_FLAG,
    TRIAGE_COMMAND,
    Episode,
    Sign,
    day_number,
    parse_stamp,
    short_time,
)
from backref.core.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime

    from backref.core.content import Content, RedFlag


class Thresholds(Record):
    """backref's own threshold for "frequent": ``count`` episodes started within ``days`` days."""

    __slots__ = ("count", "days", "notices")
    count: int
    days: int
    notices: tuple[str, ...]


def red_flag(content: Content, flag_id: str) -> RedFlag | None:
    return next((f for rl in content.red_flag_lists for f in rl.flags if f.id == flag_id), None)


def signs(content: Content, episodes: list[Episode], now: datetime.datetime,
          thresholds: Thresholds) -> list[Sign]:
    """The see-a-doctor signs the log shows now, most pressing first."""
    import datetime

    found: list[Sign] = []
    current = episodes[-1] if episodes and episodes[-1].is_open else None
    if current is not None:
        latest = current.latest_severity
        if latest is not None and latest >= CHECK_SEVERITY:
            found.append(Sign(kind="check-red-flags", flag=None,
                              line=wording.severity_check(latest, CHECK_SEVERITY, TRIAGE_COMMAND)))
        started = parse_stamp(current.started)
        flag = red_flag(content, LONG_EPISODE_FLAG)
        if flag is not None and now - started > datetime.timedelta(days=LONG_EPISODE_DAYS):
            found.append(Sign(kind="long-episode", flag=flag,
                              line=wording.long_episode(flag.text, short_time(current.started),
                                                        day_number(current, now))))
    flag = red_flag(content, RECURRING_FLAG)
    try:
        since: datetime.datetime | None = now - datetime.timedelta(days=thresholds.days)
    except OverflowError:  # more days than the calendar holds before now: every episode is recent
        since = None
    recent = [e for e in episodes if since is None or parse_stamp(e.started) >= since]
    if flag is not None and len(recent) >= thresholds.count:
        found.append(Sign(kind="recurring", flag=flag,
                          line=wording.recurring(flag.text, len(recent), thresholds.count, thresholds.days)))
    return found

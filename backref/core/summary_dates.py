"""Dates as the state file holds them, read for the doctor summary: each is read once, and one
that does not parse is shown as the text it is, marked, and never placed on a chart."""
from __future__ import annotations

import datetime

from backref.core import wording
from backref.core.summary_chart import minute


def read_stamp(value: object) -> tuple[datetime.datetime | None, str]:
    """A date or date-time from the state file (ISO text or a TOML date) as (aware date-time,
    how it is shown): '2026-11-19 21:00' as written, '2026-11-04' for a bare date. One that is
    not a date is (None, the value itself as text, marked). A bare date is its midnight; a
    time without an offset is local time."""
    when = value
    if isinstance(value, str):
        try:
            when = datetime.datetime.fromisoformat(value)
        except ValueError:
            return None, f"{value} {wording.SUMMARY_NOT_A_DATE}"
    elif not isinstance(value, datetime.date):  # a TOML time of day, a number, a table...
        return None, f"{value} {wording.SUMMARY_NOT_A_DATE}"
    if not isinstance(when, datetime.datetime):
        when = datetime.datetime.combine(when, datetime.time())  # type: ignore[arg-type]
    if when.tzinfo is None:
        try:
            when = when.astimezone()
        except (OverflowError, OSError, ValueError):  # year 1 or 9999 has no local offset
            when = when.replace(tzinfo=datetime.timezone.utc)
    if isinstance(value, str):
        if len(value) == 10:
            return when, value
        if len(value) >= 16 and value[10] in "Tt " and value[13] == ":":
            return when, f"{value[:10]} {value[11:16]}"  # the written form: cheaper than strftime
    elif not isinstance(value, datetime.datetime):
        return when, when.date().isoformat()
    return when, minute(when)


def when_of(value: object) -> datetime.datetime | None:
    """A date from the state file as an aware date-time, or None (see read_stamp)."""
    return read_stamp(value)[0]


def when_text(value: object) -> str:
    """A date from the state file as shown (see read_stamp)."""
    return read_stamp(value)[1]


def on_or_after(value: object, since: datetime.date | None) -> bool:
    """Whether a dated thing belongs to a summary 'since' a day (an unreadable date is kept: it
    cannot be shown to be older, and leaving out a red-flag answer is the worse mistake)."""
    if since is None:
        return True
    when = when_of(value)
    return when is None or when.date() >= since

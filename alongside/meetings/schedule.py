"""Weekly recurrence in the organiser's time zone: pure date arithmetic, no models.

A weekly meeting keeps its local start time where it is organised: 19:00 in London
stays 19:00 London time when the clocks change, so its instant in UTC (and in every
other zone) moves by an hour twice a year. Each occurrence is therefore computed from
its local date and time, never by adding seven days to an instant.
"""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

WEEK = timedelta(days=7)


def zone_named(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone for an IANA name, or None when the name is unknown."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def local_instant(day: date, at: time, zone: zoneinfo.ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time in `zone`.

    A time repeated when the clocks go back means its first occurrence; a time
    skipped when they go forward is read with the offset before the change.
    """
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def exists_locally(day: date, at: time, zone: zoneinfo.ZoneInfo) -> bool:
    """False for a wall-clock time that the clocks skip on that day."""
    there = local_instant(day, at, zone).astimezone(zone)
    return (there.date(), there.time()) == (day, at.replace(tzinfo=None))


def weekly_start(
    first_day: date, at: time, zone: zoneinfo.ZoneInfo, index: int
) -> datetime:
    return local_instant(first_day + index * WEEK, at, zone)


def last_index(first_day: date, *, count: int | None, until: date | None) -> int | None:
    """The index of the last weekly occurrence, or None when it never ends."""
    limits = []
    if count is not None:
        limits.append(count - 1)
    if until is not None:
        limits.append((until - first_day).days // 7)
    return min(limits) if limits else None


def weekly_starts(
    first_day: date,
    at: time,
    zone: zoneinfo.ZoneInfo,
    *,
    count: int | None = None,
    until: date | None = None,
    ending_after: datetime,
    duration: timedelta,
    limit: int,
    starting_before: datetime | None = None,
) -> list[datetime]:
    """Up to `limit` starts, in order, of occurrences still going on after a moment."""
    last = last_index(first_day, count=count, until=until)
    first_start = weekly_start(first_day, at, zone, 0)
    # An estimate a week early, so a clock change cannot make it skip one.
    index = max((ending_after - duration - first_start) // WEEK - 1, 0)
    starts: list[datetime] = []
    while len(starts) < limit and (last is None or index <= last):
        start = weekly_start(first_day, at, zone, index)
        if starting_before is not None and start >= starting_before:
            break
        if start + duration > ending_after:
            starts.append(start)
        index += 1
    return starts


def weekly_index_of(
    first_day: date, at: time, zone: zoneinfo.ZoneInfo, moment: datetime
) -> int | None:
    """Which occurrence starts exactly at `moment`, if any (ignoring any end)."""
    days = (moment.astimezone(zone).date() - first_day).days
    for index in (days // 7 - 1, days // 7, days // 7 + 1):
        if index >= 0 and weekly_start(first_day, at, zone, index) == moment:
            return index
    return None

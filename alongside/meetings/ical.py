"""iCalendar (RFC 5545) text for meetings, written by hand: it is a small format.

Lines end in CRLF and are folded at 75 octets; text values escape backslash,
semicolon, comma and newlines. One-off occurrences use UTC ("Z") times. A weekly
series is one event with an RRULE in the organiser's zone, with a VTIMEZONE built from
the zone's own transitions, so calendar apps keep its local time across clock changes.
"""

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

PRODID = "-//Alongside//Meetings//EN"
MAX_OCTETS = 75
# How far ahead a VTIMEZONE lists clock changes for a series with no end.
TIMEZONE_YEARS = 10


def escape_text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into CRLF-joined pieces of at most 75 octets each.

    Continuation lines start with one space, which counts towards their 75 octets;
    a multi-byte character is never split.
    """
    pieces: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _offset(delta: timedelta | None) -> str:
    seconds = int((delta or timedelta()).total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")


@dataclass(frozen=True)
class Weekly:
    """Repeat every week at the same local time in `zone`."""

    zone: zoneinfo.ZoneInfo
    count: int | None = None
    last_start: datetime | None = None  # the UNTIL of the rule, as an instant


@dataclass(frozen=True)
class Event:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str = ""
    url: str = ""
    sequence: int = 0
    is_cancelled: bool = False
    weekly: Weekly | None = None


def transitions(
    zone: zoneinfo.ZoneInfo, start: datetime, end: datetime
) -> list[datetime]:
    """The instants (UTC) at which the zone's offset changes between two instants."""
    found = []
    step = timedelta(days=1)
    moment = start.astimezone(UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        later = moment + step
        if later.astimezone(zone).utcoffset() != offset:
            low, high = moment, later
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            change = high.replace(microsecond=0)
            found.append(change)
            offset = change.astimezone(zone).utcoffset()
        moment = later
    return found


def _observance(zone: zoneinfo.ZoneInfo, at: datetime, before: datetime) -> list[str]:
    local = at.astimezone(zone)
    previous = before.astimezone(zone)
    kind = "DAYLIGHT" if local.dst() else "STANDARD"
    starts = (at + (previous.utcoffset() or timedelta())).replace(tzinfo=None)
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{local_stamp(starts)}",
        f"TZOFFSETFROM:{_offset(previous.utcoffset())}",
        f"TZOFFSETTO:{_offset(local.utcoffset())}",
        f"TZNAME:{escape_text(local.tzname() or zone.key)}",
        f"END:{kind}",
    ]


def vtimezone(zone: zoneinfo.ZoneInfo, start: datetime, end: datetime) -> list[str]:
    """A VTIMEZONE for the zone covering [start, end]: its offsets and changes."""
    opening = start.astimezone(UTC) - timedelta(days=1)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    lines += _observance(zone, opening, opening)
    for change in transitions(zone, opening, end):
        lines += _observance(zone, change, change - timedelta(seconds=1))
    lines.append("END:VTIMEZONE")
    return lines


def _event_lines(event: Event, stamp: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"SEQUENCE:{event.sequence}",
    ]
    weekly = event.weekly
    if weekly is None:
        lines += [
            f"DTSTART:{utc_stamp(event.starts_at)}",
            f"DTEND:{utc_stamp(event.ends_at)}",
        ]
    else:
        local_start = event.starts_at.astimezone(weekly.zone)
        rule = "FREQ=WEEKLY"
        if weekly.count is not None:
            rule += f";COUNT={weekly.count}"
        elif weekly.last_start is not None:
            rule += f";UNTIL={utc_stamp(weekly.last_start)}"
        lines += [
            f"DTSTART;TZID={weekly.zone.key}:{local_stamp(local_start)}",
            f"DURATION:{_duration(event.ends_at - event.starts_at)}",
            f"RRULE:{rule}",
        ]
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("STATUS:CANCELLED" if event.is_cancelled else "STATUS:CONFIRMED")
    lines.append("TRANSP:OPAQUE")
    lines.append("END:VEVENT")
    return lines


def calendar(
    events: Iterable[Event], *, stamp: datetime, name: str = "", refresh: str = ""
) -> str:
    """A whole VCALENDAR as text, ready to serve as text/calendar."""
    events = list(events)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    if refresh:
        lines.append(f"REFRESH-INTERVAL;VALUE=DURATION:{refresh}")
        lines.append(f"X-PUBLISHED-TTL:{refresh}")
    series: dict[str, list[tuple[Weekly, datetime]]] = {}
    for event in events:
        if event.weekly is not None:
            series.setdefault(event.weekly.zone.key, []).append(
                (event.weekly, event.starts_at)
            )
    for in_zone in series.values():
        start = min(starts_at for _weekly, starts_at in in_zone)
        ends = [weekly.last_start for weekly, _starts_at in in_zone]
        end = max(
            (end or start + timedelta(days=366 * TIMEZONE_YEARS) for end in ends),
        )
        lines += vtimezone(in_zone[0][0].zone, start, end)
    for event in events:
        lines += _event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)

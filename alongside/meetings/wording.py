"""How a meeting's time reads to a member: "Tuesday 4 March, 7:30pm", "midday".

Pure functions of instants and zones, so every rendering can be tested on its own.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def clock(moment: datetime | time) -> str:
    """ "7:30pm", "7pm", "midday" or "midnight", never "12pm"."""
    if moment.minute == 0 and moment.hour in (0, 12):
        return _("midday") if moment.hour == 12 else _("midnight")
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    if moment.minute:
        return f"{hour}:{moment.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def day(local: date, *, today: date) -> str:
    """ "Tuesday 4 March", with the year when it is not this year."""
    text = f"{WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month]}"
    if local.year != today.year:
        text += f" {local.year}"
    return text


def day_and_time(moment: datetime, zone: tzinfo, *, today: date) -> str:
    """ "Tuesday 4 March, 7:30pm" for an instant, as the clocks in `zone` show it."""
    local = moment.astimezone(zone)
    return f"{day(local.date(), today=today)}, {clock(local)}"


def weekday_name(index: int) -> str:
    return str(WEEKDAYS[index])


def place(zone: tzinfo) -> str:
    """A zone's city: "Lisbon" for Europe/Lisbon, "Buenos Aires" for …/Buenos_Aires."""
    key = getattr(zone, "key", None) or str(zone)
    return key.rsplit("/", 1)[-1].replace("_", " ")


def iso_utc(moment: datetime) -> str:
    """The machine-readable instant for `<time datetime>`: 2026-03-03T19:00:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def duration(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def same_zone(one: tzinfo, other: tzinfo) -> bool:
    return getattr(one, "key", one) == getattr(other, "key", other)


@dataclass(frozen=True)
class ClockChange:
    """The local time of a weekly meeting moves after the clocks change somewhere."""

    on: date  # the first day on the new time, where the clocks change
    where: str  # "" when it is the viewer's own clocks
    new_time: str  # "8:30pm", or "Wednesday, 12:30am" when the day moves too

    def sentence(self, *, today: date) -> str:
        when = f"{self.on.day} {MONTHS[self.on.month]}"
        if self.on.year != today.year:
            when += f" {self.on.year}"
        if self.where:
            first = _("Clocks change in %(place)s on %(date)s.") % {
                "place": self.where,
                "date": when,
            }
        else:
            first = _("Clocks change on %(date)s.") % {"date": when}
        after = _("After that, this meeting is at %(time)s your time.") % {
            "time": self.new_time
        }
        return f"{first} {after}"


def _first_day_on_new_offset(
    zone: tzinfo, before: datetime, after: datetime
) -> date | None:
    """The first local day (checked at noon) whose UTC offset differs from before's."""
    old = before.astimezone(zone).utcoffset()
    current = before.astimezone(zone).date()
    last = after.astimezone(zone).date()
    while current < last:
        current += timedelta(days=1)
        noon = datetime.combine(current, time(12), tzinfo=zone)
        if noon.utcoffset() != old:
            return current
    return None


def clock_change(
    starts: list[datetime], viewer: tzinfo, host: zoneinfo.ZoneInfo
) -> ClockChange | None:
    """The first change in the viewer's local time among upcoming starts, if any."""
    if len(starts) < 2:
        return None
    first = starts[0].astimezone(viewer)
    previous = starts[0]
    for start in starts[1:]:
        local = start.astimezone(viewer)
        if (local.weekday(), local.time()) != (first.weekday(), first.time()):
            own = previous.astimezone(viewer).utcoffset() != local.utcoffset()
            zone = viewer if own else host
            on = _first_day_on_new_offset(zone, previous, start)
            if on is None:
                return None
            new_time = clock(local)
            if local.weekday() != first.weekday():
                new_time = f"{WEEKDAYS[local.weekday()]}, {new_time}"
            where = "" if own else place(host)
            return ClockChange(on=on, where=where, new_time=new_time)
        previous = start
    return None

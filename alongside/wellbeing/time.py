"""Time on Alongside, counted from use, never guessed from sign-ins.

An open page that is visible and in use sends a beat once a slot (static/js/
activity.js). Each beat marks the slot it falls in, once however many tabs send
one, and a page left alone for `ALONGSIDE_IDLE` seconds stops being counted. The
member's days are their own: a day starts at midnight where they live.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import ExtractHour, TruncDate

from alongside.accounts.models import User
from alongside.groups.models import Membership

from .models import ActiveSlot

# "Late at night" on the balance page: from 11pm until 5am, the member's time.
LATE_FROM = 23
LATE_UNTIL = 5

DAYS_IN_WEEK = 7


def counting_time() -> bool:
    """An operator may turn time counting off for the whole site with
    ALONGSIDE_ACTIVITY_SLOT=0: no page then sends anything."""
    return int(settings.ALONGSIDE_ACTIVITY_SLOT) > 0


def slot_seconds() -> int:
    return max(int(settings.ALONGSIDE_ACTIVITY_SLOT), 1)


def idle_seconds() -> int:
    return max(int(settings.ALONGSIDE_IDLE), 1)


def zone_of(member: User) -> zoneinfo.ZoneInfo:
    """The member's own time zone (UTC when it is unknown)."""
    try:
        return zoneinfo.ZoneInfo(member.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_day(member: User, moment: datetime) -> date:
    return moment.astimezone(zone_of(member)).date()


def day_starts_at(member: User, day: date) -> datetime:
    """The instant the member's `day` begins, wherever they are."""
    return datetime.combine(day, time.min, tzinfo=zone_of(member)).astimezone(UTC)


def slot_start(moment: datetime) -> datetime:
    """The start of the slot that holds `moment`, in UTC."""
    length = slot_seconds()
    seconds = int(moment.timestamp())
    return datetime.fromtimestamp(seconds - seconds % length, tz=UTC)


def record_activity(
    *, member: User, now: datetime, idle: int, group_slug: str = ""
) -> bool:
    """Count the slot holding `now` for a page in use; return whether it counted.

    A page idle for `ALONGSIDE_IDLE` seconds or more does not count. Two tabs in the
    same slot count once. The group is kept only when the member belongs to it.
    """
    if not counting_time() or idle < 0 or idle >= idle_seconds():
        return False
    group_id = None
    if group_slug:
        group_id = (
            Membership.objects.filter(member=member, group__slug=group_slug)
            .values_list("group_id", flat=True)
            .first()
        )
    ActiveSlot.objects.get_or_create(
        member=member, started_at=slot_start(now), defaults={"group_id": group_id}
    )
    return True


def seconds_on_day(member: User, now: datetime) -> int:
    """Time counted so far on the member's day that holds `now`."""
    start = day_starts_at(member, local_day(member, now))
    slots = ActiveSlot.objects.filter(
        member=member, started_at__gte=start, started_at__lte=now
    ).count()
    return slots * slot_seconds()


def seconds_in_a_row(
    member: User, now: datetime, *, since: datetime | None, looking_back: timedelta
) -> int:
    """How long the member has been here without a break, up to `looking_back`.

    A run is slots one after another with no gap longer than `ALONGSIDE_IDLE`; it
    ends when the member has been away that long, and starts again after `since`
    (when they last took or waved off a break).
    """
    length = timedelta(seconds=slot_seconds())
    idle = timedelta(seconds=idle_seconds())
    start = now - looking_back - 2 * length
    if since is not None and since > start:
        start = since
    starts = list(
        ActiveSlot.objects.filter(
            member=member, started_at__gte=start, started_at__lte=now
        )
        .order_by("-started_at")
        .values_list("started_at", flat=True)
    )
    if not starts or now - (starts[0] + length) > idle:
        return 0
    first = starts[0]
    for started_at in starts[1:]:
        if first - (started_at + length) > idle:
            break
        first = started_at
    return int((starts[0] + length - first).total_seconds())


@dataclass(frozen=True)
class DayTime:
    day: date
    seconds: int
    late_seconds: int


@dataclass(frozen=True)
class GroupTime:
    name: str  # empty for time outside any group's pages
    slug: str
    seconds: int


@dataclass(frozen=True)
class Week:
    """The member's last seven days, today included, in their own time."""

    days: list[DayTime]
    groups: list[GroupTime]  # most time first; the time outside groups last
    today: date

    @property
    def seconds(self) -> int:
        return sum(day.seconds for day in self.days)

    @property
    def late_seconds(self) -> int:
        return sum(day.late_seconds for day in self.days)


def week_for(member: User, now: datetime) -> Week:
    """Time per day, late at night and per group over the last seven days.

    Two queries, counted in the database, however much time there is.
    """
    zone = zone_of(member)
    today = local_day(member, now)
    first_day = today - timedelta(days=DAYS_IN_WEEK - 1)
    slots = ActiveSlot.objects.filter(
        member=member,
        started_at__gte=day_starts_at(member, first_day),
        started_at__lte=now,
    )
    length = slot_seconds()
    late = Q(hour__gte=LATE_FROM) | Q(hour__lt=LATE_UNTIL)
    per_day = {
        row["day"]: row
        for row in slots.annotate(
            day=TruncDate("started_at", tzinfo=zone),
            hour=ExtractHour("started_at", tzinfo=zone),
        )
        .values("day")
        .annotate(slots=Count("pk"), late=Count("pk", filter=late))
        .order_by("day")
    }
    days = []
    for offset in range(DAYS_IN_WEEK):
        day = first_day + timedelta(days=offset)
        row = per_day.get(day, {"slots": 0, "late": 0})
        days.append(DayTime(day, row["slots"] * length, row["late"] * length))
    groups = [
        GroupTime(row["group__name"] or "", row["group__slug"] or "", row["n"] * length)
        for row in slots.values("group_id", "group__name", "group__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "group__name")
    ]
    groups.sort(key=lambda group: (not group.name, -group.seconds))
    return Week(days=days, groups=groups, today=today)

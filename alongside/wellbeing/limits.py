"""The limits a member sets for themselves: a daily nudge, breaks, quiet hours.

Every limit is the member's own choice, off until they set it, and every nudge can
be waved off in one tap. Quiet hours are for anything that would call for their
attention: reminders and notifications ask `in_quiet_hours` first.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User

from .models import Limits
from .time import local_day, seconds_in_a_row, seconds_on_day, zone_of

# The choices offered on the limits form, in minutes.
DAILY_CHOICES = (15, 30, 45, 60, 90, 120, 180, 240)
BREAK_CHOICES = (20, 30, 45, 60, 90, 120)


def limits_of(member: User) -> Limits | None:
    return Limits.objects.filter(member=member).first()


@dataclass(frozen=True)
class QuietHours:
    """From `starts` until `ends` each day, on the member's clock; it may run over
    midnight (11pm to 7am)."""

    starts: time
    ends: time
    zone: zoneinfo.ZoneInfo

    def cover(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone).time().replace(tzinfo=None)
        if self.starts == self.ends:
            return False
        if self.starts < self.ends:
            return self.starts <= local < self.ends
        return local >= self.starts or local < self.ends


def quiet_hours_of(member: User, limits: Limits | None = None) -> QuietHours | None:
    """The member's quiet hours, if they set any (one query unless given limits)."""
    limits = limits if limits is not None else limits_of(member)
    if limits is None or limits.quiet_from is None or limits.quiet_until is None:
        return None
    return QuietHours(limits.quiet_from, limits.quiet_until, zone_of(member))


def in_quiet_hours(member: User, now: datetime | None = None) -> bool:
    """Whether `now` falls in the member's quiet hours, on their own clock."""
    quiet = quiet_hours_of(member)
    return quiet is not None and quiet.cover(now or timezone.now())


@dataclass(frozen=True)
class Nudge:
    """A nudge the member asked for: at their daily time, or after a stretch."""

    kind: Literal["daily", "break"]
    minutes: int

    @property
    def is_daily(self) -> bool:
        return self.kind == "daily"


def nudge_due(
    member: User, now: datetime, limits: Limits | None = None
) -> Nudge | None:
    """The nudge the member asked for, if it is time for it now.

    The daily one comes once a day, until they answer it; a break one after each
    stretch of the length they chose, counted from their last break.
    """
    limits = limits if limits is not None else limits_of(member)
    if limits is None:
        return None
    if (
        limits.daily_minutes
        and limits.limit_dismissed_on != local_day(member, now)
        and seconds_on_day(member, now) >= limits.daily_minutes * 60
    ):
        return Nudge("daily", limits.daily_minutes)
    if limits.break_after_minutes:
        stretch = timedelta(minutes=limits.break_after_minutes)
        in_a_row = seconds_in_a_row(
            member, now, since=limits.break_dismissed_at, looking_back=stretch
        )
        if in_a_row >= stretch.total_seconds():
            return Nudge("break", limits.break_after_minutes)
    return None


def set_limits(
    *,
    member: User,
    daily_minutes: int | None,
    break_after_minutes: int | None,
    quiet_from: time | None,
    quiet_until: time | None,
) -> Limits:
    """Save the member's limits; the other choices on the same row stay as they are."""
    with transaction.atomic():
        limits, _created = Limits.objects.select_for_update().get_or_create(
            member=member
        )
        limits.daily_minutes = daily_minutes
        limits.break_after_minutes = break_after_minutes
        limits.quiet_from = quiet_from
        limits.quiet_until = quiet_until
        limits.save(
            update_fields=[
                "daily_minutes",
                "break_after_minutes",
                "quiet_from",
                "quiet_until",
            ]
        )
    return limits


def answer_nudge(*, member: User, now: datetime) -> None:
    """The member answered a nudge, either way: the daily one rests until tomorrow
    once reached, and the next break one comes a full stretch from now."""
    limits = limits_of(member)
    if limits is None:
        return
    fields: dict[str, object] = {"break_dismissed_at": now}
    if (
        limits.daily_minutes
        and seconds_on_day(member, now) >= limits.daily_minutes * 60
    ):
        fields["limit_dismissed_on"] = local_day(member, now)
    Limits.objects.filter(pk=limits.pk).update(**fields)

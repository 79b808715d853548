import secrets
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.groups.models import Group

from . import schedule


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def still_on(self, now: datetime) -> "MeetingQuerySet":
        """Not cancelled, with at least one occurrence that has not ended."""
        return self.filter(cancelled_at__isnull=True).filter(
            Q(series_ends_at__isnull=True) | Q(series_ends_at__gt=now)
        )


class Meeting(models.Model):
    """A scheduled live session of a group: once, or every week at the same local time.

    `starts_at` is the first occurrence in UTC. A weekly meeting repeats at
    `local_start_time` on `weekday` in `time_zone` (the organiser's zone), so it keeps
    its local time there across clock changes.
    """

    class Recurrence(models.TextChoices):
        NONE = "none", _("Once")
        WEEKLY = "weekly", _("Every week")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=140)
    description = models.TextField(_("what it's about"), max_length=4000, blank=True)
    starts_at = models.DateTimeField(_("first start"))
    time_zone = models.CharField(_("time zone"), max_length=64)
    local_start_time = models.TimeField(_("local start time"))
    weekday = models.PositiveSmallIntegerField(_("weekday"), help_text="0 is Monday.")
    duration_minutes = models.PositiveSmallIntegerField(_("length in minutes"))
    recurrence = models.CharField(
        max_length=10, choices=Recurrence.choices, default=Recurrence.NONE
    )
    repeat_until = models.DateField(_("last date"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        _("number of meetings"), null=True, blank=True
    )
    # When the last occurrence ends; empty for a weekly meeting with no end.
    series_ends_at = models.DateTimeField(null=True, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_meetings", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Raised on every change, so calendar apps replace what they imported.
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["group", "series_ends_at"], name="meeting_group_end")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"meeting_id": self.pk})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def first_day(self) -> date:
        """The date of the first occurrence, where the organiser is."""
        return self.starts_at.astimezone(self.zone).date()

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    @property
    def is_weekly(self) -> bool:
        return self.recurrence == self.Recurrence.WEEKLY

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def room_url(self) -> str:
        """The group's live room, where the meeting happens."""
        try:
            return reverse("chat:room", kwargs={"slug": self.group.slug})
        except NoReverseMatch:
            return f"/groups/{self.group.slug}/chat/"

    def starts(
        self,
        *,
        ending_after: datetime,
        limit: int,
        starting_before: datetime | None = None,
    ) -> list[datetime]:
        """Starts of occurrences that end after a moment, in order, cancelled or not."""
        if not self.is_weekly:
            start = self.starts_at
            if start + self.duration <= ending_after or limit < 1:
                return []
            if starting_before is not None and start >= starting_before:
                return []
            return [start]
        return schedule.weekly_starts(
            self.first_day,
            self.local_start_time,
            self.zone,
            count=self.repeat_count,
            until=self.repeat_until,
            ending_after=ending_after,
            duration=self.duration,
            limit=limit,
            starting_before=starting_before,
        )

    def next_occurrence(self, now: datetime) -> "Occurrence | None":
        """The occurrence going on now, or else the next one."""
        starts = self.starts(ending_after=now, limit=1)
        return Occurrence(self, starts[0]) if starts else None

    def upcoming(self, now: datetime, limit: int) -> list["Occurrence"]:
        return [Occurrence(self, s) for s in self.starts(ending_after=now, limit=limit)]

    def is_occurrence(self, moment: datetime) -> bool:
        """Whether an occurrence of this meeting starts exactly at `moment`."""
        if not self.is_weekly:
            return moment == self.starts_at
        index = schedule.weekly_index_of(
            self.first_day, self.local_start_time, self.zone, moment
        )
        if index is None:
            return False
        last = schedule.last_index(
            self.first_day, count=self.repeat_count, until=self.repeat_until
        )
        return last is None or index <= last

    def last_start(self) -> datetime | None:
        """The start of the last occurrence; None when it repeats with no end."""
        if not self.is_weekly:
            return self.starts_at
        last = schedule.last_index(
            self.first_day, count=self.repeat_count, until=self.repeat_until
        )
        if last is None:
            return None
        return schedule.weekly_start(
            self.first_day, self.local_start_time, self.zone, max(last, 0)
        )


@dataclass(frozen=True)
class Occurrence:
    """One sitting of a meeting: for a weekly meeting, one of its weeks."""

    meeting: Meeting
    starts_at: datetime

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + self.meeting.duration

    def is_on_at(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at


class RSVP(models.Model):
    """A member's answer for one occurrence. Not coming is never held against anyone."""

    class Answer(models.TextChoices):
        YES = "yes", _("I'd like to come")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("Can't make it")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps"
    )
    # The start of the occurrence answered for, in UTC.
    occurrence_at = models.DateTimeField()
    answer = models.CharField(max_length=5, choices=Answer.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "RSVP"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member", "occurrence_at"],
                name="one_rsvp_per_occurrence",
            )
        ]
        indexes = [
            models.Index(fields=["meeting", "occurrence_at"], name="rsvp_occurrence")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.answer} for meeting {self.meeting_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a member's private calendar address, and what it may show."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    shows_names = models.BooleanField(
        _("show meeting titles and group names"), default=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of {self.member}"

"""Every write to meetings, answers and calendar feeds."""

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.rendering import clean_text
from alongside.groups.models import Group, Membership

from . import schedule
from .models import RSVP, CalendarFeedToken, Meeting, new_feed_token
from .permissions import can_answer, can_manage_meeting, can_schedule_meetings

MAX_DURATION_MINUTES = 12 * 60


@dataclass(frozen=True)
class MeetingPlan:
    """What a facilitator fills in: the first date and time are where they are."""

    title: str
    starts_on: date
    start_time: time
    time_zone: str
    duration_minutes: int
    description: str = ""
    recurrence: str = Meeting.Recurrence.NONE
    repeat_until: date | None = None
    repeat_count: int | None = None
    capacity: int | None = None
    video_url: str = ""
    facilitators: Sequence[User] = ()


def _membership(member: User, group: Group) -> Membership | None:
    return Membership.objects.filter(group=group, member=member).first()


def is_https(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and bool(parts.hostname)


def _apply(meeting: Meeting, plan: MeetingPlan) -> None:
    """Check a plan and copy it onto the meeting, with the UTC instants it implies."""
    title = clean_text(plan.title).strip()
    if not title:
        raise ActionRefused(_("Give the meeting a title."))
    zone = schedule.zone_named(plan.time_zone)
    if zone is None:
        raise ActionRefused(_("Choose a time zone from the list."))
    start_time = plan.start_time.replace(second=0, microsecond=0, tzinfo=None)
    if not schedule.exists_locally(plan.starts_on, start_time, zone):
        raise ActionRefused(
            _("That time doesn't happen on that day, because the clocks go forward.")
        )
    if not 1 <= plan.duration_minutes <= MAX_DURATION_MINUTES:
        raise ActionRefused(_("A meeting can last from 1 minute to 12 hours."))
    video_url = plan.video_url.strip()
    if video_url and not is_https(video_url):
        raise ActionRefused(_("The video link must start with https://"))
    if plan.capacity is not None and plan.capacity < 1:
        raise ActionRefused(_("Leave places empty, or allow at least 1 person."))
    weekly = plan.recurrence == Meeting.Recurrence.WEEKLY
    if plan.recurrence not in Meeting.Recurrence.values:
        raise ActionRefused(_("Choose once or every week."))
    repeat_until = plan.repeat_until if weekly else None
    repeat_count = plan.repeat_count if weekly else None
    if repeat_until is not None and repeat_until < plan.starts_on:
        raise ActionRefused(_("The last date must be on or after the first one."))
    if repeat_count is not None and repeat_count < 1:
        raise ActionRefused(_("A weekly meeting happens at least once."))

    meeting.title = title
    meeting.description = clean_text(plan.description).strip()
    meeting.starts_at = schedule.local_instant(plan.starts_on, start_time, zone)
    meeting.time_zone = plan.time_zone
    meeting.local_start_time = start_time
    meeting.weekday = plan.starts_on.weekday()
    meeting.duration_minutes = plan.duration_minutes
    meeting.recurrence = plan.recurrence
    meeting.repeat_until = repeat_until
    meeting.repeat_count = repeat_count
    meeting.capacity = plan.capacity
    meeting.video_url = video_url
    last_start = meeting.last_start()
    ends = None if last_start is None else last_start + meeting.duration
    meeting.series_ends_at = ends


def _facilitators(group: Group, plan: MeetingPlan, fallback: User) -> list[User]:
    chosen = list(plan.facilitators) or [fallback]
    in_group = set(
        Membership.objects.filter(
            group=group, member__in=[person.pk for person in chosen]
        ).values_list("member_id", flat=True)
    )
    if any(person.pk not in in_group for person in chosen):
        raise ActionRefused(_("Facilitators must be members of this group."))
    return chosen


def schedule_meeting(*, scheduler: User, group: Group, plan: MeetingPlan) -> Meeting:
    """Schedule a meeting for a group; only its facilitators and moderators may."""
    if not can_schedule_meetings(_membership(scheduler, group)):
        raise ActionRefused(_("Only the group's facilitators can schedule meetings."))
    meeting = Meeting(group=group, created_by=scheduler)
    _apply(meeting, plan)
    if meeting.starts_at <= timezone.now():
        raise ActionRefused(_("Choose a time in the future."))
    facilitators = _facilitators(group, plan, scheduler)
    with transaction.atomic():
        meeting.save()
        meeting.facilitators.set(facilitators)
    return meeting


def edit_meeting(*, editor: User, meeting: Meeting, plan: MeetingPlan) -> bool:
    """Change a meeting; answers for times that no longer happen are let go.

    Return whether anything changed.
    """
    if not can_manage_meeting(_membership(editor, meeting.group), meeting):
        raise ActionRefused(_("Only the group's facilitators can change meetings."))
    fields = [
        "title",
        "description",
        "starts_at",
        "time_zone",
        "local_start_time",
        "weekday",
        "duration_minutes",
        "recurrence",
        "repeat_until",
        "repeat_count",
        "capacity",
        "video_url",
        "series_ends_at",
    ]
    draft = copy.copy(meeting)
    _apply(draft, plan)
    now = timezone.now()
    if draft.starts_at != meeting.starts_at and draft.starts_at <= now:
        raise ActionRefused(_("Choose a time in the future."))
    facilitators = _facilitators(meeting.group, plan, editor)
    old_facilitators = set(meeting.facilitators.values_list("pk", flat=True))
    changed = [f for f in fields if getattr(draft, f) != getattr(meeting, f)]
    if not changed and old_facilitators == {person.pk for person in facilitators}:
        return False
    for name in fields:
        setattr(meeting, name, getattr(draft, name))
    with transaction.atomic():
        meeting.sequence += 1
        meeting.save(update_fields=[*fields, "sequence"])
        meeting.facilitators.set(facilitators)
        gone = [
            moment
            for moment in meeting.rsvps.filter(occurrence_at__gt=now)
            .values_list("occurrence_at", flat=True)
            .distinct()
            if not meeting.is_occurrence(moment)
        ]
        if gone:
            meeting.rsvps.filter(occurrence_at__in=gone).delete()
    return True


def cancel_meeting(*, canceller: User, meeting: Meeting) -> bool:
    """Cancel every occurrence still to come; return whether it was still on."""
    if meeting.is_cancelled:
        return False
    if not can_manage_meeting(_membership(canceller, meeting.group), meeting):
        raise ActionRefused(_("Only the group's facilitators can cancel meetings."))
    now = timezone.now()
    changed = Meeting.objects.filter(pk=meeting.pk, cancelled_at__isnull=True).update(
        cancelled_at=now, cancelled_by=canceller, sequence=meeting.sequence + 1
    )
    if changed:
        meeting.cancelled_at, meeting.cancelled_by = now, canceller
        meeting.sequence += 1
    return changed > 0


def answer_meeting(
    *, member: User, meeting: Meeting, occurrence_at: datetime, answer: str
) -> RSVP:
    """Record whether a member is coming to one occurrence; "yes" respects places."""
    if answer not in RSVP.Answer.values:
        raise ActionRefused(_("Choose one of the answers."))
    if not can_answer(_membership(member, meeting.group), meeting):
        raise ActionRefused(_("This meeting has been cancelled."))
    if not meeting.is_occurrence(occurrence_at):
        raise ActionRefused(_("The meeting doesn't happen at that time."))
    if occurrence_at + meeting.duration <= timezone.now():
        raise ActionRefused(_("That meeting has already happened."))
    with transaction.atomic():
        # Lock the meeting so two last-place answers cannot both fit.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if answer == RSVP.Answer.YES and meeting.capacity is not None:
            taken = (
                RSVP.objects.filter(
                    meeting=meeting, occurrence_at=occurrence_at, answer=answer
                )
                .exclude(member=member)
                .count()
            )
            if taken >= meeting.capacity:
                raise ActionRefused(_("This meeting is full. You can still say Maybe."))
        rsvp, _created = RSVP.objects.update_or_create(
            meeting=meeting,
            member=member,
            occurrence_at=occurrence_at,
            defaults={"answer": answer, "answered_at": timezone.now()},
        )
    return rsvp


def set_calendar_preferences(*, member: User, shows_names: bool) -> CalendarFeedToken:
    """Choose what calendar entries show; the private address is made if needed."""
    feed, _created = CalendarFeedToken.objects.update_or_create(
        member=member, defaults={"shows_names": shows_names}
    )
    return feed


def regenerate_calendar_feed(*, member: User) -> CalendarFeedToken:
    """Give the member a new private calendar address; the old one stops working."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                feed, _created = CalendarFeedToken.objects.update_or_create(
                    member=member, defaults={"token": new_feed_token()}
                )
            return feed
        except IntegrityError:  # pragma: no cover - a clash of 256 random bits
            continue
    raise ActionRefused(_("We couldn't make a new address just now. Please try again."))

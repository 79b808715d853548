"""Every read of meetings, answers and calendar feeds, filtered for the viewer."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.http import Http404
from django.utils import timezone

from alongside.accounts.models import User
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_view_group_content
from alongside.groups.queries import Viewer
from alongside.wellbeing.limits import quiet_hours_of

from .models import RSVP, CalendarFeedToken, Meeting, Occurrence
from .permissions import can_schedule_meetings

# How far ahead an open page keeps a reminder ready for a meeting's start.
REMINDER_AHEAD = timedelta(hours=12)

# What a private calendar feed lists: a little of the past, half a year ahead.
FEED_PAST = timedelta(days=30)
FEED_AHEAD = timedelta(days=183)
FEED_LIMIT = 500


@dataclass(frozen=True)
class MeetingAccess:
    meeting: Meeting
    membership: Membership


@dataclass
class Answers:
    """Who answered what for one occurrence."""

    counts: dict[str, int] = field(default_factory=dict)
    mine: str | None = None
    coming: list[str] = field(default_factory=list)  # names of those saying yes

    @property
    def yes(self) -> int:
        return self.counts.get(RSVP.Answer.YES, 0)

    @property
    def maybe(self) -> int:
        return self.counts.get(RSVP.Answer.MAYBE, 0)


def access_meeting(viewer: Viewer, meeting_id: int) -> MeetingAccess:
    """A meeting for a member of its group; 404 for anyone else."""
    if not viewer.is_authenticated:
        raise Http404
    meeting = Meeting.objects.select_related("group").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    membership = Membership.objects.filter(
        group_id=meeting.group_id, member=viewer
    ).first()
    if membership is None or not can_view_group_content(membership):
        raise Http404
    membership.group = meeting.group
    return MeetingAccess(meeting, membership)


def _by_start(occurrences: list[Occurrence]) -> list[Occurrence]:
    return sorted(occurrences, key=lambda o: (o.starts_at, o.meeting.pk))


def meetings_in(group: Group, now: datetime) -> list[Occurrence]:
    """The current or next occurrence of each meeting still on, soonest first.

    One query, whatever the number of meetings.
    """
    meetings = Meeting.objects.still_on(now).filter(group=group).select_related("group")
    found = [meeting.next_occurrence(now) for meeting in meetings]
    return _by_start([o for o in found if o is not None])


@dataclass(frozen=True)
class MeetingSummary:
    """For a group's page: what is on now, and the next meeting after that."""

    on_now: list[Occurrence]
    next: Occurrence | None
    # Starting within REMINDER_AHEAD: an open page shows a reminder at the start.
    starting_soon: list[Occurrence] = field(default_factory=list)


def meeting_summary_in(
    group: Group, now: datetime | None = None, member: Viewer | None = None
) -> MeetingSummary:
    """What is on now in a group, and its next meeting (one query; one more for
    `member`'s quiet hours when a reminder may be due)."""
    now = now or timezone.now()
    occurrences = meetings_in(group, now)
    on_now = [o for o in occurrences if o.is_on_at(now)]
    later = [o for o in occurrences if not o.is_on_at(now)]
    soon = [o for o in later if o.starts_at <= now + REMINDER_AHEAD]
    if isinstance(member, User):
        soon = _outside_quiet_hours(member, soon)
    return MeetingSummary(on_now, later[0] if later else None, soon)


def _outside_quiet_hours(member: User, soon: list[Occurrence]) -> list[Occurrence]:
    """Reminders that would show in the member's quiet hours stay quiet."""
    if not soon:
        return soon
    quiet = quiet_hours_of(member)
    if quiet is None:
        return soon
    return [o for o in soon if not quiet.cover(o.starts_at)]


@dataclass(frozen=True)
class MeetingsToday:
    """For the home page: what is on now, and what starts within REMINDER_AHEAD
    (an open page shows a reminder when it starts)."""

    on_now: list[Occurrence]
    starting_soon: list[Occurrence]


def meetings_today_for(member: User, now: datetime | None = None) -> MeetingsToday:
    """Meetings on now and starting soon in the member's groups (one query; one
    more for the member's quiet hours when a reminder may be due)."""
    now = now or timezone.now()
    meetings = (
        Meeting.objects.still_on(now)
        .filter(group__memberships__member=member, starts_at__lte=now + REMINDER_AHEAD)
        .select_related("group")
    )
    found = [o for o in (m.next_occurrence(now) for m in meetings) if o is not None]
    return MeetingsToday(
        on_now=_by_start([o for o in found if o.is_on_at(now)]),
        starting_soon=_outside_quiet_hours(
            member,
            _by_start([o for o in found if now < o.starts_at <= now + REMINDER_AHEAD]),
        ),
    )


def meetings_on_now_for(member: User, now: datetime | None = None) -> list[Occurrence]:
    """Occurrences going on right now in the member's groups (one query)."""
    return meetings_today_for(member, now).on_now


def facilitators_of(meeting: Meeting) -> list[User]:
    return list(meeting.facilitators.order_by("display_name", "username"))


def possible_facilitators(group: Group) -> list[User]:
    """Who may be named as a meeting's facilitator: the group's hosts."""
    memberships = (
        Membership.objects.filter(group=group)
        .select_related("member")
        .order_by("member__display_name", "member__username")
    )
    return [m.member for m in memberships if can_schedule_meetings(m)]


def answers_for(
    meeting: Meeting, occurrence_at: datetime, viewer: User, *, with_names: bool
) -> Answers:
    """The answers for one occurrence, in one query; names only when asked for."""
    answers = Answers()
    rows = RSVP.objects.filter(
        meeting=meeting, occurrence_at=occurrence_at
    ).select_related("member")
    for rsvp in rows.order_by("answered_at"):
        answers.counts[rsvp.answer] = answers.counts.get(rsvp.answer, 0) + 1
        if rsvp.member_id == viewer.pk:
            answers.mine = rsvp.answer
        if with_names and rsvp.answer == RSVP.Answer.YES:
            answers.coming.append(rsvp.member.public_name)
    return answers


def feed_of(member: User) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(member=member).first()


def access_feed(token: str) -> CalendarFeedToken:
    """The calendar feed a secret belongs to; 404 for any other string."""
    feed = (
        CalendarFeedToken.objects.select_related("member")
        .filter(token=token, member__is_active=True)
        .first()
    )
    if feed is None or not token:
        raise Http404
    return feed


def feed_occurrences(member: User, now: datetime) -> list[Occurrence]:
    """Occurrences for a member's private calendar: their groups, a few months."""
    meetings = (
        Meeting.objects.still_on(now - FEED_PAST)
        .filter(group__memberships__member=member, starts_at__lt=now + FEED_AHEAD)
        .select_related("group")
        .order_by("pk")
    )
    found: list[Occurrence] = []
    for meeting in meetings:
        starts = meeting.starts(
            ending_after=now - FEED_PAST,
            starting_before=now + FEED_AHEAD,
            limit=FEED_LIMIT,
        )
        found += [Occurrence(meeting, start) for start in starts]
    return _by_start(found)[:FEED_LIMIT]

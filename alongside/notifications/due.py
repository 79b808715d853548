"""Notifications that come due with time rather than with a write: meeting
reminders and the check-back after a hard time.

Both run from the task machinery every few minutes: `python manage.py
send_meeting_reminders` (or `send_meeting_reminders_task`) and `python manage.py
send_check_backs` (or `send_check_backs_task`), from a timer like the retention
job's (docs/deploy.md). Each is safe to run at any time or twice: nobody is told
twice about the same thing.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.tasks import task
from django.utils import timezone

from alongside.groups.models import Membership
from alongside.meetings.models import RSVP
from alongside.wellbeing.support import check_backs_due

from .counts import counts_changed
from .email import after_notified
from .models import Notification

Kind = Notification.Kind

# A reminder goes when a meeting the member said they'd come to (or might) starts
# within this time.
REMIND_AHEAD = timedelta(hours=1)


def _made(rows: list[Notification]) -> int:
    with transaction.atomic():
        made = Notification.objects.bulk_create(rows)
        counts_changed(n.recipient_id for n in made)
        ids = [n.pk for n in made]
        if ids:
            transaction.on_commit(lambda: after_notified(ids))
    return len(made)


def _meeting_key(meeting_id: int, starts_at: datetime) -> str:
    return f"meeting:{meeting_id}:{int(starts_at.timestamp())}"


def send_meeting_reminders(*, now: datetime | None = None) -> int:
    """Remind each member who answered "I'd like to come" or "Maybe" for a meeting
    starting within the hour, once; return how many were reminded."""
    now = now or timezone.now()
    answers = (
        RSVP.objects.filter(
            answer__in=(RSVP.Answer.YES, RSVP.Answer.MAYBE),
            occurrence_at__gt=now,
            occurrence_at__lte=now + REMIND_AHEAD,
            meeting__cancelled_at__isnull=True,
        )
        .filter(
            Exists(
                Membership.objects.filter(
                    group=OuterRef("meeting__group"), member=OuterRef("member")
                )
            )
        )
        .select_related("meeting")
    )
    # An answer for a time the meeting no longer has (it was moved) is skipped.
    wanted = {
        (rsvp.member_id, _meeting_key(rsvp.meeting_id, rsvp.occurrence_at)): rsvp
        for rsvp in answers
        if rsvp.meeting.is_occurrence(rsvp.occurrence_at)
    }
    if not wanted:
        return 0
    told = set(
        Notification.objects.filter(
            kind=Kind.MEETING, batch_key__in={key for _member, key in wanted}
        ).values_list("recipient_id", "batch_key")
    )
    return _made(
        [
            Notification(
                recipient_id=member_id,
                kind=Kind.MEETING,
                group_id=rsvp.meeting.group_id,
                target_id=rsvp.meeting_id,
                batch_key=key,
                created_at=now,
                updated_at=now,
            )
            for (member_id, key), rsvp in sorted(wanted.items())
            if (member_id, key) not in told
        ]
    )


def send_check_backs(*, now: datetime | None = None) -> int:
    """Ask each member with a check-back due, once for the post it is about (the
    question itself waits on their home page); return how many were asked."""
    now = now or timezone.now()
    due = check_backs_due(now)
    if not due:
        return 0
    asked = set(
        Notification.objects.filter(
            kind=Kind.CHECK_BACK, target_id__in=set(due.values())
        ).values_list("recipient_id", "target_id")
    )
    return _made(
        [
            Notification(
                recipient_id=member_id,
                kind=Kind.CHECK_BACK,
                target_id=flag_id,
                created_at=now,
                updated_at=now,
            )
            for member_id, flag_id in sorted(due.items())
            if (member_id, flag_id) not in asked
        ]
    )


@task
def send_meeting_reminders_task() -> int:
    """Meeting reminders, for the task worker (every few minutes)."""
    return send_meeting_reminders()


@task
def send_check_backs_task() -> int:
    """Check-backs that came due, for the task worker (every hour or so)."""
    return send_check_backs()

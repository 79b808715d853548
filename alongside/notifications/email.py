"""Email for notifications: off until the member turns it on, and content-free.

A member chooses how they hear by email (`EmailChoice`): not at all (the default),
each time, or a daily or weekly summary. An email only counts what is waiting, by
kind, with one link to the notifications page. The thread and its group are named
only for a member who asked for that (`include_details`); what anyone wrote never
is, and subjects carry neither.

- Each time: `after_notified(ids)`, called after commit whenever notifications are
  made or grow, enqueues `send_waiting_emails_task` for the recipients who chose it.
- Summaries, and emails held back by quiet hours: `send_due_emails()`, run every
  15 minutes (`python manage.py send_email_digests`, or `send_email_digests_task`).
  A daily summary goes once a day from 8am on the member's own clock, a weekly one
  on Mondays from 8am. Nothing goes in the member's quiet hours: what would have
  gone waits, and goes as one summary once they end.

Nothing is sent unless there is an unread notification the member may still see,
and each notification is emailed once at most (`emailed_at`). Every email carries a
way to stop them in one click (RFC 8058): a signed link in its words, and the
List-Unsubscribe headers that let mail apps offer the same.
"""

import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta
from email.policy import Policy

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from alongside.accounts.models import User
from alongside.wellbeing.limits import in_quiet_hours
from alongside.wellbeing.time import zone_of

from .models import EmailChoice, Notification
from .queries import visible_to_recipient

logger = logging.getLogger("alongside.notifications")

Kind = Notification.Kind
Mode = EmailChoice.Mode

# Summaries go from this time on the member's own clock; weekly ones on Mondays.
SUMMARY_AT = time(8, 0)
MONDAY = 0
# A check-back after a hard post stays on the site: an email about it would tell
# the member's inbox more than they chose to.
NOT_EMAILED = (Kind.CHECK_BACK,)
# Kinds counted as replies in the subject ("You have 2 new replies on Alongside").
REPLY_KINDS = (Kind.REPLY, Kind.FOLLOWED)
# With details on: at most this many threads or groups are named in one email.
PLACES_NAMED = 10

STOP_SALT = "alongside.notifications.email.stop"
# A stop link keeps working this long, so an old email can still end the emails.
STOP_LINK_DAYS = 365

LINES: dict[str, Promise] = {
    Kind.REPLY: ngettext_lazy(
        "%(n)s new reply to you", "%(n)s new replies to you", "n"
    ),
    Kind.FOLLOWED: ngettext_lazy(
        "%(n)s new reply in a thread you follow",
        "%(n)s new replies in threads you follow",
        "n",
    ),
    Kind.NEW_THREAD: ngettext_lazy(
        "%(n)s new thread in your groups", "%(n)s new threads in your groups", "n"
    ),
    Kind.MENTION: ngettext_lazy("%(n)s new mention", "%(n)s new mentions", "n"),
    Kind.REACTIONS: ngettext_lazy(
        "%(n)s new reaction to your posts", "%(n)s new reactions to your posts", "n"
    ),
    Kind.JOIN_DECISION: ngettext_lazy(
        "%(n)s answer to your request to join a group",
        "%(n)s answers to your requests to join groups",
        "n",
    ),
    Kind.MEETING: ngettext_lazy(
        "%(n)s meeting reminder", "%(n)s meeting reminders", "n"
    ),
    Kind.MODERATOR: ngettext_lazy(
        "%(n)s message from the moderators",
        "%(n)s messages from the moderators",
        "n",
    ),
}


# ---------------------------------------------------------------------------
# The member's choice


def email_choice_of(member: User) -> EmailChoice:
    """The member's choice as saved, or the default (off) unsaved: reading it never
    writes."""
    return EmailChoice.objects.filter(member=member).first() or EmailChoice(
        member=member
    )


def set_email_choice(*, member: User, mode: str, include_details: bool) -> EmailChoice:
    """Save how the member wants to hear by email."""
    with transaction.atomic():
        choice, _created = EmailChoice.objects.select_for_update().get_or_create(
            member=member
        )
        choice.mode = mode
        choice.include_details = include_details
        choice.save(update_fields=["mode", "include_details"])
    return choice


def stop_emails(*, choice: EmailChoice) -> bool:
    """Turn the emails off (from a stop link, signed in or not); whether anything
    changed."""
    changed = (
        EmailChoice.objects.filter(pk=choice.pk)
        .exclude(mode=Mode.OFF)
        .update(mode=Mode.OFF)
        > 0
    )
    choice.mode = Mode.OFF
    return changed


def stop_token(choice: EmailChoice) -> str:
    """The signed key in every email's stop link."""
    return signing.TimestampSigner(salt=STOP_SALT).sign(str(choice.pk))


def choice_for_stop_token(token: str) -> EmailChoice | None:
    """The choice a stop link is for; None for a made-up, changed or very old one,
    or one whose account is gone."""
    try:
        pk = signing.TimestampSigner(salt=STOP_SALT).unsign(
            token, max_age=timedelta(days=STOP_LINK_DAYS)
        )
    except signing.BadSignature:
        return None
    if not pk.isdigit():
        return None
    return EmailChoice.objects.filter(pk=int(pk)).first()


# ---------------------------------------------------------------------------
# What is waiting to be emailed


def waiting_for(member: User) -> QuerySet[Notification]:
    """Unread notifications not emailed yet that the member may still see."""
    return (
        Notification.objects.filter(
            recipient=member, read_at__isnull=True, emailed_at__isnull=True
        )
        .exclude(kind__in=NOT_EMAILED)
        .filter(visible_to_recipient())
    )


def _has_waiting() -> Exists:
    """Part of a query over EmailChoice: whether anything waits for its member."""
    return Exists(
        Notification.objects.filter(
            recipient=OuterRef("member"), read_at__isnull=True, emailed_at__isnull=True
        )
        .exclude(kind__in=NOT_EMAILED)
        .filter(visible_to_recipient())
    )


def _summary_due(choice: EmailChoice, now: datetime) -> bool:
    """A daily summary: once a day from 8am, the member's time; weekly: Mondays."""
    local = now.astimezone(zone_of(choice.member))
    starts = datetime.combine(local.date(), SUMMARY_AT, tzinfo=local.tzinfo)
    if local < starts:
        return False
    if choice.mode == Mode.WEEKLY and local.weekday() != MONDAY:
        return False
    return choice.last_sent_at is None or choice.last_sent_at < starts


def _can_email(choice: EmailChoice, now: datetime) -> bool:
    member = choice.member
    if choice.mode == Mode.OFF or not member.email or not member.is_active:
        return False
    return member.suspended_until is None or member.suspended_until <= now


# ---------------------------------------------------------------------------
# Making and sending one email


def absolute(path: str) -> str:
    return settings.ALONGSIDE_SITE_URL + path


def _places(notifications: Iterable[Notification]) -> list[str]:
    """The threads and groups the notifications are about, latest first, once each."""
    named: list[str] = []
    for notification in notifications:
        thread = notification.thread
        if thread is not None:
            place = _("“%(thread)s” in %(group)s") % {
                "thread": thread.title,
                "group": thread.group.name,
            }
        elif notification.group is not None:
            place = notification.group.name
        else:
            continue
        if place not in named:
            named.append(place)
    return named


def _subject(notifications: list[Notification]) -> str:
    total = sum(n.count for n in notifications)
    if all(n.kind in REPLY_KINDS for n in notifications):
        return ngettext(
            "You have a new reply on Alongside",
            "You have %(n)s new replies on Alongside",
            total,
        ) % {"n": total}
    return ngettext(
        "You have a new notification on Alongside",
        "You have %(n)s new notifications on Alongside",
        total,
    ) % {"n": total}


def _lines(notifications: list[Notification]) -> list[str]:
    """One line per kind, with how many ("2 new replies in threads you follow")."""
    counts: dict[str, int] = {}
    for notification in notifications:
        counts[notification.kind] = (
            counts.get(notification.kind, 0) + notification.count
        )
    return [str(LINES[kind] % {"n": counts[kind]}) for kind in LINES if kind in counts]


class OneLineHeader(str):
    """A header written on one line, as it is. The email package would fold a long
    value it cannot break at a space into encoded words, which mail apps do not
    read as an address (the same problem: odoo/odoo#289182). Within the 998
    characters a line may have (RFC 5322)."""

    name: str

    def __new__(cls, name: str, value: str) -> "OneLineHeader":
        header = super().__new__(cls, value)
        header.name = name
        return header

    def __reduce__(self) -> tuple[type["OneLineHeader"], tuple[str, str]]:
        return (OneLineHeader, (self.name, str(self)))  # for copies of the message

    def fold(self, *, policy: Policy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


def build_email(choice: EmailChoice, notifications: list[Notification]) -> EmailMessage:
    """The email about `notifications` for the member who made `choice`."""
    member = choice.member
    stop_url = absolute(
        reverse("notifications:email_stop", kwargs={"token": stop_token(choice)})
    )
    with translation.override(member.language or settings.LANGUAGE_CODE):
        places = _places(notifications) if choice.include_details else []
        context = {
            "mode": choice.mode,
            "lines": _lines(notifications),
            "places": places[:PLACES_NAMED],
            "more_places": max(len(places) - PLACES_NAMED, 0),
            "notifications_url": absolute(reverse("notifications:list")),
            "settings_url": absolute(reverse("notifications:email_settings")),
            "stop_url": stop_url,
        }
        subject = _subject(notifications)
        body = render_to_string("notifications/email/notification.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[member.email],
        headers={
            "List-Unsubscribe": OneLineHeader("List-Unsubscribe", f"<{stop_url}>"),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def send_waiting_email(choice: EmailChoice, *, now: datetime) -> bool:
    """Send the member one email about what is waiting for them, if there is any
    and it may go now (not in quiet hours; a summary only when one is due).

    Notifications are marked emailed before the email goes, so two runs at once
    never send the same one twice; if sending fails they are waiting again.
    """
    if not _can_email(choice, now):
        return False
    if choice.mode != Mode.IMMEDIATE and not _summary_due(choice, now):
        return False
    member = choice.member
    if in_quiet_hours(member, now):
        return False
    waiting = list(
        waiting_for(member)
        .select_related("thread__group", "group")
        .order_by("-updated_at", "-pk")
    )
    if not waiting:
        return False
    message = build_email(choice, waiting)
    ids = [n.pk for n in waiting]
    claimed = Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(
        emailed_at=now
    )
    if claimed == 0:
        return False
    if claimed < len(waiting):
        mine = set(
            Notification.objects.filter(pk__in=ids, emailed_at=now).values_list(
                "pk", flat=True
            )
        )
        waiting = [n for n in waiting if n.pk in mine]
        message = build_email(choice, waiting)
    sent_before = choice.last_sent_at
    EmailChoice.objects.filter(pk=choice.pk).update(last_sent_at=now)
    try:
        message.send()
    except OSError:  # smtplib's errors too
        # Never the address or the words: only that one email did not go.
        logger.warning("A notification email could not be sent; it will be retried.")
        Notification.objects.filter(
            pk__in=[n.pk for n in waiting], emailed_at=now
        ).update(emailed_at=None)
        EmailChoice.objects.filter(pk=choice.pk).update(last_sent_at=sent_before)
        return False
    choice.last_sent_at = now
    return True


# ---------------------------------------------------------------------------
# Entry points: after notifying, and the periodic run


def after_notified(notification_ids: list[int]) -> None:
    """Called after commit with the ids of notifications just created or grown:
    email, in the background, the recipients who asked to hear each time."""
    if not notification_ids:
        return
    recipients = Notification.objects.filter(pk__in=notification_ids).values(
        "recipient"
    )
    member_ids = list(
        EmailChoice.objects.filter(
            member__in=recipients, mode=Mode.IMMEDIATE
        ).values_list("member_id", flat=True)
    )
    if member_ids:
        send_waiting_emails_task.enqueue(sorted(member_ids))


@task
def send_waiting_emails_task(member_ids: list[int]) -> int:
    """Email each of these members who hears each time about what is waiting;
    return how many emails went."""
    now = timezone.now()
    choices = EmailChoice.objects.filter(
        member_id__in=member_ids, mode=Mode.IMMEDIATE
    ).select_related("member")
    return sum(send_waiting_email(choice, now=now) for choice in choices)


@dataclass(frozen=True)
class Sent:
    each_time: int  # emails held back by quiet hours (or a failure), sent now
    daily: int  # daily summaries
    weekly: int  # weekly summaries


def send_due_emails(*, now: datetime | None = None) -> Sent:
    """Send every summary that is due, and every email that waited for the end of
    quiet hours; return how many of each went."""
    now = now or timezone.now()
    sent = dict.fromkeys((Mode.IMMEDIATE, Mode.DAILY, Mode.WEEKLY), 0)
    choices = (
        EmailChoice.objects.exclude(mode=Mode.OFF)
        .filter(member__is_active=True)
        .exclude(member__email="")
        .filter(_has_waiting())
        .select_related("member")
        .order_by("pk")
    )
    for choice in choices:
        if send_waiting_email(choice, now=now):
            sent[Mode(choice.mode)] += 1
    return Sent(
        each_time=sent[Mode.IMMEDIATE],
        daily=sent[Mode.DAILY],
        weekly=sent[Mode.WEEKLY],
    )


@task
def send_email_digests_task() -> dict[str, int]:
    """The periodic run, for the task worker."""
    return asdict(send_due_emails())

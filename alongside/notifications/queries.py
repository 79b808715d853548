"""Every read of notifications, follows and levels, filtered for the member.

A notification is shown, counted or opened only while its member may still see
the place it points at: `visible_to_recipient()` is the one condition every read
goes through (the list, the count, opening one and email alike).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from alongside.accounts.models import User
from alongside.groups.models import Group, JoinRequest, Membership
from alongside.meetings.models import Meeting
from alongside.threads.queries import seen_by_member_at

from .models import GroupLevel, Notification

Kind = Notification.Kind
Level = GroupLevel.Level

# About a post in a thread: seen by the rules of the thread and the reply.
POST_KINDS = (Kind.REPLY, Kind.FOLLOWED, Kind.NEW_THREAD, Kind.MENTION, Kind.REACTIONS)
# The member's own: an answer to their request, a message sent to them, a check-in.
OWN_KINDS = (Kind.JOIN_DECISION, Kind.MODERATOR, Kind.CHECK_BACK)

DEFAULT_LEVEL = Level.REPLIES


def visible_to_recipient() -> Q:
    """Notifications whose recipient may still see what they point at; a condition
    of one query over any number of recipients.

    Posts: the thread and reply rules of `threads.queries` (a member of the group,
    nothing deleted, hidden or held from them, no one they blocked). Meetings: a
    member of the group, the meeting not cancelled. The member's own kinds always.
    """
    post = (
        Q(kind__in=POST_KINDS)
        & Q(thread__isnull=False, reply__isnull=False, reply__deleted_at__isnull=True)
        & seen_by_member_at("recipient", thread="thread", reply="reply")
    )
    meeting = (
        Q(kind=Kind.MEETING)
        & Exists(
            Membership.objects.filter(
                group=OuterRef("group"), member=OuterRef("recipient")
            )
        )
        & Exists(
            Meeting.objects.filter(
                pk=OuterRef("target_id"),
                group=OuterRef("group"),
                cancelled_at__isnull=True,
            )
        )
    )
    return post | meeting | Q(kind__in=OWN_KINDS)


def visible_notifications(member: User) -> QuerySet[Notification]:
    """The member's notifications that they may still see, newest first."""
    return Notification.objects.filter(recipient=member).filter(visible_to_recipient())


def count_unread(member_ids: Iterable[int]) -> dict[int, int]:
    """Unread notifications each member may still see (one query for them all)."""
    ids = list(member_ids)
    if not ids:
        return {}
    rows = (
        Notification.objects.filter(recipient_id__in=ids, read_at__isnull=True)
        .filter(visible_to_recipient())
        .order_by()
        .values("recipient_id")
        .annotate(unread=Count("pk"))
        .values_list("recipient_id", "unread")
    )
    return dict(rows)


def access_notification(viewer: User, notification_id: int) -> Notification:
    """One of the viewer's own notifications that they may still see; else 404."""
    found = (
        visible_notifications(viewer)
        .filter(pk=notification_id)
        .select_related("group")
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class NotificationPage:
    notifications: list[Notification]
    next_cursor: str | None


def _encode_cursor(notification: Notification) -> str:
    return f"{notification.updated_at.isoformat()}~{notification.pk}"


def _decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    try:
        stamp, _sep, pk = cursor.partition("~")
        return datetime.fromisoformat(stamp), int(pk)
    except ValueError:
        return None


def notifications_page(
    viewer: User, *, cursor: str = "", limit: int | None = None
) -> NotificationPage:
    """One page of the viewer's notifications, latest change first (keyset on
    `updated_at`, id), with everything their lines need: one query."""
    limit = limit or settings.ALONGSIDE_PAGE_SIZE
    rows = (
        visible_notifications(viewer)
        .select_related("group", "thread", "reply__author")
        .annotate(
            join_status=Subquery(
                JoinRequest.objects.filter(pk=OuterRef("target_id")).values("status")[
                    :1
                ]
            ),
            meeting_title=Subquery(
                Meeting.objects.filter(pk=OuterRef("target_id")).values("title")[:1]
            ),
        )
        .order_by("-updated_at", "-pk")
    )
    position = _decode_cursor(cursor) if cursor else None
    if position is not None:
        stamp, pk = position
        rows = rows.filter(Q(updated_at__lt=stamp) | Q(updated_at=stamp, pk__lt=pk))
    found: list[Notification] = list(rows[: limit + 1])
    next_cursor = _encode_cursor(found[limit - 1]) if len(found) > limit else None
    return NotificationPage(found[:limit], next_cursor)


# ---------------------------------------------------------------------------
# Follows and levels


def follows_thread(choice: bool | None, *, is_writer: bool) -> bool:
    """Whether a member follows a thread: what they chose, else yes for its writer
    (`choice` as `threads.queries.access_thread` reads it, `follow_choice`)."""
    return is_writer if choice is None else choice


def level_of(choice: str | None) -> str:
    """A member's level in a group: what they chose, else "only replies to me"."""
    return choice if choice in Level.values else DEFAULT_LEVEL


@dataclass(frozen=True)
class GroupChoice:
    group: Group
    level: str


def levels_of(member: User) -> list[GroupChoice]:
    """The member's groups, by name, with how much they hear from each: one query."""
    groups = (
        Group.objects.filter(memberships__member=member)
        .annotate(
            chosen=Subquery(
                GroupLevel.objects.filter(group=OuterRef("pk"), member=member).values(
                    "level"
                )[:1]
            )
        )
        .order_by("name", "pk")
    )
    return [GroupChoice(group, level_of(group.chosen)) for group in groups]

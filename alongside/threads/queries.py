"""Every read of threads, replies and reactions, filtered for the viewer."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Model, Q, QuerySet, Subquery
from django.http import Http404

from alongside.accounts.models import User
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_moderate, can_view_group_content
from alongside.groups.queries import Viewer
from alongside.moderation.models import Block

from .models import Reaction, Reply, Thread


@dataclass(frozen=True)
class ThreadAccess:
    thread: Thread
    membership: Membership


@dataclass
class ReactionCount:
    kind: str
    label: str
    count: int = 0
    mine: bool = False
    names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ThreadPage:
    threads: list[Thread]
    next_cursor: str | None


@dataclass(frozen=True)
class ReplyPage:
    opening: Reply | None
    replies: list[Reply]
    next_after: int | None


def _only[M: Model](rows: QuerySet[M]) -> M | None:
    """The row of a query that matches one row at most (by a unique key), or None.

    Unlike `.first()`, it adds no ORDER BY: pointless on a unique key, and building
    it is a good part of the ORM's time for these queries, which run on every
    thread page and reaction.
    """
    found = list(rows[:1])
    return found[0] if found else None


def _membership(viewer: Viewer, group_id: int) -> Membership | None:
    if not viewer.is_authenticated:
        return None
    return _only(Membership.objects.filter(group_id=group_id, member=viewer))


def access_thread(viewer: Viewer, thread_id: int) -> ThreadAccess:
    """A thread for a member of its group; 404 for anyone else and for deleted ones."""
    if not viewer.is_authenticated:
        raise Http404
    thread = _only(
        Thread.objects.select_related("group", "author").filter(
            pk=thread_id, deleted_at__isnull=True
        )
    )
    if thread is None:
        raise Http404
    membership = _membership(viewer, thread.group_id)
    if membership is None or not can_view_group_content(membership):
        raise Http404
    membership.group = thread.group
    return ThreadAccess(thread, membership)


def access_reply(viewer: Viewer, reply_id: int) -> tuple[Reply, Membership]:
    """A reply for a member of its group; 404 for anyone else."""
    if not viewer.is_authenticated:
        raise Http404
    reply = _only(
        Reply.objects.select_related("thread__group", "author").filter(
            pk=reply_id, thread__deleted_at__isnull=True
        )
    )
    if reply is None:
        raise Http404
    membership = _membership(viewer, reply.thread.group_id)
    if membership is None or not can_view_group_content(membership):
        raise Http404
    return reply, membership


def _encode_cursor(thread: Thread) -> str:
    return f"{thread.last_activity_at.isoformat()}~{thread.pk}"


def _decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    try:
        stamp, _sep, pk = cursor.partition("~")
        return datetime.fromisoformat(stamp), int(pk)
    except ValueError:
        return None


def threads_in(
    group: Group, *, cursor: str = "", waiting: bool = False, limit: int | None = None
) -> ThreadPage:
    """One page of a group's threads, latest activity first (keyset pagination)."""
    limit = limit or settings.ALONGSIDE_PAGE_SIZE
    threads = Thread.objects.filter(
        group=group, deleted_at__isnull=True
    ).select_related("author")
    if waiting:
        threads = threads.filter(reply_count=0)
    position = _decode_cursor(cursor) if cursor else None
    if position is not None:
        stamp, pk = position
        threads = threads.filter(
            Q(last_activity_at__lt=stamp) | Q(last_activity_at=stamp, pk__lt=pk)
        )
    rows = list(threads.order_by("-last_activity_at", "-pk")[: limit + 1])
    next_cursor = _encode_cursor(rows[limit - 1]) if len(rows) > limit else None
    return ThreadPage(rows[:limit], next_cursor)


def recent_threads_for(member: User, limit: int = 10) -> QuerySet[Thread]:
    """Latest activity across the member's groups, for the home page."""
    return (
        Thread.objects.filter(
            group__memberships__member=member, deleted_at__isnull=True
        )
        .select_related("group", "author")
        .order_by("-last_activity_at", "-pk")[:limit]
    )


def visible_replies(viewer: User, membership: Membership) -> Q:
    """Which replies a member of the group may see.

    Hidden and held replies: only their writer and the group's moderators. A
    blocked member's replies: never for the member who blocked them.
    """
    visible = Q()
    if not can_moderate(membership):
        visible &= Q(hidden_at__isnull=True, held_at__isnull=True) | Q(author=viewer)
    blocked = Block.objects.filter(blocker=viewer).values("blocked")
    return visible & (Q(author__isnull=True) | ~Q(author__in=Subquery(blocked)))


def replies_in(
    thread: Thread,
    *,
    viewer: User,
    membership: Membership,
    after: int = 0,
    limit: int | None = None,
) -> ReplyPage:
    """The opening post and one page of replies in time order (keyset on id),
    as `viewer` may see them."""
    limit = limit or settings.ALONGSIDE_PAGE_SIZE
    rows = list(
        Reply.objects.filter(
            visible_replies(viewer, membership), thread=thread, pk__gt=after
        )
        .select_related("author")
        .order_by("pk")[: limit + 2]
    )
    opening = None
    if rows and rows[0].is_opening:
        opening = rows.pop(0)
    has_more = len(rows) > limit
    rows = rows[:limit]
    return ReplyPage(opening, rows, rows[-1].pk if has_more and rows else None)


def reactions_for(replies: list[Reply], viewer: User) -> dict[int, list[ReactionCount]]:
    """Counts of each reaction per reply, whether the viewer sent it, and who did.

    One query for the whole page, whatever the number of replies.
    """
    labels = [(kind, str(label)) for kind, label in Reaction.Kind.choices]
    summary: dict[int, dict[str, ReactionCount]] = defaultdict(dict)
    for reply in replies:
        for kind, label in labels:
            summary[reply.pk][kind] = ReactionCount(kind, label)
    # Plain tuples, not model instances: this runs for every post on the page.
    rows = (
        Reaction.objects.filter(reply__in=[r.pk for r in replies])
        .order_by("created_at")
        .values_list(
            "reply_id", "kind", "member_id", "member__display_name", "member__username"
        )
    )
    for reply_id, kind, member_id, display_name, username in rows:
        entry = summary[reply_id][kind]
        entry.count += 1
        entry.names.append(display_name or username)  # as User.public_name
        if member_id == viewer.pk:
            entry.mine = True
    return {reply_id: list(kinds.values()) for reply_id, kinds in summary.items()}

"""Every read of threads, replies and reactions, filtered for the viewer."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from alongside.accounts.models import User
from alongside.core.prepared import Prepared
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_moderate, can_view_group_content
from alongside.groups.queries import Viewer
from alongside.moderation.models import Block, ContextNote, Mute
from alongside.moderation.queries import context_notes_on, not_blocked_by
from alongside.notifications.models import Follow
from alongside.resources.models import Credential, Resource
from alongside.resources.permissions import has_badge
from alongside.resources.queries import resource_cards

from .models import Reaction, Reply, Thread
from .permissions import can_see_reply


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
    """The viewer's membership, with their professional credential (if any) read
    in the same query: a badge decides what the thread page offers them."""
    if not viewer.is_authenticated:
        return None
    found = _membership_of(group=group_id, viewer=viewer.pk)
    return found[0] if found else None


_membership_of: Prepared[Membership] = Prepared(
    lambda *, group, viewer: Membership.objects.filter(
        group_id=group, member=viewer
    ).select_related("member__credential")[:1]
)


def _credential(member: User | None) -> Credential | None:
    """A member's credential as read with them (`select_related`); no query."""
    if member is None:
        return None
    try:
        return member.credential
    except Credential.DoesNotExist:
        return None


def member_badge(membership: Membership, today: date) -> Credential | None:
    """The member's credential while its badge stands, from an `access_thread` or
    `access_reply` membership; no query."""
    credential = _credential(membership.member)
    return credential if has_badge(credential, today) else None


def viewer_badge(access: ThreadAccess, today: date) -> Credential | None:
    return member_badge(access.membership, today)


def author_badge(reply: Reply, today: date) -> Credential | None:
    """The badge beside a post: its writer's, while it stands, never on an
    anonymous post (read with the reply by `replies_in`; no query)."""
    if reply.is_anonymous:
        return None
    credential = _credential(reply.author)
    return credential if has_badge(credential, today) else None


def _opening_withheld(thread: str = "pk") -> Coalesce:
    """Whether the opening post of the thread at `thread` (a field of the outer
    query) is hidden or held; part of the same query.

    Asked of the thread's one opening post (its first), not as "any opening post
    that is hidden or held": the database then reads one row per thread instead
    of all its replies, which matters when a search checks a thousand threads.
    """
    withheld = ExpressionWrapper(
        Q(hidden_at__isnull=False) | Q(held_at__isnull=False),
        output_field=BooleanField(),
    )
    opening = Reply.objects.filter(thread=OuterRef(thread), is_opening=True)
    return Coalesce(
        Subquery(opening.values(withheld=withheld)[:1], output_field=BooleanField()),
        Value(False),
    )


def _withheld_from(
    row: Model, thread: Thread, viewer: Viewer, membership: Membership
) -> bool:
    """A thread whose opening post is hidden or held (`row` was annotated with
    `opening_withheld`): 404 for all but its writer and the group's moderators."""
    return bool(
        getattr(row, "opening_withheld", False)
        and thread.author_id != viewer.pk
        and not can_moderate(membership)
    )


_thread_for: Prepared[Thread] = Prepared(
    lambda *, thread, viewer: (
        Thread.objects.select_related("group", "author")
        .filter(pk=thread, deleted_at__isnull=True)
        .annotate(
            opening_withheld=_opening_withheld(),
            # The viewer's own choices, read in the same query: whether they muted
            # the thread, and whether its writer blocked them.
            is_muted=Exists(Mute.objects.filter(member=viewer, thread=OuterRef("pk"))),
            closed_to_viewer=Exists(
                Block.objects.filter(blocker=OuterRef("author"), blocked=viewer)
            ),
            # Whether they follow it for notifications (None: never chose).
            follow_choice=Subquery(
                Follow.objects.filter(member=viewer, thread=OuterRef("pk")).values(
                    "is_following"
                )[:1]
            ),
        )[:1]
    )
)


def access_thread(viewer: Viewer, thread_id: int) -> ThreadAccess:
    """A thread for a member of its group; 404 for anyone else and for deleted ones."""
    if not viewer.is_authenticated:
        raise Http404
    found = _thread_for(thread=thread_id, viewer=viewer.pk)
    if not found:
        raise Http404
    thread = found[0]
    membership = _membership(viewer, thread.group_id)
    if membership is None or not can_view_group_content(membership):
        raise Http404
    if _withheld_from(thread, thread, viewer, membership):
        raise Http404
    membership.group = thread.group
    return ThreadAccess(thread, membership)


def access_reply(viewer: Viewer, reply_id: int) -> tuple[Reply, Membership]:
    """A reply for a member of its group; 404 for anyone else."""
    if not viewer.is_authenticated:
        raise Http404
    reply = _only(
        Reply.objects.select_related("thread__group", "author")
        .filter(pk=reply_id, thread__deleted_at__isnull=True)
        .annotate(opening_withheld=_opening_withheld("thread"))
    )
    if reply is None:
        raise Http404
    membership = _membership(viewer, reply.thread.group_id)
    if membership is None or not can_view_group_content(membership):
        raise Http404
    if not can_see_reply(viewer, membership, reply) or _withheld_from(
        reply, reply.thread, viewer, membership
    ):
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
    group: Group,
    *,
    membership: Membership | None,
    cursor: str = "",
    waiting: bool = False,
    limit: int | None = None,
) -> ThreadPage:
    """One page of a group's threads, latest activity first (keyset pagination).

    A thread whose opening post is hidden or held is listed for its writer and the
    group's moderators only.
    """
    limit = limit or settings.ALONGSIDE_PAGE_SIZE
    threads = Thread.objects.filter(
        group=group, deleted_at__isnull=True
    ).select_related("author")
    if membership is None:
        threads = threads.filter(~_opening_withheld())
    elif not can_moderate(membership):
        threads = threads.filter(
            ~_opening_withheld() | Q(author_id=membership.member_id)
        )
    if membership is not None:
        threads = threads.filter(not_blocked_by(membership.member_id))
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


def _moderates(viewer: User, group: str = "group") -> Exists:
    """Whether the viewer moderates the group at `group` (a field of the outer
    query); part of the same query."""
    return Exists(
        Membership.objects.filter(
            group=OuterRef(group), member=viewer, role=Membership.Role.MODERATOR
        )
    )


def threads_visible_to(viewer: Viewer) -> QuerySet[Thread]:
    """Threads across the viewer's groups, as their lists show them: not deleted;
    one whose opening post is hidden or held only for its writer and the group's
    moderators; never one by someone the viewer blocked."""
    if not viewer.is_authenticated:
        return Thread.objects.none()
    return (
        Thread.objects.filter(
            group__in=Membership.objects.filter(member=viewer).values("group"),
            deleted_at__isnull=True,
        )
        .filter(~_opening_withheld() | Q(author=viewer) | _moderates(viewer))
        .filter(not_blocked_by(viewer))
    )


def replies_shown_to(viewer: User) -> Q:
    """Which replies the viewer may see in a thread of `threads_visible_to` (ask
    that too): the rules of `visible_replies`, across groups. Hidden and held
    replies only for their writer and the group's moderators; a blocked member's
    replies never; deleted ones never (their words are gone)."""
    return (
        Q(deleted_at__isnull=True)
        & (_shown_or_own(viewer) | _moderates(viewer, "thread__group"))
        & not_blocked_by(viewer)
    )


def recent_threads_for(member: User, limit: int = 10) -> QuerySet[Thread]:
    """Latest activity across the member's groups, for the home page; threads whose
    opening post is hidden or held only for their writer and the moderators.
    Never a thread the member muted, or one by someone they blocked."""
    return (
        threads_visible_to(member)
        .exclude(Exists(Mute.objects.filter(member=member, thread=OuterRef("pk"))))
        .select_related("group", "author")
        .order_by("-last_activity_at", "-pk")[:limit]
    )


def _shown_or_own(viewer: User | int) -> Q:
    """Replies neither hidden nor held, and the viewer's own."""
    return Q(hidden_at__isnull=True, held_at__isnull=True) | Q(author=viewer)


def visible_replies(viewer: User, membership: Membership) -> Q:
    """Which replies a member of the group may see.

    Hidden and held replies: only their writer and the group's moderators. A
    blocked member's replies: never for the member who blocked them.
    """
    return _visible_to(viewer, moderates=can_moderate(membership))


def _visible_to(viewer: User | int, *, moderates: bool) -> Q:
    visible = Q()
    if not moderates:
        visible &= _shown_or_own(viewer)
    return visible & not_blocked_by(viewer)


def seen_by_member_at(member: str, *, thread: str, reply: str) -> Q:
    """Whether the member at field `member` of an outer query may see the thread at
    `thread` and the reply at `reply`: the rules of `access_thread` and
    `visible_replies`, as one condition of that query (for rows that point at
    posts on behalf of a member, such as notifications).

    A member of the thread's group; the thread not deleted, its opening post
    neither hidden nor held unless the member wrote the thread or moderates the
    group; the reply neither hidden nor held unless they wrote it or moderate the
    group, and not by someone they blocked.
    """
    membership = Membership.objects.filter(
        group=OuterRef(f"{thread}__group"), member=OuterRef(member)
    )
    moderates = Exists(membership.filter(role=Membership.Role.MODERATOR))
    thread_seen = (
        Q(**{f"{thread}__deleted_at__isnull": True})
        & Exists(membership)
        & (
            ~_opening_withheld(thread)
            | Q(**{f"{thread}__author": F(member)})
            | moderates
        )
    )
    blocked = Block.objects.filter(
        blocker=OuterRef(member), blocked=OuterRef(f"{reply}__author")
    )
    reply_seen = (
        Q(**{f"{reply}__hidden_at__isnull": True, f"{reply}__held_at__isnull": True})
        | Q(**{f"{reply}__author": F(member)})
        | moderates
    ) & (Q(**{f"{reply}__author__isnull": True}) | ~Exists(blocked))
    return thread_seen & reply_seen


_replies_page: Prepared[Reply] = Prepared(
    lambda moderates, limit, *, thread, viewer, after: (
        Reply.objects.filter(
            _visible_to(viewer, moderates=moderates), thread=thread, pk__gt=after
        )
        .annotate(
            # Posts by someone the viewer muted fold behind "show".
            author_is_muted=Exists(
                Mute.objects.filter(member=viewer, muted=OuterRef("author"))
            )
        )
        # The writers' credentials come in the same query, for their badges.
        .select_related("author__credential")
        .order_by("pk")[: limit + 2]
    )
)


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
    rows = _replies_page(
        can_moderate(membership), limit, thread=thread.pk, viewer=viewer.pk, after=after
    )
    opening = None
    if rows and rows[0].is_opening:
        opening = rows.pop(0)
    has_more = len(rows) > limit
    rows = rows[:limit]
    return ReplyPage(opening, rows, rows[-1].pk if has_more and rows else None)


# The page's span of replies in its thread, so that the SQL is the same for every
# page; plain tuples, not model instances: this runs for every post on the page.
_reactions_between: Prepared[tuple[int, str, int, str, str]] = Prepared(
    lambda *, thread, first, last: (
        Reaction.objects.filter(
            reply__thread=thread, reply_id__gte=first, reply_id__lte=last
        )
        .order_by("created_at")
        .values_list(
            "reply_id", "kind", "member_id", "member__display_name", "member__username"
        )
    )
)


def reactions_for(replies: list[Reply], viewer: User) -> dict[int, list[ReactionCount]]:
    """Counts of each reaction per reply, whether the viewer sent it, and who did.

    One query for the whole page, whatever the number of replies.
    """
    labels = [(kind, str(label)) for kind, label in Reaction.Kind.choices]
    summary: dict[int, dict[str, ReactionCount]] = defaultdict(dict)
    for reply in replies:
        for kind, label in labels:
            summary[reply.pk][kind] = ReactionCount(kind, label)
    if not replies:
        return {}
    ids = [reply.pk for reply in replies]
    rows = _reactions_between(
        thread=replies[0].thread_id, first=min(ids), last=max(ids)
    )
    for reply_id, kind, member_id, display_name, username in rows:
        if reply_id not in summary:
            continue  # a reply of the span the viewer doesn't see
        entry = summary[reply_id][kind]
        entry.count += 1
        entry.names.append(display_name or username)  # as User.public_name
        if member_id == viewer.pk:
            entry.mine = True
    return {reply_id: list(kinds.values()) for reply_id, kinds in summary.items()}


def resource_cards_for(viewer: User, replies: list[Reply]) -> dict[int, Resource]:
    """The library resources a page of replies links to, as the viewer may see
    them, with their review state as it is now: one query, or none."""
    ids = {
        int(pk)
        for reply in replies
        if not reply.is_deleted
        for pk in reply.resource_ids
    }
    return resource_cards(viewer, ids)


# ---------------------------------------------------------------------------
# Context notes beneath replies


def context_notes_for(replies: list[Reply]) -> dict[int, list[ContextNote]]:
    """The standing context notes beneath a page of replies: one query."""
    return context_notes_on(Reply, [reply.pk for reply in replies])


def visible_context_note(
    viewer: User, access: ThreadAccess, note_id: int
) -> tuple[ContextNote, Reply] | None:
    """A standing note in the thread beneath a reply the viewer may see, or None."""
    note = _only(
        ContextNote.objects.filter(
            pk=note_id,
            withdrawn_at__isnull=True,
            content_type__app_label="threads",
            content_type__model="reply",
        ).select_related("author")
    )
    if note is None:
        return None
    reply = _only(
        Reply.objects.filter(
            visible_replies(viewer, access.membership),
            pk=note.object_id,
            thread=access.thread,
            deleted_at__isnull=True,
        )
    )
    return (note, reply) if reply is not None else None


# ---------------------------------------------------------------------------
# Crisis posts still waiting for an answer, for the moderation queue

CRISIS_LEVELS = ("urgent", "concern")


def crisis_threads_waiting(
    groups: list[Group] | None, *, posted_before: datetime
) -> list[Reply]:
    """Posts with crisis language, written before `posted_before`, that nobody
    else has answered yet; oldest first, with their thread and group.

    A post is an opening post or a reply further down a thread; an answer is a
    later reply in the same thread, by anyone but the writer, that the group can
    see (not deleted, hidden or held). They show whatever became of their safety
    flag: a moderator may have left the post up or sent a private message, and the
    person is still waiting for someone in the group to answer them. One query,
    however many there are. `groups=None` means every group.
    """
    answered = Reply.objects.filter(
        thread=OuterRef("thread"),
        pk__gt=OuterRef("pk"),
        is_opening=False,
        deleted_at__isnull=True,
        hidden_at__isnull=True,
        held_at__isnull=True,
    ).exclude(author=OuterRef("author"))
    waiting = Reply.objects.filter(
        ~Exists(answered),
        findings__crisis__in=CRISIS_LEVELS,
        created_at__lte=posted_before,
        deleted_at__isnull=True,
        hidden_at__isnull=True,
        thread__deleted_at__isnull=True,
    )
    if groups is not None:
        waiting = waiting.filter(thread__group__in=groups)
    return list(
        waiting.select_related("thread__group", "author").order_by("created_at", "pk")
    )

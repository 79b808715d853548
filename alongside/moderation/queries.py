"""Reads for moderators: the queue of one group, filtered by who is asking."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, Model, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from alongside.accounts.models import User
from alongside.core.errors import SecondFactorRequired
from alongside.core.middleware import has_second_factor
from alongside.core.prepared import Prepared
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_moderate

from .models import (
    Block,
    ContextNote,
    Flag,
    Mute,
    Report,
    SupportMessage,
    WordFilter,
)
from .permissions import can_withdraw_context_note


@dataclass(frozen=True)
class QueueAccess:
    group: Group
    membership: Membership


def access_queue(viewer: User, slug: str) -> QueueAccess:
    """A group's moderation queue: its moderators only; 404 for everyone else."""
    membership = (
        Membership.objects.select_related("group")
        .filter(group__slug=slug, member=viewer)
        .first()
    )
    if membership is None or not can_moderate(membership):
        raise Http404
    if not has_second_factor(viewer):
        raise SecondFactorRequired
    return QueueAccess(membership.group, membership)


def open_flags_in(group: Group) -> list[Flag]:
    """Open flags, most severe first, then longest waiting; content loaded in batch."""
    return list(
        Flag.objects.filter(group=group, resolved_at__isnull=True)
        .select_related("subject")
        .prefetch_related("content")
        .order_by("severity", "created_at")
    )


# A private message is read generically, as any Flag's content is.
PRIVATE_MESSAGE = {
    "content_type__app_label": "privacy",
    "content_type__model": "privatemessage",
}


def party_to(viewer: User | int) -> Q:
    """Flags the viewer is a party to: about them, or about a private message
    they received (only its recipient can report one). A condition of the same
    query. No moderator sees or acts on these: the group's other moderators do,
    and the site's admins see every item."""
    reported_by_them = Report.objects.filter(flag=OuterRef("pk"), reporter=viewer)
    return Q(subject=viewer) | (Q(**PRIVATE_MESSAGE) & Q(Exists(reported_by_them)))


def access_flag(queue: QueueAccess, flag_id: int) -> Flag:
    """An item of the queue's group; 404 for another group's, a missing one, or
    one the moderator is a party to."""
    flag = (
        Flag.objects.filter(pk=flag_id, group=queue.group)
        .exclude(party_to(queue.membership.member_id))
        .first()
    )
    if flag is None:
        raise Http404
    return flag


def open_flag_count(group: Group, viewer: User | int) -> int:
    """Open items in the group's queue, as the viewing moderator's queue lists them."""
    return (
        Flag.objects.filter(group=group, resolved_at__isnull=True)
        .exclude(party_to(viewer))
        .count()
    )


def support_messages_for(member: User) -> QuerySet[SupportMessage]:
    return SupportMessage.objects.filter(recipient=member).select_related("group")[:5]


# ---------------------------------------------------------------------------
# Context notes

# Notes go beneath replies (an opening reply is the thread itself). The reply is
# read generically, as a Flag's content is, so moderation does not import threads.
NOTED_CONTENT = "threads.reply"


@dataclass(frozen=True)
class NotePlace:
    """Where a noted reply sits, and who wrote it."""

    group_id: int
    thread_id: int
    reply_id: int
    author_id: int | None
    is_opening: bool
    is_deleted: bool


def note_place(model: type[Model] | None, object_id: int) -> NotePlace | None:
    """The group and thread of a reply that can carry notes; None for anything else."""
    if model is None or model._meta.label_lower != NOTED_CONTENT:
        return None
    row = (
        model._default_manager.filter(pk=object_id)
        .values(
            "thread_id",
            "thread__group_id",
            "author_id",
            "is_opening",
            "deleted_at",
            "thread__deleted_at",
        )
        .first()
    )
    if row is None:
        return None
    return NotePlace(
        group_id=row["thread__group_id"],
        thread_id=row["thread_id"],
        reply_id=object_id,
        author_id=row["author_id"],
        is_opening=row["is_opening"],
        is_deleted=bool(row["deleted_at"] or row["thread__deleted_at"]),
    )


def context_notes_on(
    model: type[Model], ids: Iterable[int]
) -> dict[int, list[ContextNote]]:
    """The notes standing beneath these pieces of content, oldest first.

    One query for a whole page, whatever the number of posts: the content type is
    matched by name in the same query rather than looked up first, and each
    note's writer (named on a professional's note) is read with it. It asks for
    the page's span of ids, so its SQL is the same for every page, and keeps the
    page's own: notes are few, so the span's others cost little.
    """
    wanted = set(ids)
    if not wanted:
        return {}
    meta = model._meta
    notes: dict[int, list[ContextNote]] = {}
    rows = _notes_between(
        meta.app_label, meta.model_name, first=min(wanted), last=max(wanted)
    )
    for note in rows:
        if note.object_id in wanted:
            notes.setdefault(note.object_id, []).append(note)
    return notes


_notes_between: Prepared[ContextNote] = Prepared(
    lambda app_label, model_name, *, first, last: (
        ContextNote.objects.filter(
            content_type__app_label=app_label,
            content_type__model=model_name,
            object_id__gte=first,
            object_id__lte=last,
            withdrawn_at__isnull=True,
        )
        .select_related("author")
        .only(
            "object_id",
            "body_html",
            "sources",
            "author_scope",
            "created_at",
            "author__username",
            "author__display_name",
        )
        .order_by("created_at", "pk")
    )
)


@dataclass(frozen=True)
class NoteAccess:
    note: ContextNote
    place: NotePlace
    membership: Membership


def access_context_note(viewer: User, note_id: int) -> NoteAccess:
    """A standing note, for the moderators of its group and for its writer (to
    withdraw it); 404 for everyone else. Moderators need a second factor."""
    note = (
        ContextNote.objects.select_related("content_type")
        .filter(pk=note_id, withdrawn_at__isnull=True)
        .first()
    )
    place = (
        note_place(note.content_type.model_class(), note.object_id) if note else None
    )
    if note is None or place is None:
        raise Http404
    membership = (
        Membership.objects.select_related("group")
        .filter(group_id=place.group_id, member=viewer)
        .first()
    )
    if membership is None or not can_withdraw_context_note(membership, note):
        raise Http404
    if can_moderate(membership) and not has_second_factor(viewer):
        raise SecondFactorRequired
    return NoteAccess(note, place, membership)


# ---------------------------------------------------------------------------
# Members' own tools: what a member blocked and muted


def not_blocked_by(viewer: User | int, field: str = "author") -> Q:
    """Rows whose `field` (a member) the viewer (or viewer id) has not blocked;
    a condition of the same query."""
    blocked = Block.objects.filter(blocker=viewer).values("blocked")
    return Q(**{f"{field}__isnull": True}) | ~Q(**{f"{field}__in": Subquery(blocked)})


def blocked_ids(viewer: User) -> set[int]:
    """Everyone the viewer blocked, for filtering live events one by one."""
    return set(Block.objects.filter(blocker=viewer).values_list("blocked", flat=True))


@dataclass(frozen=True)
class ChoicesAbout:
    """Whether the viewer blocked or muted one person (for their profile page)."""

    blocked: bool
    muted: bool


def choices_about(viewer: User, person: User) -> ChoicesAbout:
    return ChoicesAbout(
        blocked=Block.objects.filter(blocker=viewer, blocked=person).exists(),
        muted=Mute.objects.filter(member=viewer, muted=person).exists(),
    )


@dataclass(frozen=True)
class QuietList:
    blocks: list[Block]
    muted_members: list[Mute]
    muted_threads: list[Mute]


def quiet_list_for(member: User) -> QuietList:
    """Who and what the member blocked and muted, newest first. Theirs alone."""
    blocks = list(
        Block.objects.filter(blocker=member)
        .select_related("blocked")
        .order_by("-created_at", "-pk")
    )
    mutes = list(
        Mute.objects.filter(member=member)
        .select_related("muted", "thread__group")
        .order_by("-created_at", "-pk")
    )
    return QuietList(
        blocks,
        [mute for mute in mutes if mute.muted_id is not None],
        [mute for mute in mutes if mute.thread_id is not None],
    )


# ---------------------------------------------------------------------------
# Word filters, for the group's moderators


def word_filters_in(group: Group) -> list[WordFilter]:
    return list(WordFilter.objects.filter(group=group).order_by("phrase"))


def access_word_filter(queue: QueueAccess, filter_id: int) -> WordFilter:
    """One of the group's filters; 404 for another group's or a missing one."""
    word_filter = WordFilter.objects.filter(pk=filter_id, group=queue.group).first()
    if word_filter is None:
        raise Http404
    word_filter.group = queue.group
    return word_filter


# ---------------------------------------------------------------------------
# Moderators' actions on members


def access_member(queue: QueueAccess, username: str) -> Membership:
    """A member of the moderator's group, by sign-in name; 404 for anyone else."""
    membership = (
        Membership.objects.select_related("member")
        .filter(group=queue.group, member__username=username)
        .first()
    )
    if membership is None:
        raise Http404
    membership.group = queue.group
    return membership


def access_account(viewer: User, username: str) -> User:
    """A member's account, for the site's admins (with a second factor) only;
    404 for everyone else."""
    if not viewer.is_authenticated or not viewer.is_staff:
        raise Http404
    person = User.objects.filter(username=username).first()
    if person is None:
        raise Http404
    if not has_second_factor(viewer):
        raise SecondFactorRequired
    return person

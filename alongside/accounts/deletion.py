"""Deleting an account (GDPR Article 17): closed at once, deleted after a grace period.

Asking (`request_account_deletion`) closes the account straight away: it can no
longer sign in, every session ends and every open live connection closes. For
ALONGSIDE_DELETION_GRACE_DAYS days its owner may change their mind: signing in
with the right password shows "Keep my account" instead of signing them in
(adapter.AccountAdapter.pre_login). Then `purge_deleted_accounts` (part of the
daily `enforce_retention` job, and `manage.py purge_deleted_accounts`) deletes
each account whose grace period is over, with `purge_account`:

- Always deleted: the account and its profile, email addresses, second factors,
  sessions and their records, memberships, join requests, invitations, reactions,
  meeting answers, calendar address, privacy and moderator settings, blocks and
  mutes both ways, messages from moderators to them, the private messages they
  sent (and conversations left with no messages or nobody in them), flags about
  them and the reports under those flags, records of moderators looking up who
  wrote their anonymous posts, earlier versions of their posts, the notes in the
  reports they made, admin history about their account and the rate-limit
  counters kept under their id. Also their professional details (credential and
  registration number), their "this helped me" marks (the counts they added to
  go down), notifications to them, the threads they follow, what they chose to
  hear from each group, their email choices, and everything on their balance
  page: time on the site, limits, check-ins, support contacts and check-backs.
- Their posts and library resources, as they chose. "Delete": their replies,
  chat messages and the resources they shared are deleted; with a resource go
  its search entry, others' "this helped me" marks on it, flags and notes on it,
  and any tag only it used. A thread they started is deleted when nobody else
  replied in it; when others did, their replies stay and the opening post is
  emptied (the thread page shows "This post was deleted." under a title that
  says so), because deleting the thread would take other people's words with it.
  "Keep": their threads, replies, chat messages and resources stay, shown as
  "Former member", with nothing left that leads to them; posts they had deleted
  themselves, and resources already taken down (nobody can see them), are
  deleted for good, as with "Delete". Anonymous posts stay anonymous: calling
  them "Former member" would tell readers that the anonymous writer has left.
- Kept, without them: the moderation log (append-only: its actor and subject
  become empty), reports they made (without their note), what they wrote as a
  facilitator or moderator for others (meetings, context notes, messages to
  members, reasons given), and their reviews of resources as a professional: the
  state, the note and the profession stay, and the reviewer's name reads "a
  former member" (`Resource.reviewer_name` is emptied).

The search index (alongside/search) holds only the words of posts and resources.
An entry goes with its post or resource (the SQLite full-text table follows it
through triggers; on PostgreSQL the index is a column of the entry), and the
purge drops the entries of opening posts it empties in bulk. Words that are kept
stay searchable, linked to nobody.

Their sign-in name is free again once the account is deleted: nothing of it is
kept, not even to hold the name back.
"""

import logging
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext

from alongside.core.live import end_other_live_sessions

from .actions import end_sessions
from .models import AccountDeletion, User

logger = logging.getLogger("alongside.accounts.deletion")


def grace_period() -> timedelta:
    return timedelta(days=settings.ALONGSIDE_DELETION_GRACE_DAYS)


def request_account_deletion(*, member: User, posts: str) -> AccountDeletion:
    """Close the member's account now and set it to be deleted after the grace
    period; every session ends and every live connection closes."""
    if posts not in AccountDeletion.Posts.values:
        raise ValueError(posts)
    now = timezone.now()
    with transaction.atomic():
        deletion, _made = AccountDeletion.objects.update_or_create(
            member=member,
            defaults={
                "posts": posts,
                "requested_at": now,
                "purge_after": now + grace_period(),
            },
        )
        User.objects.filter(pk=member.pk).update(is_active=False)
        member.is_active = False
        for session in UserSession.objects.filter(user_id=member.pk):
            session.end()
        # Sessions allauth never recorded (signed in through the admin's own form).
        end_sessions(member)
        end_other_live_sessions(member.pk)
        # Counters that may still be running now; the purge clears them again.
        _forget_cached(member.pk, _group_ids(member), now)
    logger.info("An account was closed and set to be deleted.")
    return deletion


def pending_deletion(user: Any) -> AccountDeletion | None:
    """The deletion a closed account is waiting for, if it is one."""
    if getattr(user, "is_active", True) or getattr(user, "pk", None) is None:
        return None
    return AccountDeletion.objects.filter(member_id=user.pk).first()


def cancel_account_deletion(*, member_id: int) -> bool:
    """Keep an account set to be deleted: it opens again. Return whether it was
    waiting to be deleted (False once the purge has run)."""
    with transaction.atomic():
        deleted, _counts = AccountDeletion.objects.filter(member_id=member_id).delete()
        if not deleted:
            return False
        User.objects.filter(pk=member_id).update(is_active=True)
    logger.info("An account set to be deleted was kept.")
    return True


# ---------------------------------------------------------------------------
# The purge, after the grace period


@dataclass
class Erased:
    """How much a purge removed: counts only, for the log and the command."""

    accounts: int = 0
    threads_deleted: int = 0
    replies_deleted: int = 0
    posts_emptied: int = 0  # opening posts emptied so others' replies could stay
    posts_kept: int = 0  # threads' opening posts and replies kept without a name
    chat_messages_deleted: int = 0
    chat_messages_kept: int = 0
    private_messages_deleted: int = 0
    resources_deleted: int = 0
    resources_kept: int = 0  # library resources kept without a name

    def add(self, other: "Erased") -> None:
        for field in fields(self):
            setattr(
                self, field.name, getattr(self, field.name) + getattr(other, field.name)
            )

    def describe(self) -> str:
        return ", ".join(
            f"{field.name}={getattr(self, field.name)}" for field in fields(self)
        )


def purge_deleted_accounts(*, now: datetime | None = None) -> Erased:
    """Delete every account whose grace period is over; return what went.

    Each account is deleted in its own transaction, so one that fails leaves the
    others done (and is tried again the next day).
    """
    now = now or timezone.now()
    total = Erased()
    # An account an admin opened again meanwhile is left alone.
    due = AccountDeletion.objects.filter(
        purge_after__lte=now, member__is_active=False
    ).select_related("member")
    for deletion in list(due):
        try:
            total.add(purge_account(deletion, now=now))
        except Exception as error:
            # The kind of error only: its message could quote what was stored.
            logger.error(
                "An account could not be deleted (%s); the next run tries again.",
                type(error).__name__,
            )
    if total.accounts:
        logger.info("Deleted accounts after their grace period: %s", total.describe())
    return total


def purge_account(deletion: AccountDeletion, *, now: datetime) -> Erased:
    """Delete one account and everything personal about it (see the module's
    docstring); its posts are deleted or kept without a name, as was chosen."""
    member = deletion.member
    keep = deletion.keeps_posts
    erased = Erased(accounts=1)
    with transaction.atomic():
        group_ids = _group_ids(member)
        conversation_ids = _conversation_ids(member)
        _forget_history(member)
        _remove_threads_and_replies(member, keep=keep, now=now, erased=erased)
        _remove_chat_messages(member, keep=keep, erased=erased)
        _remove_resources(member, keep=keep, erased=erased)
        _forget_helped_marks(member)
        _forget_reviews(member)
        erased.private_messages_deleted = _delete_private_messages(member)
        _forget_reports_made(member)
        if keep:
            _keep_open_flags_on_kept_posts(member)
        _delete_admin_history(member)
        _delete_django_sessions(member)
        member_id = member.pk
        # Everything else goes with the row: cascades delete what is theirs, and
        # references to them elsewhere (authors of kept posts, the moderation log)
        # are emptied.
        member.delete()
        _delete_empty_conversations(conversation_ids)
        _forget_cached(member_id, group_ids, now)
    return erased


def _group_ids(member: User) -> set[int]:
    from alongside.chat.models import ChatMessage
    from alongside.groups.models import Membership

    found = set(
        Membership.objects.filter(member=member).values_list("group_id", flat=True)
    )
    found.update(
        ChatMessage.objects.filter(author=member)
        .values_list("group_id", flat=True)
        .distinct()
    )
    return found


def _conversation_ids(member: User) -> list[int]:
    from alongside.privacy.models import Conversation

    return list(
        Conversation.objects.filter(Q(first=member) | Q(second=member)).values_list(
            "pk", flat=True
        )
    )


def _forget_history(member: User) -> None:
    """Earlier versions of their posts, and records of who revealed them."""
    from alongside.threads.models import AuthorReveal, ReplyRevision

    ReplyRevision.objects.filter(reply__author=member).delete()
    AuthorReveal.objects.filter(reply__author=member).delete()


def _content_type(model: type[models.Model]) -> ContentType:
    return ContentType.objects.get_for_model(model)


def _delete_what_points_at(model: type[models.Model], ids: list[int]) -> None:
    """Flags (with their reports) and context notes on content about to go: they
    point at it generically, so nothing cascades to them."""
    from alongside.moderation.models import ContextNote, Flag

    if not ids:
        return
    content_type = _content_type(model)
    Flag.objects.filter(content_type=content_type, object_id__in=ids).delete()
    ContextNote.objects.filter(content_type=content_type, object_id__in=ids).delete()


def _remove_threads_and_replies(
    member: User, *, keep: bool, now: datetime, erased: Erased
) -> None:
    from alongside.search.index import forget_replies
    from alongside.threads.models import Reply, Thread

    started = Thread.objects.filter(author=member)
    if keep:
        # Only threads they had deleted themselves (or whose opening post they
        # deleted): the rest stay, without their name.
        started = started.filter(
            Q(deleted_at__isnull=False)
            | Q(replies__is_opening=True, replies__deleted_at__isnull=False)
        )
    removing = set(started.values_list("pk", flat=True))
    answered = set(
        Reply.objects.filter(thread_id__in=removing)
        .exclude(author=member)
        .values_list("thread_id", flat=True)
    )
    lone = sorted(removing - answered)
    emptied = sorted(removing & answered)

    # Threads nobody else replied in go whole.
    lone_replies = list(
        Reply.objects.filter(thread_id__in=lone).values_list("pk", flat=True)
    )
    _delete_what_points_at(Reply, lone_replies)
    _delete_what_points_at(Thread, lone)
    _total, deleted = Thread.objects.filter(pk__in=lone).delete()
    erased.threads_deleted += deleted.get(Thread._meta.label, 0)
    erased.replies_deleted += deleted.get(Reply._meta.label, 0)

    # Threads others answered keep their replies; the opening words go, from
    # the search index too (a bulk update, which no save signal sees).
    openings = Reply.objects.filter(thread_id__in=emptied, is_opening=True)
    opening_ids = list(openings.values_list("pk", flat=True))
    _delete_what_points_at(Reply, opening_ids)
    forget_replies(opening_ids)
    erased.posts_emptied += openings.update(
        author=None,
        body="",
        body_html="",
        content_warning="",
        findings={},
        deleted_at=now,
        deleted_by=None,
    )
    Thread.objects.filter(pk__in=emptied).update(
        author=None, title=gettext("Deleted by the person who started it")
    )

    # Their replies in other threads: all of them, or those they had deleted.
    replies = Reply.objects.filter(author=member, is_opening=False)
    if keep:
        replies = replies.filter(deleted_at__isnull=False)
    counted = (
        replies.filter(deleted_at__isnull=True, held_at__isnull=True)
        .values("thread_id")
        .annotate(n=Count("pk"))
    )
    for row in counted:
        Thread.objects.filter(pk=row["thread_id"]).update(
            reply_count=Greatest(F("reply_count") - row["n"], 0)
        )
    _delete_what_points_at(Reply, list(replies.values_list("pk", flat=True)))
    _total, deleted = replies.delete()
    erased.replies_deleted += deleted.get(Reply._meta.label, 0)

    if keep:
        erased.posts_kept = Reply.objects.filter(author=member).count()


def _remove_chat_messages(member: User, *, keep: bool, erased: Erased) -> None:
    from alongside.chat.models import ChatMessage

    messages = ChatMessage.objects.filter(author=member)
    if keep:
        erased.chat_messages_kept = messages.count()
        return
    _delete_what_points_at(ChatMessage, list(messages.values_list("pk", flat=True)))
    # Gaps in a room's numbering are already skipped (as for hidden messages).
    _total, deleted = messages.delete()
    erased.chat_messages_deleted = deleted.get(ChatMessage._meta.label, 0)


def _remove_resources(member: User, *, keep: bool, erased: Erased) -> None:
    """The library resources they shared: all of them, or, when keeping, those
    already taken down (nobody can see them). Their search entries and others'
    "this helped me" marks go with them; flags and notes point at them
    generically, and tags are shared, so those are seen to here."""
    from alongside.resources.models import Resource, Tag

    shared = Resource.objects.filter(author=member)
    if keep:
        erased.resources_kept = shared.filter(removed_at__isnull=True).count()
        shared = shared.filter(removed_at__isnull=False)
    ids = list(shared.values_list("pk", flat=True))
    if not ids:
        return
    tag_ids = list(
        Resource.tags.through.objects.filter(resource_id__in=ids).values_list(
            "tag_id", flat=True
        )
    )
    _delete_what_points_at(Resource, ids)
    _total, deleted = Resource.objects.filter(pk__in=ids).delete()
    erased.resources_deleted = deleted.get(Resource._meta.label, 0)
    # A tag is words someone typed: one that no resource uses any more goes too.
    Tag.objects.filter(pk__in=tag_ids, resources__isnull=True).delete()


def _forget_helped_marks(member: User) -> None:
    """Their "this helped me" marks, and what each added to its resource's count."""
    from alongside.resources.models import Helped, Resource

    marks = Helped.objects.filter(member=member)
    Resource.objects.filter(pk__in=marks.values("resource_id")).update(
        helped_count=Greatest(F("helped_count") - 1, 0)
    )
    marks.delete()


def _forget_reviews(member: User) -> None:
    """Reviews they gave as a professional stay, with the state, the note and the
    profession; their name goes (the page then says "a former member")."""
    from alongside.resources.models import Resource

    Resource.objects.filter(reviewed_by=member).update(
        reviewed_by=None, reviewer_name=""
    )


def _delete_private_messages(member: User) -> int:
    """The private messages they sent: personal, whatever was chosen for posts."""
    from alongside.privacy.models import PrivateMessage

    sent = PrivateMessage.objects.filter(author=member)
    _delete_what_points_at(PrivateMessage, list(sent.values_list("pk", flat=True)))
    _total, deleted = sent.delete()
    return deleted.get(PrivateMessage._meta.label, 0)


def _delete_empty_conversations(conversation_ids: list[int]) -> None:
    """Their conversations, once nobody is left in them or no message is."""
    from alongside.privacy.models import Conversation, PrivateMessage

    has_messages = PrivateMessage.objects.filter(conversation=OuterRef("pk"))
    Conversation.objects.filter(pk__in=conversation_ids).filter(
        Q(first__isnull=True, second__isnull=True) | ~Exists(has_messages)
    ).delete()


def _forget_reports_made(member: User) -> None:
    """Reports they made stay for the moderators (with no reporter), without the
    words they added."""
    from alongside.moderation.models import Report

    Report.objects.filter(reporter=member).exclude(note="").update(note="")


def _keep_open_flags_on_kept_posts(member: User) -> None:
    """Open flags on posts and resources that stay (a report of harassment, say)
    stay in the queue about "Former member"; the rest go with the account."""
    from alongside.chat.models import ChatMessage
    from alongside.moderation.models import Flag
    from alongside.resources.models import Resource
    from alongside.threads.models import Reply

    kept = {
        _content_type(Reply).pk: Reply.objects.filter(deleted_at__isnull=True),
        _content_type(ChatMessage).pk: ChatMessage.objects.all(),
        _content_type(Resource).pk: Resource.objects.filter(removed_at__isnull=True),
    }
    for content_type_id, shown in kept.items():
        Flag.objects.filter(
            subject=member,
            resolved_at__isnull=True,
            content_type_id=content_type_id,
            object_id__in=shown.filter(author=member).values("pk"),
        ).update(subject=None)


def _delete_admin_history(member: User) -> None:
    """The admin site's history of changes to their account (it names them)."""
    LogEntry.objects.filter(
        content_type=_content_type(User), object_id=str(member.pk)
    ).delete()


def _delete_django_sessions(member: User) -> None:
    """Any session still stored for them (all were ended when they asked)."""
    for session in UserSession.objects.filter(user_id=member.pk):
        session.end()
    end_sessions(member)


def _forget_cached(member_id: int, group_ids: set[int], now: datetime) -> None:
    """Rate-limit counters kept under their id. Each lasts an hour at most, so
    they are cleared when the account is closed and again when it is purged;
    allauth's own counters last minutes and are left to expire."""
    seconds = settings.ALONGSIDE_MESSAGE_RATE[1]
    window = int(now.timestamp()) // seconds
    keys = [f"report-rate:{member_id}"]
    keys += [f"private-message-rate:{member_id}:{w}" for w in (window - 1, window)]
    keys += [f"chat-rate:{group_id}:{member_id}" for group_id in sorted(group_ids)]
    cache.delete_many(keys)

"""Making notifications: called by the actions of other apps, inside their write.

Each function runs in the transaction of the write it is about, so a rolled-back
post notifies nobody; what was made is delivered after commit (the unread counts
pushed to open pages, then `email.after_notified`). A notification stores what
happened and where, never words.

Nobody is told about their own doing, about someone they blocked or muted, or
about a place they cannot see; and nobody whose level for the group is "nothing"
hears about its posts. What is counted, listed and opened is checked again when
it is read (queries.visible_to_recipient), so a member who leaves a group, or a
post hidden later, drops out at once.

Who hears about a post:
- its thread's followers: the thread's writer (unless they stopped following),
  and everyone who turned following on (replying does it);
- members whose level for the group is "everything": every new thread and reply;
- members named in it with @username, if they can see it.
"""

import re
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.db.models.functions import Lower
from django.utils import timezone

from alongside.accounts.models import User
from alongside.groups.models import JoinRequest, Membership
from alongside.moderation.models import Block, Mute, SupportMessage
from alongside.threads.models import Reaction, Reply, Thread

from .counts import counts_changed
from .email import after_notified
from .models import Follow, GroupLevel, Notification

Kind = Notification.Kind
Level = GroupLevel.Level

# "@sam", "@river.song": a sign-in name after an @ that is not part of a word or
# an email address. At most MAX_MENTIONS names are looked up for one post.
MENTION = re.compile(r"(?<![\w@.+-])@([\w.+-]{1,150})")
MAX_MENTIONS = 20

# For one member and one post, the strongest reason wins.
PRECEDENCE = (Kind.MENTION, Kind.REPLY, Kind.FOLLOWED, Kind.NEW_THREAD)


def _deliver(notification_ids: list[int], member_ids: Iterable[int]) -> None:
    counts_changed(member_ids)
    if notification_ids:
        transaction.on_commit(lambda: after_notified(notification_ids))


def mentioned_in(body: str) -> set[int]:
    """Active members named with @username in `body` (one query, or none)."""
    names: set[str] = set()
    for match in MENTION.finditer(body):
        name = match.group(1).lower()
        names.update({name, name.rstrip(".-+")} - {""})
        if len(names) >= MAX_MENTIONS * 2:
            break
    if not names:
        return set()
    return set(
        User.objects.annotate(name=Lower("username"))
        .filter(name__in=names, is_active=True)
        .values_list("pk", flat=True)
    )


def _who_may_hear(
    *,
    thread: Thread,
    candidates: set[int],
    author_id: int | None,
    opening_withheld: bool,
) -> set[int]:
    """Of `candidates`, the members of the thread's group who can see it, did not
    set the group to "nothing", and did not block or mute `author_id`."""
    candidates = candidates - {author_id} if author_id is not None else candidates
    if not candidates:
        return set()
    memberships = Membership.objects.filter(
        group_id=thread.group_id, member_id__in=candidates
    ).exclude(
        member_id__in=GroupLevel.objects.filter(
            group_id=thread.group_id, level=Level.NOTHING
        ).values("member_id")
    )
    if author_id is not None:
        memberships = memberships.exclude(
            member_id__in=Block.objects.filter(blocked_id=author_id).values(
                "blocker_id"
            )
        ).exclude(
            member_id__in=Mute.objects.filter(muted_id=author_id).values("member_id")
        )
    rows = memberships.values_list("member_id", "role")
    if not opening_withheld:
        return {member_id for member_id, _role in rows}
    # A thread whose opening post is hidden or held: its writer and the moderators.
    return {
        member_id
        for member_id, role in rows
        if member_id == thread.author_id or role == Membership.Role.MODERATOR
    }


def _opening_withheld(thread: Thread) -> bool:
    return (
        Reply.objects.filter(thread=thread, is_opening=True)
        .filter(Q(hidden_at__isnull=False) | Q(held_at__isnull=False))
        .exists()
    )


def _follow(member_id: int, thread: Thread) -> None:
    """Follow a thread one wrote in, unless one chose not to already."""
    Follow.objects.get_or_create(
        member_id=member_id, thread=thread, defaults={"created_at": timezone.now()}
    )


def post_written(reply: Reply) -> None:
    """A thread or reply was written: its writer follows the thread, and the post
    is told about, unless it waits for a moderator (then on approval)."""
    thread = reply.thread
    if reply.author_id is not None:
        _follow(reply.author_id, thread)
    if not (reply.is_held or reply.is_hidden):
        post_shown(reply)


def post_shown(reply: Reply) -> list[int]:
    """Tell whoever should hear about a post others can now see; return the ids made.

    Called on posting, or when a moderator approves a held post.
    """
    thread = reply.thread
    if thread.is_deleted or reply.is_deleted:
        return []
    is_new_thread = reply.is_opening
    chosen = dict(
        Follow.objects.filter(thread=thread).values_list("member_id", "is_following")
    )
    stopped = {member_id for member_id, on in chosen.items() if not on}
    following = {member_id for member_id, on in chosen.items() if on}
    if thread.author_id is not None and thread.author_id not in stopped:
        following.add(thread.author_id)
    everything = (
        set(
            GroupLevel.objects.filter(
                group_id=thread.group_id, level=Level.EVERYTHING
            ).values_list("member_id", flat=True)
        )
        - stopped
    )
    mentioned = mentioned_in(reply.body)

    reasons: dict[int, set[str]] = {}
    for member_id in mentioned:
        reasons.setdefault(member_id, set()).add(Kind.MENTION)
    for member_id in following if not is_new_thread else ():
        kind = Kind.REPLY if member_id == thread.author_id else Kind.FOLLOWED
        reasons.setdefault(member_id, set()).add(kind)
    for member_id in everything:
        if is_new_thread:
            kind = Kind.NEW_THREAD
        elif member_id == thread.author_id:
            kind = Kind.REPLY
        else:
            kind = Kind.FOLLOWED
        reasons.setdefault(member_id, set()).add(kind)

    hearing = _who_may_hear(
        thread=thread,
        candidates=set(reasons),
        author_id=reply.author_id,
        opening_withheld=not is_new_thread and _opening_withheld(thread),
    )
    now = timezone.now()
    made = Notification.objects.bulk_create(
        Notification(
            recipient_id=member_id,
            kind=next(kind for kind in PRECEDENCE if kind in reasons[member_id]),
            group_id=thread.group_id,
            thread=thread,
            reply=reply,
            created_at=now,
            updated_at=now,
        )
        for member_id in sorted(hearing)
    )
    ids = [notification.pk for notification in made]
    _deliver(ids, hearing)
    return ids


def post_approved(content: Model) -> list[int]:
    """A moderator let a held post be seen: tell about it now, as on posting (the
    moderation app approves any kind of content; only posts are told about)."""
    if not isinstance(content, Reply):
        return []
    return post_shown(content)


def _reactors_since(reply: Reply, first_reaction_id: int, recipient_id: int) -> int:
    """Members who reacted to the reply from `first_reaction_id` on, but for those
    the recipient blocked or muted (the batch's count)."""
    return (
        Reaction.objects.filter(reply=reply, pk__gte=first_reaction_id)
        .exclude(member_id=recipient_id)
        .exclude(
            member_id__in=Block.objects.filter(blocker_id=recipient_id).values(
                "blocked_id"
            )
        )
        .exclude(
            member_id__in=Mute.objects.filter(member_id=recipient_id).values("muted_id")
        )
        .values("member_id")
        .distinct()
        .count()
    )


def _unread_batch(recipient_id: int, key: str) -> Notification | None:
    return Notification.objects.filter(
        recipient_id=recipient_id, batch_key=key, read_at__isnull=True
    ).first()


def reaction_sent(reaction: Reaction) -> int | None:
    """Tell a reply's writer it got support. Reactions gather in one unread
    notification per reply, whose count grows and which moves to the top; return
    its id, or None when nobody is told."""
    reply = reaction.reply
    recipient_id = reply.author_id
    if recipient_id is None or reply.is_deleted or reply.is_hidden or reply.is_held:
        return None
    thread = reply.thread
    if thread.is_deleted:
        return None
    hearing = _who_may_hear(
        thread=thread,
        candidates={recipient_id},
        author_id=reaction.member_id,
        opening_withheld=_opening_withheld(thread),
    )
    if not hearing:
        return None
    key = f"reactions:{reply.pk}"
    now = timezone.now()
    notification = _unread_batch(recipient_id, key)
    if notification is None:
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient_id=recipient_id,
                    kind=Kind.REACTIONS,
                    group_id=thread.group_id,
                    thread=thread,
                    reply=reply,
                    target_id=reaction.pk,  # the batch's first reaction
                    batch_key=key,
                    created_at=now,
                    updated_at=now,
                )
        except IntegrityError:  # made a moment ago, by another reaction
            notification = _unread_batch(recipient_id, key)
    if notification is None:
        return None
    if notification.target_id != reaction.pk:
        notification.count = _reactors_since(
            reply, notification.target_id or reaction.pk, recipient_id
        )
        notification.updated_at = now
        notification.save(update_fields=["count", "updated_at"])
    _deliver([notification.pk], [recipient_id])
    return notification.pk


def join_decided(join_request: JoinRequest) -> int:
    """Tell someone who asked to join that a facilitator answered."""
    now = timezone.now()
    notification = Notification.objects.create(
        recipient_id=join_request.member_id,
        kind=Kind.JOIN_DECISION,
        group_id=join_request.group_id,
        target_id=join_request.pk,
        created_at=now,
        updated_at=now,
    )
    _deliver([notification.pk], [join_request.member_id])
    return notification.pk


def moderators_wrote(message: SupportMessage) -> int:
    """Tell a member the moderators sent them a message (never its words)."""
    now = timezone.now()
    notification = Notification.objects.create(
        recipient_id=message.recipient_id,
        kind=Kind.MODERATOR,
        group_id=message.group_id,
        target_id=message.pk,
        created_at=now,
        updated_at=now,
    )
    _deliver([notification.pk], [message.recipient_id])
    return notification.pk


def places_changed(*, thread_id: int) -> None:
    """A thread or one of its posts was hidden, shown, deleted or moved: recount the
    unread notifications of everyone told about it. Call inside that write."""
    counts_changed(
        Notification.objects.filter(thread_id=thread_id, read_at__isnull=True)
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def member_changed(member_id: int) -> None:
    """The member joined or left a group, or blocked or unblocked someone: recount
    what they may see. Call inside that write."""
    counts_changed([member_id])

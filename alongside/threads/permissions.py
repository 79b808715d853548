"""Yes/no answers about threads and replies, from the objects passed in."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from alongside.accounts.models import User
from alongside.groups.models import Membership
from alongside.groups.permissions import can_moderate, can_post, is_muted

from .models import Reply, Thread


def can_reply(membership: Membership | None, thread: Thread) -> bool:
    """Members reply, unless the thread is locked or the moderators muted them."""
    return (
        can_post(membership)
        and not thread.is_deleted
        and not thread.is_locked
        and not is_muted(membership, timezone.now())
    )


def can_edit_reply(member: User, reply: Reply) -> bool:
    return reply.author_id == member.pk and not reply.is_deleted


def can_delete_reply(member: User, membership: Membership | None, reply: Reply) -> bool:
    if reply.is_deleted:
        return False
    return reply.author_id == member.pk or can_moderate(membership)


def can_reveal_author(membership: Membership | None, reply: Reply) -> bool:
    return reply.is_anonymous and can_moderate(membership)


def can_react(membership: Membership | None, reply: Reply) -> bool:
    return can_post(membership) and not reply.is_deleted


def can_see_reply(
    member: User | AnonymousUser, membership: Membership | None, reply: Reply
) -> bool:
    """A hidden or held reply: its writer and the group's moderators only."""
    if not (reply.is_hidden or reply.is_held):
        return True
    return reply.author_id == member.pk or can_moderate(membership)

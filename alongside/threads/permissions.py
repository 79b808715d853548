"""Yes/no answers about threads and replies, from the objects passed in."""

from alongside.accounts.models import User
from alongside.groups.models import Membership
from alongside.groups.permissions import can_moderate, can_post

from .models import Reply, Thread


def can_reply(membership: Membership | None, thread: Thread) -> bool:
    return can_post(membership) and not thread.is_deleted


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

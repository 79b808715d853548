"""Reads for moderators: the queue of one group, filtered by who is asking."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from alongside.accounts.models import User
from alongside.core.errors import SecondFactorRequired
from alongside.core.middleware import has_second_factor
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_moderate

from .models import Flag, SupportMessage


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


def access_flag(queue: QueueAccess, flag_id: int) -> Flag:
    flag = Flag.objects.filter(pk=flag_id, group=queue.group).first()
    if flag is None:
        raise Http404
    return flag


def open_flag_count(group: Group) -> int:
    return Flag.objects.filter(group=group, resolved_at__isnull=True).count()


def support_messages_for(member: User) -> QuerySet[SupportMessage]:
    return SupportMessage.objects.filter(recipient=member).select_related("group")[:5]

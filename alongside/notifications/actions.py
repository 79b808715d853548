"""A member's own choices about notifications: reading them, following threads,
and how much they hear from each group."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.groups.models import Group, Membership
from alongside.threads.models import Thread

from .counts import counts_changed
from .models import Follow, GroupLevel, Notification


def mark_read(*, member: User, notification: Notification) -> bool:
    """Mark one of the member's notifications read; return whether it was unread."""
    with transaction.atomic():
        changed = Notification.objects.filter(
            pk=notification.pk, recipient=member, read_at__isnull=True
        ).update(read_at=timezone.now())
        if changed:
            counts_changed([member.pk])
    return bool(changed)


def mark_all_read(*, member: User) -> int:
    """Mark every one of the member's notifications read; return how many were not."""
    with transaction.atomic():
        changed = Notification.objects.filter(
            recipient=member, read_at__isnull=True
        ).update(read_at=timezone.now())
        if changed:
            counts_changed([member.pk])
    return changed


def _set_following(member: User, thread: Thread, on: bool) -> bool:
    if not Membership.objects.filter(group_id=thread.group_id, member=member).exists():
        raise ActionRefused(_("Join this group to follow its threads."))
    follow, created = Follow.objects.get_or_create(
        member=member,
        thread=thread,
        defaults={"is_following": on, "created_at": timezone.now()},
    )
    if created:
        # A writer follows their own thread without a row: saying so changes nothing.
        return on != (thread.author_id == member.pk)
    if follow.is_following == on:
        return False
    follow.is_following = on
    follow.save(update_fields=["is_following"])
    return True


def follow_thread(*, member: User, thread: Thread) -> bool:
    """Hear about new replies in a thread; return whether that is new."""
    return _set_following(member, thread, True)


def stop_following_thread(*, member: User, thread: Thread) -> bool:
    """Stop hearing about a thread's replies (mentions still arrive); return
    whether the member was following it."""
    return _set_following(member, thread, False)


def set_group_level(*, member: User, group: Group, level: str) -> bool:
    """Choose how much to hear about a group's posts; return whether it changed."""
    if level not in GroupLevel.Level.values:
        raise ActionRefused(_("Choose one of the options."))
    if not Membership.objects.filter(group=group, member=member).exists():
        raise ActionRefused(_("Join this group first."))
    current = GroupLevel.objects.filter(member=member, group=group).first()
    before = current.level if current is not None else GroupLevel.Level.REPLIES
    GroupLevel.objects.update_or_create(
        member=member, group=group, defaults={"level": level}
    )
    return before != level


def set_group_levels(*, member: User, levels: dict[int, str]) -> int:
    """Choose levels for several of the member's groups at once (by group id);
    groups they are not in are left alone. Return how many changed."""
    groups = Group.objects.filter(pk__in=levels, memberships__member=member)
    with transaction.atomic():
        return sum(
            set_group_level(member=member, group=group, level=levels[group.pk])
            for group in groups
        )

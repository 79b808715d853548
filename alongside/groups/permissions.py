"""Yes/no answers about groups, from the objects passed in; no queries here."""

from datetime import datetime

from .models import Group, Membership

Role = Membership.Role


def can_view_group_about(
    group: Group, membership: Membership | None, *, is_invited: bool = False
) -> bool:
    """About page: listed groups to all; unlisted ones to members and invitees."""
    return group.is_listed or membership is not None or is_invited


def can_view_group_content(membership: Membership | None) -> bool:
    """Threads, replies, reactions and the member list are for members only."""
    return membership is not None


def can_post(membership: Membership | None) -> bool:
    return membership is not None


def is_muted(membership: Membership | None, now: datetime) -> bool:
    """Paused by the moderators: the member reads and reacts, but writes nothing."""
    return (
        membership is not None
        and membership.muted_until is not None
        and membership.muted_until > now
    )


def can_manage_members(membership: Membership | None) -> bool:
    """Approve, decline and invite: the group's facilitators and moderators."""
    return membership is not None and membership.role in (
        Role.FACILITATOR,
        Role.MODERATOR,
    )


def can_moderate(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.MODERATOR


def can_host(membership: Membership | None) -> bool:
    """Run a live meeting in the group's room: its facilitators and moderators."""
    return can_manage_members(membership)

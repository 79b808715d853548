"""Yes/no answers about resources and professionals, from the objects passed in."""

from datetime import date

from alongside.accounts.models import User
from alongside.groups.models import Membership
from alongside.groups.permissions import can_moderate, can_post

from .models import Credential, Resource


def has_badge(credential: Credential | None, today: date) -> bool:
    """A verified professional whose badge has not lapsed."""
    return credential is not None and credential.is_active(today)


def can_decide_credentials(user: User) -> bool:
    """Verify, renew, decline or withdraw a badge: the site's admins, and only they."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def can_apply(credential: Credential | None, today: date) -> bool:
    """Apply (or apply again): anyone without a standing badge or a pending check."""
    if credential is None:
        return True
    if credential.status == Credential.Status.APPLIED:
        return False
    return not credential.is_active(today)


def can_share_in(membership: Membership | None) -> bool:
    return can_post(membership)


def can_review(
    reviewer: User, credential: Credential | None, resource: Resource, today: date
) -> bool:
    """Review: a verified professional who can see it, never on their own share."""
    return has_badge(credential, today) and resource.author_id != reviewer.pk


def can_remove(member: User, resource: Resource, memberships: list[Membership]) -> bool:
    """Take a resource down: whoever shared it, or a moderator of one of its groups."""
    return resource.author_id == member.pk or any(
        can_moderate(membership) for membership in memberships
    )

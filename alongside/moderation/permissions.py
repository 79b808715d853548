"""Yes/no answers about moderation, from the objects passed in; no queries here."""

from alongside.groups.models import Membership
from alongside.groups.permissions import can_moderate


def can_add_context_note(membership: Membership | None) -> bool:
    """Add a context note (with sources) beneath a post: the group's moderators.

    Verified professionals join them here once professional verification exists;
    until then a note always reads as context from the moderators.
    """
    return can_moderate(membership)


def can_withdraw_context_note(membership: Membership | None) -> bool:
    """Withdraw a context note: the group's moderators."""
    return can_moderate(membership)

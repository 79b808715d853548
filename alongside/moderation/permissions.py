"""Yes/no answers about moderation, from the objects passed in; no queries here."""

from datetime import date

from alongside.groups.models import Membership
from alongside.groups.permissions import can_moderate
from alongside.resources.models import Credential
from alongside.resources.permissions import has_badge

from .models import ContextNote


def can_add_context_note(
    membership: Membership | None, *, credential: Credential | None, today: date
) -> bool:
    """Add a context note (with sources) beneath a post: the group's moderators,
    and members of the group whose professional badge stands on `today`."""
    return can_moderate(membership) or (
        membership is not None and has_badge(credential, today)
    )


def can_withdraw_context_note(membership: Membership | None, note: ContextNote) -> bool:
    """Withdraw a context note: the group's moderators any, its writer their own."""
    return can_moderate(membership) or (
        membership is not None
        and note.author_id is not None
        and note.author_id == membership.member_id
    )

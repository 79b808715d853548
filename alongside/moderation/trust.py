"""Whether a new post waits for a moderator: decided from the objects passed in.

A post that shows its writer may be in crisis is never held back (nor is one the
checks could not read): it is published, and the moderators are told.
"""

from alongside.groups.models import Group, Membership
from alongside.safety.service import Outcome

from .filters import FilterMatch

HELD_FIRST_POST = "first post"
HELD_WORD_FILTER = "word filter"


def may_need_care(outcome: Outcome) -> bool:
    """Crisis language, or checks that could not run: never hold or slow it."""
    return outcome.needs_support


def is_trusted(membership: Membership | None) -> bool:
    """Facilitators, moderators and approved members post without a hold."""
    if membership is None:
        return False
    return (
        membership.role != Membership.Role.MEMBER or membership.trusted_at is not None
    )


def hold_reason(
    *,
    group: Group,
    membership: Membership | None,
    outcome: Outcome,
    filters: FilterMatch,
) -> str:
    """Why a new post waits for approval ("" when it goes straight up)."""
    if may_need_care(outcome):
        return ""
    if filters.holds:
        return HELD_WORD_FILTER
    if group.holds_first_posts and not is_trusted(membership):
        return HELD_FIRST_POST
    return ""

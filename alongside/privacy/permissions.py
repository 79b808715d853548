"""Yes/no answers about private messages, from the facts passed in; no queries here."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from alongside.groups.models import Membership

from .models import DataExport, PrivacyPreference, PrivateMessage

MessagesFrom = PrivacyPreference.MessagesFrom
LEADING_ROLES = frozenset({Membership.Role.FACILITATOR, Membership.Role.MODERATOR})


@dataclass(frozen=True)
class Reach:
    """What decides whether one member may write privately to another."""

    # The recipient's choice (PrivacyPreference.messages_from).
    messages_from: str
    # The sender's roles in the groups both of them belong to (empty: none shared).
    sender_roles: frozenset[str]
    # Either of them has blocked the other.
    is_blocked: bool
    # The recipient has already written to the sender.
    was_written_to: bool
    is_self: bool = False
    sender_is_suspended: bool = False
    recipient_is_active: bool = True
    # The sender is a verified professional whose badge has not lapsed.
    sender_has_badge: bool = False


def can_send_private_message(reach: Reach) -> bool:
    """Two members who share a group, no block either way, and the recipient's
    choice allows it (or the recipient wrote first). The middle choice lets in the
    facilitators and moderators of a shared group, and the verified professionals
    who share one."""
    if reach.is_self or reach.is_blocked or reach.sender_is_suspended:
        return False
    if not reach.recipient_is_active:
        return False
    if not reach.sender_roles:
        return False
    if reach.was_written_to:
        return True
    if reach.messages_from == MessagesFrom.MEMBERS:
        return True
    if reach.messages_from == MessagesFrom.LEADERS:
        return bool(reach.sender_roles & LEADING_ROLES) or reach.sender_has_badge
    return False


def can_report_private_message(member_id: int, message: PrivateMessage) -> bool:
    """The member it was sent to, and only them."""
    return message.conversation.includes(member_id) and message.author_id != member_id


def next_export_at(
    latest: DataExport | None, now: datetime, every: timedelta
) -> datetime | None:
    """When the member may ask for another copy of their data: None if now. One
    request in each `every`; a copy that couldn't be made doesn't count."""
    if latest is None or latest.status == DataExport.Status.FAILED:
        return None
    allowed = latest.requested_at + every
    return allowed if allowed > now else None

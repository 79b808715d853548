"""Every write to a group's room."""

import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.live import room_group, send_on_commit
from alongside.core.rendering import clean_text, render_markdown
from alongside.groups.models import Group, Membership
from alongside.moderation.actions import flag_screened_content
from alongside.safety.service import Outcome, screen

from .models import ChatMessage, Presence, Room

MAX_LENGTH = 4000


@dataclass(frozen=True)
class Sent:
    message: ChatMessage
    outcome: Outcome
    is_new: bool


def message_event(message: ChatMessage, author: User | None) -> dict[str, Any]:
    """The `message` event of the chat protocol (docs/chat-protocol.md)."""
    return {
        "type": "message",
        "seq": message.seq,
        "client_id": str(message.client_id),
        "author": {"name": author.public_name if author else "Former member"},
        "html": message.body_html,
        "sent_at": message.created_at.isoformat(),
    }


def _rate_limited(member: User, group: Group) -> bool:
    count, seconds = settings.ALONGSIDE_CHAT_RATE
    key = f"chat-rate:{group.pk}:{member.pk}"
    if cache.add(key, 1, timeout=seconds):
        return False
    try:
        return cache.incr(key) > count
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return False


def send_chat_message(
    *, author: User, group: Group, client_id: uuid.UUID | str, body: str
) -> Sent:
    """Store a message first, then broadcast it; a repeated client_id is stored once."""
    client_id = uuid.UUID(str(client_id))
    existing = ChatMessage.objects.filter(
        group=group, author=author, client_id=client_id
    ).first()
    if existing is not None:
        return Sent(existing, Outcome.from_findings(existing.findings), is_new=False)
    if not Membership.objects.filter(group=group, member=author).exists():
        raise ActionRefused(_("Join this group to talk in its room."))
    body = clean_text(body).strip()
    if not body:
        raise ActionRefused(_("Write something before sending."))
    if len(body) > MAX_LENGTH:
        raise ActionRefused(_("That message is too long. Try splitting it in two."))
    if _rate_limited(author, group):
        raise ActionRefused(_("You're sending quickly. Take a breath and try again."))
    outcome = screen(body)
    Room.objects.get_or_create(group=group)
    try:
        with transaction.atomic():
            # The UPDATE locks the room's row until commit, so seqs never collide.
            Room.objects.filter(group=group).update(last_seq=F("last_seq") + 1)
            seq = Room.objects.values_list("last_seq", flat=True).get(group=group)
            message = ChatMessage.objects.create(
                group=group,
                seq=seq,
                author=author,
                client_id=client_id,
                body=body,
                body_html=render_markdown(body),
                findings=outcome.to_findings(),
            )
            flag_screened_content(
                content=message, group=group, subject=author, outcome=outcome
            )
            send_on_commit(
                room_group(group.pk),
                {"type": "room.message", "event": message_event(message, author)},
            )
    except IntegrityError:
        # The same client_id arrived twice at once: the first one stands.
        existing = ChatMessage.objects.get(
            group=group, author=author, client_id=client_id
        )
        return Sent(existing, Outcome.from_findings(existing.findings), is_new=False)
    return Sent(message, outcome, is_new=True)


def enter_room(
    *, member: User, membership: Membership, channel_name: str, hidden: bool
) -> None:
    Presence.objects.update_or_create(
        channel_name=channel_name,
        defaults={
            "group_id": membership.group_id,
            "member": member,
            "role": membership.role,
            "is_hidden": hidden,
        },
    )


def leave_room(*, channel_name: str) -> None:
    Presence.objects.filter(channel_name=channel_name).delete()

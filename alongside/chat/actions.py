"""Every write to a group's room."""

import json
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.live import member_in_room_group, room_group, send_on_commit
from alongside.core.rendering import clean_text, render_markdown
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_host, can_moderate
from alongside.moderation.actions import (
    check_moderator,
    check_not_muted,
    check_not_theirs,
    clean_reason,
    flag_for_review,
    flag_screened_content,
    log_action,
    tell_member,
)
from alongside.moderation.filters import FilterMatch, match_filters
from alongside.moderation.models import SupportMessage
from alongside.safety.service import Outcome, screen

from .models import ChatMessage, Presence, Room, RoomMute

MAX_LENGTH = 4000
# The room page's query parameter that puts a hidden message of the viewer's own
# back in the message box, to change and send again.
RESEND = "resend"
SLOW_MODE_CHOICES = (0, 10, 30, 60, 120)


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


def _check_meeting_rules(room: Room, author: User) -> None:
    if RoomMute.objects.filter(room=room, member=author).exists():
        raise ActionRefused(
            _("The host has paused your messages until the meeting ends.")
        )
    if room.slow_mode_seconds and author.pk != room.meeting_host_id:
        since = timezone.now() - timedelta(seconds=room.slow_mode_seconds)
        recent = ChatMessage.objects.filter(
            group_id=room.group_id, author=author, created_at__gt=since
        )
        if recent.exists():
            raise ActionRefused(
                _("Slow mode is on: one message every %(n)d seconds.")
                % {"n": room.slow_mode_seconds}
            )


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
    membership = Membership.objects.filter(group=group, member=author).first()
    if membership is None:
        raise ActionRefused(_("Join this group to talk in its room."))
    check_not_muted(membership)
    body = clean_text(body).strip()
    if not body:
        raise ActionRefused(_("Write something before sending."))
    if len(body) > MAX_LENGTH:
        raise ActionRefused(_("That message is too long. Try splitting it in two."))
    if _rate_limited(author, group):
        raise ActionRefused(_("You're sending quickly. Take a breath and try again."))
    room = Room.objects.filter(group=group).first()
    if room is not None and room.in_meeting:
        _check_meeting_rules(room, author)
    outcome = screen(body)
    # The room is live, so the group's word filters only flag a message (a
    # "hold" filter too): nothing waits, and the moderators are told.
    filters = FilterMatch() if can_moderate(membership) else match_filters(group, body)
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
            flag_for_review(
                content=message,
                group=group,
                subject=author,
                held_reason="",
                filters=filters,
            )
            event = message_event(message, author)
            # Encoded once here, not once per listener.
            send_on_commit(
                room_group(group.pk),
                {
                    "type": "room.message",
                    "seq": message.seq,
                    "text": json.dumps(event),
                    # For the listeners who blocked the author; never sent on.
                    "author_id": author.pk,
                },
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


def room_state_event(room: Room) -> dict[str, Any]:
    """The `room` event: meeting mode, the pinned message and slow mode."""
    pinned = room.pinned
    return {
        "type": "room",
        "meeting": room.in_meeting,
        "slow_mode": room.slow_mode_seconds,
        "pinned": message_event(pinned, pinned.author) if pinned else None,
    }


def _host_room(host: User, group: Group) -> Room:
    membership = Membership.objects.filter(group=group, member=host).first()
    if not can_host(membership):
        raise ActionRefused(_("Only the group's facilitators can host a meeting."))
    room, _created = Room.objects.get_or_create(group=group)
    return room


def _announce(room: Room, group: Group) -> None:
    room = Room.objects.select_related("pinned__author").get(pk=room.pk)
    send_on_commit(
        room_group(group.pk), {"type": "room.state", "event": room_state_event(room)}
    )


def start_meeting(*, host: User, group: Group) -> bool:
    """Put the room in meeting mode; return whether it changed."""
    room = _host_room(host, group)
    if room.in_meeting:
        return False
    with transaction.atomic():
        Room.objects.filter(pk=room.pk).update(
            meeting_started_at=timezone.now(), meeting_host=host
        )
        log_action(actor=host, group=group, action="meeting_started")
        _announce(room, group)
    return True


def end_meeting(*, host: User, group: Group) -> bool:
    """Leave meeting mode: unpin, end slow mode and lift every pause."""
    room = _host_room(host, group)
    if not room.in_meeting:
        return False
    with transaction.atomic():
        Room.objects.filter(pk=room.pk).update(
            meeting_started_at=None, meeting_host=None, pinned=None, slow_mode_seconds=0
        )
        RoomMute.objects.filter(room=room).delete()
        log_action(actor=host, group=group, action="meeting_ended")
        _announce(room, group)
    return True


def pin_message(*, host: User, group: Group, seq: int | None) -> None:
    """Pin one message at the top of the room (None unpins)."""
    room = _host_room(host, group)
    message = None
    if seq:
        message = ChatMessage.objects.filter(
            group=group, seq=seq, hidden_at__isnull=True
        ).first()
        if message is None:
            raise ActionRefused(_("We couldn't find that message."))
    with transaction.atomic():
        Room.objects.filter(pk=room.pk).update(pinned=message)
        _announce(room, group)


def set_slow_mode(*, host: User, group: Group, seconds: int) -> None:
    """At most one message per member every `seconds` (0 turns it off)."""
    if seconds not in SLOW_MODE_CHOICES:
        raise ActionRefused(_("Choose one of the slow-mode options."))
    room = _host_room(host, group)
    with transaction.atomic():
        Room.objects.filter(pk=room.pk).update(slow_mode_seconds=seconds)
        log_action(
            actor=host, group=group, action="slow_mode", reason=f"{seconds} seconds"
        )
        _announce(room, group)


def mute_for_meeting(*, host: User, group: Group, member: User, reason: str) -> bool:
    """Pause a member's messages until the meeting ends; logged with the reason."""
    room = _host_room(host, group)
    if not room.in_meeting:
        raise ActionRefused(_("Start meeting mode before pausing someone's messages."))
    if member.pk == host.pk:
        raise ActionRefused(_("You can't pause your own messages."))
    with transaction.atomic():
        _mute, created = RoomMute.objects.get_or_create(
            room=room, member=member, defaults={"muted_by": host}
        )
        if created:
            log_action(
                actor=host, group=group, action="muted_for_meeting", target=member,
                reason=clean_text(reason).strip(),
            )  # fmt: skip
            send_on_commit(
                member_in_room_group(group.pk, member.pk),
                {"type": "room.muted", "event": {"type": "muted"}},
            )
    return created


# ---------------------------------------------------------------------------
# Moderators' actions on messages: a reason, a log row and, for a hidden message,
# a private word to its author and a live event that takes it out of open rooms.


def hide_chat_message(*, moderator: User, message: ChatMessage, reason: str) -> bool:
    """Take a message out of the room for everyone (moderators still see it on
    the room page); its author is told why. Return whether it changed."""
    group = message.group
    check_moderator(moderator, group)
    check_not_theirs(moderator, message.author_id)
    reason = clean_reason(reason)
    now = timezone.now()
    with transaction.atomic():
        hidden = ChatMessage.objects.filter(
            pk=message.pk, hidden_at__isnull=True
        ).update(hidden_at=now, hidden_reason=reason)
        if not hidden:
            return False
        if Room.objects.filter(pk=group.pk, pinned=message).update(pinned=None):
            _announce(Room(pk=group.pk), group)
        log_action(
            actor=moderator,
            group=group,
            action="chat_message_hidden",
            target=message,
            reason=reason,
            subject=message.author,
        )
        if message.author is not None:
            room = reverse("chat:room", kwargs={"slug": group.slug})
            tell_member(
                group=group,
                member=message.author,
                sender=moderator,
                kind=SupportMessage.Kind.HIDDEN,
                body=_(
                    "A moderator took one of your messages out of the room. "
                    "They said: %(reason)s"
                )
                % {"reason": reason},
                # The room's message box, with their words back in it.
                link=f"{room}?{RESEND}={message.seq}#room-form",
                link_text=str(_("Change your message and send it again")),
            )
        send_on_commit(
            room_group(group.pk), {"type": "room.hidden", "seq": message.seq}
        )
    message.hidden_at, message.hidden_reason = now, reason
    return True


def restore_chat_message(*, moderator: User, message: ChatMessage, reason: str) -> bool:
    """Put a hidden message back in the room's history (shown from the next page
    load or reconnect); its author is told. Return whether it was hidden."""
    group = message.group
    check_moderator(moderator, group)
    check_not_theirs(moderator, message.author_id)
    reason = clean_reason(reason)
    with transaction.atomic():
        restored = ChatMessage.objects.filter(
            pk=message.pk, hidden_at__isnull=False
        ).update(hidden_at=None, hidden_reason="")
        if not restored:
            return False
        log_action(
            actor=moderator,
            group=group,
            action="chat_message_restored",
            target=message,
            reason=reason,
            subject=message.author,
        )
        if message.author is not None:
            tell_member(
                group=group,
                member=message.author,
                sender=moderator,
                kind=SupportMessage.Kind.ACTION,
                body=str(_("A moderator has put your message back in the room.")),
                link=message.get_absolute_url(),
                link_text=str(_("See it in the room")),
            )
    message.hidden_at, message.hidden_reason = None, ""
    return True

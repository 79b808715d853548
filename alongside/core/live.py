"""Live delivery: events go out through the channel layer only after a commit.

The database is the record; the channel layer is only the doorbell. Channel-group
names live here so the apps that send and the consumers that listen agree on them.
"""

from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def room_group(group_id: int) -> str:
    return f"room.{group_id}"


def member_in_room_group(group_id: int, member_id: int) -> str:
    return f"room.{group_id}.member.{member_id}"


def member_group(member_id: int) -> str:
    return f"member.{member_id}"


def send_now(channel_group: str, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(channel_group, event)


def send_on_commit(channel_group: str, event: dict[str, Any]) -> None:
    """Send `event` to a channel group once the surrounding transaction commits."""
    transaction.on_commit(lambda: send_now(channel_group, event))


def revoke_room_access(group_id: int, member_id: int) -> None:
    """Close the member's open connections to the group's room (after commit)."""
    send_on_commit(member_in_room_group(group_id, member_id), {"type": "room.revoke"})

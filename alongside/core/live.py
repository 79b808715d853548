"""Live delivery: events go out through the channel layer only after a commit.

The database is the record; the channel layer is only the doorbell. Channel-group
names live here so the apps that send and the consumers that listen agree on them.
"""

import secrets
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.utils.crypto import salted_hmac


def room_group(group_id: int) -> str:
    return f"room.{group_id}"


def member_in_room_group(group_id: int, member_id: int) -> str:
    return f"room.{group_id}.member.{member_id}"


def thread_group(thread_id: int) -> str:
    """Everyone with the thread's page open (read-only: context notes)."""
    return f"thread.{thread_id}"


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
    """Close the member's open live connections in the group, its room and its
    thread pages alike (after commit)."""
    send_on_commit(member_in_room_group(group_id, member_id), {"type": "room.revoke"})


# Sign-in sessions. A live connection stays open only as long as the sign-in it was
# opened with: ending a session (signing out, or ending it from another device or by
# changing the password or second factor) closes that session's connections. Each
# consumer joins member_sessions_group() and closes when ends_connection() says so.

# A sign-in's live id, kept in its session: unlike the session key it survives a
# new password (which gives the session a new key), and it signs nobody in.
LIVE_ID = "alongside_live_id"


def member_sessions_group(member_id: int) -> str:
    return f"member.{member_id}.sessions"


def start_live_id(session: SessionBase) -> None:
    """Give a new sign-in the id its live connections will be known by."""
    session[LIVE_ID] = secrets.token_hex(16)


def live_id(session: SessionBase) -> str:
    """The sign-in's live id (loads the session: call it from sync code)."""
    found = session.get(LIVE_ID)
    if found:
        return str(found)
    # Signed in before live ids: derived from the key, which must not travel.
    key = session.session_key or ""
    return salted_hmac("alongside.live", key, algorithm="sha256").hexdigest()[:32]


def end_live_session(member_id: int, session_live_id: str) -> None:
    """Close the member's live connections of one sign-in (after commit)."""
    send_on_commit(
        member_sessions_group(member_id),
        {"type": "session.ended", "only": session_live_id},
    )


def end_other_live_sessions(member_id: int, keep_live_id: str = "") -> None:
    """Close every live connection of the member except those of the sign-in
    `keep_live_id`; without one, close them all (after commit)."""
    send_on_commit(
        member_sessions_group(member_id),
        {"type": "session.ended", "keep": keep_live_id},
    )


def ends_connection(event: dict[str, Any], connection_live_id: str) -> bool:
    """Whether a "session.ended" event closes a connection of that sign-in."""
    if event.get("only"):
        return bool(event["only"] == connection_live_id)
    return bool(event.get("keep") != connection_live_id)

"""The WebSocket side of a group's room: authenticate, check access, relay.

No rules live here: access comes from queries, writes from actions. The protocol is
documented in docs/chat-protocol.md.
"""

import asyncio
import logging
from typing import Any
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.cache import cache
from django.http import Http404

from alongside.core.errors import ActionRefused
from alongside.core.live import (
    ends_connection,
    live_id,
    member_in_room_group,
    member_sessions_group,
    room_group,
)
from alongside.groups.queries import access_group_as_member
from alongside.moderation.queries import blocked_ids

from . import actions, fanout
from .queries import messages_after, presence_in

logger = logging.getLogger("alongside.chat")

CLOSE_NOT_ALLOWED = 4403
PRESENCE_SECONDS = 1.0


class RoomConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    group_id: int
    last_seq: int
    blocked: set[int]
    closing = False
    # Until the connection is accepted, room events are not sent: any message
    # among them is already stored and comes with the catch-up that follows.
    is_open = False

    async def connect(self) -> None:
        user = self.scope.get("user")
        slug = self.scope["url_route"]["kwargs"]["slug"]
        try:
            access = await database_sync_to_async(access_group_as_member)(user, slug)
        except Http404:
            await self.close(code=CLOSE_NOT_ALLOWED)
            return
        self.user = user
        self.group = access.group
        self.group_id = access.group.pk
        self.membership = access.membership
        self.room = room_group(self.group_id)
        self.personal = member_in_room_group(self.group_id, user.pk)
        query = parse_qs(self.scope.get("query_string", b"").decode())
        after = _int(query.get("after", ["0"])[0])
        hidden = query.get("hidden", ["0"])[0] == "1"
        # Join before replaying, so nothing sent during the replay is missed;
        # anything replayed and also broadcast is dropped by its seq.
        self.sending = asyncio.Lock()
        self.last_seq = after
        # Whom this member blocked, as they connect: their messages never arrive.
        self.blocked = await database_sync_to_async(blocked_ids)(user)
        await fanout.join(self.channel_layer, self.room, self)
        await self.channel_layer.group_add(self.personal, self.channel_name)
        # The sign-in this connection rides on: ending it closes the connection.
        self.live_id = await database_sync_to_async(live_id)(self.scope["session"])
        self.sessions = member_sessions_group(user.pk)
        await self.channel_layer.group_add(self.sessions, self.channel_name)
        await self.accept()
        self.is_open = True
        await self._catch_up()
        state = await database_sync_to_async(_room_state)(self.group_id)
        if state is not None:
            await self.send_json(state)
        await database_sync_to_async(actions.enter_room)(
            member=user,
            membership=self.membership,
            channel_name=self.channel_name,
            hidden=hidden,
        )
        counts = await database_sync_to_async(presence_in)(self.group_id)
        await self.send_json(counts.as_event())
        await self.send_json({"type": "ready", "seq": self.last_seq})
        await self._announce_presence()

    async def disconnect(self, code: int) -> None:
        if not hasattr(self, "room"):
            return
        await fanout.leave(self.channel_layer, self.room, self)
        await self.channel_layer.group_discard(self.personal, self.channel_name)
        await self.channel_layer.group_discard(self.sessions, self.channel_name)
        await database_sync_to_async(actions.leave_room)(channel_name=self.channel_name)
        await self._announce_presence()

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict):
            return
        kind = content.get("type")
        if kind == "send":
            await self._send_message(content)
        elif kind == "typing":
            await self.channel_layer.group_send(
                self.room,
                {
                    "type": "room.typing",
                    "name": self.user.public_name,
                    "sender": self.channel_name,
                },
            )
        elif kind == "history":
            before = _int(content.get("before"))
            await self._send_history(before)

    async def _send_message(self, content: dict[str, Any]) -> None:
        client_id = content.get("client_id")
        try:
            sent = await database_sync_to_async(actions.send_chat_message)(
                author=self.user,
                group=self.group,
                client_id=str(client_id),
                body=str(content.get("body", "")),
            )
        except ActionRefused as refusal:
            await self.send_json(
                {"type": "error", "client_id": client_id, "message": refusal.message}
            )
            return
        except ValueError:
            await self.send_json(
                {
                    "type": "error",
                    "client_id": client_id,
                    "message": "client_id must be a UUID",
                }
            )
            return
        await self.send_json(
            {
                "type": "ack",
                "client_id": str(sent.message.client_id),
                "seq": sent.message.seq,
            }
        )
        if sent.is_new and sent.outcome.needs_support:
            support = await database_sync_to_async(_support_event)(self.user, sent)
            await self.send_json(support)

    async def _send_history(self, before: int) -> None:
        from .queries import messages_before

        rows = await database_sync_to_async(messages_before)(
            self.group, before or None, viewer=self.user
        )
        await self.send_json(
            {
                "type": "history",
                "messages": [actions.message_event(m, m.author) for m in rows],
            }
        )

    async def _catch_up(self) -> None:
        """Send every stored message after `last_seq`, in order."""
        async with self.sending:
            await self._send_stored()

    async def _send_stored(self) -> None:
        """Send stored messages after `last_seq`; call with `self.sending` held."""
        while True:
            rows = await database_sync_to_async(messages_after)(
                self.group_id, self.last_seq
            )
            for message in rows:
                if message.author_id not in self.blocked:
                    event = actions.message_event(message, message.author)
                    await self.send_json(event)
                self.last_seq = message.seq
            if len(rows) < 500:
                return

    async def relay(self, event: dict[str, Any]) -> None:
        """A room event handed over by this process's subscription (fanout.py).

        Straight to its handler, not through `dispatch`: that first hops to the
        one database thread to close stale connections, once per listener per
        event, which made a busy room queue every delivery behind that thread.
        These handlers reach the database only through database_sync_to_async,
        which closes stale connections itself.
        """
        if not self.is_open:
            return
        handler = getattr(self, get_handler_name(event), None)
        if handler is None:
            raise ValueError(f"No handler for room event {event.get('type')!r}")
        await handler(event)

    async def _announce_presence(self) -> None:
        """Tell the room how many are here, at most once per PRESENCE_SECONDS.

        Announcing every arrival to everyone costs N x N messages when a meeting
        starts; one announcement per interval carries the same counts.
        """
        key = f"presence-due:{self.group_id}"
        if not await database_sync_to_async(cache.add)(key, 1, PRESENCE_SECONDS):
            return
        asyncio.get_running_loop().call_later(
            PRESENCE_SECONDS,
            lambda: asyncio.ensure_future(_announce(self.channel_layer, self.group_id)),
        )

    # Channel-layer events.

    async def room_message(self, event: dict[str, Any]) -> None:
        seq = event["seq"]
        async with self.sending:
            if seq <= self.last_seq:
                return  # already sent during a replay
            if seq > self.last_seq + 1:
                await self._send_stored()  # an event overtook an earlier one
                return
            if event.get("author_id") in self.blocked:
                self.last_seq = seq  # from someone this member blocked
                return
            await self.send(text_data=event["text"])
            self.last_seq = seq

    async def room_presence(self, event: dict[str, Any]) -> None:
        await self.send_json(event["event"])

    async def room_typing(self, event: dict[str, Any]) -> None:
        if event.get("sender") != self.channel_name:
            await self.send_json({"type": "typing", "name": event["name"]})

    async def room_state(self, event: dict[str, Any]) -> None:
        await self.send_json(event["event"])

    async def room_muted(self, event: dict[str, Any]) -> None:
        await self.send_json(event["event"])

    async def room_hidden(self, event: dict[str, Any]) -> None:
        """A moderator hid a message: open rooms take it out."""
        await self.send_json({"type": "hidden", "seq": event["seq"]})

    async def room_revoke(self, event: dict[str, Any]) -> None:
        await self._close_for("no_longer_a_member")

    async def session_ended(self, event: dict[str, Any]) -> None:
        if ends_connection(event, self.live_id):
            await self._close_for("signed_out")

    async def _close_for(self, reason: str) -> None:
        if self.closing:
            return  # a second revocation for a connection already closing
        self.closing = True
        await fanout.leave(self.channel_layer, self.room, self)
        await self.send_json({"type": "closed", "reason": reason})
        await self.close(code=CLOSE_NOT_ALLOWED)


async def _announce(layer: Any, group_id: int) -> None:
    counts = await database_sync_to_async(presence_in)(group_id)
    await layer.group_send(
        room_group(group_id), {"type": "room.presence", "event": counts.as_event()}
    )


def _int(value: object) -> int:
    try:
        return max(int(str(value)), 0)
    except (TypeError, ValueError):
        return 0


def _room_state(group_id: int) -> dict[str, Any] | None:
    from .models import Room

    room = Room.objects.select_related("pinned__author").filter(pk=group_id).first()
    return actions.room_state_event(room) if room is not None else None


def _support_event(user: Any, sent: actions.Sent) -> dict[str, Any]:
    from django.template.loader import render_to_string

    from alongside.safety.resources import support_for

    html = render_to_string(
        "chat/_support.html",
        {"outcome": sent.outcome, "support": support_for(user.country)},
    )
    return {"type": "support", "seq": sent.message.seq, "html": html}

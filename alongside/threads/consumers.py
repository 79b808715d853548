"""The WebSocket side of a thread page: read-only, it only receives events.

Access comes from queries; each note is rendered for the connected member, so a
note beneath a reply they may not see never reaches them. The events are
documented in docs/chat-protocol.md ("Thread pages").
"""

import zoneinfo
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.http import Http404
from django.utils import timezone

from alongside.core.live import (
    ends_connection,
    live_id,
    member_in_room_group,
    member_sessions_group,
    thread_group,
)
from alongside.moderation.rendering import context_note_aside

from .queries import ThreadAccess, access_thread, visible_context_note

CLOSE_NOT_ALLOWED = 4403


class ThreadConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    access: ThreadAccess

    async def connect(self) -> None:
        user = self.scope.get("user")
        thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        try:
            self.access = await database_sync_to_async(access_thread)(user, thread_id)
        except Http404:
            await self.close(code=CLOSE_NOT_ALLOWED)
            return
        self.user = user
        self.thread_id = self.access.thread.pk
        # The member's own channel group in the room: leaving the group or being
        # removed closes this page's connection too (core.live.revoke_room_access).
        self.personal = member_in_room_group(self.access.thread.group_id, user.pk)
        # Ending the sign-in this connection rides on closes it (core.live).
        self.live_id = await database_sync_to_async(live_id)(self.scope["session"])
        self.listening = (
            thread_group(self.thread_id),
            self.personal,
            member_sessions_group(user.pk),
        )
        for name in self.listening:
            await self.channel_layer.group_add(name, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        for name in getattr(self, "listening", ()):
            await self.channel_layer.group_discard(name, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        """Nothing is accepted from the page."""

    # Channel-layer events.

    async def thread_note(self, event: dict[str, Any]) -> None:
        sent = await database_sync_to_async(self._note_event)(int(event["note_id"]))
        if sent is not None:
            await self.send_json(sent)

    async def thread_note_withdrawn(self, event: dict[str, Any]) -> None:
        await self.send_json(
            {"type": "context_note_withdrawn", "note_id": int(event["note_id"])}
        )

    async def room_revoke(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "closed", "reason": "no_longer_a_member"})
        await self.close(code=CLOSE_NOT_ALLOWED)

    async def session_ended(self, event: dict[str, Any]) -> None:
        if ends_connection(event, self.live_id):
            await self.send_json({"type": "closed", "reason": "signed_out"})
            await self.close(code=CLOSE_NOT_ALLOWED)

    def _note_event(self, note_id: int) -> dict[str, Any] | None:
        """The note as this member would see it on the page, if they may."""
        try:
            access = access_thread(self.user, self.thread_id)
        except Http404:
            return None
        found = visible_context_note(self.user, access, note_id)
        if found is None:
            return None
        note, reply = found
        with timezone.override(_zone(getattr(self.user, "time_zone", ""))):
            html = context_note_aside(note, heading_level=2 if reply.is_opening else 3)
        return {
            "type": "context_note",
            "reply_id": reply.pk,
            "note_id": note.pk,
            "html": html,
        }


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")

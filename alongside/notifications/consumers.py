"""The member's own socket for notifications: it only receives their unread count.

Any signed-in page opens it; the count arrives on connecting and whenever it
changes (counts.counts_changed). Events are documented in docs/chat-protocol.md
("Notifications").
"""

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from alongside.core.live import (
    ends_connection,
    live_id,
    member_group,
    member_sessions_group,
)

from .counts import unread_count

CLOSE_NOT_ALLOWED = 4403


class NotificationConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_NOT_ALLOWED)
            return
        self.member_id = user.pk
        # Ending the sign-in this connection rides on closes it (core.live).
        self.live_id = await database_sync_to_async(live_id)(self.scope["session"])
        self.listening = (member_group(user.pk), member_sessions_group(user.pk))
        for name in self.listening:
            await self.channel_layer.group_add(name, self.channel_name)
        await self.accept()
        unread = await database_sync_to_async(unread_count)(self.member_id)
        await self.send_json({"type": "count", "unread": unread})

    async def disconnect(self, code: int) -> None:
        for name in getattr(self, "listening", ()):
            await self.channel_layer.group_discard(name, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        """Nothing is accepted from the page."""

    # Channel-layer events.

    async def notifications_changed(self, event: dict[str, Any]) -> None:
        """Something changed the member's unread count: count it (once for all
        their open pages, through the cache) and send it."""
        unread = await database_sync_to_async(unread_count)(self.member_id)
        await self.send_json({"type": "count", "unread": unread})

    async def session_ended(self, event: dict[str, Any]) -> None:
        if ends_connection(event, self.live_id):
            await self.send_json({"type": "closed", "reason": "signed_out"})
            await self.close(code=CLOSE_NOT_ALLOWED)

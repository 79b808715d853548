"""WebSocket routes; each app's consumers are added here."""

from typing import Any

from alongside.chat.routing import websocket_urlpatterns as chat_routes
from alongside.notifications.routing import (
    websocket_urlpatterns as notification_routes,
)
from alongside.threads.routing import websocket_urlpatterns as thread_routes

websocket_urlpatterns: list[Any] = [*chat_routes, *thread_routes, *notification_routes]

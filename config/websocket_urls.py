"""WebSocket routes; each app's consumers are added here."""

from typing import Any

websocket_urlpatterns: list[Any] = []

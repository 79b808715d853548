from django.urls import path

from .consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/groups/<slug:slug>/chat/", RoomConsumer.as_asgi()),
]

from django.urls import path

from . import views

app_name = "chat"
urlpatterns = [
    path("groups/<slug:slug>/chat/", views.room, name="room"),
    path("groups/<slug:slug>/chat/send/", views.room_send, name="send"),
    path("groups/<slug:slug>/chat/host/", views.room_host, name="host"),
    path("groups/<slug:slug>/chat/state/", views.room_state, name="state"),
    path("groups/<slug:slug>/chat/<int:seq>/hide/", views.message_hide, name="hide"),
    path(
        "groups/<slug:slug>/chat/<int:seq>/restore/",
        views.message_restore,
        name="restore",
    ),
]

from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("groups/<slug:slug>/moderation/", views.queue, name="queue"),
    path(
        "groups/<slug:slug>/moderation/<int:flag_id>/reach-out/",
        views.flag_reach_out,
        name="reach_out",
    ),
    path(
        "groups/<slug:slug>/moderation/<int:flag_id>/resolve/",
        views.flag_resolve,
        name="resolve",
    ),
]

from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("groups/<slug:slug>/meetings/", views.meeting_list, name="list"),
    path("groups/<slug:slug>/meetings/new/", views.meeting_new, name="new"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("meetings/<int:meeting_id>/edit/", views.meeting_edit, name="edit"),
    path("meetings/<int:meeting_id>/cancel/", views.meeting_cancel, name="cancel"),
    path("meetings/<int:meeting_id>/answer/", views.meeting_answer, name="answer"),
    path(
        "meetings/<int:meeting_id>/meeting.ics",
        views.meeting_calendar,
        name="download",
    ),
    path("meetings/calendar/", views.calendar_settings, name="calendar"),
    path(
        "meetings/calendar/new-address/",
        views.calendar_regenerate,
        name="regenerate",
    ),
    path("meetings/feed/<slug:token>.ics", views.calendar_feed, name="feed"),
]

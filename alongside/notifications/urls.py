from django.urls import URLPattern, path

from . import email_views, views

app_name = "notifications"

urlpatterns: list[URLPattern] = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/open/", views.notification_open, name="open"),
    path("<int:notification_id>/read/", views.notification_read, name="read"),
    path("read/", views.notification_read_all, name="read_all"),
    path("settings/", views.notification_settings, name="settings"),
    path("groups/<slug:slug>/level/", views.group_level, name="group_level"),
    path("threads/<int:thread_id>/follow/", views.thread_follow, name="follow"),
    path("threads/<int:thread_id>/unfollow/", views.thread_unfollow, name="unfollow"),
]

# Email: the member's choice, and the stop link in every email.
urlpatterns += [
    path("email/", email_views.email_settings, name="email_settings"),
    path("email/stop/<str:token>/", email_views.email_stop, name="email_stop"),
]

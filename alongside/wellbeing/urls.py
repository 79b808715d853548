from django.urls import path

from . import checkin_views, views

app_name = "wellbeing"

urlpatterns = [
    path("", views.balance, name="balance"),
    path("limits/", views.limits_form, name="limits"),
    path("beat/", views.beat, name="beat"),
    path("break/", views.nudge, name="break"),
    path("break/taken/", views.break_taken, name="break_taken"),
]

# Check-ins, the member's support outside Alongside, and the check-back.
urlpatterns += [
    path("checkins/", checkin_views.checkins, name="checkins"),
    path(
        "checkins/<int:checkin_id>/delete/",
        checkin_views.checkin_delete,
        name="checkin_delete",
    ),
    path("support/", checkin_views.support, name="support"),
    path("support/<int:contact_id>/", checkin_views.support_edit, name="support_edit"),
    path(
        "support/<int:contact_id>/delete/",
        checkin_views.support_delete,
        name="support_delete",
    ),
    path("support/finding/", checkin_views.support_options, name="support_options"),
    path("support/suggestions/", checkin_views.suggestions, name="suggestions"),
    path("check-back/", checkin_views.check_back, name="check_back"),
]

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile_edit, name="profile_edit"),
    path("members/<str:username>/", views.profile, name="profile"),
    # Served here rather than by allauth's own view at the same address, which
    # tidies ended sessions away on every visit (see views.SessionsView).
    path("sessions/", views.sessions, name="sessions"),
    path("delete/", views.delete_account, name="delete"),
    path("delete/done/", views.account_deleted, name="deleted"),
    path("delete/keep/", views.keep_account, name="keep"),
    path("delete/continue/", views.continue_deletion, name="continue_deletion"),
]

from django.urls import path

from . import views

app_name = "groups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("<slug:slug>/", views.group_detail, name="detail"),
    path("<slug:slug>/join/", views.group_join, name="join"),
    path("<slug:slug>/leave/", views.group_leave, name="leave"),
    path("<slug:slug>/ask/", views.group_request, name="request"),
    path("<slug:slug>/ask/withdraw/", views.group_withdraw, name="withdraw"),
    path("<slug:slug>/invitation/decline/", views.invitation_decline, name="decline"),
    path("<slug:slug>/members/", views.group_members, name="members"),
    path("<slug:slug>/members/invite/", views.group_invite, name="invite"),
    path("<slug:slug>/requests/", views.group_requests, name="requests"),
    path("<slug:slug>/settings/", views.group_settings, name="settings"),
    path(
        "<slug:slug>/requests/<int:request_id>/",
        views.group_request_decide,
        name="decide",
    ),
]

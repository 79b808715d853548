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
    # Context notes
    path(
        "replies/<int:reply_id>/context-note/",
        views.context_note_new,
        name="context_note",
    ),
    path(
        "context-notes/<int:note_id>/withdraw/",
        views.context_note_withdraw,
        name="context_note_withdraw",
    ),
    # Held posts and word filters
    path(
        "groups/<slug:slug>/moderation/<int:flag_id>/approve/",
        views.held_approve,
        name="approve_held",
    ),
    path(
        "groups/<slug:slug>/moderation/<int:flag_id>/decline/",
        views.held_decline,
        name="decline_held",
    ),
    path(
        "groups/<slug:slug>/moderation/filters/",
        views.word_filters,
        name="filters",
    ),
    path(
        "groups/<slug:slug>/moderation/filters/<int:filter_id>/remove/",
        views.word_filter_remove,
        name="filter_remove",
    ),
    # Members' own tools: block and mute
    path("accounts/profile/blocked/", views.quiet_list, name="quiet"),
    path("accounts/members/<str:username>/block/", views.member_block, name="block"),
    path(
        "accounts/members/<str:username>/unblock/",
        views.member_unblock,
        name="unblock",
    ),
    path(
        "accounts/members/<str:username>/mute/",
        views.member_mute,
        name="mute_member",
    ),
    path(
        "accounts/members/<str:username>/unmute/",
        views.member_unmute,
        name="unmute_member",
    ),
    path("threads/<int:thread_id>/mute/", views.thread_mute, name="mute_thread"),
    path("threads/<int:thread_id>/unmute/", views.thread_unmute, name="unmute_thread"),
    # Member reports
    path("report/reply/<int:reply_id>/", views.report_reply, name="report_reply"),
    path(
        "report/message/<slug:slug>/<int:seq>/",
        views.report_message,
        name="report_message",
    ),
    path(
        "report/profile/<str:username>/",
        views.report_profile,
        name="report_profile",
    ),
    # Who is handling an item, dismissing reports, the moderator's own pace
    path(
        "groups/<slug:slug>/moderation/<int:flag_id>/claim/",
        views.flag_claim,
        name="claim",
    ),
    path(
        "groups/<slug:slug>/moderation/<int:flag_id>/release/",
        views.flag_release,
        name="release",
    ),
    path(
        "groups/<slug:slug>/moderation/<int:flag_id>/dismiss/",
        views.flag_dismiss,
        name="dismiss",
    ),
    path(
        "groups/<slug:slug>/moderation/break/",
        views.break_after,
        name="break_after",
    ),
    path(
        "groups/<slug:slug>/moderation/step-away/",
        views.step_away,
        name="step_away",
    ),
    # Moderators' actions from a queue item, and on members (suspension: admins)
    path(
        "groups/<slug:slug>/moderation/<int:flag_id>/hide/",
        views.flag_hide,
        name="hide",
    ),
    path(
        "groups/<slug:slug>/moderation/<int:flag_id>/restore/",
        views.flag_restore,
        name="restore",
    ),
    path(
        "groups/<slug:slug>/moderation/members/<str:username>/",
        views.member_actions,
        name="member",
    ),
    path(
        "groups/<slug:slug>/moderation/members/<str:username>/warn/",
        views.member_warn,
        name="warn",
    ),
    path(
        "groups/<slug:slug>/moderation/members/<str:username>/pause/",
        views.member_mute_in_group,
        name="mute_in_group",
    ),
    path(
        "groups/<slug:slug>/moderation/members/<str:username>/unpause/",
        views.member_unmute_in_group,
        name="unmute_in_group",
    ),
    path(
        "groups/<slug:slug>/moderation/members/<str:username>/remove/",
        views.member_remove,
        name="remove_member",
    ),
    path(
        "moderation/members/<str:username>/suspend/",
        views.member_suspend,
        name="suspend",
    ),
    path(
        "moderation/members/<str:username>/unsuspend/",
        views.member_unsuspend,
        name="unsuspend",
    ),
    # Every group's queue, for the site's admins
    path("moderation/", views.site_queue_page, name="site_queue"),
]

from django.urls import path

from . import views

app_name = "threads"
urlpatterns = [
    path("groups/<slug:slug>/threads/new/", views.thread_new, name="new"),
    path("threads/<int:thread_id>/", views.thread_detail, name="detail"),
    path("threads/<int:thread_id>/reply/", views.reply_create, name="reply"),
    path("replies/<int:reply_id>/edit/", views.reply_edit, name="edit"),
    path("replies/<int:reply_id>/delete/", views.reply_delete, name="delete"),
    path("replies/<int:reply_id>/react/", views.reply_react, name="react"),
    path("replies/<int:reply_id>/reveal/", views.reply_reveal, name="reveal"),
    # Moderators' actions
    path("replies/<int:reply_id>/hide/", views.reply_hide, name="hide"),
    path("replies/<int:reply_id>/restore/", views.reply_restore, name="restore"),
    path("threads/<int:thread_id>/lock/", views.thread_lock, name="lock"),
    path("threads/<int:thread_id>/unlock/", views.thread_unlock, name="unlock"),
    path("threads/<int:thread_id>/move/", views.thread_move, name="move"),
]

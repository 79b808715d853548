from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    # What Alongside keeps, who can see it and for how long: public, like Get help.
    path("privacy/", views.notice, name="notice"),
    path("messages/", views.inbox, name="messages"),
    path("messages/settings/", views.preference, name="preference"),
    path("messages/new/<str:username>/", views.write, name="write"),
    path("messages/<int:conversation_id>/", views.conversation, name="conversation"),
    path("messages/report/<int:message_id>/", views.report, name="report"),
    path("messages/reported/<int:flag_id>/", views.reported, name="reported"),
    # Download your data (on the account pages, beside the other settings).
    path("accounts/export/", views.export, name="export"),
    path("accounts/export/<str:token>/", views.export_download, name="export_download"),
]

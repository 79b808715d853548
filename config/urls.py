from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("alongside.core.urls")),
    path("accounts/", include("alongside.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("groups/", include("alongside.groups.urls")),
    path("", include("alongside.threads.urls")),
    path("", include("alongside.meetings.urls")),
    path("", include("alongside.safety.urls")),
    path("", include("alongside.moderation.urls")),
    path("", include("alongside.chat.urls")),
    path("", include("alongside.privacy.urls")),
    path("resources/", include("alongside.resources.urls")),
    path("professionals/", include("alongside.resources.professional_urls")),
    path("help/professional/", include("alongside.resources.help_urls")),
    path("balance/", include("alongside.wellbeing.urls")),
    path("notifications/", include("alongside.notifications.urls")),
    path("search/", include("alongside.search.urls")),
    path("admin/", admin.site.urls),
]

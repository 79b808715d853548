from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from .models import Credential, ProfessionalHelp, Resource, Tag


class ReadOnlyAdmin[M: Model](admin.ModelAdmin[M]):
    """Seen here, changed only through the app's actions, which write the log."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


CREDENTIALS_ELSEWHERE = _(
    "Read only. Verify, renew, decline or withdraw badges at /professionals/, "
    "where every decision is written to the moderation log."
)


@admin.register(Credential)
class CredentialAdmin(ReadOnlyAdmin[Credential]):
    """Read-only, so the admin site is no way around the moderation log: badges
    are decided at /professionals/."""

    list_display = ("member", "profession", "country", "status", "expires_on")
    list_filter = ("status",)
    search_fields = ("member__username", "member__display_name", "profession")
    list_select_related = ("member",)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = {**(extra_context or {}), "subtitle": CREDENTIALS_ELSEWHERE}
        return super().changelist_view(request, extra_context)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = {**(extra_context or {}), "subtitle": CREDENTIALS_ELSEWHERE}
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin[Resource]):
    """Read-only: sharing, reviewing and removing go through the library's pages,
    which check sources, screen the words and write the log."""

    list_display = ("title", "kind", "review_state", "created_at", "removed_at")
    list_filter = ("kind", "review_state")
    search_fields = ("title",)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ProfessionalHelp)
class ProfessionalHelpAdmin(admin.ModelAdmin[ProfessionalHelp]):
    """The ways to reach professional help in each country, as the find-help pages
    show them. Update "last checked" whenever an entry is checked."""

    list_display = ("name", "country", "kind", "position", "last_checked")
    list_filter = ("country", "kind")
    search_fields = ("name", "country")
    ordering = ("country", "kind", "position")

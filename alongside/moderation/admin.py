from django.contrib import admin

from .models import ModerationLog


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin[ModerationLog]):
    """Read-only: the log is append-only."""

    list_display = ("created_at", "action", "actor", "group")
    readonly_fields = (
        "created_at",
        "action",
        "actor",
        "group",
        "target_type",
        "target_id",
    )

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

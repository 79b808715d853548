from django.contrib import admin

from .models import Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    list_display = ("title", "group", "starts_at", "time_zone", "recurrence")
    list_filter = ("recurrence",)
    raw_id_fields = ("group", "created_by", "cancelled_by")
    filter_horizontal = ("facilitators",)

from django.contrib import admin

from .models import AuthorReveal, Thread


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin[Thread]):
    list_display = ("title", "group", "created_at", "reply_count")
    list_filter = ("group",)
    # Member-written text stays out of the admin's lists; moderators see it in place.
    fields = ("title", "group", "created_at", "reply_count", "deleted_at")
    readonly_fields = fields


@admin.register(AuthorReveal)
class AuthorRevealAdmin(admin.ModelAdmin[AuthorReveal]):
    list_display = ("reply", "moderator", "created_at")
    readonly_fields = ("reply", "moderator", "reason", "created_at")

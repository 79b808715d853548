from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class MemberAdmin(UserAdmin[User]):
    list_display = ("username", "display_name", "is_active", "is_staff", "date_joined")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (
            "Profile",
            {"fields": ("display_name", "pronouns", "bio", "country", "time_zone")},
        ),
    )

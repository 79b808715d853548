from django.contrib import admin

from .models import CrisisLine, EmergencyNumber


@admin.register(CrisisLine)
class CrisisLineAdmin(admin.ModelAdmin[CrisisLine]):
    list_display = ("name", "country", "phone", "hours", "is_active", "last_verified")
    list_filter = ("country", "is_active")
    list_editable = ("is_active",)


@admin.register(EmergencyNumber)
class EmergencyNumberAdmin(admin.ModelAdmin[EmergencyNumber]):
    list_display = ("country", "number")

from django.contrib import admin

from .models import Group, Membership


class MembershipInline(admin.TabularInline[Membership, Group]):
    model = Membership
    extra = 0
    raw_id_fields = ("member",)


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin[Group]):
    list_display = ("name", "visibility", "join_policy", "allows_anonymous")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]

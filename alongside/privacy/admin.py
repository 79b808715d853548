from django.contrib import admin

from .models import PrivacyPreference

# Conversations and messages are not in the admin: their words are sealed, and who
# writes to whom is private too. Moderators read a message only once it is reported.


@admin.register(PrivacyPreference)
class PrivacyPreferenceAdmin(admin.ModelAdmin[PrivacyPreference]):
    list_display = ("member", "messages_from", "updated_at")
    raw_id_fields = ("member",)

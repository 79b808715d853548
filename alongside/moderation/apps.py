from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "alongside.moderation"

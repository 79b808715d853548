from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "alongside.chat"

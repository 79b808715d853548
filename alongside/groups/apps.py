from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "alongside.groups"

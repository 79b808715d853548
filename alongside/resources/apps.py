from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "alongside.resources"
    verbose_name = "Resources and professionals"

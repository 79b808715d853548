from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "alongside.demo"
    verbose_name = "Demo community"

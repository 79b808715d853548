from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "alongside.search"

    def ready(self) -> None:
        from . import signals

        signals.connect()

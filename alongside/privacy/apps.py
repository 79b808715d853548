from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "alongside.privacy"

    def ready(self) -> None:
        # A key that cannot be read stops the start, not the first message sent.
        from .sealing import keyring

        keyring()
        # An export's file goes with its row (export.py).
        from . import export  # noqa: F401

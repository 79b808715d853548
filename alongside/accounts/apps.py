from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alongside.accounts"

    def ready(self) -> None:
        from allauth.account.signals import (
            password_changed,
            password_reset,
            password_set,
        )
        from allauth.mfa.signals import (
            authenticator_added,
            authenticator_removed,
            authenticator_reset,
        )
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from .sessions import on_security_change, on_signed_in, on_signed_out

        # A new password or second factor ends every other session.
        for signal in (
            password_changed,
            password_set,
            password_reset,
            authenticator_added,
            authenticator_removed,
            authenticator_reset,
        ):
            signal.connect(on_security_change)
        user_logged_in.connect(on_signed_in)
        user_logged_out.connect(on_signed_out)

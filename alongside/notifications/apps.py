from typing import Any

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "alongside.notifications"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_count_at_sign_in, dispatch_uid="notifications.count")


def _count_at_sign_in(sender: Any, user: Any, **kwargs: Any) -> None:
    """Count a member's unread notifications as they sign in, so the pages that
    follow read the header's count from the cache."""
    from .counts import unread_count

    unread_count(user.pk)

"""allauth hooks: how signing in treats suspended members and accounts set to be
deleted."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.stagekit import clear_login
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse

from .deletion import pending_deletion
from .middleware import suspended_page, suspended_until
from .views import deletion_pending_page


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def pre_login(
        self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any
    ) -> HttpResponse | None:
        """A suspended member is not signed in; they see until when instead. An
        account set to be deleted is not signed in either: its holder may keep it.

        This runs after the password (or passkey) is checked, so the page tells
        nothing to someone who does not already hold the account.
        """
        deletion = pending_deletion(user)
        if deletion is not None:
            clear_login(request)
            time_zone = getattr(user, "time_zone", "")
            return deletion_pending_page(request, deletion, time_zone=time_zone)
        until = suspended_until(user)
        if until is not None:
            clear_login(request)
            return suspended_page(request, until)
        response: HttpResponse | None = super().pre_login(request, user, **kwargs)
        return response

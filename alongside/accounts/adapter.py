"""allauth hooks: how signing in treats suspended members."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.stagekit import clear_login
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse

from .middleware import suspended_page, suspended_until


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def pre_login(
        self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any
    ) -> HttpResponse | None:
        """A suspended member is not signed in; they see until when instead.

        This runs after the password (or passkey) is checked, so the page tells
        nothing to someone who does not already hold the account.
        """
        until = suspended_until(user)
        if until is not None:
            clear_login(request)
            return suspended_page(request, until)
        response: HttpResponse | None = super().pre_login(request, user, **kwargs)
        return response

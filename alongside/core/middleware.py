"""Request-wide behaviour: the member's time zone, private caching, second factors
for moderators and admins, query counts."""

import zoneinfo
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import SecondFactorRequired

Handler = Callable[[HttpRequest], HttpResponse]


def member_time_zone(get_response: Handler) -> Handler:
    """Show every time in the signed-in member's own time zone."""

    def middleware(request: HttpRequest) -> HttpResponse:
        tz_name = getattr(request.user, "time_zone", "") or "UTC"
        try:
            timezone.activate(zoneinfo.ZoneInfo(tz_name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.activate(zoneinfo.ZoneInfo("UTC"))
        try:
            return get_response(request)
        finally:
            timezone.deactivate()

    return middleware


def private_cache_headers(get_response: Handler) -> Handler:
    """Pages seen while signed in must never be stored by a browser or a proxy."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if request.user.is_authenticated or request.path.startswith("/accounts/"):
            response["Cache-Control"] = "no-store"
        return response

    return middleware


def has_second_factor(user: Any) -> bool:
    """An authenticator app (TOTP) or a passkey, set up through allauth's MFA."""
    from allauth.mfa.models import Authenticator

    return bool(
        user.is_authenticated
        and Authenticator.objects.filter(
            user=user,
            type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
        ).exists()
    )


class SecondFactorForPower:
    """Moderation pages and the admin site need a second factor.

    Moderation queries raise SecondFactorRequired once they know the viewer is a
    moderator (others get their 404 first); the admin site is checked here for
    staff. Either way the person is sent to set up an authenticator app, and back.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            request.path.startswith("/admin/")
            and user.is_authenticated
            and user.is_staff
            and not has_second_factor(user)
        ):
            return self._set_up(request)
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, SecondFactorRequired):
            return self._set_up(request)
        return None

    def _set_up(self, request: HttpRequest) -> HttpResponse:
        messages.info(
            request,
            _(
                "Moderation and admin pages need a second factor, so that nobody "
                "who learns your password can act in your name. Set up an "
                "authenticator app to continue."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_activate_totp"))


def query_count_header(get_response: Handler) -> Handler:
    """Benchmarks only: put the number of SQL statements in X-Query-Count."""

    def middleware(request: HttpRequest) -> HttpResponse:
        count = 0

        def counter(
            execute: Any, sql: str, params: Any, many: bool, context: Any
        ) -> Any:
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response["X-Query-Count"] = str(count)
        return response

    return middleware

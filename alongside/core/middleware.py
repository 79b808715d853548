"""Request-wide behaviour: the member's time zone, private caching, what search
engines may list, second factors for moderators and admins, query counts."""

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


# The pages search engines may list, each as a signed-out visitor sees it; a
# group's page only while the group is listed. Everything else (every page seen
# signed in, everything inside a group, unlisted groups, errors, downloads and
# feeds) carries "noindex". /robots.txt (core.views) names the same pages.
PUBLIC_PAGES = frozenset(
    {
        "home",
        "safety:help",
        "findhelp:index",
        "findhelp:country",
        "privacy:notice",
        "groups:list",
        "groups:detail",
        "account_login",
        "account_signup",
    }
)
NOINDEX = "noindex, nofollow"


def is_public_page(request: HttpRequest, group: Any = None) -> bool:
    """Whether search engines may list this page: one of PUBLIC_PAGES, seen signed
    out, and, when the page is about a group, a listed one."""
    match = request.resolver_match
    if match is None or match.view_name not in PUBLIC_PAGES:
        return False
    if request.user.is_authenticated:
        return False
    return group is None or bool(getattr(group, "is_listed", False))


def search_engine_headers(get_response: Handler) -> Handler:
    """X-Robots-Tag: noindex on every response but a public page's (the base
    template adds the same rule's <meta name="robots">)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code != 200 or not is_public_page(request):
            response["X-Robots-Tag"] = NOINDEX
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
    staff. Either way the person is sent to set up an authenticator app; that page
    also offers a passkey, which counts the same (has_second_factor).
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
                "authenticator app or a passkey to continue."
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

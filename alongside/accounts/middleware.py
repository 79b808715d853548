"""Suspended members: signed out on their next request, and told until when."""

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

Handler = Callable[[HttpRequest], HttpResponse]


def suspended_until(user: object) -> datetime | None:
    """When the member's site-wide suspension ends, if it has not ended yet."""
    until = getattr(user, "suspended_until", None)
    if isinstance(until, datetime) and until > timezone.now():
        return until
    return None


def suspended_page(request: HttpRequest, until: datetime) -> HttpResponse:
    """The page a suspended member sees instead of signing in."""
    response = render(request, "accounts/suspended.html", {"until": until}, status=403)
    response["Cache-Control"] = "no-store"
    return response


def suspended_member_sign_out(get_response: Handler) -> Handler:
    """Sign out a member whose account is suspended, whatever page they ask for.

    Their sessions are ended when they are suspended; this catches any session
    that outlived that (or a store that cannot be searched by member).
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        until = suspended_until(user) if user.is_authenticated else None
        if until is None:
            return get_response(request)
        logout(request)
        return suspended_page(request, until)

    return middleware

"""Typed request for views that require a signed-in member."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from alongside.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: "User"
    htmx: HtmxDetails

"""Request-wide behaviour: the member's time zone, private caching, query counts."""

import zoneinfo
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

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

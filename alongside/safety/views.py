from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alongside.core.places import countries, country_choices

from .resources import support_for


def help_now(request: HttpRequest) -> HttpResponse:
    """Get help now: for everyone, signed in or not, with or without JavaScript."""
    asked = request.GET.get("country", "").upper()
    member_country = getattr(request.user, "country", "") or ""
    country = asked if asked in countries() else member_country
    show_all = request.GET.get("all") == "1"
    support = support_for(country, limit=None if show_all else 3)
    return render(
        request,
        "safety/help.html",
        {
            "support": support,
            "country_choices": country_choices(),
            "show_all": show_all,
        },
    )

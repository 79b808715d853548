"""Find professional help: kinds of help in a country and how to reach them."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from alongside.core.places import countries, country_choices

from .professional_help import help_in


def _page(request: HttpRequest, country: str, *, not_found: str = "") -> HttpResponse:
    return render(
        request,
        "resources/find_help.html",
        {
            "directory": help_in(country) if country else None,
            "country_choices": country_choices(),
            "not_found": not_found,
        },
    )


def find_help(request: HttpRequest) -> HttpResponse:
    """For everyone, signed in or not: the member's country, a chosen one, or a
    chooser. The member's own country stays out of the address."""
    asked = request.GET.get("country", "").strip()
    if asked:
        code = asked.upper()
        if code in countries():
            return redirect("findhelp:country", country=code.lower())
        return _page(request, "", not_found=asked[:40])
    member_country = getattr(request.user, "country", "") or ""
    return _page(request, member_country if member_country in countries() else "")


def find_help_in(request: HttpRequest, country: str) -> HttpResponse:
    """One country's page; the code may be written in either case."""
    code = country.upper()
    if code not in countries():
        raise Http404
    return _page(request, code)

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alongside.groups.queries import groups_of, invitations_for
from alongside.threads.queries import recent_threads_for


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    member = request.user
    return render(
        request,
        "core/home.html",
        {
            "groups": list(groups_of(member)),
            "invitations": list(invitations_for(member)),
            "recent": list(recent_threads_for(member)),
        },
    )

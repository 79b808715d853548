from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alongside.groups.queries import groups_of, invitations_for
from alongside.meetings.queries import meetings_today_for
from alongside.moderation.queries import support_messages_for
from alongside.threads.queries import recent_threads_for


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and uptime checks: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


# Crawlers may read the public pages (core.middleware.PUBLIC_PAGES) and the files
# they need to show them; nothing else. Every other page also says noindex.
ROBOTS_TXT = """\
User-agent: *
Allow: /$
Allow: /help/
Allow: /privacy/
Allow: /groups/
Allow: /accounts/login/
Allow: /accounts/signup/
Allow: /static/
Disallow: /
"""


def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")


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
            "support_messages": list(support_messages_for(member)),
            "meetings": meetings_today_for(member),
        },
    )

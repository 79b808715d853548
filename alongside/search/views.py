"""The search page."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString

from alongside.core.types import AuthenticatedRequest
from alongside.groups.models import Group
from alongside.safety.resources import support_for
from alongside.safety.service import SUPPORT_LEVELS, screen

from .forms import SearchForm
from .models import SearchEntry
from .queries import groups_to_search, results_page
from .text import highlight, snippet
from .words import Words

PAGE_SIZE = 20


@dataclass(frozen=True)
class Result:
    kind: str  # "thread", "reply" or "resource"
    url: str
    title: SafeString
    snippet: SafeString
    group: Group | None
    created_at: datetime
    content_note: str


def _result(entry: SearchEntry, words: Words) -> Result:
    found = words.highlights
    text = snippet(entry.body, found)
    resource, reply = entry.resource, entry.reply
    if resource is not None:
        return Result(
            "resource",
            resource.get_absolute_url(),
            highlight(resource.title, found),
            text,
            None,
            entry.created_at,
            "",
        )
    if reply is None:
        raise ValueError(f"{entry} has neither a reply nor a resource")
    thread = reply.thread
    url = thread.get_absolute_url()
    if not reply.is_opening:
        # The thread's page from this reply on, so it is there whatever its page.
        url += f"?after={reply.pk - 1}#reply-{reply.pk}"
    return Result(
        "thread" if reply.is_opening else "reply",
        url,
        highlight(thread.title, found),
        text,
        thread.group,
        entry.created_at,
        reply.content_warning,
    )


def _support_panel(
    request: AuthenticatedRequest, text: str
) -> dict[str, object] | None:
    """Ways to talk to someone now, above the results, when the words sound like
    someone in crisis. Nothing is recorded and nobody is told."""
    if not text:
        return None
    outcome = screen(text)
    if outcome.crisis not in SUPPORT_LEVELS:
        return None
    return {"outcome": outcome, "support": support_for(request.user.country)}


@login_required
def search_page(request: AuthenticatedRequest) -> HttpResponse:
    groups = groups_to_search(request.user)
    form = SearchForm(request.GET, groups=groups)
    page = results_page(
        request.user,
        form.filters,
        now=timezone.now(),
        page=request.GET.get("page"),
        per_page=PAGE_SIZE,
    )
    words = form.filters.words
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "page": page,
            "results": [_result(entry, words) for entry in page.entries],
            "searched": bool(form.text),
            "understood": bool(words),
            "has_groups": bool(groups),
            "search_query": urlencode(form.query),
            "support_panel": _support_panel(request, form.text),
        },
    )

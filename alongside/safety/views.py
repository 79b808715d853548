from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from alongside.core.places import countries, country_choices

from .resources import support_for
from .service import screen

PREVIEW_LIMIT = 20000
# The labels a writer can give a post (threads' Reply.Claim) that frame a
# treatment claim already: as their own experience, or as sourced information.
FRAMED_CLAIMS = frozenset({"experience", "information"})


def _highlight(text: str, spans: tuple[tuple[str, int, int], ...]) -> SafeString:
    """The text, escaped, with each personal-information span inside <mark>."""
    parts: list[str] = []
    position = 0
    for _kind, start, end in sorted(spans, key=lambda span: span[1]):
        if start < position:
            continue
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 - escaped above


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


@login_required
@require_POST
def composer_preview(request: HttpRequest) -> HttpResponse:
    """The composer's findings panel: what the checks see while a member writes."""
    body = request.POST.get("body", "")[:PREVIEW_LIMIT]
    title = request.POST.get("title", "")[:200]
    outcome = screen(body)
    title_outcome = screen(title) if title else None
    if title_outcome is not None:
        outcome = type(outcome)(
            crisis=outcome.crisis,
            pii=outcome.pii,
            health_claim=outcome.health_claim or title_outcome.health_claim,
            self_harm=outcome.self_harm or title_outcome.self_harm,
            failed=outcome.failed,
        )
    content_warning = request.POST.get("content_warning", "").strip()
    # Labelled as experience or as sourced information: the writer has framed it.
    claim_framed = request.POST.get("claim", "") in FRAMED_CLAIMS
    count = (
        bool(outcome.pii)
        + bool(outcome.self_harm and not content_warning)
        + bool(outcome.health_claim and not claim_framed)
    )
    return render(
        request,
        "safety/_findings.html",
        {
            "outcome": outcome,
            "highlighted": _highlight(body, outcome.pii),
            "content_warning": content_warning,
            "claim_framed": claim_framed,
            "count": count,
            "field_id": "id_body",
            "spans": [[start, end] for _kind, start, end in outcome.pii],
        },
    )

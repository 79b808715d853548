"""The member's check-ins, support list, suggestion and check-back, for the pages
that show them: the balance page (`{% support_section %}`) and the home page
(`{% check_back_prompt %}`). Each costs a fixed number of queries."""

from typing import Any

from django import template
from django.utils import timezone

from ..checkin_chart import trend_of
from ..checkin_forms import CheckInForm, SuggestionsForm
from ..support import (
    check_back_due,
    professional_help_url,
    support_contacts_of,
    support_prompts,
)

register = template.Library()


def _member(context: template.Context) -> Any:
    user = context.get("user")
    return user if getattr(user, "is_authenticated", False) else None


@register.inclusion_tag("wellbeing/checkins/_section.html", takes_context=True)
def support_section(context: template.Context) -> dict[str, Any]:
    """Check-ins, the support list, the suggestion and the check-back: five
    queries, whatever there is."""
    member = _member(context)
    if member is None:
        return {"member": None}
    request = context.get("request")
    now = timezone.now()
    prompts = support_prompts(member, now)
    here = getattr(request, "path", "")
    skipped = getattr(request, "GET", {}).get("checkin") == "skip"
    return {
        "member": member,
        "user": member,
        "csrf_token": context.get("csrf_token"),
        "here": here,
        "prompts": prompts,
        "trend": trend_of(member, now),
        "contacts": support_contacts_of(member),
        "professional_help_url": professional_help_url(member),
        "checkin_form": CheckInForm(initial={"next": here}),
        "skipped": skipped,
        "suggestions_form": SuggestionsForm(
            initial={"suggest_support": prompts.suggestions_on, "next": here}
        ),
    }


@register.inclusion_tag("wellbeing/checkins/_check_back.html", takes_context=True)
def check_back_prompt(context: template.Context) -> dict[str, Any]:
    """The check-back, when one is due; one query."""
    member = _member(context)
    request = context.get("request")
    return {
        "csrf_token": context.get("csrf_token"),
        "here": getattr(request, "path", ""),
        "check_back": member is not None and check_back_due(member, timezone.now()),
    }

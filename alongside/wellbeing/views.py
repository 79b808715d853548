"""The member's own balance pages: only they ever reach them."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.types import AuthenticatedRequest

from .charts import day_chart, group_chart, groups_sentence, week_sentence
from .limit_forms import LimitsForm
from .limits import (
    answer_nudge,
    limits_of,
    nudge_due,
    quiet_hours_of,
    set_limits,
)
from .time import record_activity, week_for, zone_of

HOME = "/"


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or "")
    except ValueError:
        return default


def _next_path(request: HttpRequest, value: str | None) -> str:
    """A path on this site to go back to; anything else goes home."""
    if (
        not value
        or not value.startswith("/")
        or value.startswith(reverse("wellbeing:break"))
        or not url_has_allowed_host_and_scheme(
            value,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        )
    ):
        return HOME
    return value


@login_required
def balance(request: AuthenticatedRequest) -> HttpResponse:
    member = request.user
    week = week_for(member, timezone.now())
    limits = limits_of(member)
    return render(
        request,
        "wellbeing/balance.html",
        {
            "week": week,
            "sentence": week_sentence(week),
            "days": day_chart(week),
            "groups": group_chart(week),
            "groups_sentence": groups_sentence(week),
            "limits": limits,
            "quiet": quiet_hours_of(member, limits) if limits else None,
            "member": member,
        },
    )


@login_required
def limits_form(request: AuthenticatedRequest) -> HttpResponse:
    member = request.user
    limits = limits_of(member)
    initial = {}
    if limits is not None:
        initial = {
            "daily_minutes": limits.daily_minutes or "",
            "break_after_minutes": limits.break_after_minutes or "",
            "quiet_from": limits.quiet_from,
            "quiet_until": limits.quiet_until,
        }
    form = LimitsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        set_limits(member=member, **form.cleaned_data)
        messages.success(request, _("Your reminders are saved."))
        return redirect("wellbeing:balance")
    return render(
        request,
        "wellbeing/limits.html",
        {"form": form, "zone": zone_of(member)},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def beat(request: AuthenticatedRequest) -> JsonResponse:
    """A page in use says so once a slot; the answer says if a nudge is due."""
    member = request.user
    now = timezone.now()
    counted = record_activity(
        member=member,
        now=now,
        idle=_int(request.POST.get("idle"), -1),
        group_slug=request.POST.get("group", "")[:80],
    )
    nudge = nudge_due(member, now) if counted else None
    url = None
    if nudge is not None:
        back = _next_path(request, request.POST.get("path"))
        url = f"{reverse('wellbeing:break')}?{urlencode({'next': back})}"
    return JsonResponse(
        {"counted": counted, "nudge": nudge.kind if nudge else None, "url": url}
    )


@login_required
def nudge(request: AuthenticatedRequest) -> HttpResponse:
    """The break screen: the member's own nudge, answered either way in one tap."""
    member = request.user
    back = _next_path(request, request.POST.get("next") or request.GET.get("next"))
    now = timezone.now()
    if request.method == "POST":
        answer_nudge(member=member, now=now)
        if request.POST.get("choice") == "break":
            return redirect("wellbeing:break_taken")
        return redirect(back)
    due = nudge_due(member, now)
    if due is None:
        return redirect(back)
    return render(
        request,
        "wellbeing/break.html",
        {"nudge": due, "next": back, "no_interrupt": True},
    )


@login_required
def break_taken(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "wellbeing/break_taken.html", {"no_interrupt": True})

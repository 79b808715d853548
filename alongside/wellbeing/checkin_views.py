"""Check-ins, the member's support outside Alongside, and the check-back: pages
only their member ever reaches (anyone else's answer 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import ActionRefused
from alongside.core.types import AuthenticatedRequest
from alongside.safety.resources import support_for

from . import checkins as checkin_actions
from . import support as support_actions
from .checkin_chart import trend_of
from .checkin_forms import (
    CheckBackForm,
    CheckInForm,
    SuggestionsForm,
    SupportContactForm,
)
from .models import CheckBack


def balance_url() -> str:
    """The member's balance page, where these pages belong."""
    return reverse("wellbeing:balance")


def _back(request: AuthenticatedRequest, asked: str | None, default: str) -> str:
    """The page a form came from, if it is a page of this site; else `default`."""
    if (
        asked
        and asked.startswith("/")
        and url_has_allowed_host_and_scheme(
            asked, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return asked
    return default


def _number(value: str | None) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def _support_panel(request: AuthenticatedRequest) -> dict[str, object] | None:
    """The help panel after a check-in whose note sounded like things are hard."""
    checkin_id = _number(request.GET.get("support"))
    if not checkin_id:
        return None
    outcome = checkin_actions.support_after_checkin(request.user, checkin_id)
    if outcome is None:
        return None
    return {
        "outcome": outcome,
        "support": support_for(request.user.country),
        "checkin_id": checkin_id,
    }


def _page_context(request: AuthenticatedRequest) -> dict[str, object]:
    """What the check-ins and support pages show around their forms."""
    now = timezone.now()
    return {
        "prompts": support_actions.support_prompts(request.user, now),
        "professional_help_url": support_actions.professional_help_url(request.user),
        "balance_url": balance_url(),
    }


# ---------------------------------------------------------------------------
# Check-ins


@login_required
def checkins(request: AuthenticatedRequest) -> HttpResponse:
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = checkin_actions.record_checkin(
                member=request.user,
                mood=form.cleaned_data["mood"],
                note=form.cleaned_data["note"],
                connected_offline=form.offline_answer(),
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            if recorded.outcome.needs_support:
                url = reverse("wellbeing:checkins")
                return redirect(f"{url}?support={recorded.checkin.pk}#support")
            messages.success(request, _("Thanks for checking in."))
            default = reverse("wellbeing:checkins")
            return redirect(_back(request, form.cleaned_data["next"], default))
    page = checkin_actions.checkins_of(
        request.user, before=_number(request.GET.get("before"))
    )
    return render(
        request,
        "wellbeing/checkins/checkins.html",
        {
            "form": form,
            "page": page,
            "trend": trend_of(request.user, timezone.now()),
            "contacts": support_actions.support_contacts_of(request.user),
            "support_panel": _support_panel(request),
            **_page_context(request),
        },
        status=422 if form.errors else 200,
    )


@login_required
def checkin_delete(request: AuthenticatedRequest, checkin_id: int) -> HttpResponse:
    checkin = checkin_actions.access_checkin(request.user, checkin_id)
    if request.method == "POST":
        checkin_actions.delete_checkin(member=request.user, checkin=checkin)
        messages.success(request, _("That check-in is deleted."))
        return redirect("wellbeing:checkins")
    return render(
        request,
        "wellbeing/checkins/checkin_delete.html",
        {"entry": checkin_actions.opened(checkin)},
    )


# ---------------------------------------------------------------------------
# Support outside Alongside


def _contact_fields(form: SupportContactForm) -> dict[str, str]:
    return {
        "kind": form.cleaned_data["kind"],
        "name": form.cleaned_data["name"],
        "how": form.cleaned_data["how"],
    }


@login_required
def support(request: AuthenticatedRequest) -> HttpResponse:
    form = SupportContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            support_actions.add_support_contact(
                member=request.user, **_contact_fields(form)
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Added to your list."))
            return redirect("wellbeing:support")
    return render(
        request,
        "wellbeing/checkins/support.html",
        {
            "form": form,
            "contacts": support_actions.support_contacts_of(request.user),
            **_page_context(request),
        },
        status=422 if form.errors else 200,
    )


@login_required
def support_edit(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = support_actions.access_support_contact(request.user, contact_id)
    current = support_actions.opened_contact(contact)
    initial = {"kind": contact.kind, "name": current.name, "how": current.how}
    form = SupportContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            support_actions.change_support_contact(
                member=request.user, contact=contact, **_contact_fields(form)
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Your list is saved."))
            return redirect("wellbeing:support")
    return render(
        request,
        "wellbeing/checkins/support_edit.html",
        {"form": form, "contact": current},
        status=422 if form.errors else 200,
    )


@login_required
def support_delete(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = support_actions.access_support_contact(request.user, contact_id)
    if request.method == "POST":
        support_actions.delete_support_contact(member=request.user, contact=contact)
        messages.success(request, _("Taken off your list."))
        return redirect("wellbeing:support")
    return render(
        request,
        "wellbeing/checkins/support_delete.html",
        {"contact": support_actions.opened_contact(contact)},
    )


@login_required
def support_options(request: AuthenticatedRequest) -> HttpResponse:
    """Ways to find support: professional help where the member lives, their own
    list, and help right now."""
    return render(
        request,
        "wellbeing/checkins/support_options.html",
        {
            "contacts": support_actions.support_contacts_of(request.user),
            "professional_help_url": support_actions.professional_help_url(
                request.user
            ),
            "balance_url": balance_url(),
        },
    )


@login_required
@require_POST
def suggestions(request: AuthenticatedRequest) -> HttpResponse:
    form = SuggestionsForm(request.POST)
    form.is_valid()  # a checkbox: absent means off
    support_actions.set_support_suggestions(
        member=request.user, on=bool(form.cleaned_data.get("suggest_support"))
    )
    messages.success(request, _("Your choice is saved."))
    return redirect(_back(request, form.cleaned_data.get("next"), balance_url()))


@login_required
@require_POST
def check_back(request: AuthenticatedRequest) -> HttpResponse:
    now = timezone.now()
    concerns = support_actions.access_check_back(request.user, now)
    form = CheckBackForm(request.POST)
    back = _back(request, request.POST.get("next"), reverse("home"))
    if not form.is_valid():
        messages.info(request, _("We couldn't save your answer. Please try again."))
        return redirect(back)
    answer = form.cleaned_data["answer"]
    support_actions.answer_check_back(
        member=request.user, concerns=concerns, answer=answer, now=now
    )
    if answer == CheckBack.Answer.NOT_YET:
        return redirect("wellbeing:support_options")
    if answer == CheckBack.Answer.YES:
        messages.success(request, _("Thanks for letting us know. Take care."))
    return redirect(back)

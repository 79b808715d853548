"""Email settings, and the stop link in every email."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alongside.core.types import AuthenticatedRequest
from alongside.wellbeing.limits import quiet_hours_of

from .email import (
    choice_for_stop_token,
    email_choice_of,
    set_email_choice,
    stop_emails,
)
from .email_forms import EmailChoiceForm


@login_required
def email_settings(request: AuthenticatedRequest) -> HttpResponse:
    member = request.user
    choice = email_choice_of(member)
    form = EmailChoiceForm(
        request.POST or None,
        initial={"mode": choice.mode, "include_details": choice.include_details},
    )
    if request.method == "POST" and form.is_valid():
        set_email_choice(
            member=member,
            mode=form.cleaned_data["mode"],
            include_details=form.cleaned_data["include_details"],
        )
        messages.success(request, _("Your email choice is saved."))
        return redirect("notifications:email_settings")
    return render(
        request,
        "notifications/email/settings.html",
        {
            "form": form,
            "has_email": bool(member.email),
            "quiet": quiet_hours_of(member),
        },
        status=422 if form.errors else 200,
    )


# Mail apps stop the emails with a POST carrying no cookie or form token (RFC 8058),
# so this one form is not CSRF-checked: its signed link is the key, and all it can
# do is turn emails off. A GET only asks.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def email_stop(request: HttpRequest, token: str) -> HttpResponse:
    choice = choice_for_stop_token(token)
    if choice is None:
        return render(request, "notifications/email/stop_unknown.html", status=404)
    if request.method == "POST":
        stop_emails(choice=choice)
        return render(request, "notifications/email/stopped.html")
    return render(request, "notifications/email/stop.html", {"choice": choice})

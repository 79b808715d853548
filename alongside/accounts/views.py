import zoneinfo
from datetime import datetime, timedelta
from typing import Any

from allauth.usersessions.views import ListUserSessionsView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic.edit import FormView

from alongside.core.types import AuthenticatedRequest
from alongside.groups.queries import access_profile, shared_groups
from alongside.moderation.queries import choices_about

from .actions import update_profile
from .deletion import cancel_account_deletion, request_account_deletion
from .forms import DeleteAccountForm, ProfileForm
from .models import AccountDeletion
from .sessions import devices_of


def profile(request: HttpRequest, username: str) -> HttpResponse:
    person = access_profile(request.user, username)
    is_self = request.user.is_authenticated and request.user.pk == person.pk
    groups = shared_groups(request.user, person)
    # Only the viewer's own choices about this person: never the other way round.
    choices = (
        None
        if is_self or not request.user.is_authenticated
        else choices_about(request.user, person)
    )
    return render(
        request,
        "accounts/profile.html",
        {"person": person, "is_self": is_self, "groups": groups, "choices": choices},
    )


@login_required
def profile_edit(request: AuthenticatedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, member=request.user)
    if request.method == "POST" and form.is_valid():
        update_profile(
            member=request.user,
            **{name: form.cleaned_data[name] for name in ProfileForm.FIELDS},
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile", username=request.user.username)
    return render(request, "accounts/profile_edit.html", {"form": form})


# ---------------------------------------------------------------------------
# Where you're signed in


class SessionsView(ListUserSessionsView):  # type: ignore[misc]
    """allauth's sessions page (its form signs out every other session), listing
    without allauth's tidying of ended sessions on each visit: a GET never writes."""

    template_name = "accounts/sessions.html"
    success_url = reverse_lazy("accounts:sessions")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = FormView.get_context_data(self, **kwargs)
        devices = devices_of(self.request, self.request.user)
        context["devices"] = devices
        context["others"] = sum(not device.is_current for device in devices)
        context["retain_days"] = settings.ALONGSIDE_RETAIN_IP_DAYS
        return context


sessions = SessionsView.as_view()


# ---------------------------------------------------------------------------
# Deleting your account (accounts/deletion.py)

# Set in the session of someone who just signed in with the password of an account
# set to be deleted: for a short while, they may keep it.
PENDING_DELETION = "alongside_pending_deletion"
PENDING_CHOICE_TIME = timedelta(minutes=15)


@login_required
def delete_account(request: AuthenticatedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, request=request, member=request.user)
    if request.method == "POST" and form.is_valid():
        request_account_deletion(member=request.user, posts=form.cleaned_data["posts"])
        logout(request)
        return redirect("accounts:deleted")
    return render(
        request,
        "accounts/delete.html",
        {"form": form, "grace_days": settings.ALONGSIDE_DELETION_GRACE_DAYS},
        status=422 if form.errors else 200,
    )


def account_deleted(request: HttpRequest) -> HttpResponse:
    """Where someone lands after closing their account (they are signed out)."""
    return render(
        request,
        "accounts/deleted.html",
        {"grace_days": settings.ALONGSIDE_DELETION_GRACE_DAYS},
    )


def deletion_pending_page(
    request: HttpRequest, deletion: AccountDeletion, *, time_zone: str
) -> HttpResponse:
    """Shown instead of signing in, to the holder of an account set to be deleted:
    keep it, or let the deletion go ahead. Called once the password (or passkey)
    has been checked, so it tells nothing to anyone else."""
    request.session[PENDING_DELETION] = {
        "member": deletion.member_id,
        "shown_at": timezone.now().isoformat(),
    }
    try:
        zone = zoneinfo.ZoneInfo(time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    with timezone.override(zone):  # the date in their own time, though signed out
        response = render(
            request, "accounts/deletion_pending.html", {"deletion": deletion}
        )
    response["Cache-Control"] = "no-store"
    return response


def _pending_member_id(request: HttpRequest) -> int | None:
    """The account this browser just proved it holds, while the choice is open."""
    pending = request.session.pop(PENDING_DELETION, None)
    if not isinstance(pending, dict):
        return None
    try:
        shown_at = datetime.fromisoformat(pending["shown_at"])
        member_id = int(pending["member"])
    except (KeyError, TypeError, ValueError):
        return None
    if timezone.now() - shown_at > PENDING_CHOICE_TIME:
        return None
    return member_id


@require_POST
def keep_account(request: HttpRequest) -> HttpResponse:
    member_id = _pending_member_id(request)
    if member_id is not None and cancel_account_deletion(member_id=member_id):
        messages.success(
            request, _("Your account is staying. Sign in again to carry on.")
        )
    else:
        messages.info(request, _("Sign in again to keep your account."))
    return redirect("account_login")


@require_POST
def continue_deletion(request: HttpRequest) -> HttpResponse:
    if _pending_member_id(request) is None:
        return redirect("account_login")
    return redirect("accounts:deleted")

from typing import Any

from allauth.usersessions.views import ListUserSessionsView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic.edit import FormView

from alongside.core.types import AuthenticatedRequest
from alongside.groups.queries import access_profile, shared_groups
from alongside.moderation.queries import choices_about

from .actions import update_profile
from .forms import ProfileForm
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

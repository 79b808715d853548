from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alongside.core.types import AuthenticatedRequest
from alongside.groups.queries import access_profile, shared_groups

from .actions import update_profile
from .forms import ProfileForm


def profile(request: HttpRequest, username: str) -> HttpResponse:
    person = access_profile(request.user, username)
    is_self = request.user.is_authenticated and request.user.pk == person.pk
    groups = shared_groups(request.user, person)
    return render(
        request,
        "accounts/profile.html",
        {"person": person, "is_self": is_self, "groups": groups},
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

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import ActionRefused
from alongside.core.types import AuthenticatedRequest

from . import actions
from .forms import ReachOutForm, ResolveForm
from .queries import access_flag, access_queue, open_flags_in


@login_required
def queue(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_queue(request.user, slug)
    flags = open_flags_in(access.group)
    return render(
        request,
        "moderation/queue.html",
        {"group": access.group, "flags": flags, "resolve_form": ResolveForm()},
    )


@login_required
def flag_reach_out(
    request: AuthenticatedRequest, slug: str, flag_id: int
) -> HttpResponse:
    access = access_queue(request.user, slug)
    flag = access_flag(access, flag_id)
    form = ReachOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.reach_out(
                moderator=request.user, flag=flag, body=form.cleaned_data["body"]
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Your message is sent. The item is closed."))
            return redirect("moderation:queue", slug=slug)
    return render(
        request,
        "moderation/reach_out.html",
        {"group": access.group, "flag": flag, "form": form},
    )


@login_required
@require_POST
def flag_resolve(
    request: AuthenticatedRequest, slug: str, flag_id: int
) -> HttpResponse:
    access = access_queue(request.user, slug)
    flag = access_flag(access, flag_id)
    form = ResolveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    actions.resolve_flag(
        moderator=request.user, flag=flag, resolution="left_up", reason=reason
    )
    messages.success(request, _("Done. The post stays up and the item is closed."))
    return redirect("moderation:queue", slug=slug)

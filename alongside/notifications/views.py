"""The notification pages: the list, marking read, follows and levels."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import ActionRefused
from alongside.core.types import AuthenticatedRequest
from alongside.groups.queries import access_group_as_member
from alongside.threads.queries import access_thread

from . import actions
from .counts import unread_count
from .forms import GroupLevelForm, LevelsForm
from .lines import lines_for, target_of
from .queries import access_notification, levels_of, notifications_page


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    page = notifications_page(request.user, cursor=request.GET.get("before", ""))
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "lines": lines_for(page.notifications),
            "unread": unread_count(request.user.pk),
        },
    )


@login_required
@require_POST
def notification_open(
    request: AuthenticatedRequest, notification_id: int
) -> HttpResponse:
    """Mark it read and go to what it is about (which checks access again)."""
    notification = access_notification(request.user, notification_id)
    actions.mark_read(member=request.user, notification=notification)
    return HttpResponseRedirect(target_of(notification))


@login_required
@require_POST
def notification_read(
    request: AuthenticatedRequest, notification_id: int
) -> HttpResponse:
    notification = access_notification(request.user, notification_id)
    actions.mark_read(member=request.user, notification=notification)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: AuthenticatedRequest) -> HttpResponse:
    if actions.mark_all_read(member=request.user):
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def notification_settings(request: AuthenticatedRequest) -> HttpResponse:
    form = LevelsForm(
        request.POST if request.method == "POST" else None,
        choices=levels_of(request.user),
    )
    if request.method == "POST" and form.is_valid():
        actions.set_group_levels(member=request.user, levels=form.levels())
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def group_level(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    form = GroupLevelForm(request.POST)
    if form.is_valid():
        actions.set_group_level(
            member=request.user, group=access.group, level=form.cleaned_data["level"]
        )
        messages.success(
            request,
            _("Saved. You'll hear about %(group)s: %(level)s.")
            % {
                "group": access.group.name,
                "level": dict(form.fields["level"].choices)[  # type: ignore[attr-defined]
                    form.cleaned_data["level"]
                ],
            },
        )
    else:
        messages.info(request, _("Choose how often to hear about new posts."))
    return HttpResponseRedirect(access.group.get_absolute_url() + "#notify-level")


@login_required
@require_POST
def thread_follow(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id)
    try:
        actions.follow_thread(member=request.user, thread=access.thread)
    except ActionRefused as refusal:
        messages.info(request, refusal.message)
    else:
        messages.success(
            request,
            _("You're following this thread. We'll tell you about new replies."),
        )
    return redirect(access.thread)


@login_required
@require_POST
def thread_unfollow(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id)
    try:
        actions.stop_following_thread(member=request.user, thread=access.thread)
    except ActionRefused as refusal:
        messages.info(request, refusal.message)
    else:
        messages.success(
            request,
            _(
                "You've stopped following this thread. If someone mentions you, "
                "we'll still tell you."
            ),
        )
    return redirect(access.thread)

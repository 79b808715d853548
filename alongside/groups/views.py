from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import ActionRefused
from alongside.core.types import AuthenticatedRequest
from alongside.meetings.queries import meeting_summary_in
from alongside.moderation.actions import set_first_post_hold
from alongside.moderation.queries import open_flag_count
from alongside.notifications.actions import set_group_level
from alongside.notifications.forms import GroupLevelForm
from alongside.threads.queries import threads_in

from . import actions
from .forms import (
    DirectorySearchForm,
    GroupSettingsForm,
    InviteForm,
    JoinRequestForm,
)
from .permissions import can_manage_members, can_moderate
from .queries import (
    access_group,
    access_group_as_member,
    access_join_request,
    facilitators_in,
    groups_in_directory,
    members_in,
    pending_requests_in,
)


def group_list(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    groups = list(groups_in_directory(request.user, search))
    return render(
        request,
        "groups/group_list.html",
        {"groups": groups, "form": form, "search": search},
    )


def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_group(request.user, slug)
    group = access.group
    context = {
        "group": group,
        "access": access,
        "membership": access.membership,
        "facilitators": facilitators_in(group),
        "can_manage": can_manage_members(access.membership),
    }
    if access.is_member:
        waiting = request.GET.get("filter") == "waiting"
        context["page"] = threads_in(
            group,
            membership=access.membership,
            cursor=request.GET.get("before", ""),
            waiting=waiting,
        )
        context["waiting"] = waiting
        context["meeting_summary"] = meeting_summary_in(group, member=request.user)
        if can_manage_members(access.membership):
            context["pending_count"] = pending_requests_in(group).count()
        if access.membership is not None and can_moderate(access.membership):
            context["queue_count"] = open_flag_count(group, access.membership.member_id)
    return render(request, "groups/group_detail.html", context)


@login_required
@require_POST
def group_join(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group(request.user, slug)
    try:
        actions.join_group(member=request.user, group=access.group)
    except ActionRefused as refusal:
        messages.info(request, refusal.message)
        return redirect("groups:request", slug=slug)
    # "How often should we tell you about new posts?", asked beside the button.
    level = GroupLevelForm(request.POST)
    if "level" in request.POST and level.is_valid():
        set_group_level(
            member=request.user, group=access.group, level=level.cleaned_data["level"]
        )
    messages.success(
        request,
        _("You've joined %(group)s. There's no rush to post.")
        % {"group": access.group},
    )
    return redirect(access.group)


@login_required
@require_POST
def group_leave(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    actions.leave_group(member=request.user, group=access.group)
    messages.success(
        request,
        _("You've left %(group)s. Your posts stay unless you delete them.")
        % {"group": access.group},
    )
    if access.group.is_listed:
        return redirect(access.group)
    return redirect("groups:list")


@login_required
def group_request(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group(request.user, slug)
    group = access.group
    if access.is_member:
        return redirect(group)
    initial = (
        {"answer": access.pending_request.answer} if access.pending_request else None
    )
    form = JoinRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_to_join(
                member=request.user, group=group, answer=form.cleaned_data["answer"]
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Thanks. A facilitator will look at your request soon."),
            )
            return redirect(group)
    return render(
        request,
        "groups/group_request.html",
        {"group": group, "form": form, "access": access},
    )


@login_required
@require_POST
def group_withdraw(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group(request.user, slug)
    actions.withdraw_join_request(member=request.user, group=access.group)
    messages.success(request, _("Your request is withdrawn."))
    return redirect(access.group)


@login_required
@require_POST
def invitation_decline(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group(request.user, slug)
    actions.decline_invitation(member=request.user, group=access.group)
    messages.success(request, _("You've said no to the invitation."))
    return redirect("home")


@login_required
def group_members(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    group = access.group
    context = {
        "group": group,
        "members": members_in(group),
        "membership": access.membership,
        "can_manage": can_manage_members(access.membership),
    }
    return render(request, "groups/group_members.html", context)


@login_required
def group_requests(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    if not can_manage_members(access.membership):
        return redirect(access.group)
    context = {"group": access.group, "requests": pending_requests_in(access.group)}
    return render(request, "groups/group_requests.html", context)


@login_required
@require_POST
def group_request_decide(
    request: AuthenticatedRequest, slug: str, request_id: int
) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    if not can_manage_members(access.membership):
        return redirect(access.group)
    join_request = access_join_request(access.group, request_id)
    name = join_request.member.public_name
    if request.POST.get("decision") == "approve":
        actions.approve_join_request(decider=request.user, join_request=join_request)
        messages.success(request, _("%(name)s is now a member.") % {"name": name})
    else:
        actions.decline_join_request(decider=request.user, join_request=join_request)
        messages.success(request, _("You said no to %(name)s.") % {"name": name})
    return redirect("groups:requests", slug=slug)


@login_required
def group_invite(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    if not can_manage_members(access.membership):
        return redirect(access.group)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.invite_member(
                inviter=request.user,
                group=access.group,
                username=form.cleaned_data["username"],
            )
        except ActionRefused as refusal:
            form.add_error("username", refusal.message)
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("groups:members", slug=slug)
    return render(
        request, "groups/group_invite.html", {"group": access.group, "form": form}
    )


@login_required
def group_settings(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    group = access.group
    if not can_manage_members(access.membership):
        return redirect(group)
    # An unticked box sends nothing: a POST is bound even when it looks empty.
    form = GroupSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"holds_first_posts": group.holds_first_posts},
    )
    if request.method == "POST" and form.is_valid():
        try:
            set_first_post_hold(
                changer=request.user,
                group=group,
                holds=form.cleaned_data["holds_first_posts"],
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The group's settings are saved."))
            return redirect("groups:settings", slug=slug)
    return render(
        request,
        "groups/group_settings.html",
        {
            "group": group,
            "form": form,
            "can_moderate": can_moderate(access.membership),
        },
    )

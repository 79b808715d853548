import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import ActionRefused
from alongside.core.types import AuthenticatedRequest
from alongside.groups.permissions import can_host
from alongside.groups.queries import access_group_as_member
from alongside.safety.resources import support_for
from alongside.safety.service import Outcome

from . import actions
from .forms import HostForm, MessageForm
from .models import ChatMessage, Room
from .queries import messages_before, presence_in


def _int(value: str | None) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


@login_required
def room(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    group = access.group
    before = _int(request.GET.get("before"))
    history = messages_before(group, before or None)
    support = None
    support_seq = _int(request.GET.get("support"))
    if support_seq:
        mine = ChatMessage.objects.filter(
            group=group, seq=support_seq, author=request.user
        ).first()
        if mine is not None and Outcome.from_findings(mine.findings).needs_support:
            support = {
                "outcome": Outcome.from_findings(mine.findings),
                "support": support_for(request.user.country),
            }
    form = MessageForm(initial={"client_id": uuid.uuid4()})
    return render(
        request,
        "chat/room.html",
        {
            "room": Room.objects.select_related("pinned__author")
            .filter(pk=group.pk)
            .first(),
            "can_host": can_host(access.membership),
            "host_form": HostForm(),
            "group": group,
            "messages_page": history,
            "earlier": history[0].seq if history and history[0].seq > 1 else None,
            "last_seq": history[-1].seq if history else 0,
            "is_latest": not before,
            "presence": presence_in(group.pk),
            "form": form,
            "support": support,
        },
    )


@login_required
@require_POST
def room_send(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Sending without JavaScript: store, then show the room again."""
    access = access_group_as_member(request.user, slug)
    form = MessageForm(request.POST)
    url = reverse("chat:room", kwargs={"slug": slug})
    if form.is_valid():
        try:
            sent = actions.send_chat_message(
                author=request.user,
                group=access.group,
                client_id=form.cleaned_data["client_id"],
                body=form.cleaned_data["body"],
            )
        except ActionRefused as refusal:
            form.add_error("body", refusal.message)
        else:
            if sent.outcome.needs_support:
                return HttpResponseRedirect(f"{url}?support={sent.message.seq}#support")
            return HttpResponseRedirect(f"{url}#message-{sent.message.seq}")
    history = messages_before(access.group, None)
    return render(
        request,
        "chat/room.html",
        {
            "group": access.group,
            "messages_page": history,
            "earlier": history[0].seq if history and history[0].seq > 1 else None,
            "last_seq": history[-1].seq if history else 0,
            "is_latest": True,
            "presence": presence_in(access.group.pk),
            "form": form,
            "support": None,
        },
        status=422,
    )


@login_required
@require_POST
def room_host(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The host's controls: meeting mode, slow mode, pin, pause a member."""
    access = access_group_as_member(request.user, slug)
    group = access.group
    form = HostForm(request.POST)
    url = reverse("chat:room", kwargs={"slug": slug})
    if not form.is_valid():
        messages.error(request, _("That didn't work. Please try again."))
        return HttpResponseRedirect(url)
    data = form.cleaned_data
    host = request.user
    try:
        match data["action"]:
            case "start":
                actions.start_meeting(host=host, group=group)
                messages.success(request, _("Meeting mode is on."))
            case "end":
                actions.end_meeting(host=host, group=group)
                messages.success(
                    request, _("The meeting has ended. Thank you for hosting.")
                )
            case "slow":
                actions.set_slow_mode(
                    host=host, group=group, seconds=data["seconds"] or 0
                )
            case "pin":
                actions.pin_message(host=host, group=group, seq=data["seq"])
            case "unpin":
                actions.pin_message(host=host, group=group, seq=None)
            case "mute":
                message = ChatMessage.objects.filter(
                    group=group, seq=data["seq"]
                ).first()
                if message is None or message.author is None:
                    raise ActionRefused(_("We couldn't find that message."))
                actions.mute_for_meeting(
                    host=host, group=group, member=message.author, reason=data["reason"]
                )
                messages.success(
                    request,
                    _("%(name)s's messages are paused until the meeting ends.")
                    % {"name": message.author.public_name},
                )
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    return HttpResponseRedirect(url)


@login_required
def room_state(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The meeting banner and pinned message, for live updates of the room page."""
    access = access_group_as_member(request.user, slug)
    room = (
        Room.objects.select_related("pinned__author").filter(pk=access.group.pk).first()
    )
    return render(
        request,
        "chat/_state.html",
        {"room": room, "group": access.group, "can_host": can_host(access.membership)},
    )

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import ActionRefused
from alongside.core.types import AuthenticatedRequest
from alongside.groups.models import Membership
from alongside.groups.permissions import can_host, can_moderate, is_muted
from alongside.groups.queries import access_group_as_member
from alongside.moderation.actions import muted_notice
from alongside.moderation.forms import ModerationReasonForm
from alongside.moderation.pages import action_page
from alongside.moderation.queries import access_queue
from alongside.safety.resources import support_for
from alongside.safety.service import Outcome

from . import actions
from .forms import HostForm, MessageForm
from .models import ChatMessage, Room
from .queries import (
    messages_before,
    moderated_message,
    own_hidden_message,
    presence_in,
)


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
    moderating = can_moderate(access.membership)
    history = messages_before(
        group, before or None, viewer=request.user, include_hidden=moderating
    )
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
    # Back from "Change your message and send it again": their words, in the box.
    resend_seq = _int(request.GET.get(actions.RESEND))
    resend = own_hidden_message(request.user, group, resend_seq) if resend_seq else None
    initial: dict[str, object] = {"client_id": uuid.uuid4()}
    if resend is not None:
        initial["body"] = resend.body
    form = MessageForm(initial=initial)
    return render(
        request,
        "chat/room.html",
        {
            "room": Room.objects.select_related("pinned__author")
            .filter(pk=group.pk)
            .first(),
            "can_host": can_host(access.membership),
            "can_moderate": moderating,
            "posting_paused": posting_paused(access.membership),
            "host_form": HostForm(),
            "group": group,
            "messages_page": history,
            "earlier": history[0].seq if history and history[0].seq > 1 else None,
            "last_seq": history[-1].seq if history else 0,
            "is_latest": not before,
            "presence": presence_in(group.pk),
            "form": form,
            "support": support,
            "resend": resend,
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
    history = messages_before(access.group, None, viewer=request.user)
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
    if can_moderate(access.membership):
        # A moderator acts with a second factor, here as on every moderation
        # page; facilitators host in their own role.
        access_queue(request.user, slug)
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


# ---------------------------------------------------------------------------
# Moderators' actions on messages: 404 for all but the group's moderators.


def posting_paused(membership: Membership | None) -> str:
    """Why a muted member's messages won't send, with until when."""
    if membership is None or membership.muted_until is None:
        return ""
    if not is_muted(membership, timezone.now()):
        return ""
    return muted_notice(membership.muted_until)


def _message_action(
    request: AuthenticatedRequest, slug: str, seq: int, *, restore: bool
) -> HttpResponse:
    access = access_queue(request.user, slug)
    message = moderated_message(access.group, seq)
    if message.author_id == request.user.pk:
        raise Http404  # As for a queue item they are a party to: another decides.
    room_url = reverse("chat:room", kwargs={"slug": slug})
    form = ModerationReasonForm(
        request.POST or None,
        label=_("Why show it again (for the log)")
        if restore
        else _("Why are you hiding it?"),
        help_text=""
        if restore
        else _("Its writer sees this reason in a message from the moderators."),
    )
    if request.method == "POST" and form.is_valid():
        act = actions.restore_chat_message if restore else actions.hide_chat_message
        try:
            changed = act(
                moderator=request.user,
                message=message,
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as refusal:
            form.add_error("reason", refusal.message)
        else:
            if restore:
                said = (
                    _("The message is back in the room.")
                    if changed
                    else _("That message isn't hidden.")
                )
            else:
                said = (
                    _("The message is out of the room. Its writer has been told why.")
                    if changed
                    else _("That message was already hidden.")
                )
            messages.success(request, said)
            return HttpResponseRedirect(f"{room_url}#message-{message.seq}")
    return action_page(
        request,
        group=access.group,
        form=form,
        heading=_("Put this message back in the room")
        if restore
        else _("Take this message out of the room"),
        explanation=[
            _("Everyone in the room will see it again after their next visit.")
            if restore
            else _(
                "It disappears for everyone in the room at once; the group's "
                "moderators can still see it here. Its writer is told why."
            )
        ],
        submit=_("Restore the message") if restore else _("Hide the message"),
        back_url=f"{room_url}#message-{message.seq}",
        back_label=_("Back to the room"),
    )


@login_required
def message_hide(request: AuthenticatedRequest, slug: str, seq: int) -> HttpResponse:
    return _message_action(request, slug, seq, restore=False)


@login_required
def message_restore(request: AuthenticatedRequest, slug: str, seq: int) -> HttpResponse:
    return _message_action(request, slug, seq, restore=True)

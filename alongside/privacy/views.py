import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import cast

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.templatetags.alongside import when_text
from alongside.core.types import AuthenticatedRequest
from alongside.groups.queries import access_profile
from alongside.moderation.forms import ReportForm
from alongside.safety.forms import ask_once_about_pii
from alongside.safety.resources import support_for
from alongside.safety.service import Outcome

from . import actions
from .export import export_storage
from .forms import MessageForm, PreferenceForm
from .models import Conversation, DataExport
from .permissions import can_send_private_message, next_export_at
from .queries import (
    ConversationAccess,
    access_conversation,
    access_export,
    access_received_message,
    access_reported_message,
    conversation_between,
    conversations_of,
    latest_export_of,
    messages_in,
    name_of,
    preference_of,
    reach_between,
    shown_html,
    support_after_sending,
)


def _int(value: str | None) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def _blank_form() -> MessageForm:
    return MessageForm(initial={"client_token": uuid.uuid4()})


def _send(
    request: AuthenticatedRequest, form: MessageForm, recipient: User
) -> tuple[HttpResponse | None, Outcome | None]:
    """Send a valid form, or ask about personal information first; on a refusal
    the form carries the reason and keeps every word."""
    pii = ask_once_about_pii(form, form.cleaned_data["body"])
    if pii is not None:
        return None, pii
    try:
        sent = actions.send_private_message(
            sender=request.user,
            recipient=recipient,
            body=form.cleaned_data["body"],
            client_token=form.cleaned_data["client_token"],
        )
    except ActionRefused as refusal:
        form.add_error("body", refusal.message)
        return None, None
    message = sent.message
    url = message.conversation.get_absolute_url()
    if sent.outcome.needs_support:
        return HttpResponseRedirect(f"{url}?support={message.pk}#support"), None
    return HttpResponseRedirect(f"{url}#message-{message.pk}"), None


def notice(request: HttpRequest) -> HttpResponse:
    """What Alongside keeps, who can see it and how long, for everyone, signed in or
    not. The numbers are the settings the daily retention job enforces, so the page
    changes when an operator changes them."""
    return render(
        request,
        "privacy/notice.html",
        {
            "ip_days": settings.ALONGSIDE_RETAIN_IP_DAYS,
            "flag_days": settings.ALONGSIDE_RETAIN_RESOLVED_FLAGS_DAYS,
            "export_keep_days": settings.ALONGSIDE_EXPORT_KEEP_DAYS,
            "export_every_hours": settings.ALONGSIDE_EXPORT_EVERY_HOURS,
            "grace_days": settings.ALONGSIDE_DELETION_GRACE_DAYS,
            "session_days": settings.SESSION_COOKIE_AGE // (60 * 60 * 24),
        },
    )


@login_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "privacy/inbox.html",
        {"conversations": conversations_of(request.user)},
    )


def _support_panel(
    request: AuthenticatedRequest, access: ConversationAccess
) -> dict[str, object] | None:
    """The help panel for the writer of a message that sounded like they need it."""
    message_id = _int(request.GET.get("support"))
    if not message_id:
        return None
    outcome = support_after_sending(request.user, access, message_id)
    if outcome is None:
        return None
    return {
        "outcome": outcome,
        "support": support_for(request.user.country),
        "message_id": message_id,
    }


@login_required
def conversation(request: AuthenticatedRequest, conversation_id: int) -> HttpResponse:
    access = access_conversation(request.user, conversation_id)
    other = access.other
    form = MessageForm(request.POST) if request.method == "POST" else _blank_form()
    pii = None
    if request.method == "POST":
        if other is None:
            form.add_error("body", _("This person's account no longer exists."))
        elif form.is_valid():
            response, pii = _send(request, form, other)
            if response is not None:
                return response
    can_send = other is not None and can_send_private_message(
        reach_between(request.user, other, access.conversation)
    )
    return render(
        request,
        "privacy/conversation.html",
        {
            "conversation": access.conversation,
            "other": other,
            "recipient_name": name_of(other),
            "page": messages_in(access, request.user, _int(request.GET.get("before"))),
            "form": form,
            "pii": pii,
            "can_send": can_send,
            "support_panel": _support_panel(request, access),
        },
        status=422 if form.errors else 200,
    )


@login_required
def write(request: AuthenticatedRequest, username: str) -> HttpResponse:
    """The first message to someone (once there is a conversation, its page)."""
    person = access_profile(request.user, username)
    if person.pk == request.user.pk:
        raise Http404
    existing: Conversation | None = conversation_between(request.user, person)
    if existing is not None and request.method != "POST":
        return redirect(existing)
    form = MessageForm(request.POST) if request.method == "POST" else _blank_form()
    pii = None
    if request.method == "POST" and form.is_valid():
        response, pii = _send(request, form, person)
        if response is not None:
            return response
    can_send = can_send_private_message(reach_between(request.user, person, existing))
    return render(
        request,
        "privacy/write.html",
        {
            "person": person,
            "recipient_name": person.public_name,
            "form": form,
            "pii": pii,
            "can_send": can_send,
        },
        status=422 if form.errors else 200,
    )


@login_required
def preference(request: AuthenticatedRequest) -> HttpResponse:
    current = preference_of(request.user)
    form = PreferenceForm(request.POST or None, initial={"messages_from": current})
    if request.method == "POST" and form.is_valid():
        actions.set_message_preference(
            member=request.user, messages_from=form.cleaned_data["messages_from"]
        )
        messages.success(request, _("Your choice is saved."))
        return redirect("privacy:preference")
    return render(
        request,
        "privacy/preference.html",
        {"form": form},
        status=422 if form.errors else 200,
    )


@login_required
def report(request: AuthenticatedRequest, message_id: int) -> HttpResponse:
    """Report a message one received to the moderators of a group both share."""
    message = access_received_message(request.user, message_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_private_message(
                reporter=request.user,
                message=message,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _(
                    "Thank you. A moderator from a group you share will read this "
                    "one message and decide what to do."
                ),
            )
            return redirect(message)
    return render(
        request,
        "privacy/report.html",
        {
            "message": message,
            "message_html": shown_html(message),
            "author": message.author,
            "author_name": name_of(message.author),
            "form": form,
        },
        status=422 if form.errors else 200,
    )


@login_required
def reported(request: AuthenticatedRequest, flag_id: int) -> HttpResponse:
    """A reported message, for the moderators the report went to. Opening it is a
    POST, so that every reading is logged and a GET writes nothing."""
    access = access_reported_message(request.user, flag_id)
    opened = None
    if request.method == "POST":
        try:
            opened = actions.read_reported_message(
                moderator=request.user, reported=access
            )
        except ActionRefused as refusal:
            messages.info(request, refusal.message)
    return render(
        request,
        "privacy/reported.html",
        {
            "flag": access.flag,
            "group": access.flag.group,
            "reports": access.reports,
            "opened": opened,
        },
    )


# ---------------------------------------------------------------------------
# Download your data


def _confirmed[**P](
    view: Callable[P, HttpResponseBase], *, allow_get: bool = False
) -> Callable[P, HttpResponseBase]:
    """allauth's "confirm it's you" step (password, passkey or code) when the
    member hasn't confirmed in the last few minutes; POSTs resume afterwards."""
    return cast(
        Callable[P, HttpResponseBase],
        reauthentication_required(view, allow_get=allow_get),
    )


def _not_yet(allowed_at: datetime) -> str:
    return _("You can ask for a new copy from %(when)s.") % {
        "when": when_text(allowed_at)
    }


@login_required
@partial(_confirmed, allow_get=True)
def export(request: AuthenticatedRequest) -> HttpResponseBase:
    """The member's copy of their data: ask for one (after confirming it's them),
    see how it's going, download it. A GET only reads."""
    error = None
    if request.method == "POST":
        try:
            actions.request_export(member=request.user)
        except actions.ExportNotYet as refusal:
            error = f"{refusal.message} {_not_yet(refusal.allowed_at)}"
        else:
            messages.success(
                request,
                _(
                    "We're getting your file ready. It usually takes a few minutes. "
                    "We'll tell you here."
                ),
            )
            return redirect("privacy:export")
    now = timezone.now()
    latest = latest_export_of(request.user)
    every = timedelta(hours=settings.ALONGSIDE_EXPORT_EVERY_HOURS)
    allowed_at = next_export_at(latest, now, every)
    return render(
        request,
        "privacy/export.html",
        {
            "latest": latest,
            "expired": latest is not None and latest.is_expired(now),
            "not_yet": _not_yet(allowed_at) if allowed_at else None,
            "error": error,
            "every_hours": settings.ALONGSIDE_EXPORT_EVERY_HOURS,
            "keep_days": settings.ALONGSIDE_EXPORT_KEEP_DAYS,
        },
        status=422 if error else 200,
    )


@_confirmed
def _send_export(request: HttpRequest, export: DataExport) -> HttpResponseBase:
    stamp = timezone.localdate(export.ready_at or export.requested_at).isoformat()
    return FileResponse(
        export_storage().open(export.file_name, "rb"),
        as_attachment=True,
        filename=f"alongside-export-{stamp}.zip",
        content_type="application/zip",
    )


@login_required
def export_download(request: AuthenticatedRequest, token: str) -> HttpResponseBase:
    """The member's own copy, by its link: 404 for anyone else; once expired, a
    page saying so (and the file is deleted); else, after confirming it's them."""
    export = access_export(request.user, token)
    if export.is_expired(timezone.now()) or not export_storage().exists(
        export.file_name
    ):
        actions.discard_expired_export(export)
        return render(request, "privacy/export_expired.html", status=410)
    return _send_export(request, export)

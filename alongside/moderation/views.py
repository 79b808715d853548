from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Model, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.accounts.models import User
from alongside.chat import actions as chat_actions
from alongside.chat.models import ChatMessage
from alongside.chat.queries import access_message
from alongside.core.errors import ActionRefused, SecondFactorRequired
from alongside.core.middleware import has_second_factor
from alongside.core.types import AuthenticatedRequest
from alongside.groups.models import Membership
from alongside.groups.permissions import can_moderate, is_muted
from alongside.groups.queries import access_profile
from alongside.resources.queries import today as badge_day
from alongside.threads import actions as thread_actions
from alongside.threads.models import Reply
from alongside.threads.queries import (
    access_reply,
    access_thread,
    crisis_threads_waiting,
    member_badge,
)

from . import actions
from .forms import (
    BreakForm,
    ContextNoteForm,
    DeclineForm,
    ModerationReasonForm,
    MuteInGroupForm,
    ReachOutForm,
    ReportForm,
    ResolveForm,
    SuspendForm,
    WordFilterForm,
)
from .models import Block, Mute
from .pages import action_page
from .permissions import can_add_context_note
from .queries import (
    access_account,
    access_context_note,
    access_flag,
    access_member,
    access_queue,
    access_word_filter,
    quiet_list_for,
    word_filters_in,
)
from .queue import (
    WAITING_FOR_AN_ANSWER,
    access_site_queue,
    moderator_day,
    queue_in,
    site_queue,
)


@login_required
def queue(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_queue(request.user, slug)
    now = timezone.now()
    items = queue_in(access.group, request.user)
    day = moderator_day(request.user, now)
    return render(
        request,
        "moderation/queue.html",
        {
            "group": access.group,
            "items": items,
            "flags": [item.flag for item in items],
            "waiting": crisis_threads_waiting(
                [access.group], posted_before=now - WAITING_FOR_AN_ANSWER
            ),
            "day": day,
            "break_form": BreakForm(initial={"break_after": day.break_after}),
            "resolve_form": ResolveForm(),
            "now": now,
        },
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


# ---------------------------------------------------------------------------
# Context notes


@login_required
def context_note_new(request: AuthenticatedRequest, reply_id: int) -> HttpResponse:
    reply, membership = access_reply(request.user, reply_id)
    today = badge_day()
    badge = member_badge(membership, today)
    if reply.is_deleted or not can_add_context_note(
        membership, credential=badge, today=today
    ):
        raise Http404
    # Moderators act with a second factor; a professional adds a note in their
    # own name, as they post.
    as_moderator = can_moderate(membership)
    if as_moderator and not has_second_factor(request.user):
        raise SecondFactorRequired
    scope = "" if as_moderator or badge is None else badge.scope
    form = ContextNoteForm(request.POST or None, professional=bool(scope))
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_context_note(
                author=request.user,
                content=reply,
                body=form.cleaned_data["body"],
                sources=form.sources,
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Your note is added beneath the post."))
            return redirect(reply)
    return render(
        request,
        "moderation/context_note_form.html",
        {
            "reply": reply,
            "thread": reply.thread,
            "group": reply.thread.group,
            "form": form,
            "scope": scope,
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def context_note_withdraw(request: AuthenticatedRequest, note_id: int) -> HttpResponse:
    access = access_context_note(request.user, note_id)
    form = ResolveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    actions.withdraw_context_note(actor=request.user, note=access.note, reason=reason)
    messages.success(request, _("The note is withdrawn. Nobody sees it now."))
    url = reverse("threads:detail", kwargs={"thread_id": access.place.thread_id})
    return redirect(f"{url}#reply-{access.place.reply_id}")


# ---------------------------------------------------------------------------
# Held posts and word filters, for the group's moderators


@login_required
@require_POST
def held_approve(
    request: AuthenticatedRequest, slug: str, flag_id: int
) -> HttpResponse:
    access = access_queue(request.user, slug)
    flag = access_flag(access, flag_id)
    form = ResolveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        approved = actions.approve_held_post(
            moderator=request.user, flag=flag, reason=reason
        )
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Approved. Everyone in the group can see the post now.")
            if approved
            else _("This post isn't waiting any more. Nothing changed."),
        )
    return redirect("moderation:queue", slug=slug)


@login_required
def held_decline(
    request: AuthenticatedRequest, slug: str, flag_id: int
) -> HttpResponse:
    access = access_queue(request.user, slug)
    flag = access_flag(access, flag_id)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            declined = actions.decline_held_post(
                moderator=request.user, flag=flag, reason=form.cleaned_data["reason"]
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Declined. The writer can see why, and nobody else sees the post.")
                if declined
                else _("This post isn't waiting any more. Nothing changed."),
            )
            return redirect("moderation:queue", slug=slug)
    return render(
        request,
        "moderation/held_decline.html",
        {"group": access.group, "flag": flag, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def word_filters(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_queue(request.user, slug)
    form = WordFilterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = actions.add_word_filter(
                moderator=request.user,
                group=access.group,
                phrase=form.cleaned_data["phrase"],
                action=form.cleaned_data["action"],
            )
        except ActionRefused as refusal:
            form.add_error("phrase", refusal.message)
        else:
            messages.success(
                request, _("“%(phrase)s” is on the list.") % {"phrase": added.phrase}
            )
            return redirect("moderation:filters", slug=slug)
    return render(
        request,
        "moderation/word_filters.html",
        {
            "group": access.group,
            "form": form,
            "filters": word_filters_in(access.group),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def word_filter_remove(
    request: AuthenticatedRequest, slug: str, filter_id: int
) -> HttpResponse:
    access = access_queue(request.user, slug)
    word_filter = access_word_filter(access, filter_id)
    actions.remove_word_filter(moderator=request.user, word_filter=word_filter)
    messages.success(
        request,
        _("“%(phrase)s” is off the list.") % {"phrase": word_filter.phrase},
    )
    return redirect("moderation:filters", slug=slug)


# ---------------------------------------------------------------------------
# Members' own tools: block and mute


def _to_quiet_list() -> HttpResponse:
    return redirect("moderation:quiet")


@login_required
def member_block(request: AuthenticatedRequest, username: str) -> HttpResponse:
    person = access_profile(request.user, username)
    if person.pk == request.user.pk:
        messages.info(request, _("You can't block yourself."))
        return redirect(person)
    if request.method == "POST":
        actions.block_member(blocker=request.user, blocked=person)
        messages.success(
            request,
            _(
                "You've blocked %(name)s. You won't see what they write, and they "
                "can't reply to your threads. They aren't told."
            )
            % {"name": person.public_name},
        )
        return _to_quiet_list()
    return render(request, "moderation/member_block.html", {"person": person})


@login_required
def member_mute(request: AuthenticatedRequest, username: str) -> HttpResponse:
    person = access_profile(request.user, username)
    if person.pk == request.user.pk:
        messages.info(request, _("You can't mute yourself."))
        return redirect(person)
    if request.method == "POST":
        actions.mute_member(member=request.user, muted=person)
        messages.success(
            request,
            _(
                "You've muted %(name)s. Their posts are folded for you, and you "
                "can open any of them. They aren't told."
            )
            % {"name": person.public_name},
        )
        return _to_quiet_list()
    return render(request, "moderation/member_mute.html", {"person": person})


def _own_choice_about(viewer: User, username: str) -> User | None:
    """Someone the viewer blocked or muted: found among the viewer's own choices,
    so asking about a name says nothing about whether it exists."""
    return User.objects.filter(
        Q(pk__in=Block.objects.filter(blocker=viewer).values("blocked"))
        | Q(pk__in=Mute.objects.filter(member=viewer).values("muted")),
        username=username,
    ).first()


@login_required
@require_POST
def member_unblock(request: AuthenticatedRequest, username: str) -> HttpResponse:
    person = _own_choice_about(request.user, username)
    if person is not None and actions.unblock_member(
        blocker=request.user, blocked=person
    ):
        messages.success(
            request, _("You've unblocked %(name)s.") % {"name": person.public_name}
        )
    return _to_quiet_list()


@login_required
@require_POST
def member_unmute(request: AuthenticatedRequest, username: str) -> HttpResponse:
    person = _own_choice_about(request.user, username)
    if person is not None and actions.unmute_member(member=request.user, muted=person):
        messages.success(
            request, _("You've unmuted %(name)s.") % {"name": person.public_name}
        )
    return _to_quiet_list()


@login_required
@require_POST
def thread_mute(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id)
    actions.mute_thread(member=request.user, thread=access.thread)
    messages.success(request, _("Muted. This thread stays off your home page."))
    return redirect(access.thread)


@login_required
@require_POST
def thread_unmute(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    unmuted = actions.unmute_thread(member=request.user, thread_id=thread_id)
    if request.POST.get("next") == "list":
        if unmuted:
            messages.success(request, _("You've unmuted the thread."))
        return _to_quiet_list()
    access = access_thread(request.user, thread_id)
    if unmuted:
        messages.success(request, _("Unmuted. This thread can show on your home page."))
    return redirect(access.thread)


@login_required
def quiet_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request, "moderation/quiet_list.html", {"quiet": quiet_list_for(request.user)}
    )


# ---------------------------------------------------------------------------
# Member reports: a form for anything a member can see, and a kind thank-you

REPORT_THANKS = _(
    "Thank you. The group's moderators will look at this. They won't tell anyone "
    "you reported it."
)


def _report_form(
    request: AuthenticatedRequest,
    *,
    content: Model,
    is_own: bool,
    back: str,
    context: dict[str, object],
) -> HttpResponse:
    """Show the report form, or record the report and go back to the content."""
    if is_own:
        messages.info(request, _("This is yours, so there's nothing to report."))
        return redirect(back)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_content(
                reporter=request.user,
                content=content,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, str(REPORT_THANKS))
            return redirect(back)
    return render(
        request,
        "moderation/report_form.html",
        {**context, "form": form, "back": back},
        status=422 if form.errors else 200,
    )


@login_required
def report_reply(request: AuthenticatedRequest, reply_id: int) -> HttpResponse:
    """Report a reply, or a thread through its opening post."""
    reply, _membership = access_reply(request.user, reply_id)
    is_own = reply.author_id == request.user.pk
    if not is_own and (reply.is_deleted or reply.is_hidden or reply.is_held):
        raise Http404
    return _report_form(
        request,
        content=reply,
        is_own=is_own,
        back=reply.get_absolute_url(),
        context={
            "kind": "thread" if reply.is_opening else "post",
            "reply": reply,
            "thread": reply.thread,
            "group": reply.thread.group,
        },
    )


@login_required
def report_message(request: AuthenticatedRequest, slug: str, seq: int) -> HttpResponse:
    message = access_message(request.user, slug, seq)
    room = reverse("chat:room", kwargs={"slug": slug})
    return _report_form(
        request,
        content=message,
        is_own=message.author_id == request.user.pk,
        back=f"{room}#message-{message.seq}",
        context={"kind": "message", "message": message, "group": message.group},
    )


@login_required
def report_profile(request: AuthenticatedRequest, username: str) -> HttpResponse:
    person = access_profile(request.user, username)
    return _report_form(
        request,
        content=person,
        is_own=person.pk == request.user.pk,
        back=person.get_absolute_url(),
        context={"kind": "profile", "person": person},
    )


# ---------------------------------------------------------------------------
# Who is handling an item, dismissing a report, and the moderator's own pace


def _back_to_item(slug: str, flag_id: int) -> HttpResponse:
    url = reverse("moderation:queue", kwargs={"slug": slug})
    return redirect(f"{url}#flag-{flag_id}")


@login_required
@require_POST
def flag_claim(request: AuthenticatedRequest, slug: str, flag_id: int) -> HttpResponse:
    access = access_queue(request.user, slug)
    flag = access_flag(access, flag_id)
    try:
        actions.claim_flag(moderator=request.user, flag=flag)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("It's yours. The other moderators can see you're on it.")
        )
    return _back_to_item(slug, flag.pk)


@login_required
@require_POST
def flag_release(
    request: AuthenticatedRequest, slug: str, flag_id: int
) -> HttpResponse:
    access = access_queue(request.user, slug)
    flag = access_flag(access, flag_id)
    try:
        released = actions.release_flag(moderator=request.user, flag=flag)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        if released:
            messages.success(request, _("The item is back with the team."))
        else:
            messages.info(request, _("Nobody has this one, so it's with the team."))
    return _back_to_item(slug, flag.pk)


@login_required
@require_POST
def flag_dismiss(
    request: AuthenticatedRequest, slug: str, flag_id: int
) -> HttpResponse:
    access = access_queue(request.user, slug)
    flag = access_flag(access, flag_id)
    form = ResolveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        actions.dismiss_report(moderator=request.user, flag=flag, reason=reason)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
        return _back_to_item(slug, flag.pk)
    messages.success(request, _("Dismissed. The report is closed."))
    return redirect("moderation:queue", slug=slug)


@login_required
@require_POST
def break_after(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access_queue(request.user, slug)
    form = BreakForm(request.POST)
    if form.is_valid():
        try:
            actions.set_break_after(
                moderator=request.user, count=form.cleaned_data["break_after"]
            )
        except ActionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Saved. The queue will suggest a break then."))
    else:
        messages.error(request, _("Choose a number from 1 to 200."))
    return redirect("moderation:queue", slug=slug)


@login_required
@require_POST
def step_away(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_queue(request.user, slug)
    actions.step_away(moderator=request.user, group=access.group)
    messages.success(request, _("Take care. Your items are back with the team."))
    return redirect("home")


@login_required
def site_queue_page(request: AuthenticatedRequest) -> HttpResponse:
    """Every group's open items, for the site's admins."""
    access_site_queue(request.user)
    now = timezone.now()
    return render(
        request,
        "moderation/site_queue.html",
        {
            "items": site_queue(),
            "waiting": crisis_threads_waiting(
                None, posted_before=now - WAITING_FOR_AN_ANSWER
            ),
            "now": now,
        },
    )


# ---------------------------------------------------------------------------
# Moderators' actions from a queue item, and on members. Each is a page with a
# reason; each answers 404 to all but the group's moderators (suspensions: the
# site's admins), who need a second factor.


def _content_verbs(
    content: Model | None,
) -> tuple[Callable[[User, str], bool], Callable[[User, str], bool]] | None:
    """How to hide and restore a flagged piece of content, if it can be."""
    if isinstance(content, Reply):
        reply = content
        return (
            lambda who, why: thread_actions.hide_reply(
                moderator=who, reply=reply, reason=why
            ),
            lambda who, why: thread_actions.restore_reply(
                moderator=who, reply=reply, reason=why
            ),
        )
    if isinstance(content, ChatMessage):
        message = content
        return (
            lambda who, why: chat_actions.hide_chat_message(
                moderator=who, message=message, reason=why
            ),
            lambda who, why: chat_actions.restore_chat_message(
                moderator=who, message=message, reason=why
            ),
        )
    return None


def _flagged_content_action(
    request: AuthenticatedRequest, slug: str, flag_id: int, *, restore: bool
) -> HttpResponse:
    access = access_queue(request.user, slug)
    flag = access_flag(access, flag_id)
    verbs = _content_verbs(flag.content)
    if verbs is None:
        messages.info(request, _("This item has nothing that can be hidden."))
        return redirect("moderation:queue", slug=slug)
    form = ModerationReasonForm(
        request.POST or None,
        label=_("Why show it again (for the log)")
        if restore
        else _("Why are you hiding it?"),
        help_text=""
        if restore
        else _("Its writer sees this reason, on the post and in a message."),
    )
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            with transaction.atomic():
                changed = verbs[1 if restore else 0](request.user, reason)
                if changed:
                    actions.resolve_flag(
                        moderator=request.user,
                        flag=flag,
                        resolution="restored" if restore else "hidden",
                        reason=reason,
                    )
        except ActionRefused as refusal:
            form.add_error("reason", refusal.message)
        else:
            if restore:
                done = _("It's shown again and the item is closed.")
                unchanged = _("It isn't hidden, so nothing changed.")
            else:
                done = _(
                    "It's hidden, its writer has been told why, and the item is closed."
                )
                unchanged = _("It was already hidden.")
            messages.success(request, done if changed else unchanged)
            return redirect("moderation:queue", slug=slug)
    if restore:
        heading = _("Show it to the group again")
        explanation = [_("Everyone in the group will see it again.")]
        submit = _("Restore it")
    else:
        heading = _("Hide it from the group")
        explanation = [
            _(
                "Only its writer and the group's moderators will see it. Its writer "
                "is told why; they can edit it and ask for it to be shown again."
            )
        ]
        submit = _("Hide it")
    return action_page(
        request,
        group=access.group,
        form=form,
        heading=heading,
        explanation=explanation,
        submit=submit,
        back_url=reverse("moderation:queue", args=[slug]) + f"#flag-{flag.pk}",
        back_label=_("Moderation queue"),
    )


@login_required
def flag_hide(request: AuthenticatedRequest, slug: str, flag_id: int) -> HttpResponse:
    return _flagged_content_action(request, slug, flag_id, restore=False)


@login_required
def flag_restore(
    request: AuthenticatedRequest, slug: str, flag_id: int
) -> HttpResponse:
    return _flagged_content_action(request, slug, flag_id, restore=True)


@login_required
def member_actions(
    request: AuthenticatedRequest, slug: str, username: str
) -> HttpResponse:
    access = access_queue(request.user, slug)
    membership = access_member(access, username)
    now = timezone.now()
    return render(
        request,
        "moderation/member.html",
        {
            "group": access.group,
            "person": membership.member,
            "membership": membership,
            "muted": is_muted(membership, now),
            "suspended": (membership.member.suspended_until or now) > now,
            "is_self": membership.member_id == request.user.pk,
        },
    )


def _member_page(
    request: AuthenticatedRequest,
    slug: str,
    username: str,
    *,
    form: forms.Form,
    act: Callable[[Membership, dict[str, Any]], str],
    heading: str,
    explanation: list[str],
    submit: str,
    done_url: Callable[[Membership], str] | None = None,
) -> HttpResponse:
    """One action on a member: `act` does it and returns what to say."""
    access = access_queue(request.user, slug)
    membership = access_member(access, username)
    hub = reverse("moderation:member", args=[slug, username])
    if request.method == "POST" and form.is_valid():
        try:
            said = act(membership, form.cleaned_data)
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, said)
            return redirect(done_url(membership) if done_url else hub)
    return action_page(
        request,
        group=access.group,
        form=form,
        heading=heading % {"name": membership.member.public_name},
        explanation=explanation,
        submit=submit,
        back_url=hub,
        back_label=membership.member.public_name,
    )


@login_required
def member_warn(
    request: AuthenticatedRequest, slug: str, username: str
) -> HttpResponse:
    def act(membership: Membership, data: dict[str, Any]) -> str:
        actions.warn_member(
            moderator=request.user,
            group=membership.group,
            member=membership.member,
            reason=data["reason"],
        )
        return _("Your message is sent.")

    return _member_page(
        request,
        slug,
        username,
        form=ModerationReasonForm(
            request.POST or None,
            label=_("Your words to them"),
            help_text=_(
                "Only they will see it, as a note from the group's moderators. "
                "It is also kept in the log."
            ),
        ),
        act=act,
        heading=_("Send %(name)s a warning"),
        explanation=[
            _("Say what happened and what you'd like them to do differently.")
        ],
        submit=_("Send the warning"),
    )


@login_required
def member_mute_in_group(
    request: AuthenticatedRequest, slug: str, username: str
) -> HttpResponse:
    def act(membership: Membership, data: dict[str, Any]) -> str:
        actions.mute_member_in_group(
            moderator=request.user,
            group=membership.group,
            member=membership.member,
            period=data["period"],
            reason=data["reason"],
        )
        return _("Their posting is paused. They have been told until when and why.")

    return _member_page(
        request,
        slug,
        username,
        form=MuteInGroupForm(
            request.POST or None,
            label=_("Why are you pausing their posting?"),
            help_text=_("They see this reason in a message from the moderators."),
        ),
        act=act,
        heading=_("Pause %(name)s's posting in this group"),
        explanation=[
            _(
                "They can still read and react, but can't start threads, reply or "
                "send messages in the room until the time is up."
            )
        ],
        submit=_("Pause their posting"),
    )


@login_required
def member_unmute_in_group(
    request: AuthenticatedRequest, slug: str, username: str
) -> HttpResponse:
    def act(membership: Membership, data: dict[str, Any]) -> str:
        lifted = actions.unmute_member_in_group(
            moderator=request.user,
            group=membership.group,
            member=membership.member,
            reason=data["reason"],
        )
        return (
            _("They can post again.")
            if lifted
            else _("Their posting wasn't paused, so nothing changed.")
        )

    return _member_page(
        request,
        slug,
        username,
        form=ModerationReasonForm(
            request.POST or None, label=_("Why now? (for the log)")
        ),
        act=act,
        heading=_("Let %(name)s post again"),
        explanation=[_("The pause ends now, and they are told.")],
        submit=_("Let them post again"),
    )


@login_required
def member_remove(
    request: AuthenticatedRequest, slug: str, username: str
) -> HttpResponse:
    def act(membership: Membership, data: dict[str, Any]) -> str:
        actions.remove_member(
            moderator=request.user,
            group=membership.group,
            member=membership.member,
            reason=data["reason"],
        )
        return _("%(name)s is no longer a member.") % {
            "name": membership.member.public_name
        }

    return _member_page(
        request,
        slug,
        username,
        form=ModerationReasonForm(
            request.POST or None,
            label=_("Why are you removing them?"),
            help_text=_("They see this reason in a message from the moderators."),
        ),
        act=act,
        heading=_("Remove %(name)s from this group"),
        explanation=[
            _(
                "They lose access to the group's threads and room at once. What "
                "they wrote stays. They can ask to join again."
            )
        ],
        submit=_("Remove them"),
        done_url=lambda membership: reverse(
            "groups:members", args=[membership.group.slug]
        ),
    )


def _suspension_page(
    request: AuthenticatedRequest,
    username: str,
    *,
    lift: bool,
) -> HttpResponse:
    person = access_account(request.user, username)
    form: ModerationReasonForm
    if lift:
        form = ModerationReasonForm(
            request.POST or None, label=_("Why lift it now? (for the log)")
        )
    else:
        form = SuspendForm(request.POST or None, label=_("Why (for the log)"))
    if request.method == "POST" and form.is_valid():
        try:
            if isinstance(form, SuspendForm):
                actions.suspend_member(
                    admin=request.user,
                    member=person,
                    until=form.ends_at(),
                    reason=form.cleaned_data["reason"],
                )
                said = _("%(name)s is suspended and signed out everywhere.") % {
                    "name": person.public_name
                }
            else:
                lifted = actions.unsuspend_member(
                    admin=request.user,
                    member=person,
                    reason=form.cleaned_data["reason"],
                )
                said = (
                    _("The suspension is lifted.")
                    if lifted
                    else _("They weren't suspended, so nothing changed.")
                )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, said)
            return redirect("home")
    name = {"name": person.public_name}
    return action_page(
        request,
        group=None,
        form=form,
        heading=(_("Lift %(name)s's suspension") if lift else _("Suspend %(name)s"))
        % name,
        explanation=[_("They can sign in again at once.")]
        if lift
        else [
            _(
                "They are signed out everywhere at once, their open rooms close, "
                "and they can't sign in until the end date. Signing in, they see "
                "until when."
            )
        ],
        submit=_("Lift the suspension") if lift else _("Suspend them"),
        back_url=reverse("home"),
        back_label=_("Home"),
    )


@login_required
def member_suspend(request: AuthenticatedRequest, username: str) -> HttpResponse:
    return _suspension_page(request, username, lift=False)


@login_required
def member_unsuspend(request: AuthenticatedRequest, username: str) -> HttpResponse:
    return _suspension_page(request, username, lift=True)

from functools import lru_cache, partial

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import ActionRefused
from alongside.core.types import AuthenticatedRequest
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_moderate, can_post, is_muted
from alongside.groups.queries import access_group_as_member
from alongside.moderation.actions import muted_notice
from alongside.moderation.forms import ModerationReasonForm
from alongside.moderation.pages import action_page
from alongside.moderation.permissions import (
    can_add_context_note,
    can_withdraw_context_note,
)
from alongside.moderation.queries import access_queue
from alongside.resources.queries import badge_of
from alongside.resources.queries import today as badge_day
from alongside.safety.forms import ask_once_about_pii
from alongside.safety.resources import support_for
from alongside.safety.service import Outcome

from . import actions
from .forms import (
    EditForm,
    MoveThreadForm,
    PostForm,
    ReactionForm,
    RevealForm,
    ThreadForm,
)
from .models import Reply, Thread
from .permissions import (
    can_delete_reply,
    can_edit_reply,
    can_reply,
    can_reveal_author,
)
from .queries import (
    access_reply,
    access_thread,
    context_notes_for,
    reactions_for,
    replies_in,
    resource_cards_for,
    viewer_badge,
)
from .rendering import PostRenderer


def _int(value: str | None) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def _after_posting(posted: actions.Posted) -> HttpResponseRedirect:
    reply = posted.reply
    if posted.outcome.needs_support:
        url = reply.thread.get_absolute_url()
        return HttpResponseRedirect(f"{url}?support={reply.pk}#support")
    return HttpResponseRedirect(reply.get_absolute_url())


def _support_panel(
    request: AuthenticatedRequest, thread: Thread
) -> dict[str, object] | None:
    """The crisis-support panel for the writer of a post that needs it."""
    reply_id = _int(request.GET.get("support"))
    if not reply_id:
        return None
    reply = Reply.objects.filter(
        pk=reply_id, thread=thread, author=request.user
    ).first()
    if reply is None:
        return None
    outcome = Outcome.from_findings(reply.findings)
    if not outcome.needs_support:
        return None
    return {
        "outcome": outcome,
        "support": support_for(request.user.country),
        "reply": reply,
    }


@lru_cache(maxsize=32)
def _blank_composer(
    allows_anonymous: bool, professional: bool, language: str, prefix: str
) -> SafeString:
    """The reply form's fields before anything is typed, the same for every member
    (but for "Professional view", offered to verified professionals).

    Rendering them through the widget templates costs about a millisecond, so
    each process does it once per language (and URL prefix).
    """
    form = PostForm(allows_anonymous=allows_anonymous, professional=professional)
    return render_to_string("threads/_composer_fields.html", {"form": form})


def _composer_fields(allows_anonymous: bool, professional: bool) -> SafeString:
    if settings.DEBUG:  # templates may change while the development server runs
        return _blank_composer.__wrapped__(allows_anonymous, professional, "", "")
    return _blank_composer(
        allows_anonymous, professional, get_language(), get_script_prefix()
    )


def _refused(form: forms.Form, refusal: ActionRefused) -> None:
    """Show a refusal beside the labels when it is about them, else on top."""
    field = "claim" if isinstance(refusal, actions.ClaimRefused) else None
    form.add_error(field, refusal.message)


@login_required
def thread_detail(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id)
    thread, membership = access.thread, access.membership
    page = replies_in(
        thread,
        viewer=request.user,
        membership=membership,
        after=_int(request.GET.get("after")),
    )
    shown = ([page.opening] if page.opening else []) + page.replies
    reactions = reactions_for(shown, request.user)
    notes = context_notes_for(shown)
    cards = resource_cards_for(request.user, shown)
    today = badge_day()
    badge = viewer_badge(access, today)
    replying = can_reply(membership, thread)
    # The thread's writer blocked the viewer: reactions stay, replying doesn't.
    closed = bool(getattr(thread, "closed_to_viewer", False)) and not (
        thread.is_anonymous  # saying so would name the anonymous writer
    )
    # One masked CSRF token for the page's forms, made once.
    csrf_token = get_token(request)
    renderer = PostRenderer(
        viewer_id=request.user.pk,
        csrf_token=csrf_token,
        # Reactions go on in a locked thread and from a muted member.
        can_react=can_post(membership),
        can_moderate=membership.is_moderator,
        thread=thread,
        can_add_notes=can_add_context_note(membership, credential=badge, today=today),
        can_withdraw_note=partial(can_withdraw_context_note, membership),
        today=today,
        resources=cards,
    )
    posts = [
        renderer.post(post, reactions.get(post.pk, ()), notes.get(post.pk, ()))
        for post in shown
    ]
    return render(
        request,
        "threads/thread_detail.html",
        {
            "thread": thread,
            "group": thread.group,
            "membership": membership,
            "page": page,
            "opening": posts[0] if page.opening else None,
            "replies": posts[1:] if page.opening else posts,
            "can_reply": replying and not closed,
            "reply_closed": replying and closed,
            "is_muted": bool(getattr(thread, "is_muted", False)),
            "composer_fields": (
                _composer_fields(thread.group.allows_anonymous, badge is not None)
                if replying and not closed
                else ""
            ),
            "support_panel": _support_panel(request, thread),
            "csrf_token": csrf_token,
            "posting_paused": _posting_paused(membership),
        },
    )


@login_required
def thread_new(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    group = access.group
    form = ThreadForm(
        request.POST or None,
        allows_anonymous=group.allows_anonymous,
        professional=badge_of(request.user) is not None,
    )
    pii = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pii = ask_once_about_pii(form, f"{data['title']}\n\n{data['body']}")
        if pii is None:
            try:
                posted = actions.open_thread(
                    author=request.user,
                    group=group,
                    title=data["title"],
                    body=data["body"],
                    content_warning=data["content_warning"],
                    is_anonymous=data.get("is_anonymous", False),
                    claim=data["claim"],
                )
            except ActionRefused as refusal:
                _refused(form, refusal)
            else:
                return _after_posting(posted)
    return render(
        request,
        "threads/thread_form.html",
        {"group": group, "form": form, "pii": pii},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def reply_create(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id)
    thread = access.thread
    form = PostForm(
        request.POST,
        allows_anonymous=thread.group.allows_anonymous,
        professional=badge_of(request.user) is not None,
    )
    pii = None
    if form.is_valid():
        pii = ask_once_about_pii(form, form.cleaned_data["body"])
        if pii is None:
            try:
                posted = actions.add_reply(
                    author=request.user,
                    thread=thread,
                    body=form.cleaned_data["body"],
                    content_warning=form.cleaned_data["content_warning"],
                    is_anonymous=form.cleaned_data.get("is_anonymous", False),
                    claim=form.cleaned_data["claim"],
                )
            except ActionRefused as refusal:
                _refused(form, refusal)
            else:
                return _after_posting(posted)
    return render(
        request,
        "threads/reply_form.html",
        {"thread": thread, "group": thread.group, "form": form, "pii": pii},
        status=422 if form.errors else 200,
    )


@login_required
def reply_edit(request: AuthenticatedRequest, reply_id: int) -> HttpResponse:
    reply, _membership = access_reply(request.user, reply_id)
    if not can_edit_reply(request.user, reply):
        messages.info(request, _("Only the person who wrote this can edit it."))
        return redirect(reply)
    initial = {
        "body": reply.body,
        "content_warning": reply.content_warning,
        "claim": reply.claim,
    }
    form = EditForm(
        request.POST or None,
        initial=initial,
        # A label given while the badge stood can be kept after it lapses.
        professional=reply.claim == Reply.Claim.PROFESSIONAL
        or badge_of(request.user) is not None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_reply(
                editor=request.user,
                reply=reply,
                body=form.cleaned_data["body"],
                content_warning=form.cleaned_data["content_warning"],
                # A form sent without the labels leaves the label as it is.
                claim=form.cleaned_data["claim"] if "claim" in request.POST else None,
            )
        except ActionRefused as refusal:
            _refused(form, refusal)
        else:
            messages.success(
                request,
                _("Your changes are saved. A moderator will look at it again.")
                if reply.is_hidden
                else _("Your changes are saved."),
            )
            return redirect(reply)
    return render(
        request,
        "threads/reply_edit.html",
        {
            "reply": reply,
            "thread": reply.thread,
            "group": reply.thread.group,
            "form": form,
        },
    )


@login_required
def reply_delete(request: AuthenticatedRequest, reply_id: int) -> HttpResponse:
    reply, membership = access_reply(request.user, reply_id)
    if not can_delete_reply(request.user, membership, reply):
        return redirect(reply)
    if request.method == "POST":
        actions.delete_reply(deleter=request.user, reply=reply)
        messages.success(request, _("The post is deleted."))
        if reply.is_opening:
            return redirect(reply.thread.group)
        return redirect(reply.thread)
    return render(
        request,
        "threads/reply_delete.html",
        {"reply": reply, "thread": reply.thread, "group": reply.thread.group},
    )


@login_required
@require_POST
def reply_react(request: AuthenticatedRequest, reply_id: int) -> HttpResponse:
    reply, _membership = access_reply(request.user, reply_id)
    form = ReactionForm(request.POST)
    status_text = ""
    if form.is_valid():
        try:
            result = actions.toggle_reaction(
                member=request.user, reply=reply, kind=form.cleaned_data["kind"]
            )
        except ActionRefused as refusal:
            status_text = refusal.message
        else:
            label = dict(form.fields["kind"].choices)[result.kind]  # type: ignore[attr-defined]
            status_text = (
                _("You sent %(reaction)s")
                if result.is_on
                else _("You took back %(reaction)s")
            ) % {"reaction": label}
    else:
        status_text = _("That didn't send. Please try again.")
    if request.htmx:
        renderer = PostRenderer(
            viewer_id=request.user.pk, csrf_token=get_token(request), can_react=True
        )
        counts = reactions_for([reply], request.user)[reply.pk]
        return HttpResponse(renderer.reactions(reply.pk, counts, status_text))
    messages.info(request, status_text)
    return redirect(reply)


@login_required
def reply_reveal(request: AuthenticatedRequest, reply_id: int) -> HttpResponse:
    reply, membership = access_reply(request.user, reply_id)
    if can_moderate(membership):
        # Naming an anonymous writer is a use of moderator power: like every
        # moderation page, it needs a second factor.
        access_queue(request.user, reply.thread.group.slug)
    if not can_reveal_author(membership, reply):
        return redirect(reply)
    form = RevealForm(request.POST or None)
    author = None
    if request.method == "POST" and form.is_valid():
        try:
            author = actions.reveal_author(
                moderator=request.user, reply=reply, reason=form.cleaned_data["reason"]
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
    return render(
        request,
        "threads/reply_reveal.html",
        {
            "reply": reply,
            "thread": reply.thread,
            "group": reply.thread.group,
            "form": form,
            "author": author,
            "revealed": request.method == "POST" and form.is_valid(),
        },
    )


# ---------------------------------------------------------------------------
# Moderators' actions on threads and replies: a page with a reason for each.
# Every one answers 404 to all but the group's moderators (who need a second
# factor), like the moderation queue.


def _posting_paused(membership: Membership) -> str:
    """Why the composer is missing for a muted member, with until when."""
    if membership.muted_until is None or not is_muted(membership, timezone.now()):
        return ""
    return muted_notice(membership.muted_until)


def _reply_for_moderator(request: AuthenticatedRequest, reply_id: int) -> Reply:
    """A reply its group's moderator may hide or restore; 404 for their own, as
    for a queue item they are a party to: another moderator decides."""
    reply, _membership = access_reply(request.user, reply_id)
    access_queue(request.user, reply.thread.group.slug)
    if reply.author_id == request.user.pk:
        raise Http404
    return reply


@login_required
def reply_hide(request: AuthenticatedRequest, reply_id: int) -> HttpResponse:
    reply = _reply_for_moderator(request, reply_id)
    form = ModerationReasonForm(
        request.POST or None,
        label=_("Why are you hiding it?"),
        help_text=_("Its writer sees this reason, on the post and in a message."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            hidden = actions.hide_reply(
                moderator=request.user, reply=reply, reason=form.cleaned_data["reason"]
            )
        except ActionRefused as refusal:
            form.add_error("reason", refusal.message)
        else:
            messages.success(
                request,
                _("The post is hidden. Its writer has been told why.")
                if hidden
                else _("That post was already hidden."),
            )
            return redirect(reply)
    return action_page(
        request,
        group=reply.thread.group,
        form=form,
        heading=_("Hide this post"),
        explanation=[
            _(
                "Only its writer and the group's moderators will see it. Its writer "
                "is told why and can edit it and ask for it to be shown again."
            ),
            *(
                [_("This is the thread's opening post: the whole thread is hidden.")]
                if reply.is_opening
                else []
            ),
        ],
        submit=_("Hide the post"),
        back_url=reply.get_absolute_url(),
        back_label=reply.thread.title,
    )


@login_required
def reply_restore(request: AuthenticatedRequest, reply_id: int) -> HttpResponse:
    reply = _reply_for_moderator(request, reply_id)
    form = ModerationReasonForm(
        request.POST or None, label=_("Why show it again (for the log)")
    )
    if request.method == "POST" and form.is_valid():
        try:
            restored = actions.restore_reply(
                moderator=request.user, reply=reply, reason=form.cleaned_data["reason"]
            )
        except ActionRefused as refusal:
            form.add_error("reason", refusal.message)
        else:
            messages.success(
                request,
                _("The post is shown to the group again.")
                if restored
                else _("That post isn't hidden."),
            )
            return redirect(reply)
    return action_page(
        request,
        group=reply.thread.group,
        form=form,
        heading=_("Show this post again"),
        explanation=[_("Everyone in the group will see it again.")],
        submit=_("Restore the post"),
        back_url=reply.get_absolute_url(),
        back_label=reply.thread.title,
    )


def _thread_for_moderator(request: AuthenticatedRequest, thread_id: int) -> Thread:
    thread = access_thread(request.user, thread_id).thread
    access_queue(request.user, thread.group.slug)
    return thread


@login_required
def thread_lock(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    thread = _thread_for_moderator(request, thread_id)
    form = ModerationReasonForm(
        request.POST or None,
        label=_("Why are you locking it?"),
        help_text=_("The thread's writer is told, with this reason."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            locked = actions.lock_thread(
                moderator=request.user,
                thread=thread,
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as refusal:
            form.add_error("reason", refusal.message)
        else:
            messages.success(
                request,
                _("The thread is locked.")
                if locked
                else _("That thread was already locked."),
            )
            return redirect(thread)
    return action_page(
        request,
        group=thread.group,
        form=form,
        heading=_("Lock this thread"),
        explanation=[
            _(
                "Nobody can reply until a moderator unlocks it. It stays readable, "
                "and people can still react."
            )
        ],
        submit=_("Lock the thread"),
        back_url=thread.get_absolute_url(),
        back_label=thread.title,
    )


@login_required
def thread_unlock(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    thread = _thread_for_moderator(request, thread_id)
    form = ModerationReasonForm(
        request.POST or None, label=_("Why are you unlocking it? (for the log)")
    )
    if request.method == "POST" and form.is_valid():
        try:
            unlocked = actions.unlock_thread(
                moderator=request.user,
                thread=thread,
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as refusal:
            form.add_error("reason", refusal.message)
        else:
            messages.success(
                request,
                _("The thread is open to replies again.")
                if unlocked
                else _("That thread wasn't locked."),
            )
            return redirect(thread)
    return action_page(
        request,
        group=thread.group,
        form=form,
        heading=_("Unlock this thread"),
        explanation=[_("Members can reply again.")],
        submit=_("Unlock the thread"),
        back_url=thread.get_absolute_url(),
        back_label=thread.title,
    )


@login_required
def thread_move(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    thread = _thread_for_moderator(request, thread_id)
    choices = [
        m.group
        for m in Membership.objects.select_related("group")
        .filter(member=request.user)
        .exclude(group=thread.group)
        .order_by("group__name")
        if can_moderate(m)
    ]
    form = MoveThreadForm(request.POST or None, groups=choices)
    if request.method == "POST" and form.is_valid():
        to: Group = form.cleaned_data["group"]
        try:
            actions.move_thread(
                moderator=request.user,
                thread=thread,
                to=to,
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request, _("The thread is now in %(group)s.") % {"group": to.name}
            )
            return redirect(thread)
    return action_page(
        request,
        group=thread.group,
        form=form,
        heading=_("Move this thread to another group"),
        explanation=[
            _(
                "Its replies go with it, and so do open items about them in the "
                "moderation queue. Members of the other group will see it; its "
                "writer is told."
            )
            if choices
            else _("You moderate no other group, so there is nowhere to move it.")
        ],
        submit=_("Move the thread"),
        back_url=thread.get_absolute_url(),
        back_label=thread.title,
    )

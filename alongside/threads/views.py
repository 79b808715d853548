from functools import lru_cache
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import ActionRefused
from alongside.core.types import AuthenticatedRequest
from alongside.groups.queries import access_group_as_member
from alongside.safety.resources import support_for
from alongside.safety.service import Outcome, screen

from . import actions
from .forms import EditForm, PostForm, ReactionForm, RevealForm, ThreadForm
from .models import Reply, Thread
from .permissions import (
    can_delete_reply,
    can_edit_reply,
    can_reply,
    can_reveal_author,
)
from .queries import access_reply, access_thread, reactions_for, replies_in
from .rendering import PostRenderer


def _int(value: str | None) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def _ask_about_pii(form: PostForm, text: str) -> Outcome | None:
    """Personal information in the text: ask once before posting, never block."""
    if form.cleaned_data.get("pii_seen"):
        return None
    outcome = screen(text)
    if not outcome.pii:
        return None
    data = cast(QueryDict, form.data).copy()
    data[form.add_prefix("pii_seen")] = "True"
    form.data = data
    return outcome


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


@lru_cache(maxsize=16)
def _blank_composer(allows_anonymous: bool, language: str, prefix: str) -> SafeString:
    """The reply form's fields before anything is typed, the same for every member.

    Rendering them through the widget templates costs about a millisecond, so
    each process does it once per language (and URL prefix).
    """
    form = PostForm(allows_anonymous=allows_anonymous)
    return render_to_string("threads/_composer_fields.html", {"form": form})


def _composer_fields(allows_anonymous: bool) -> SafeString:
    if settings.DEBUG:  # templates may change while the development server runs
        return _blank_composer.__wrapped__(allows_anonymous, "", "")
    return _blank_composer(allows_anonymous, get_language(), get_script_prefix())


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
    replying = can_reply(membership, thread)
    # One masked CSRF token for the page's forms, made once.
    csrf_token = get_token(request)
    renderer = PostRenderer(
        viewer_id=request.user.pk,
        csrf_token=csrf_token,
        can_react=replying,
        can_moderate=membership.is_moderator,
        thread=thread,
    )
    posts = [renderer.post(post, reactions.get(post.pk, ())) for post in shown]
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
            "can_reply": replying,
            "composer_fields": (
                _composer_fields(thread.group.allows_anonymous) if replying else ""
            ),
            "support_panel": _support_panel(request, thread),
            "csrf_token": csrf_token,
        },
    )


@login_required
def thread_new(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    group = access.group
    form = ThreadForm(request.POST or None, allows_anonymous=group.allows_anonymous)
    pii = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pii = _ask_about_pii(form, f"{data['title']}\n\n{data['body']}")
        if pii is None:
            try:
                posted = actions.open_thread(
                    author=request.user,
                    group=group,
                    title=data["title"],
                    body=data["body"],
                    content_warning=data["content_warning"],
                    is_anonymous=data.get("is_anonymous", False),
                )
            except ActionRefused as refusal:
                form.add_error(None, refusal.message)
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
    form = PostForm(request.POST, allows_anonymous=thread.group.allows_anonymous)
    pii = None
    if form.is_valid():
        pii = _ask_about_pii(form, form.cleaned_data["body"])
        if pii is None:
            try:
                posted = actions.add_reply(
                    author=request.user,
                    thread=thread,
                    body=form.cleaned_data["body"],
                    content_warning=form.cleaned_data["content_warning"],
                    is_anonymous=form.cleaned_data.get("is_anonymous", False),
                )
            except ActionRefused as refusal:
                form.add_error(None, refusal.message)
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
    initial = {"body": reply.body, "content_warning": reply.content_warning}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_reply(
                editor=request.user,
                reply=reply,
                body=form.cleaned_data["body"],
                content_warning=form.cleaned_data["content_warning"],
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Your changes are saved."))
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

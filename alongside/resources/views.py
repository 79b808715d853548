"""The library's pages: browse, share, read, review."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import ActionRefused, SecondFactorRequired
from alongside.core.middleware import has_second_factor
from alongside.core.rendering import render_markdown
from alongside.core.types import AuthenticatedRequest
from alongside.safety.forms import ask_once_about_pii
from alongside.safety.resources import support_for
from alongside.safety.service import Outcome

from . import actions
from .library_forms import (
    LibraryFilterForm,
    RemoveResourceForm,
    ReviewForm,
    ShareResourceForm,
)
from .models import Resource, Tag
from .permissions import can_remove, can_review
from .queries import (
    access_resource,
    badge_of,
    groups_to_share_in,
    library,
    library_choices,
    memberships_for,
    today,
)

PAGE_SIZE = 20


@login_required
def library_page(request: AuthenticatedRequest) -> HttpResponse:
    groups, tags = library_choices(request.user)
    form = LibraryFilterForm(request.GET, groups=groups, tags=tags)
    page = Paginator(library(request.user, form.filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "resources/library.html",
        {
            "form": form,
            "page": page,
            "resources": list(page.object_list),
            "filters_query": urlencode(form.query),
            "has_groups": bool(groups),
        },
    )


def _share_page(
    request: AuthenticatedRequest, form: ShareResourceForm, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "resources/share.html",
        {"form": form, "has_groups": form.own_groups.exists()},
        status=422 if form.errors else status,
    )


def _preview(
    request: AuthenticatedRequest, form: ShareResourceForm, pii: Outcome | None
) -> HttpResponse:
    """ "Check before you send": the card as it will look, with the words kept."""
    data = form.cleaned_data
    resource = Resource(
        author=request.user,
        title=data["title"],
        summary=data["summary"],
        summary_html=render_markdown(data["summary"]),
        kind=data["kind"],
        sources=form.checked_sources,
        review_state=Resource.Review.NOT_REVIEWED,
        created_at=timezone.now(),
    )
    tags = [Tag(name=name.lower(), slug=slugify(name)) for name in data["tags"]]
    return render(
        request,
        "resources/share_preview.html",
        {
            "form": form,
            "resource": resource,
            "tags": [tag for tag in tags if tag.slug],
            "groups": list(data["groups"]),
            "pii": pii,
        },
    )


@login_required
def share(request: AuthenticatedRequest) -> HttpResponse:
    groups = groups_to_share_in(request.user)
    if request.method != "POST":
        slug = request.GET.get("group", "")
        initial = {"groups": [slug]} if slug else None
        return _share_page(request, ShareResourceForm(groups=groups, initial=initial))
    form = ShareResourceForm(request.POST, groups=groups)
    step = request.POST.get("step", "preview")
    if step == "change" or not form.is_valid():
        return _share_page(request, form)
    data = form.cleaned_data
    pii = ask_once_about_pii(form, f"{data['title']}\n\n{data['summary']}")
    if step != "share" or pii is not None:
        return _preview(request, form, pii)
    try:
        resource = actions.share_resource(
            author=request.user,
            title=data["title"],
            summary=data["summary"],
            kind=data["kind"],
            sources=form.sources,
            groups=list(data["groups"]),
            tags=data["tags"],
        )
    except ActionRefused as refusal:
        form.add_error(None, refusal.message)
        return _share_page(request, form)
    messages.success(
        request, _("Thanks. A reviewer will look at it and we'll let you know.")
    )
    if Outcome.from_findings(resource.findings).needs_support:
        return HttpResponseRedirect(f"{resource.get_absolute_url()}?support=1#support")
    return redirect(resource)


def _support_panel(
    request: AuthenticatedRequest, resource: Resource
) -> dict[str, object] | None:
    """The crisis-support panel, for a sharer whose words sound like they need it."""
    if request.GET.get("support") != "1" or resource.author_id != request.user.pk:
        return None
    outcome = Outcome.from_findings(resource.findings)
    if not outcome.needs_support:
        return None
    return {
        "outcome": outcome,
        "support": support_for(request.user.country),
        "resource": resource,
    }


@login_required
def detail(request: AuthenticatedRequest, resource_id: int) -> HttpResponse:
    resource = access_resource(request.user, resource_id)
    memberships = memberships_for(request.user, resource)
    return render(
        request,
        "resources/detail.html",
        {
            "resource": resource,
            "can_review": can_review(
                request.user, badge_of(request.user), resource, today()
            ),
            "can_remove": can_remove(request.user, resource, memberships),
            "support_panel": _support_panel(request, resource),
        },
    )


@login_required
@require_POST
def helped(request: AuthenticatedRequest, resource_id: int) -> HttpResponse:
    """Say "this helped me", or take it back: the button says which."""
    resource = access_resource(request.user, resource_id)
    wanted = request.POST.get("helped")
    if wanted in ("yes", "no"):
        turn_on = wanted == "yes"
    else:  # no choice sent: press the toggle
        turn_on = not getattr(resource, "helped_me", False)
    if turn_on:
        actions.mark_helped(member=request.user, resource=resource)
        messages.success(request, _("You said this helped you. Thank you."))
    else:
        actions.unmark_helped(member=request.user, resource=resource)
        messages.success(request, _("You took back “this helped me”."))
    return HttpResponseRedirect(f"{resource.get_absolute_url()}#helped")


@login_required
def review(request: AuthenticatedRequest, resource_id: int) -> HttpResponse:
    resource = access_resource(request.user, resource_id)
    if not can_review(request.user, badge_of(request.user), resource, today()):
        raise Http404
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.review_resource(
                reviewer=request.user,
                resource=resource,
                concerns=form.concerns,
                note=form.cleaned_data["note"],
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Thank you. Your review now shows with the resource.")
                if not form.concerns
                else _("Thank you. Your concerns and note now show with the resource."),
            )
            return redirect(resource)
    return render(
        request,
        "resources/review.html",
        {"resource": resource, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def remove(request: AuthenticatedRequest, resource_id: int) -> HttpResponse:
    resource = access_resource(request.user, resource_id)
    memberships = memberships_for(request.user, resource)
    if not can_remove(request.user, resource, memberships):
        return redirect(resource)
    is_sharer = resource.author_id == request.user.pk
    if not is_sharer and not has_second_factor(request.user):
        # Taking down someone else's share is a moderator's power.
        raise SecondFactorRequired
    form = RemoveResourceForm(
        request.POST if request.method == "POST" else None, asks_reason=not is_sharer
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.remove_resource(
                actor=request.user,
                resource=resource,
                reason=form.cleaned_data.get("reason", ""),
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The resource is removed from the library."))
            return redirect("resources:library")
    return render(
        request,
        "resources/remove.html",
        {"resource": resource, "form": form, "is_sharer": is_sharer},
        status=422 if form.errors else 200,
    )

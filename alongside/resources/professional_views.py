"""Applying for a professional badge, and the admins' pages that decide it.

The admins' pages answer 404 to everyone but the site's admins, who need a second
factor (`queries.credentials_to_decide`); each decision is an action that checks
again, refuses an admin's own credential and writes the moderation log.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alongside.core.errors import ActionRefused
from alongside.core.types import AuthenticatedRequest

from . import actions
from .forms import ApplyForm, DecisionReasonForm, GrantForm
from .models import MAX_BADGE_MONTHS, Credential
from .permissions import can_apply, has_badge
from .queries import (
    access_credential,
    badge_history,
    credential_of,
    credentials_to_decide,
    today,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Status = Credential.Status


def _day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else ""


# ---------------------------------------------------------------------------
# The member's own page


def _details_of(credential: Credential | None) -> dict[str, str]:
    """What the member sent last time, to start an application again from."""
    if credential is None:
        return {}
    return {
        "profession": credential.profession,
        "registration_number": credential.registration_number,
        "issuing_body": credential.issuing_body,
        "country": credential.country,
        "conflicts": credential.conflicts,
    }


@login_required
def apply(request: AuthenticatedRequest) -> HttpResponse:
    credential = credential_of(request.user)
    day = today()
    form = None
    if can_apply(credential, day):
        form = ApplyForm(request.POST or None, initial=_details_of(credential))
        if request.method == "POST" and form.is_valid():
            try:
                actions.apply_as_professional(member=request.user, **form.cleaned_data)
            except ActionRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(
                    request,
                    _(
                        "Thanks. Your details are with the site's admins. Nothing "
                        "changes until they have checked the register, and you'll "
                        "see their answer on this page."
                    ),
                )
                return redirect("professionals:apply")
    elif request.method == "POST":
        messages.info(
            request,
            _(
                "Your details are already with the admins, or your badge still "
                "stands, so nothing changed."
            ),
        )
        return redirect("professionals:apply")
    badge = has_badge(credential, day)
    return render(
        request,
        "resources/professionals/apply.html",
        {
            "credential": credential,
            "badge": badge,
            "lapsed": bool(
                credential and credential.status == Status.VERIFIED and not badge
            ),
            "form": form,
            "max_months": MAX_BADGE_MONTHS,
        },
        status=422 if form is not None and form.errors else 200,
    )


# ---------------------------------------------------------------------------
# The admins' pages


@dataclass(frozen=True)
class Section:
    status: str
    heading: "StrOrPromise"
    empty: "StrOrPromise"
    credentials: list[Credential]


SECTIONS = (
    (
        Status.APPLIED,
        gettext_lazy("Waiting for a check"),
        gettext_lazy("Nothing is waiting for a check."),
    ),
    (Status.VERIFIED, gettext_lazy("Verified"), gettext_lazy("No badges yet.")),
    (Status.DECLINED, gettext_lazy("Not verified"), gettext_lazy("None.")),
    (Status.REVOKED, gettext_lazy("Withdrawn"), gettext_lazy("None.")),
)


@login_required
def credential_list(request: AuthenticatedRequest) -> HttpResponse:
    credentials = list(credentials_to_decide(request.user))
    sections = [
        Section(status, heading, empty, [c for c in credentials if c.status == status])
        for status, heading, empty in SECTIONS
    ]
    return render(request, "resources/professionals/list.html", {"sections": sections})


EVENTS = {
    "professional_applied": gettext_lazy("Applied"),
    "professional_verified": gettext_lazy("Verified"),
    "professional_renewed": gettext_lazy("Renewed"),
    "professional_declined": gettext_lazy("Not verified"),
    "professional_revoked": gettext_lazy("Badge withdrawn"),
}


@dataclass(frozen=True)
class BadgeEvent:
    at: datetime
    what: "StrOrPromise"
    by: str
    reason: str


@dataclass(frozen=True)
class Decision:
    """One of the forms on a credential's page, posting to its own route."""

    name: str
    heading: "StrOrPromise"
    explanation: "StrOrPromise"
    submit: "StrOrPromise"
    form: forms.Form
    url: str


DECISIONS: dict[str, tuple[str, "StrOrPromise", "StrOrPromise", "StrOrPromise"]] = {
    # name: (status it applies to, heading, explanation, button)
    "verify": (
        Status.APPLIED,
        gettext_lazy("Verify"),
        gettext_lazy(
            "Check the details against the issuing body's public register first. "
            "The badge shows at once, for the months you choose."
        ),
        gettext_lazy("Verify and show the badge"),
    ),
    "decline": (
        Status.APPLIED,
        gettext_lazy("Decline"),
        gettext_lazy(
            "When the register doesn't match. The member can change their details "
            "and apply again."
        ),
        gettext_lazy("Decline the application"),
    ),
    "renew": (
        Status.VERIFIED,
        gettext_lazy("Renew"),
        gettext_lazy(
            "Check the register again. The badge then lasts the months you choose, "
            "counted from today."
        ),
        gettext_lazy("Renew the badge"),
    ),
    "revoke": (
        Status.VERIFIED,
        gettext_lazy("Withdraw the badge"),
        gettext_lazy(
            "The badge stops showing at once, everywhere. Reviews already given "
            "keep the name and profession they were given under."
        ),
        gettext_lazy("Withdraw the badge"),
    ),
}


def _blank_form(name: str) -> forms.Form:
    if name in ("verify", "renew"):
        return GrantForm(auto_id=f"{name}_%s")
    return DecisionReasonForm(auto_id=f"{name}_%s")


def _detail_page(
    request: AuthenticatedRequest,
    credential: Credential,
    *,
    bound: tuple[str, forms.Form] | None = None,
) -> HttpResponse:
    """A credential, its decisions and its history; 422 with a refused form."""
    is_own = credential.member_id == request.user.pk
    decisions = []
    for name, (status, heading, explanation, submit) in DECISIONS.items():
        form = bound[1] if bound and bound[0] == name else None
        if form is None and (is_own or credential.status != status):
            continue
        decisions.append(
            Decision(
                name=name,
                heading=heading,
                explanation=explanation,
                submit=submit,
                form=form or _blank_form(name),
                url=reverse(f"professionals:{name}", args=[credential.pk]),
            )
        )
    history = [
        BadgeEvent(
            at=row.created_at,
            what=EVENTS.get(row.action, row.action),
            by=row.actor.public_name if row.actor else _("Former member"),
            reason=row.reason,
        )
        for row in badge_history(credential)
    ]
    has_errors = bool(bound and bound[1].errors)
    return render(
        request,
        "resources/professionals/detail.html",
        {
            "credential": credential,
            "badge": has_badge(credential, today()),
            "is_own": is_own,
            "decisions": decisions,
            "history": history,
            "has_errors": has_errors,
        },
        status=422 if has_errors else 200,
    )


@login_required
def credential_detail(
    request: AuthenticatedRequest, credential_id: int
) -> HttpResponse:
    return _detail_page(request, access_credential(request.user, credential_id))


Grant = Callable[..., Credential]
End = Callable[..., bool]


def _grant(
    request: AuthenticatedRequest, credential_id: int, name: str, verb: Grant
) -> HttpResponse:
    credential = access_credential(request.user, credential_id)
    form = GrantForm(request.POST, auto_id=f"{name}_%s")
    if form.is_valid():
        try:
            credential = verb(
                admin=request.user,
                credential=credential,
                method=form.cleaned_data["method"],
                months=form.cleaned_data["months"],
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            done = {
                "verify": _("Verified. %(name)s's badge shows until %(day)s."),
                "renew": _("Renewed. %(name)s's badge now shows until %(day)s."),
            }[name]
            messages.success(
                request,
                done
                % {
                    "name": credential.member.public_name,
                    "day": _day(credential.last_day),
                },
            )
            return redirect("professionals:detail", credential_id=credential.pk)
    return _detail_page(request, credential, bound=(name, form))


def _end(
    request: AuthenticatedRequest, credential_id: int, name: str, verb: End
) -> HttpResponse:
    credential = access_credential(request.user, credential_id)
    form = DecisionReasonForm(request.POST, auto_id=f"{name}_%s")
    if form.is_valid():
        try:
            changed = verb(
                admin=request.user,
                credential=credential,
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            if not changed:
                messages.info(
                    request,
                    _("This application isn't waiting any more, so nothing was done.")
                    if name == "decline"
                    else _("There is no badge to withdraw now, so nothing was done."),
                )
            elif name == "decline":
                messages.success(
                    request,
                    _("Declined. %(name)s can read your reason on their page.")
                    % {"name": credential.member.public_name},
                )
            else:
                messages.success(
                    request,
                    _(
                        "The badge is withdrawn. It no longer shows on %(name)s's "
                        "replies and reviews."
                    )
                    % {"name": credential.member.public_name},
                )
            return redirect("professionals:detail", credential_id=credential.pk)
    return _detail_page(request, credential, bound=(name, form))


@login_required
@require_POST
def credential_verify(
    request: AuthenticatedRequest, credential_id: int
) -> HttpResponse:
    return _grant(request, credential_id, "verify", actions.verify_professional)


@login_required
@require_POST
def credential_renew(request: AuthenticatedRequest, credential_id: int) -> HttpResponse:
    return _grant(request, credential_id, "renew", actions.renew_professional)


@login_required
@require_POST
def credential_decline(
    request: AuthenticatedRequest, credential_id: int
) -> HttpResponse:
    return _end(request, credential_id, "decline", actions.decline_professional)


@login_required
@require_POST
def credential_revoke(
    request: AuthenticatedRequest, credential_id: int
) -> HttpResponse:
    return _end(request, credential_id, "revoke", actions.revoke_professional)

"""The page of every moderator action: what will happen, a reason, one button.

Shared by the pages that act on threads, the room and members, so each action
reads the same way and keeps what was typed when it is refused.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alongside.groups.models import Group

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def action_page(
    request: HttpRequest,
    *,
    group: Group | None,
    form: forms.Form,
    heading: "StrOrPromise",
    explanation: Sequence["StrOrPromise"],
    submit: "StrOrPromise",
    back_url: str,
    back_label: "StrOrPromise",
) -> HttpResponse:
    """The form of one action; 422 when it comes back with errors."""
    return render(
        request,
        "moderation/action_form.html",
        {
            "group": group,
            "form": form,
            "heading": heading,
            "explanation": explanation,
            "submit": submit,
            "back_url": back_url,
            "back_label": back_label,
        },
        status=422 if form.errors else 200,
    )

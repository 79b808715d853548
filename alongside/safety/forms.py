"""What composers share: asking once about personal information before sending."""

from typing import cast

from django import forms
from django.http import QueryDict

from .service import Outcome, screen


def ask_once_about_pii(form: forms.Form, text: str) -> Outcome | None:
    """Personal information in `text`: ask once before it is sent, never block.

    Returns the screening to show when the writer has not yet seen it, and marks
    the form's hidden `pii_seen` field so that sending again goes through.
    """
    if form.cleaned_data.get("pii_seen"):
        return None
    outcome = screen(text)
    if not outcome.pii:
        return None
    data = cast(QueryDict, form.data).copy()
    data[form.add_prefix("pii_seen")] = "True"
    form.data = data
    return outcome

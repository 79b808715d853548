import uuid

from django import forms
from django.utils.translation import gettext_lazy as _


class MessageForm(forms.Form):
    body = forms.CharField(
        max_length=4000,
        help_text=_(
            "Enter sends. Shift and Enter starts a new line. "
            "Only members of this group see the room."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write something before sending.")},
    )
    client_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

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


class HostForm(forms.Form):
    """The host's controls during a meeting; one form, one button per action."""

    action = forms.ChoiceField(
        choices=[
            ("start", "start"),
            ("end", "end"),
            ("slow", "slow"),
            ("pin", "pin"),
            ("unpin", "unpin"),
            ("mute", "mute"),
        ]
    )
    seconds = forms.TypedChoiceField(
        label=_("Slow mode"),
        coerce=int,
        required=False,
        choices=[
            (0, _("Off")),
            (10, _("One message every 10 seconds")),
            (30, _("One message every 30 seconds")),
            (60, _("One message a minute")),
            (120, _("One message every 2 minutes")),
        ],
    )
    seq = forms.IntegerField(required=False, min_value=1)
    reason = forms.CharField(required=False, max_length=500)

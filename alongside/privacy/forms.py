import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import MAX_LENGTH
from .models import PrivacyPreference


class MessageForm(forms.Form):
    """A private message; the token makes a form sent twice count once."""

    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You can use Markdown: *italics*, **bold**, lists and links."),
        error_messages={"required": _("Write something before sending.")},
    )
    client_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    # Set once the writer has been asked about personal information in the text.
    pii_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PreferenceForm(forms.Form):
    messages_from = forms.ChoiceField(
        label=_("Who can send you private messages?"),
        choices=PrivacyPreference.MessagesFrom.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "People you write to can always write back. Blocking someone stops "
            "messages both ways."
        ),
        error_messages={"required": _("Choose who can send you private messages.")},
    )

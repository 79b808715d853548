from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmailChoice

Mode = EmailChoice.Mode


class EmailChoiceForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How often should we email you?"),
        choices=[
            (Mode.OFF, _("No emails")),
            (Mode.IMMEDIATE, _("An email each time")),
            (Mode.DAILY, _("A daily summary, from 8am your time")),
            (Mode.WEEKLY, _("A weekly summary, on Mondays from 8am your time")),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "Emails say how many notifications are waiting, with a link to read "
            "them here. Nothing is sent when nothing is waiting."
        ),
        error_messages={"required": _("Choose how often to hear by email.")},
    )
    include_details = forms.BooleanField(
        label=_("Name the thread and the group in my emails"),
        required=False,
        help_text=_(
            "Anyone who can see your inbox could read them. Emails never include "
            "what anyone wrote."
        ),
    )

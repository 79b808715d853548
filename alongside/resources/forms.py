"""Forms of the resources app. Values are checked again by `resources.actions`."""

from typing import Any, cast

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from alongside.core.places import country_choices

from .models import MAX_BADGE_MONTHS

# ---------------------------------------------------------------------------
# Professionals: applying for a badge, and the admins' decisions on it


class ApplyForm(forms.Form):
    """A member's application for a professional badge."""

    profession = forms.CharField(
        label=_("Your profession"),
        max_length=80,
        help_text=_(
            "As your register names it, like “Registered nurse”. This is what "
            "your badge will say."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        error_messages={
            "required": _("Name your profession."),
            "max_length": _("Keep this to 80 characters or fewer."),
        },
    )
    registration_number = forms.CharField(
        label=_("Registration or licence number"),
        max_length=60,
        help_text=_("Only the site's admins see this, to find you on the register."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Add your registration or licence number."),
            "max_length": _("Keep this to 60 characters or fewer."),
        },
    )
    issuing_body = forms.CharField(
        label=_("Who issued it"),
        max_length=160,
        help_text=_("The register or board, like “Nursing and Midwifery Council”."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={
            "required": _("Name the register or board that issued it."),
            "max_length": _("Keep this to 160 characters or fewer."),
        },
    )
    country = forms.ChoiceField(
        label=_("Country where you're registered"),
        help_text=_("Your badge names it, like “Registered nurse, United Kingdom”."),
        error_messages={
            "required": _("Choose the country where you're registered."),
            "invalid_choice": _("Choose the country where you're registered."),
        },
    )
    conflicts = forms.CharField(
        label=_("Conflicts of interest"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Anything that could shape your advice: who you work for, products "
            "you're paid to promote. Write “None” if there is nothing."
        ),
        error_messages={
            "required": _("Add a conflict-of-interest statement, or write “None”."),
            "max_length": _("Keep this to 2,000 characters or fewer."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built when the form is made, not at import.
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            ("", _("Choose a country")),
            *country_choices(),
        ]


MONTHS_ERROR = format_lazy(
    _("Choose a number of months from 1 to {most}."), most=MAX_BADGE_MONTHS
)


class GrantForm(forms.Form):
    """Verify or renew: how the register was checked, and for how long."""

    method = forms.CharField(
        label=_("How you checked"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Which register you looked at and what matched, like “NMC register, "
            "PIN matched, name and field agree”. It goes in the log."
        ),
        error_messages={
            "required": _("Say how you checked, like “NMC register, PIN matched”."),
            "max_length": _("Keep this to 500 characters or fewer."),
        },
    )
    months = forms.IntegerField(
        label=_("For how many months"),
        min_value=1,
        max_value=MAX_BADGE_MONTHS,
        initial=MAX_BADGE_MONTHS,
        help_text=format_lazy(
            _("At most {most}. The badge ends on its date unless an admin renews it."),
            most=MAX_BADGE_MONTHS,
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": MONTHS_ERROR,
            "invalid": MONTHS_ERROR,
            "min_value": MONTHS_ERROR,
            "max_value": MONTHS_ERROR,
        },
    )


class DecisionReasonForm(forms.Form):
    """Decline an application or withdraw a badge: the member reads the reason."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The member reads this on their application page. It goes in the log."
        ),
        error_messages={
            "required": _("Give a reason; the member will see it."),
            "max_length": _("Keep this to 1,000 characters or fewer."),
        },
    )

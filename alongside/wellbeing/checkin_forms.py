from django import forms
from django.utils.translation import gettext_lazy as _

from .checkins import NOTE_MAX_LENGTH
from .models import CheckBack, CheckIn, SupportContact
from .support import HOW_MAX_LENGTH, NAME_MAX_LENGTH

OFFLINE_CHOICES = [("yes", _("Yes")), ("no", _("Not today"))]


class CheckInForm(forms.Form):
    mood = forms.TypedChoiceField(
        label=_("How are you today?"),
        choices=CheckIn.Mood.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you are today, or skip.")},
    )
    note = forms.CharField(
        label=_("Anything you'd like to remember about today? (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you can see this."),
    )
    connected_offline = forms.ChoiceField(
        label=_("Did you connect with someone offline today? (optional)"),
        choices=OFFLINE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    # The page the form was on, to go back to.
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def offline_answer(self) -> bool | None:
        answer = self.cleaned_data.get("connected_offline")
        return {"yes": True, "no": False}.get(answer or "")


class SupportContactForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Who is this?"),
        choices=SupportContact.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who this is.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("A name or a few words, so you know who this is."),
        error_messages={"required": _("Add a name, so you know who this is.")},
    )
    how = forms.CharField(
        label=_("How to reach them (optional)"),
        required=False,
        max_length=HOW_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A phone number, an email address, or when they're around."),
    )


class SuggestionsForm(forms.Form):
    suggest_support = forms.BooleanField(
        label=_(
            "Suggest professional or offline support when things seem hard, and "
            "check in with me afterwards"
        ),
        required=False,
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class CheckBackForm(forms.Form):
    answer = forms.ChoiceField(choices=CheckBack.Answer.choices)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

from django import forms
from django.utils.translation import gettext_lazy as _


class JoinRequestForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the group's facilitators will read this."),
    )


class InviteForm(forms.Form):
    username = forms.CharField(
        label=_("Their sign-in name"),
        max_length=150,
        help_text=_("They'll see the invitation when they next sign in."),
        error_messages={"required": _("Enter the name they sign in with.")},
    )


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Search groups"), max_length=80, required=False)


class GroupSettingsForm(forms.Form):
    holds_first_posts = forms.BooleanField(
        label=_("Hold new members' first posts for approval"),
        required=False,
        help_text=_(
            "A moderator approves a new member's first post before others see it, "
            "usually within a day. The writer is told, kindly. A post that shows "
            "someone may be in crisis is never held: it goes up, and the moderators "
            "are told."
        ),
    )

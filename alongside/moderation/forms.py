from django import forms
from django.utils.translation import gettext_lazy as _

CHECK_IN = _(
    "Hi, we saw your post and wanted to check in. You're welcome here. If you'd like "
    "to talk to someone today, the “Get help now” link at the top of every page "
    "lists free, confidential lines where you live."
)


class ReachOutForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        initial=CHECK_IN,
        help_text=_(
            "Only this member will see it. It comes from the group's moderators."
        ),
        error_messages={"required": _("Write a message before sending.")},
    )


class ResolveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (for the log)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import GroupLevel
from .queries import GroupChoice

LEVEL_QUESTION = _("How often should we tell you about new posts?")


class GroupLevelForm(forms.Form):
    """How much a member hears about one group (its page, and joining it)."""

    level = forms.ChoiceField(
        label=LEVEL_QUESTION,
        choices=GroupLevel.Level.choices,
        widget=forms.RadioSelect,
        initial=GroupLevel.Level.REPLIES,
        help_text=_("Only in Alongside, unless you turn on emails."),
        error_messages={"required": _("Choose how often to hear about new posts.")},
    )


class LevelsForm(forms.Form):
    """One choice per group the member is in, on the settings page."""

    def __init__(self, *args: object, choices: list[GroupChoice], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.choices = choices
        for choice in choices:
            self.fields[self.field_name(choice.group.pk)] = forms.ChoiceField(
                label=choice.group.name,
                choices=GroupLevel.Level.choices,
                widget=forms.RadioSelect,
                initial=choice.level,
                # Left out, a group's level stays as it is.
                required=False,
            )

    @staticmethod
    def field_name(group_id: int) -> str:
        return f"group_{group_id}"

    def levels(self) -> dict[int, str]:
        chosen = {
            choice.group.pk: self.cleaned_data.get(self.field_name(choice.group.pk))
            for choice in self.choices
        }
        return {group_id: level for group_id, level in chosen.items() if level}

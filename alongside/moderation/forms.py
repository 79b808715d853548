from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.core.errors import ActionRefused

from .actions import MUTE_PERIODS
from .models import Report, WordFilter
from .sources import MAX_URL_LENGTH, check_source

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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


# ---------------------------------------------------------------------------
# Context notes


def source_field(
    label: "StrOrPromise", *, help_text: "StrOrPromise" = ""
) -> forms.CharField:
    """One optional https link, checked later by `moderation.sources`, never fetched."""
    return forms.CharField(
        label=label,
        max_length=MAX_URL_LENGTH,
        required=False,
        widget=forms.URLInput(attrs={"autocomplete": "url", "inputmode": "url"}),
        help_text=help_text,
        error_messages={
            "max_length": _("That link is too long. Use a shorter link to the page.")
        },
    )


class ContextNoteForm(forms.Form):
    body = forms.CharField(
        label=_("Your note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Everyone who can see the post will see this beneath it, as context from "
            "the moderators. Keep it kind and factual. You can use Markdown."
        ),
        error_messages={
            "required": _("Write the note before adding it."),
            "max_length": _("Keep the note to 2,000 characters or fewer."),
        },
    )
    source_1 = source_field(
        _("Source"),
        help_text=_(
            "A link starting with https:// to where the information comes from. "
            "Readers see the website's name beside it. You can add up to 3."
        ),
    )
    source_2 = source_field(_("Another source (optional)"))
    source_3 = source_field(_("A third source (optional)"))

    SOURCE_FIELDS = ("source_1", "source_2", "source_3")

    def __init__(self, *args: Any, professional: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if professional:
            self.fields["body"].help_text = _(
                "Everyone who can see the post will see this beneath it, with your "
                "name and your badge. Keep it kind and factual. You can use Markdown."
            )

    def _clean_source(self, name: str) -> str:
        url = str(self.cleaned_data.get(name, "")).strip()
        if url:
            try:
                check_source(url)
            except ActionRefused as refusal:
                raise forms.ValidationError(refusal.message) from None
        return url

    def clean_source_1(self) -> str:
        return self._clean_source("source_1")

    def clean_source_2(self) -> str:
        return self._clean_source("source_2")

    def clean_source_3(self) -> str:
        return self._clean_source("source_3")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given = [name for name in self.SOURCE_FIELDS if name in cleaned]
        if len(given) == len(self.SOURCE_FIELDS) and not any(
            cleaned[name] for name in given
        ):
            self.add_error(
                "source_1", _("Add at least one source: a link starting with https://")
            )
        return cleaned

    @property
    def sources(self) -> list[str]:
        return [self.cleaned_data[name] for name in self.SOURCE_FIELDS]


# ---------------------------------------------------------------------------
# Held posts and word filters

DECLINE_MESSAGE = _(
    "Thanks for posting. A moderator decided this post isn't right for this group "
    "as it is. You're very welcome to change it, or to post again."
)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("What the writer will read"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        initial=DECLINE_MESSAGE,
        help_text=_(
            "Only the writer sees this, beside their post and in a message from the "
            "moderators. It is also kept in the moderation log."
        ),
        error_messages={"required": _("Say why, so the writer understands.")},
    )


class WordFilterForm(forms.Form):
    phrase = forms.CharField(
        label=_("Word or phrase"),
        max_length=100,
        help_text=_(
            "Whole words only, in any mix of capitals. Posts are checked as they "
            "are written; earlier posts are not."
        ),
        error_messages={
            "required": _("Write the word or phrase to look for."),
            "max_length": _("Keep it to 100 characters or fewer."),
        },
    )
    action = forms.ChoiceField(
        label=_("What happens to a post that uses it"),
        choices=WordFilter.Action.choices,
        initial=WordFilter.Action.FLAG,
        widget=forms.RadioSelect,
        help_text=_(
            "Chat messages are never held, because the room is live: they are "
            "flagged. A post that shows someone may be in crisis is never held "
            "either: it goes up, and it is flagged."
        ),
    )


# ---------------------------------------------------------------------------
# Member reports, and the moderator's own pace


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What's wrong?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what's wrong.")},
    )
    note = forms.CharField(
        label=_("Anything the moderators should know?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Needed if you chose “Something else”. Only the group's moderators read "
            "this."
        ),
        error_messages={"max_length": _("Keep this to 1,000 characters or fewer.")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("reason") == Report.Reason.OTHER
            and not str(cleaned.get("note", "")).strip()
        ):
            self.add_error(
                "note", _("Tell the moderators a little about what's wrong.")
            )
        return cleaned


class BreakForm(forms.Form):
    break_after = forms.IntegerField(
        label=_("Suggest a break after this many distressing items a day"),
        min_value=1,
        max_value=200,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter a number."),
            "invalid": _("Enter a whole number."),
            "min_value": _("Choose a number from 1 to 200."),
            "max_value": _("Choose a number from 1 to 200."),
        },
    )


# ---------------------------------------------------------------------------
# Moderators' actions on content and members: each needs a reason.

REASON_ERRORS = {
    "required": _("Say why. It goes in the log."),
    "max_length": _("Keep this to 1,000 characters or fewer."),
}


class ModerationReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=REASON_ERRORS,
    )

    def __init__(
        self, *args: Any, label: "StrOrPromise" = "", help_text: "StrOrPromise" = "",
        **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        if help_text:
            self.fields["reason"].help_text = help_text


class MuteInGroupForm(ModerationReasonForm):
    period = forms.ChoiceField(
        label=_("For how long"),
        choices=[(key, label) for key, (_delta, label) in MUTE_PERIODS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how long to pause their posting.")},
    )
    field_order = ["period", "reason"]


class SuspendForm(ModerationReasonForm):
    ends_on = forms.DateField(
        label=_("Ends on"),
        help_text=_(
            "The suspension lifts at the start of this day (midnight, your time)."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Choose the day the suspension ends."),
            "invalid": _("Enter a date, for example 14 March 2026."),
        },
    )
    field_order = ["ends_on", "reason"]

    def clean_ends_on(self) -> date:
        ends_on: date = self.cleaned_data["ends_on"]
        if ends_on <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today."))
        return ends_on

    def ends_at(self) -> datetime:
        """Midnight at the start of the chosen day, in the admin's time zone."""
        return timezone.make_aware(
            datetime.combine(self.cleaned_data["ends_on"], time.min)
        )

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.groups.models import Group

from .models import Reaction, Reply


class ClaimChoices(forms.RadioSelect):
    """Radios whose group is reached, from the error summary, at its first one."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


def _claim_field() -> forms.ChoiceField:
    """What kind of post this is. Every label is a valid answer here; who may use
    "Professional view" is the action's to say, so the refusal reads clearly."""
    return forms.ChoiceField(
        label=_("What kind of post is this?"),
        choices=[
            (Reply.Claim.EXPERIENCE, _("My experience")),
            (Reply.Claim.INFORMATION, _("Information (with source)")),
            (Reply.Claim.PROFESSIONAL, _("Professional view")),
            (Reply.Claim.NONE, _("No label")),
        ],
        initial=Reply.Claim.NONE,
        required=False,
        widget=ClaimChoices,
        help_text=_(
            "Optional. It helps readers know how to take your words. For "
            "information, add a link to your source, starting with https://."
        ),
    )


def _offer_claims(form: forms.Form, professional: bool) -> None:
    """Show "Professional view" only to a member whose badge stands."""
    if not professional:
        field = form.fields["claim"]
        field.widget.choices = [
            choice
            for choice in field.choices  # type: ignore[attr-defined]
            if choice[0] != Reply.Claim.PROFESSIONAL
        ]


class PostForm(forms.Form):
    """The words of a reply, with an optional content note and anonymity."""

    body = forms.CharField(
        label=_("Your post"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("You can use Markdown: *italics*, **bold**, lists and links."),
        error_messages={"required": _("Write something before posting.")},
    )
    content_warning = forms.CharField(
        label=_("Content note (optional)"),
        max_length=100,
        required=False,
        help_text=_(
            "For example “self-harm” or “pregnancy loss”. Your post will be folded "
            "until a reader chooses to open it."
        ),
    )
    claim = _claim_field()
    is_anonymous = forms.BooleanField(
        label=_("Post anonymously"),
        required=False,
        help_text=_(
            "Other members will see “Anonymous member”. The group's moderators can "
            "still find out who wrote it if they need to keep people safe."
        ),
    )

    # Set once the writer has been asked about personal information in the text.
    pii_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        allows_anonymous: bool = False,
        professional: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not allows_anonymous:
            del self.fields["is_anonymous"]
        _offer_claims(self, professional)


class ThreadForm(PostForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=140,
        error_messages={"required": _("Give your thread a title.")},
    )
    field_order = [
        "title",
        "body",
        "content_warning",
        "claim",
        "is_anonymous",
        "pii_seen",
    ]


class EditForm(forms.Form):
    body = PostForm.base_fields["body"]
    content_warning = PostForm.base_fields["content_warning"]
    claim = _claim_field()

    def __init__(self, *args: Any, professional: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_claims(self, professional)


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=Reaction.Kind.choices)


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to know who wrote this?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("This is recorded with your name."),
        error_messages={"required": _("Say why you need to know who wrote this.")},
    )


class MoveThreadForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Move it to"),
        queryset=Group.objects.none(),
        to_field_name="slug",
        empty_label=_("Choose a group"),
        error_messages={
            "required": _("Choose the group to move it to."),
            "invalid_choice": _("Choose one of the groups you moderate."),
        },
    )
    reason = forms.CharField(
        label=_("Why are you moving it?"),
        help_text=_("The thread's writer is told, with this reason."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say why. It goes in the log."),
            "max_length": _("Keep this to 1,000 characters or fewer."),
        },
    )

    def __init__(self, *args: Any, groups: list[Group], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["group"]
        field.queryset = Group.objects.filter(  # type: ignore[attr-defined]
            pk__in=[group.pk for group in groups]
        ).order_by("name")

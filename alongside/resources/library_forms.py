"""The library's forms: browse, share, review, remove."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from alongside.core.errors import ActionRefused
from alongside.groups.models import Group
from alongside.moderation.forms import source_field
from alongside.moderation.sources import check_source

from .actions import MAX_TAGS
from .models import Resource, Tag
from .queries import LibraryFilters

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SOURCE_FIELDS = ("source_1", "source_2", "source_3")


class LibraryFilterForm(forms.Form):
    """Browse by group, tag, type and review state; a plain GET form.

    Only the viewer's own groups and the tags they can see are offered, and a value
    that is not among them is dropped rather than shown back.
    """

    group = forms.ChoiceField(label=_("Group"), required=False)
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    review = forms.ChoiceField(label=_("Review"), required=False)

    def __init__(
        self, data: Any, *, groups: list[Group], tags: list[Tag], **kwargs: Any
    ) -> None:
        choices: dict[str, list[tuple[str, StrOrPromise]]] = {
            "group": [("", _("All my groups"))]
            + [(group.slug, group.name) for group in groups],
            "tag": [("", _("Any tag"))] + [(tag.slug, tag.name) for tag in tags],
            "kind": [("", _("Any type")), *Resource.Kind.choices],
            "review": [("", _("Any review state")), *Resource.Review.choices],
        }
        picked = {
            name: value
            for name in choices
            if (value := str((data or {}).get(name, "")))
            in {key for key, _label in choices[name]}
        }
        super().__init__(initial=picked, **kwargs)
        for name, options in choices.items():
            self.fields[name].choices = options  # type: ignore[attr-defined]
        self.filters = LibraryFilters(**picked)

    @property
    def is_filtered(self) -> bool:
        return any(vars(self.filters).values())

    @property
    def query(self) -> dict[str, str]:
        return {name: value for name, value in vars(self.filters).items() if value}


class ShareResourceForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=160,
        error_messages={
            "required": _("Give it a title."),
            "max_length": _("Keep the title to 160 characters or fewer."),
        },
    )
    summary = forms.CharField(
        label=_("What it is and why it helped"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("You can use Markdown: *italics*, **bold**, lists and links."),
        error_messages={
            "required": _("Say what it is and why it helped."),
            "max_length": _("Keep this to 2,000 characters or fewer."),
        },
    )
    kind = forms.ChoiceField(
        label=_("What type is it?"),
        choices=Resource.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what type of resource it is."),
            "invalid_choice": _("Choose what type of resource it is."),
        },
    )
    source_1 = source_field(
        _("Link"),
        help_text=_(
            "A link starting with https://. Readers see the website's name "
            "beside it. A tip from experience can go without one."
        ),
    )
    source_2 = source_field(_("Another link (optional)"))
    source_3 = source_field(_("A third link (optional)"))
    tags = forms.CharField(
        label=_("Tags (optional)"),
        max_length=300,
        required=False,
        help_text=_("Up to 5, separated by commas, like “sleep, pacing”."),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Share it in"),
        queryset=Group.objects.none(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only members of the groups you choose will see it."),
        error_messages={
            "required": _("Choose at least one of your groups to share it with."),
            "invalid_choice": _("Choose from your own groups."),
            "invalid_pk_value": _("Choose from your own groups."),
        },
    )
    # Set once the writer has been asked about personal information in the text.
    pii_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, groups: QuerySet[Group], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.own_groups = groups
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]

    def _clean_source(self, name: str) -> str:
        url = str(self.cleaned_data.get(name, "")).strip()
        if url:
            try:
                check_source(url)
            except ActionRefused as refusal:
                raise forms.ValidationError(
                    _("We couldn't use that link. %(why)s") % {"why": refusal.message}
                ) from None
        return url

    def clean_source_1(self) -> str:
        return self._clean_source("source_1")

    def clean_source_2(self) -> str:
        return self._clean_source("source_2")

    def clean_source_3(self) -> str:
        return self._clean_source("source_3")

    def clean_tags(self) -> list[str]:
        names = [name.strip() for name in self.cleaned_data["tags"].split(",")]
        names = list(dict.fromkeys(name for name in names if name))
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(
                _("Use at most %(count)d tags.") % {"count": MAX_TAGS}
            )
        return names

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        sources_valid = all(name in cleaned for name in SOURCE_FIELDS)
        if (
            sources_valid
            and cleaned.get("kind")
            and cleaned["kind"] != Resource.Kind.TIP
            and not any(cleaned[name] for name in SOURCE_FIELDS)
        ):
            self.add_error(
                "source_1",
                _(
                    "Add a link starting with https:// to where it comes from. "
                    "Only a tip from experience can go without one."
                ),
            )
        return cleaned

    @property
    def sources(self) -> list[str]:
        return [
            self.cleaned_data[name] for name in SOURCE_FIELDS if self.cleaned_data[name]
        ]

    @property
    def checked_sources(self) -> list[dict[str, str]]:
        """The links as the card will show them, each with its domain."""
        return [check_source(url) for url in self.sources]


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Your review"),
        choices=[
            ("sound", _("Looks sound")),
            ("concerns", _("I have concerns")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one: it looks sound, or you have concerns."),
            "invalid_choice": _("Choose one: it looks sound, or you have concerns."),
        },
    )
    note = forms.CharField(
        label=_("Note for readers"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Readers see it with your review. If you have concerns, say what they "
            "are, and point to a better source if you can. You can use Markdown."
        ),
        error_messages={
            "max_length": _("Keep the note to 2,000 characters or fewer."),
        },
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("verdict") == "concerns" and not cleaned.get("note", "").strip():
            self.add_error(
                "note", _("Say what concerns you, so readers can judge for themselves.")
            )
        return cleaned

    @property
    def concerns(self) -> bool:
        return bool(self.cleaned_data["verdict"] == "concerns")


class RemoveResourceForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you removing it? (optional, for the log)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep this to 1,000 characters or fewer.")},
    )

    def __init__(self, *args: Any, asks_reason: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not asks_reason:
            del self.fields["reason"]

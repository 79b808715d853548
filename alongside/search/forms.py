"""The search box and its filters: a plain GET form."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.groups.models import Group

from .queries import NEWEST, RELEVANCE, SearchFilters
from .words import MAX_LENGTH, clean, parse

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class SearchForm(forms.Form):
    """Words, then which of the viewer's groups, how recent, and in what order.

    Only the viewer's own groups are offered, and a value that is not among the
    choices is dropped rather than shown back (as the library's filters do).
    """

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_LENGTH,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "enterkeyhint": "search",
                "aria-describedby": "search-hint",
            }
        ),
    )
    group = forms.ChoiceField(label=_("In"), required=False)
    when = forms.ChoiceField(label=_("Written"), required=False)
    order = forms.ChoiceField(label=_("Show first"), required=False)

    def __init__(self, data: Any, *, groups: list[Group], **kwargs: Any) -> None:
        choices: dict[str, list[tuple[str, StrOrPromise]]] = {
            "group": [("", _("All my groups"))]
            + [(group.slug, group.name) for group in groups],
            "when": [
                ("", _("Any time")),
                ("week", _("In the past week")),
                ("month", _("In the past month")),
                ("year", _("In the past year")),
            ],
            "order": [(RELEVANCE, _("Best matches")), (NEWEST, _("Newest"))],
        }
        data = data or {}
        picked = {
            name: value
            for name in choices
            if (value := str(data.get(name, ""))) in {key for key, _l in choices[name]}
        }
        self.text = clean(str(data.get("q", "")))
        super().__init__(initial={"q": self.text, **picked}, **kwargs)
        for name, options in choices.items():
            self.fields[name].choices = options  # type: ignore[attr-defined]
        self.picked = picked
        by_slug = {group.slug: group for group in groups}
        self.filters = SearchFilters(
            words=parse(self.text),
            group=by_slug.get(picked.get("group", "")),
            period=picked.get("when", ""),
            order=picked.get("order", RELEVANCE),
        )

    @property
    def query(self) -> dict[str, str]:
        """The search as URL parameters, for links to its other pages."""
        return {"q": self.text, **{k: v for k, v in self.picked.items() if v}}

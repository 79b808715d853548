from typing import Any, cast

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import ratelimit
from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alongside.core.places import country_choices, time_zone_choices

from .models import AccountDeletion, User


def _fill_place_choices(form: forms.Form) -> None:
    """Country and time-zone lists are built when a form is made, not at import."""
    country = cast(forms.ChoiceField, form.fields["country"])
    country.choices = [("", _("Prefer not to say")), *country_choices()]
    cast(forms.ChoiceField, form.fields["time_zone"]).choices = time_zone_choices()


class SignupForm(AllauthSignupForm):  # type: ignore[misc]
    """Pseudonymous sign-up: a name to use here, a password, and where you live."""

    country = forms.ChoiceField(
        label=_("Where are you living at the moment?"),
        help_text=_(
            "So we can show support lines that work there. Only you can see this."
        ),
        required=False,
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        help_text=_("Meeting and post times will be shown in it."),
        required=False,
        initial="UTC",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("Choose a name to use here")
        username.help_text = _(
            "Pick something people won't recognise: not your real name or one you "
            "use elsewhere. You can change the name others see later."
        )
        username.widget.attrs.pop("placeholder", None)
        email = self.fields["email"]
        email.label = _("Email (optional)")
        email.help_text = _(
            "Only used to reset your password and, if you want, to tell you about "
            "replies. Never shown to anyone."
        )
        email.widget.attrs.pop("placeholder", None)
        password = self.fields["password1"]
        password.label = _("Password")
        password.help_text = _(
            "At least 12 characters. Pasting from a password manager is fine."
        )
        password.widget.attrs.pop("placeholder", None)
        self.fields["country"].choices = [
            ("", _("Prefer not to say")),
            *country_choices(),
        ]
        self.fields["time_zone"].choices = time_zone_choices()
        self.order_fields(["username", "password1", "email", "country", "time_zone"])

    def save(self, request: Any) -> User:
        user: User = super().save(request)
        user.country = self.cleaned_data.get("country") or ""
        user.time_zone = self.cleaned_data.get("time_zone") or "UTC"
        user.save(update_fields=["country", "time_zone"])
        return user


class ProfileForm(forms.Form):
    """The profile a member edits; values are applied by `update_profile`."""

    display_name = forms.CharField(
        label=_("Name shown to others"),
        max_length=60,
        required=False,
        help_text=_(
            "Pick something people won't recognise: not your real name "
            "or one you use elsewhere. Leave empty to use your sign-in name."
        ),
    )
    pronouns = forms.CharField(label=_("Pronouns"), max_length=30, required=False)
    bio = forms.CharField(
        label=_("A few words about you"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Members of your groups can read this. 500 characters at most."),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        help_text=_("Used to show support lines that work there. Only you see it."),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"))
    language = forms.ChoiceField(label=_("Language"), choices=[("en", "English")])

    FIELDS = ("display_name", "pronouns", "bio", "country", "time_zone", "language")

    def __init__(self, *args: Any, member: User, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {name: getattr(member, name) for name in self.FIELDS}
        )
        super().__init__(*args, **kwargs)
        _fill_place_choices(self)


class ExplainedChoices(forms.RadioSelect):
    """Radio buttons, each described by a hint whose id is "<option id>_hint"; the
    error summary links to the first of them."""

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        found: str = super().id_for_label(id_, index)
        return found

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(*args, **kwargs)
        option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_hint"
        return option


class DeleteAccountForm(forms.Form):
    """What happens to the member's posts, confirmed with their password."""

    posts = forms.ChoiceField(
        label=_("What should happen to your posts?"),
        choices=AccountDeletion.Posts.choices,
        widget=ExplainedChoices,
        error_messages={"required": _("Choose what should happen to your posts.")},
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("So we know it's you."),
        error_messages={"required": _("Type your password. Nothing has been deleted.")},
    )

    def __init__(self, *args: Any, request: HttpRequest, member: User, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.request = request
        self.member = member

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        # The same limit as allauth's own "confirm it's you" pages.
        if not ratelimit.consume(
            self.request, action="reauthenticate", user=self.member
        ):
            raise forms.ValidationError(
                _(
                    "That's a lot of tries in a short time. Wait a minute, then "
                    "try again. Nothing has been deleted."
                )
            )
        if not self.member.check_password(password):
            raise forms.ValidationError(
                _(
                    "That password isn't right, so nothing has been deleted. "
                    "Type it again."
                )
            )
        return password

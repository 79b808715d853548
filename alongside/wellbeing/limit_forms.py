from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .charts import duration_text
from .limits import BREAK_CHOICES, DAILY_CHOICES

CHOOSE_FROM_LIST = _("Choose one of the times in the list.")


def _minutes_choices(minutes: tuple[int, ...]) -> list[tuple[str, str]]:
    return [("", str(_("Off")))] + [(str(m), duration_text(m * 60)) for m in minutes]


class _Time(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class LimitsForm(forms.Form):
    daily_minutes = forms.TypedChoiceField(
        label=_("Remind me after this much time on Alongside in a day"),
        help_text=_("Once a day, a gentle question. You can always keep going."),
        choices=[],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": CHOOSE_FROM_LIST},
    )
    break_after_minutes = forms.TypedChoiceField(
        label=_("Suggest a break after this long without one"),
        help_text=_(
            "Time away from the screen for a couple of minutes counts as a break."
        ),
        choices=[],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": CHOOSE_FROM_LIST},
    )
    quiet_from = forms.TimeField(
        label=_("From"),
        required=False,
        widget=_Time(),
        input_formats=["%H:%M", "%H:%M:%S"],
        error_messages={"invalid": _("Enter a time, like 23:00.")},
    )
    quiet_until = forms.TimeField(
        label=_("Until"),
        required=False,
        widget=_Time(),
        input_formats=["%H:%M", "%H:%M:%S"],
        error_messages={"invalid": _("Enter a time, like 07:00.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        daily = self.fields["daily_minutes"]
        breaks = self.fields["break_after_minutes"]
        assert isinstance(daily, forms.TypedChoiceField)  # noqa: S101
        assert isinstance(breaks, forms.TypedChoiceField)  # noqa: S101
        daily.choices = _minutes_choices(DAILY_CHOICES)
        breaks.choices = _minutes_choices(BREAK_CHOICES)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("quiet_from"), cleaned.get("quiet_until")
        if "quiet_from" in self.errors or "quiet_until" in self.errors:
            return cleaned
        if starts is None and ends is not None:
            self.add_error(
                "quiet_from",
                _("Give a time for quiet hours to start, or clear both times."),
            )
        elif ends is None and starts is not None:
            self.add_error(
                "quiet_until",
                _("Give a time for quiet hours to end, or clear both times."),
            )
        elif starts is not None and starts == ends:
            self.add_error(
                "quiet_until",
                _("Quiet hours need to end at a different time from when they start."),
            )
        return cleaned

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.places import time_zone_choices

from . import schedule, wording
from .actions import MAX_DURATION_MINUTES, MeetingPlan, is_https
from .models import RSVP, Meeting


class FacilitatorsField(forms.ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.public_name


class MeetingForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=140,
        error_messages={"required": _("Give the meeting a title.")},
    )
    description = forms.CharField(
        label=_("What it's about (optional)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    starts_on = forms.DateField(
        label=_("Date"),
        help_text=_("For a weekly meeting, the date of the first one."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date of the meeting."),
            "invalid": _("Enter a real date, for example 2026-03-17."),
        },
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Enter the time it starts."),
            "invalid": _("Enter a time like 19:30."),
        },
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        help_text=_(
            "The meeting keeps this local time, even when the clocks change. "
            "Everyone else sees it in their own time."
        ),
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )
    duration_minutes = forms.IntegerField(
        label=_("How long, in minutes"),
        min_value=1,
        max_value=MAX_DURATION_MINUTES,
        initial=60,
        error_messages={
            "required": _("Enter how long it lasts, in minutes."),
            "invalid": _("Enter how long it lasts, in minutes."),
            "min_value": _("A meeting lasts at least 1 minute."),
            "max_value": _("A meeting can last up to 12 hours (720 minutes)."),
        },
    )
    recurrence = forms.ChoiceField(
        label=_("How often"),
        choices=Meeting.Recurrence.choices,
        initial=Meeting.Recurrence.NONE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose once or every week.")},
    )
    repeat_until = forms.DateField(
        label=_("Last date (optional)"),
        required=False,
        help_text=_("For a weekly meeting. Leave empty to keep it going."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date, for example 2026-06-30.")},
    )
    repeat_count = forms.IntegerField(
        label=_("Or a number of meetings (optional)"),
        required=False,
        min_value=1,
        max_value=520,
        error_messages={
            "invalid": _("Enter a number of meetings, like 8."),
            "min_value": _("Enter at least 1 meeting."),
            "max_value": _("Enter at most 520 meetings (ten years)."),
        },
    )
    capacity = forms.IntegerField(
        label=_("Places (optional)"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for no limit."),
        error_messages={
            "invalid": _("Enter a number of places, like 12."),
            "min_value": _("Leave places empty, or allow at least 1 person."),
        },
    )
    video_url = forms.URLField(
        label=_("Video link (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "For those who want faces and voices. It must start with https://. "
            "Only members of this group will see it."
        ),
        error_messages={"invalid": _("Enter a web address that starts with https://")},
    )
    facilitators = FacilitatorsField(
        label=_("Facilitators"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to host it yourself."),
    )

    def __init__(
        self,
        *args: Any,
        hosts: Sequence[User] = (),
        current_start: datetime | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.current_start = current_start
        field = cast(FacilitatorsField, self.fields["facilitators"])
        field.queryset = User.objects.filter(pk__in=[host.pk for host in hosts])
        self.fields["video_url"].widget.attrs["autocomplete"] = "url"

    def clean_video_url(self) -> str:
        url: str = self.cleaned_data["video_url"].strip()
        if url and not is_https(url):
            raise forms.ValidationError(
                _("Enter a web address that starts with https://")
            )
        return url

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, at, zone_name = (
            data.get("starts_on"),
            data.get("start_time"),
            data.get("time_zone"),
        )
        zone = schedule.zone_named(zone_name) if zone_name else None
        if day and at and zone:
            at = at.replace(second=0, microsecond=0)
            if not schedule.exists_locally(day, at, zone):
                self.add_error(
                    "start_time",
                    _(
                        "That time doesn't happen in %(place)s on that day, because "
                        "the clocks go forward. Choose another time."
                    )
                    % {"place": wording.place(zone)},
                )
            else:
                start = schedule.local_instant(day, at, zone)
                if start != self.current_start and start <= timezone.now():
                    self.add_error(
                        "starts_on", _("Choose a date and time in the future.")
                    )
        weekly = data.get("recurrence") == Meeting.Recurrence.WEEKLY
        until, count = data.get("repeat_until"), data.get("repeat_count")
        if weekly and until and count:
            self.add_error(
                "repeat_count",
                _("Choose a last date or a number of meetings, not both."),
            )
        if weekly and until and day and until < day:
            self.add_error(
                "repeat_until", _("The last date must be on or after the first one.")
            )
        return data

    def plan(self) -> MeetingPlan:
        data = self.cleaned_data
        return MeetingPlan(
            title=data["title"],
            description=data["description"],
            starts_on=data["starts_on"],
            start_time=data["start_time"],
            time_zone=data["time_zone"],
            duration_minutes=data["duration_minutes"],
            recurrence=data["recurrence"],
            repeat_until=data["repeat_until"],
            repeat_count=data["repeat_count"],
            capacity=data["capacity"],
            video_url=data["video_url"],
            facilitators=list(data["facilitators"]),
        )

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        local = meeting.starts_at.astimezone(meeting.zone)
        return {
            "title": meeting.title,
            "description": meeting.description,
            "starts_on": local.date(),
            "start_time": meeting.local_start_time,
            "time_zone": meeting.time_zone,
            "duration_minutes": meeting.duration_minutes,
            "recurrence": meeting.recurrence,
            "repeat_until": meeting.repeat_until,
            "repeat_count": meeting.repeat_count,
            "capacity": meeting.capacity,
            "video_url": meeting.video_url,
            "facilitators": list(meeting.facilitators.values_list("pk", flat=True)),
        }


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Will you come?"),
        choices=RSVP.Answer.choices,
        widget=forms.RadioSelect,
        help_text=_("You can change your answer at any time."),
        error_messages={"required": _("Choose an answer.")},
    )
    occurrence = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_occurrence(self) -> datetime | None:
        value: str = self.cleaned_data["occurrence"]
        return parse_occurrence(value)


def parse_occurrence(value: str | None) -> datetime | None:
    """An occurrence's start from a URL or form: ISO 8601 with a zone, in UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace(" ", "+"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(UTC)


class CalendarPreferencesForm(forms.Form):
    shows_names = forms.BooleanField(
        label=_("Show meeting titles and group names in my calendar"),
        required=False,
        help_text=_(
            "Otherwise each entry just says “Alongside meeting”. Anyone who can see "
            "your calendar, at work or on a shared device, would see these names."
        ),
    )

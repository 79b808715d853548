"""Helpers for meeting tests: a clock that stands still and a weekly London meeting."""

from datetime import UTC, date, datetime, time

import pytest
from django.utils import timezone

from alongside.meetings.actions import MeetingPlan, schedule_meeting
from alongside.meetings.models import Meeting


class Clock:
    """Stands in for `django.utils.timezone.now`; move it with `set`."""

    def __init__(self, monkeypatch) -> None:
        self.moment = datetime(2026, 2, 20, 12, 0, tzinfo=UTC)
        monkeypatch.setattr(timezone, "now", lambda: self.moment)

    def set(self, *args: int) -> datetime:
        self.moment = datetime(*args, tzinfo=UTC)
        return self.moment


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def plan(**fields) -> MeetingPlan:
    values = {
        "title": "Tuesday evening circle",
        "starts_on": date(2026, 3, 3),
        "start_time": time(19, 0),
        "time_zone": "Europe/London",
        "duration_minutes": 60,
        "recurrence": Meeting.Recurrence.WEEKLY,
    }
    values.update(fields)
    return MeetingPlan(**values)


@pytest.fixture
def weekly(clock, group, facilitator) -> Meeting:
    """Every Tuesday at 19:00 London time from 3 March 2026, with no end."""
    return schedule_meeting(scheduler=facilitator, group=group, plan=plan())


def at_zone(user, name: str):
    user.time_zone = name
    user.save(update_fields=["time_zone"])
    return user

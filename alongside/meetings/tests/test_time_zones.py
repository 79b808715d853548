"""A weekly 19:00 London meeting keeps London time across clock changes.

The UK and the US change their clocks on different dates, and Australia changes the
other way, so from New York and Sydney the meeting moves around during the year.
"""

import itertools
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import pytest

from alongside.meetings import schedule, wording
from alongside.meetings.models import Meeting

from .conftest import at_zone

LONDON = zoneinfo.ZoneInfo("Europe/London")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
SYDNEY = zoneinfo.ZoneInfo("Australia/Sydney")
TODAY = date(2026, 2, 20)

# (meeting date in London, instant in UTC, New York, Sydney)
WEEKS = [
    # Winter everywhere north; summer in Sydney.
    (date(2026, 3, 3), "19:00",
     "Tuesday 3 March, 2pm", "Wednesday 4 March, 6am"),
    # The US has changed (8 March), the UK not yet (29 March).
    (date(2026, 3, 10), "19:00",
     "Tuesday 10 March, 3pm", "Wednesday 11 March, 6am"),
    (date(2026, 3, 24), "19:00",
     "Tuesday 24 March, 3pm", "Wednesday 25 March, 6am"),
    # The UK has changed too; Sydney is still on summer time until 5 April.
    (date(2026, 3, 31), "18:00",
     "Tuesday 31 March, 2pm", "Wednesday 1 April, 5am"),
    # Sydney's clocks went back on 5 April.
    (date(2026, 4, 7), "18:00",
     "Tuesday 7 April, 2pm", "Wednesday 8 April, 4am"),
    # Sydney's clocks went forward on 4 October.
    (date(2026, 10, 6), "18:00",
     "Tuesday 6 October, 2pm", "Wednesday 7 October, 5am"),
    # The UK went back on 25 October; the US waits until 1 November.
    (date(2026, 10, 27), "19:00",
     "Tuesday 27 October, 3pm", "Wednesday 28 October, 6am"),
    (date(2026, 11, 3), "19:00",
     "Tuesday 3 November, 2pm", "Wednesday 4 November, 6am"),
    # 2027: the US on 14 March, the UK on 28 March, Sydney back on 4 April.
    (date(2027, 3, 9), "19:00",
     "Tuesday 9 March 2027, 2pm", "Wednesday 10 March 2027, 6am"),
    (date(2027, 3, 16), "19:00",
     "Tuesday 16 March 2027, 3pm", "Wednesday 17 March 2027, 6am"),
    (date(2027, 3, 30), "18:00",
     "Tuesday 30 March 2027, 2pm", "Wednesday 31 March 2027, 5am"),
    (date(2027, 4, 6), "18:00",
     "Tuesday 6 April 2027, 2pm", "Wednesday 7 April 2027, 4am"),
    # Sydney forward on 3 October 2027; the UK back on 31 October, the US on 7 November.
    (date(2027, 10, 5), "18:00",
     "Tuesday 5 October 2027, 2pm", "Wednesday 6 October 2027, 5am"),
    (date(2027, 11, 2), "19:00",
     "Tuesday 2 November 2027, 3pm", "Wednesday 3 November 2027, 6am"),
    (date(2027, 11, 9), "19:00",
     "Tuesday 9 November 2027, 2pm", "Wednesday 10 November 2027, 6am"),
]  # fmt: skip


def instant(day: date, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def all_starts(meeting: Meeting, until: date) -> list[datetime]:
    return meeting.starts(
        ending_after=meeting.starts_at - timedelta(days=1),
        starting_before=datetime.combine(until, time(), tzinfo=UTC),
        limit=200,
    )


@pytest.mark.parametrize(("day", "utc", "new_york", "sydney"), WEEKS)
def test_weekly_london_meeting_is_stored_at_the_right_utc_instants(
    weekly, day, utc, new_york, sydney
):
    starts = all_starts(weekly, date(2028, 1, 1))
    assert instant(day, utc) in starts
    assert weekly.is_occurrence(instant(day, utc))
    local = instant(day, utc).astimezone(LONDON)
    assert (local.date(), local.time()) == (day, time(19, 0))


@pytest.mark.parametrize(("day", "utc", "new_york", "sydney"), WEEKS)
def test_weekly_london_meeting_reads_correctly_in_new_york_and_sydney(
    day, utc, new_york, sydney
):
    moment = instant(day, utc)
    assert wording.day_and_time(moment, NEW_YORK, today=TODAY) == new_york
    assert wording.day_and_time(moment, SYDNEY, today=TODAY) == sydney
    assert wording.day_and_time(moment, LONDON, today=TODAY).endswith(", 7pm")


def test_every_week_is_exactly_one_london_week_apart(weekly):
    starts = all_starts(weekly, date(2028, 1, 1))
    assert len(starts) == 96
    for earlier, later in itertools.pairwise(starts):
        assert later.astimezone(LONDON).time() == time(19, 0)
        assert later.astimezone(LONDON).date() - earlier.astimezone(LONDON).date() == (
            timedelta(days=7)
        )
    gaps = {later - earlier for earlier, later in itertools.pairwise(starts)}
    assert gaps == {
        timedelta(days=7),
        timedelta(days=7, hours=1),
        timedelta(days=6, hours=23),
    }


def test_a_weekly_meeting_is_not_an_occurrence_an_hour_off_or_between_weeks(weekly):
    assert not weekly.is_occurrence(instant(date(2026, 3, 31), "19:00"))
    assert not weekly.is_occurrence(instant(date(2026, 3, 4), "19:00"))
    assert not weekly.is_occurrence(instant(date(2026, 2, 24), "19:00"))


@pytest.mark.parametrize(
    ("viewer", "now", "sentence"),
    [
        ("America/New_York", datetime(2026, 3, 1, tzinfo=UTC),
         "Clocks change on 8 March. After that, this meeting is at 3pm your time."),
        ("America/New_York", datetime(2026, 3, 11, tzinfo=UTC),
         "Clocks change in London on 29 March. After that, this meeting is at 2pm "
         "your time."),
        ("Australia/Sydney", datetime(2026, 3, 20, tzinfo=UTC),
         "Clocks change in London on 29 March. After that, this meeting is at 5am "
         "your time."),
        ("Australia/Sydney", datetime(2026, 3, 30, tzinfo=UTC),
         "Clocks change on 5 April. After that, this meeting is at 4am your time."),
        ("Australia/Sydney", datetime(2026, 9, 25, tzinfo=UTC),
         "Clocks change on 4 October. After that, this meeting is at 5am your time."),
        ("America/New_York", datetime(2026, 10, 20, tzinfo=UTC),
         "Clocks change in London on 25 October. After that, this meeting is at 3pm "
         "your time."),
        ("America/New_York", datetime(2026, 10, 26, tzinfo=UTC),
         "Clocks change on 1 November. After that, this meeting is at 2pm your time."),
        ("Europe/London", datetime(2026, 3, 20, tzinfo=UTC), None),
        # Lisbon changes its clocks on the same days as London.
        ("Europe/Lisbon", datetime(2026, 3, 20, tzinfo=UTC), None),
        ("America/New_York", datetime(2026, 6, 1, tzinfo=UTC), None),
    ],
)  # fmt: skip
def test_clock_change_note_names_the_day_and_the_new_local_time(
    weekly, viewer, now, sentence
):
    starts = weekly.starts(ending_after=now, limit=6)
    change = wording.clock_change(starts, zoneinfo.ZoneInfo(viewer), weekly.zone)
    if sentence is None:
        assert change is None
    else:
        assert change is not None
        assert change.sentence(today=now.date()) == sentence


@pytest.mark.parametrize(
    ("viewer", "at", "shown", "host", "note"),
    [
        ("America/New_York", "2026-03-03T19:00:00+00:00",
         "Tuesday 3 March, 2pm</time> your time (New York)",
         "7pm in London, host's time",
         "Clocks change on 8 March. After that, this meeting is at 3pm your time."),
        ("Australia/Sydney", "2026-03-31T18:00:00+00:00",
         "Wednesday 1 April, 5am</time> your time (Sydney)",
         "Tuesday 31 March, 7pm in London, host's time",
         "Clocks change on 5 April. After that, this meeting is at 4am your time."),
        ("America/New_York", "2026-10-27T19:00:00+00:00",
         "Tuesday 27 October, 3pm</time> your time (New York)",
         "7pm in London, host's time",
         "Clocks change on 1 November. After that, this meeting is at 2pm your time."),
    ],
)  # fmt: skip
def test_meeting_page_shows_the_viewers_time_the_hosts_time_and_the_clock_change(
    weekly, member, member_client, viewer, at, shown, host, note
):
    at_zone(member, viewer)
    response = member_client.get(weekly.get_absolute_url(), {"at": at})
    body = response.content.decode().replace("&#x27;", "'")
    moment = datetime.fromisoformat(at)
    assert f'<time datetime="{moment.strftime("%Y-%m-%dT%H:%M:%SZ")}">' in body
    assert shown in body
    assert host in body
    assert note in body


def test_meeting_page_for_someone_in_the_hosts_zone_shows_no_host_line(
    weekly, member_client
):
    body = member_client.get(weekly.get_absolute_url()).content.decode()
    assert "Tuesday 3 March, 7pm</time> your time (London)" in body
    assert "host&#x27;s time" not in body


@pytest.mark.parametrize(
    ("clock_time", "text"),
    [
        (time(12, 0), "midday"),
        (time(0, 0), "midnight"),
        (time(12, 30), "12:30pm"),
        (time(0, 15), "12:15am"),
        (time(19, 30), "7:30pm"),
        (time(7, 0), "7am"),
    ],
)
def test_clock_says_midday_and_midnight_never_12pm(clock_time, text):
    assert wording.clock(clock_time) == text


def test_a_time_skipped_by_the_clocks_does_not_exist_locally():
    assert not schedule.exists_locally(date(2026, 3, 29), time(1, 30), LONDON)
    assert schedule.exists_locally(date(2026, 3, 29), time(2, 30), LONDON)
    # Repeated when the clocks go back: the first of the two is meant.
    first = schedule.local_instant(date(2026, 10, 25), time(1, 30), LONDON)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_weekly_meeting_that_falls_in_a_skipped_hour_still_has_that_week(
    clock, group, facilitator
):
    from alongside.meetings.actions import schedule_meeting

    from .conftest import plan

    meeting = schedule_meeting(
        scheduler=facilitator,
        group=group,
        plan=plan(starts_on=date(2026, 3, 22), start_time=time(1, 30)),
    )
    starts = meeting.starts(ending_after=meeting.starts_at, limit=3)
    assert [s.astimezone(LONDON).strftime("%d %H:%M") for s in starts] == [
        "22 01:30",
        "29 02:30",
        "05 01:30",
    ]
    assert all(meeting.is_occurrence(s) for s in starts)

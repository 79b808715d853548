"""Calendar files and the private feed, read back by a real iCalendar parser."""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest
from dateutil.rrule import rrulestr
from django.urls import reverse

from alongside.meetings import ical
from alongside.meetings.actions import (
    regenerate_calendar_feed,
    schedule_meeting,
    set_calendar_preferences,
)
from alongside.meetings.models import CalendarFeedToken, Meeting

from .conftest import plan

LONDON = zoneinfo.ZoneInfo("Europe/London")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    lines = raw.split(b"\r\n")
    assert lines[-1] == b""  # every line, the last included, ends in CRLF
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    return icalendar.Calendar.from_ical(raw)


def events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


@pytest.fixture
def one_off(clock, group, facilitator) -> Meeting:
    return schedule_meeting(
        scheduler=facilitator,
        group=group,
        plan=plan(
            title="Grief, cafés; and \\ backslashes, too",
            description="Bring a drink.\nCameras optional; faces welcome, voices too.",
            recurrence=Meeting.Recurrence.NONE,
            starts_on=date(2026, 3, 30),
            start_time=time(12, 0),
            time_zone="Europe/Berlin",
            duration_minutes=90,
        ),
    )


def test_one_off_download_parses_back_to_the_stored_instants(one_off, member_client):
    response = member_client.get(reverse("meetings:download", args=[one_off.pk]))
    assert "attachment" in response["Content-Disposition"]
    assert "Grief" not in response["Content-Disposition"]
    (event,) = events(parse(response))
    assert event.decoded("dtstart") == one_off.starts_at
    assert event.decoded("dtstart") == datetime(2026, 3, 30, 10, 0, tzinfo=UTC)
    assert event.decoded("dtend") == one_off.starts_at + timedelta(minutes=90)
    assert str(event["summary"]) == "Alongside meeting"
    assert "chronic" not in response.content.decode().lower()
    assert "Grief" not in response.content.decode()
    assert str(event["uid"]).startswith(f"meeting-{one_off.pk}@")
    assert event.decoded("dtstamp").tzinfo is not None


def test_download_with_names_chosen_escapes_and_folds_text_that_parses_back(
    one_off, member, member_client
):
    set_calendar_preferences(member=member, shows_names=True)
    response = member_client.get(reverse("meetings:download", args=[one_off.pk]))
    (event,) = events(parse(response))
    assert str(event["summary"]) == (
        "Grief, cafés; and \\ backslashes, too · Living with chronic pain"
    )
    assert str(event["description"]).startswith(
        "Bring a drink.\nCameras optional; faces welcome, voices too."
    )
    unfolded = response.content.replace(b"\r\n ", b"").decode()
    assert "cafés\\; and \\\\ backslashes\\, too" in unfolded


def test_weekly_download_repeats_in_london_time_with_its_own_vtimezone(
    weekly, member_client
):
    response = member_client.get(reverse("meetings:download", args=[weekly.pk]))
    calendar = parse(response)
    (event,) = events(calendar)
    start = event.decoded("dtstart")
    assert start == weekly.starts_at
    assert start.tzinfo.key == "Europe/London"  # type: ignore[union-attr]
    assert event.decoded("duration") == timedelta(hours=1)
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    expanded = [moment.astimezone(UTC) for moment in rule[:96]]
    assert expanded == weekly.starts(ending_after=weekly.starts_at, limit=96)
    assert datetime(2026, 3, 31, 18, 0, tzinfo=UTC) in expanded
    assert datetime(2026, 10, 27, 19, 0, tzinfo=UTC) in expanded

    # The VTIMEZONE alone (without looking the name up) gives London's offsets.
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["tzid"]) == "Europe/London"
    from_file = vtimezone.to_tz(lookup_tzid=False)
    for moment in expanded:
        assert moment.astimezone(from_file).utcoffset() == (
            moment.astimezone(LONDON).utcoffset()
        ), moment


def test_weekly_download_with_an_end_has_an_until_in_utc(
    clock, group, facilitator, member_client
):
    meeting = schedule_meeting(
        scheduler=facilitator,
        group=group,
        plan=plan(repeat_until=date(2026, 4, 28)),
    )
    response = member_client.get(reverse("meetings:download", args=[meeting.pk]))
    (event,) = events(parse(response))
    start = event.decoded("dtstart")
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    expanded = [moment.astimezone(UTC) for moment in rule]
    assert expanded == weekly_starts(meeting)
    assert len(expanded) == 9
    assert expanded[-1] == datetime(2026, 4, 28, 18, 0, tzinfo=UTC)


def weekly_starts(meeting: Meeting) -> list[datetime]:
    return meeting.starts(ending_after=meeting.starts_at, limit=1000)


def test_cancelled_meeting_downloads_as_cancelled_with_a_higher_sequence(
    one_off, facilitator_client, member_client
):
    facilitator_client.post(reverse("meetings:cancel", args=[one_off.pk]))
    response = member_client.get(reverse("meetings:download", args=[one_off.pk]))
    (event,) = events(parse(response))
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1


def test_feed_lists_occurrences_in_utc_without_group_names_by_default(
    clock, weekly, one_off, member, client
):
    feed = regenerate_calendar_feed(member=member)
    clock.set(2026, 3, 20, 12, 0)
    response = client.get(reverse("meetings:feed", args=[feed.token]))
    body = response.content.decode()
    calendar = parse(response)
    found = events(calendar)
    starts = sorted(event.decoded("dtstart") for event in found)
    now = clock.moment
    in_window = weekly.starts(
        ending_after=now - timedelta(days=30),
        starting_before=now + timedelta(days=183),
        limit=100,
    )
    expected = sorted([*in_window, one_off.starts_at])
    assert starts == expected
    assert datetime(2026, 3, 31, 18, 0, tzinfo=UTC) in starts
    assert datetime(2026, 3, 24, 19, 0, tzinfo=UTC) in starts
    assert {str(event["summary"]) for event in found} == {"Alongside meeting"}
    assert "chronic" not in body.lower()
    assert "Tuesday evening circle" not in body
    assert "Grief" not in body
    assert len({str(event["uid"]) for event in found}) == len(found)
    assert body.count("DTSTART:") == len(found)
    assert all(event.decoded("dtstart").utcoffset() == timedelta(0) for event in found)
    assert "Content-Disposition" not in response


def test_feed_shows_titles_and_group_names_once_the_member_chooses(
    clock, weekly, member, member_client, client
):
    member_client.post(reverse("meetings:calendar"), {"shows_names": "on"})
    token = CalendarFeedToken.objects.get(member=member).token
    response = client.get(reverse("meetings:feed", args=[token]))
    summaries = {str(event["summary"]) for event in events(parse(response))}
    assert summaries == {"Tuesday evening circle · Living with chronic pain"}


def test_feed_leaves_out_groups_the_member_is_not_in(clock, weekly, outsider, client):
    feed = regenerate_calendar_feed(member=outsider)
    response = client.get(reverse("meetings:feed", args=[feed.token]))
    assert events(parse(response)) == []


def test_feed_with_a_wrong_token_is_not_found(clock, weekly, member, client):
    regenerate_calendar_feed(member=member)
    assert (
        client.get(reverse("meetings:feed", args=["made-up-token"])).status_code == 404
    )


def test_a_new_address_stops_the_old_one_working(
    clock, weekly, member, member_client, client
):
    member_client.post(reverse("meetings:regenerate"))
    old = CalendarFeedToken.objects.get(member=member).token
    assert client.get(reverse("meetings:feed", args=[old])).status_code == 200
    response = member_client.post(reverse("meetings:regenerate"), follow=True)
    assert "The old one no longer works." in response.content.decode()
    new = CalendarFeedToken.objects.get(member=member).token
    assert new != old
    assert client.get(reverse("meetings:feed", args=[old])).status_code == 404
    assert client.get(reverse("meetings:feed", args=[new])).status_code == 200


def test_calendar_page_shows_the_private_address_only_to_its_owner(
    member, member_client, other_member_client
):
    feed = regenerate_calendar_feed(member=member)
    mine = member_client.get(reverse("meetings:calendar")).content.decode()
    theirs = other_member_client.get(reverse("meetings:calendar")).content.decode()
    assert feed.token in mine
    assert "webcal://" in mine
    assert feed.token not in theirs


def test_feed_of_a_member_who_left_the_group_drops_its_meetings(
    clock, weekly, member, member_client, client, group
):
    feed = regenerate_calendar_feed(member=member)
    member_client.post(reverse("groups:leave", args=[group.slug]))
    response = client.get(reverse("meetings:feed", args=[feed.token]))
    assert events(parse(response)) == []


@pytest.mark.parametrize(
    "text",
    ["a" * 200, "é" * 100, "日本語のテキスト" * 20, "mixed é, and 日本 " * 15],
)
def test_folding_keeps_lines_within_75_octets_and_never_splits_a_character(text):
    folded = ical.fold(f"DESCRIPTION:{text}")
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert all(line.startswith(" ") for line in lines[1:])
    assert "".join([lines[0], *(line[1:] for line in lines[1:])]) == (
        f"DESCRIPTION:{text}"
    )


def test_escaping_covers_backslash_semicolon_comma_and_newlines():
    assert ical.escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"

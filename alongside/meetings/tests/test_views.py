"""Meetings through HTTP: who may see and do what, answers, places and forms."""

from datetime import UTC, date, datetime, time

import pytest
from django.urls import reverse

from alongside.meetings.actions import answer_meeting, schedule_meeting
from alongside.meetings.models import RSVP, Meeting

from .conftest import plan

FORM = {
    "title": "Sunday check-in",
    "description": "A gentle hour.",
    "starts_on": "2026-03-08",
    "start_time": "12:00",
    "time_zone": "Europe/Lisbon",
    "duration_minutes": "60",
    "recurrence": "weekly",
    "repeat_until": "",
    "repeat_count": "",
    "capacity": "",
    "video_url": "",
}


def text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


# Access: group content, for members only


@pytest.mark.parametrize("name", ["detail", "edit", "download"])
def test_meeting_pages_are_not_found_for_outsiders_and_other_groups(
    weekly, outsider_client, name
):
    url = reverse(f"meetings:{name}", args=[weekly.pk])
    assert outsider_client.get(url).status_code == 404


def test_meeting_list_is_not_found_for_outsiders(weekly, outsider_client, group):
    url = reverse("meetings:list", args=[group.slug])
    assert outsider_client.get(url).status_code == 404


def test_a_missing_meeting_looks_the_same_as_a_forbidden_one(weekly, member_client):
    assert member_client.get(reverse("meetings:detail", args=[987])).status_code == 404


def test_anonymous_visitors_are_asked_to_sign_in(weekly, client):
    url = weekly.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_outsiders_cannot_answer_or_cancel(weekly, outsider_client):
    answer = outsider_client.post(
        reverse("meetings:answer", args=[weekly.pk]), {"answer": "yes"}
    )
    cancel = outsider_client.post(reverse("meetings:cancel", args=[weekly.pk]))
    assert (answer.status_code, cancel.status_code) == (404, 404)
    assert not RSVP.objects.exists()
    weekly.refresh_from_db()
    assert weekly.cancelled_at is None


def test_a_meeting_in_an_unlisted_group_stays_private(
    clock, private_group, facilitator, other_member_client, member_client
):
    meeting = schedule_meeting(
        scheduler=facilitator, group=private_group, plan=plan(title="Day one")
    )
    assert other_member_client.get(meeting.get_absolute_url()).status_code == 404
    assert member_client.get(meeting.get_absolute_url()).status_code == 200


def test_members_see_the_meeting_list(weekly, member_client, group):
    body = text(member_client.get(reverse("meetings:list", args=[group.slug])))
    assert "Tuesday evening circle" in body
    assert "Tuesday 3 March, 7pm</time> your time (London)" in body
    assert "Schedule a meeting" not in body


# Scheduling: facilitators and moderators only


def test_a_plain_member_cannot_schedule(clock, member_client, group):
    url = reverse("meetings:new", args=[group.slug])
    page = member_client.get(url)
    assert page.status_code == 302
    member_client.post(url, FORM)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("who", ["facilitator_client", "moderator_client"])
def test_facilitators_and_moderators_schedule_a_weekly_meeting(
    clock, group, who, request
):
    client = request.getfixturevalue(who)
    url = reverse("meetings:new", args=[group.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, FORM)
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.starts_at == datetime(2026, 3, 8, 12, 0, tzinfo=UTC)
    assert meeting.time_zone == "Europe/Lisbon"
    assert meeting.local_start_time == time(12, 0)
    assert meeting.weekday == 6
    assert meeting.series_ends_at is None
    assert list(meeting.facilitators.all()) == [response.wsgi_request.user]


def test_the_schedule_form_keeps_what_was_typed_and_says_what_to_fix(
    clock, facilitator_client, group
):
    data = {
        **FORM,
        "title": "",
        "description": "Bring tea, and yourself.",
        "video_url": "http://meet.example.org/room",
        "capacity": "12",
        "repeat_count": "6",
    }
    response = facilitator_client.post(reverse("meetings:new", args=[group.slug]), data)
    assert response.status_code == 422
    body = text(response)
    assert "<title>Error:" in body
    assert "2 things to fix" in body
    assert "Give the meeting a title." in body
    assert "Enter a web address that starts with https://" in body
    assert "Bring tea, and yourself." in body
    assert 'value="http://meet.example.org/room"' in body
    assert 'value="12"' in body
    assert 'value="6"' in body
    assert 'value="2026-03-08"' in body
    assert 'value="12:00"' in body
    assert '<option value="Europe/Lisbon" selected>' in body
    assert 'value="weekly" required id="id_recurrence_1" checked' in body
    assert not Meeting.objects.exists()


def test_a_time_in_the_past_or_skipped_by_the_clocks_is_refused(
    clock, facilitator_client, group
):
    url = reverse("meetings:new", args=[group.slug])
    past = facilitator_client.post(url, {**FORM, "starts_on": "2026-01-05"})
    assert "Choose a date and time in the future." in text(past)
    skipped = facilitator_client.post(
        url,
        {**FORM, "starts_on": "2026-03-29", "start_time": "01:30",
         "time_zone": "Europe/London"},
    )  # fmt: skip
    assert "That time doesn't happen in London on that day" in text(skipped)
    assert not Meeting.objects.exists()


def test_the_video_link_must_be_https(clock, facilitator_client, group):
    url = reverse("meetings:new", args=[group.slug])
    facilitator_client.post(url, {**FORM, "video_url": "javascript:alert(1)"})
    assert not Meeting.objects.exists()
    facilitator_client.post(url, {**FORM, "video_url": "https://meet.example.org/x"})
    assert Meeting.objects.get().video_url == "https://meet.example.org/x"


def test_a_member_cannot_be_named_facilitator_of_another_groups_meeting(
    clock, facilitator, group, outsider
):
    from alongside.core.errors import ActionRefused

    with pytest.raises(ActionRefused):
        schedule_meeting(
            scheduler=facilitator, group=group, plan=plan(facilitators=[outsider])
        )


# Changing and cancelling


def test_facilitator_changes_the_time_and_answers_for_gone_weeks_are_let_go(
    weekly, facilitator_client, member, member_client
):
    first = weekly.starts_at
    answer_meeting(member=member, meeting=weekly, occurrence_at=first, answer="yes")
    response = facilitator_client.post(
        reverse("meetings:edit", args=[weekly.pk]),
        {**FORM, "title": "Tuesday circle", "starts_on": "2026-03-03",
         "start_time": "19:30", "time_zone": "Europe/London"},
    )  # fmt: skip
    assert response.status_code == 302
    weekly.refresh_from_db()
    assert weekly.title == "Tuesday circle"
    assert weekly.starts_at == datetime(2026, 3, 3, 19, 30, tzinfo=UTC)
    assert weekly.sequence == 1
    assert not RSVP.objects.exists()


def test_the_edit_form_starts_from_the_meeting_as_it_is(weekly, facilitator_client):
    body = text(facilitator_client.get(reverse("meetings:edit", args=[weekly.pk])))
    assert 'value="Tuesday evening circle"' in body
    assert 'value="2026-03-03"' in body
    assert 'value="19:00"' in body


def test_a_plain_member_cannot_change_or_cancel(weekly, member_client):
    edit = member_client.get(reverse("meetings:edit", args=[weekly.pk]))
    assert edit["Location"] == weekly.get_absolute_url()
    member_client.post(reverse("meetings:cancel", args=[weekly.pk]))
    weekly.refresh_from_db()
    assert weekly.cancelled_at is None


def test_cancelling_takes_the_meeting_off_the_list_and_stops_answers(
    weekly, facilitator_client, member_client, group
):
    facilitator_client.post(reverse("meetings:cancel", args=[weekly.pk]))
    weekly.refresh_from_db()
    assert weekly.cancelled_at is not None
    listing = text(member_client.get(reverse("meetings:list", args=[group.slug])))
    assert "Tuesday evening circle" not in listing
    page = text(member_client.get(weekly.get_absolute_url()))
    assert "This meeting has been cancelled." in page
    response = member_client.post(
        reverse("meetings:answer", args=[weekly.pk]), {"answer": "yes"}, follow=True
    )
    assert "This meeting has been cancelled." in text(response)
    assert not RSVP.objects.exists()


def test_cancel_is_post_only(weekly, facilitator_client):
    assert (
        facilitator_client.get(reverse("meetings:cancel", args=[weekly.pk])).status_code
        == 405
    )


# Answers and places


def test_the_answer_is_a_radio_group_with_a_legend(weekly, member_client):
    body = text(member_client.get(weekly.get_absolute_url()))
    assert "<fieldset" in body
    assert "<legend>Will you come on Tuesday 3 March?" in body
    for label in ("I'd like to come", "Maybe", "Can't make it"):
        assert label in body
    assert 'type="radio" name="answer"' in body


def test_member_answers_for_the_next_meeting_and_can_change_their_mind(
    weekly, member, member_client
):
    url = reverse("meetings:answer", args=[weekly.pk])
    member_client.post(url, {"answer": "yes"})
    rsvp = RSVP.objects.get()
    assert (rsvp.member, rsvp.occurrence_at, rsvp.answer) == (
        member,
        weekly.starts_at,
        "yes",
    )
    member_client.post(url, {"answer": "no"})
    assert RSVP.objects.get().answer == "no"
    body = text(member_client.get(weekly.get_absolute_url()))
    assert 'value="no" required id="id_answer_2" checked' in body


def test_member_answers_for_a_later_week(weekly, member_client):
    later = datetime(2026, 3, 31, 18, 0, tzinfo=UTC)
    response = member_client.post(
        reverse("meetings:answer", args=[weekly.pk]),
        {"answer": "maybe", "occurrence": later.isoformat()},
    )
    assert RSVP.objects.get().occurrence_at == later
    assert "at=2026-03-31" in response["Location"]


def test_an_answer_for_a_time_the_meeting_does_not_happen_is_refused(
    weekly, member_client
):
    wrong = datetime(2026, 3, 31, 19, 0, tzinfo=UTC)
    response = member_client.post(
        reverse("meetings:answer", args=[weekly.pk]),
        {"answer": "yes", "occurrence": wrong.isoformat()},
        follow=True,
    )
    assert "The meeting doesn't happen at that time." in text(response)
    assert not RSVP.objects.exists()


def test_when_the_places_are_taken_yes_is_refused_but_maybe_is_welcome(
    clock, group, facilitator, member_client, other_member_client, other_member
):
    meeting = schedule_meeting(
        scheduler=facilitator,
        group=group,
        plan=plan(recurrence="none", capacity=1),
    )
    url = reverse("meetings:answer", args=[meeting.pk])
    member_client.post(url, {"answer": "yes"})
    full = other_member_client.post(url, {"answer": "yes"}, follow=True)
    assert "This meeting is full. You can still say Maybe." in text(full)
    assert not RSVP.objects.filter(member=other_member).exists()
    other_member_client.post(url, {"answer": "maybe"})
    assert RSVP.objects.get(member=other_member).answer == "maybe"
    member_client.post(url, {"answer": "no"})
    other_member_client.post(url, {"answer": "yes"})
    assert RSVP.objects.get(member=other_member).answer == "yes"


def test_someone_already_coming_keeps_their_place_when_answering_again(
    clock, group, facilitator, member, member_client
):
    meeting = schedule_meeting(
        scheduler=facilitator, group=group, plan=plan(recurrence="none", capacity=1)
    )
    url = reverse("meetings:answer", args=[meeting.pk])
    member_client.post(url, {"answer": "yes"})
    again = member_client.post(url, {"answer": "yes"}, follow=True)
    assert "Your answer is saved." in text(again)


def test_places_are_counted_per_week(weekly, member, other_member):
    weekly.capacity = 1
    weekly.save()
    first = weekly.starts_at
    second = datetime(2026, 3, 10, 19, 0, tzinfo=UTC)
    answer_meeting(member=member, meeting=weekly, occurrence_at=first, answer="yes")
    answer_meeting(
        member=other_member, meeting=weekly, occurrence_at=second, answer="yes"
    )
    assert RSVP.objects.filter(answer="yes").count() == 2


def test_facilitators_see_who_is_coming_and_members_see_counts(
    weekly, member, member_client, facilitator_client
):
    answer_meeting(
        member=member, meeting=weekly, occurrence_at=weekly.starts_at, answer="yes"
    )
    mine = text(member_client.get(weekly.get_absolute_url()))
    host = text(facilitator_client.get(weekly.get_absolute_url()))
    assert "1 person would like to come" in mine
    assert "Coming: Rowan" in host
    assert "Coming: Rowan" not in mine


# The group page and the home page


def test_group_page_shows_the_next_meeting_to_members_only(
    weekly, member, member_client, outsider_client, group
):
    member.time_zone = "Europe/Lisbon"
    member.save()
    body = text(member_client.get(group.get_absolute_url()))
    assert "Next meeting:" in body
    assert "Tuesday 3 March, 7pm</time> your time" in body
    outsider = text(outsider_client.get(group.get_absolute_url()))
    assert "Next meeting:" not in outsider
    assert "Tuesday evening circle" not in outsider


def test_group_page_costs_one_query_for_its_meetings(
    weekly, member_client, group, django_assert_num_queries
):
    from alongside.meetings.queries import meeting_summary_in

    with django_assert_num_queries(1):
        summary = meeting_summary_in(group)
    assert summary.next is not None
    assert summary.next.starts_at == weekly.starts_at


def test_a_meeting_on_now_shows_a_calm_line_on_the_group_and_home_pages(
    clock, weekly, member, member_client, group
):
    clock.set(2026, 3, 31, 18, 20)
    member_client.force_login(member)  # the session from February has expired
    line = "A meeting is on now:"
    home = text(member_client.get(reverse("home")))
    group_page = text(member_client.get(group.get_absolute_url()))
    for body in (home, group_page):
        assert line in body
        assert "Join the room" in body
        assert f'href="/groups/{group.slug}/chat/"' in body
    assert "(Living with chronic pain)" in home
    clock.set(2026, 3, 31, 19, 0)
    assert line not in text(member_client.get(reverse("home")))


def test_home_page_does_not_mention_meetings_of_other_groups(
    clock, weekly, outsider, outsider_client
):
    clock.set(2026, 3, 31, 18, 20)
    outsider_client.force_login(outsider)
    body = text(outsider_client.get(reverse("home")))
    assert "Welcome back" in body
    assert "A meeting is on now:" not in body


def test_meeting_page_offers_a_calendar_download_and_no_group_name_by_default(
    weekly, member_client
):
    body = text(member_client.get(weekly.get_absolute_url()))
    assert reverse("meetings:download", args=[weekly.pk]) in body
    assert "The entry will say “Alongside meeting”" in body


def test_a_member_without_a_time_zone_is_asked_once(weekly, facilitator_client):
    body = text(facilitator_client.get(weekly.get_absolute_url()))
    assert "Which time zone are you in? Meeting times will match it." in body
    assert "your time (UTC)" in body


def test_a_one_off_meeting_at_noon_reads_midday(
    clock, group, facilitator, member_client
):
    meeting = schedule_meeting(
        scheduler=facilitator,
        group=group,
        plan=plan(recurrence="none", starts_on=date(2026, 3, 3), start_time=time(12)),
    )
    body = text(member_client.get(meeting.get_absolute_url()))
    assert "Tuesday 3 March, midday</time>" in body
    assert "12pm" not in body


def test_a_meeting_starting_later_today_waits_in_the_page_for_its_start(
    clock, weekly, member, member_client, group
):
    """Open pages carry a hidden reminder that site.js shows at the start time."""
    clock.set(2026, 3, 31, 10, 0)  # the circle starts at 18:00 UTC (19:00 London)
    member_client.force_login(member)
    reminder = (
        '<p class="panel meeting-now" hidden '
        'data-starts-at="2026-03-31T19:00:00+01:00">A meeting is starting now:'
    )
    for page in (reverse("home"), group.get_absolute_url()):
        body = member_client.get(page).content.decode()
        assert reminder in body, page
        assert 'class="meeting-reminders" role="status"' in body
        assert "A meeting is on now:" not in body
    clock.set(2026, 3, 31, 5, 59)  # more than 12 hours ahead: nothing waits yet
    member_client.force_login(member)
    for page in (reverse("home"), group.get_absolute_url()):
        assert "data-starts-at" not in member_client.get(page).content.decode()

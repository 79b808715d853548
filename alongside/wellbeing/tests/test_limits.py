"""Limits the member sets: a daily nudge, break reminders and quiet hours."""

from datetime import UTC, datetime, time, timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse

from alongside.meetings.actions import MeetingPlan, schedule_meeting
from alongside.threads.actions import start_thread
from alongside.wellbeing.limits import in_quiet_hours
from alongside.wellbeing.models import Limits

from .activity import beat, seed, use_site

LIMITS = reverse("wellbeing:limits")
BREAK = reverse("wellbeing:break")


def set_limits(client, **fields) -> None:
    data = {"daily_minutes": "", "break_after_minutes": ""}
    data.update({"quiet_from": "", "quiet_until": ""})
    data.update(fields)
    response = client.post(LIMITS, data)
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == reverse("wellbeing:balance")


# ---------------------------------------------------------------------------
# The form


def test_limits_are_saved_and_shown_again(member_client, member):
    set_limits(
        member_client,
        daily_minutes="45",
        break_after_minutes="30",
        quiet_from="23:00",
        quiet_until="07:00",
    )

    limits = Limits.objects.get(member=member)
    assert (limits.daily_minutes, limits.break_after_minutes) == (45, 30)
    assert (limits.quiet_from, limits.quiet_until) == (time(23), time(7))
    page = member_client.get(reverse("wellbeing:balance")).content.decode()
    assert "Your reminders are saved." in page
    assert "A nudge after 45 minutes" in page
    assert "11pm to 7am, your time" in page
    form = member_client.get(LIMITS).content.decode()
    assert '<option value="45" selected>45 minutes</option>' in form
    assert '<option value="30" selected>30 minutes</option>' in form
    assert 'value="23:00"' in form
    assert 'value="07:00"' in form


def test_limits_can_be_turned_off_again(member_client, member):
    set_limits(
        member_client, daily_minutes="60", quiet_from="22:00", quiet_until="06:00"
    )
    set_limits(member_client)

    limits = Limits.objects.get(member=member)
    assert limits.daily_minutes is None
    assert limits.quiet_from is None


def test_saving_limits_keeps_the_members_other_choices(member_client, member):
    Limits.objects.create(member=member, suggest_support=False)
    set_limits(member_client, daily_minutes="30")
    assert Limits.objects.get(member=member).suggest_support is False


def test_a_form_with_a_mistake_keeps_every_value_and_says_what_to_fix(
    member_client, member
):
    response = member_client.post(
        LIMITS,
        {"daily_minutes": "90", "break_after_minutes": "", "quiet_from": "23:00"},
    )

    assert response.status_code == 422
    body = response.content.decode()
    assert "We couldn't save your reminder. Please try again." in body
    assert "Give a time for quiet hours to end, or clear both times." in body
    assert "<title>Error: " in body
    assert '<option value="90" selected>' in body
    assert 'value="23:00"' in body
    assert not Limits.objects.filter(member=member).exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"daily_minutes": "7"},
        {"break_after_minutes": "1000"},
        {"quiet_from": "late", "quiet_until": "07:00"},
        {"quiet_from": "07:00", "quiet_until": "07:00"},
    ],
)
def test_choices_outside_the_form_are_refused(member_client, member, fields):
    response = member_client.post(LIMITS, fields)
    assert response.status_code == 422
    assert not Limits.objects.filter(member=member).exists()


# ---------------------------------------------------------------------------
# The daily nudge


def test_the_daily_nudge_comes_when_the_members_time_is_reached(
    member_client, member, group, clock
):
    set_limits(member_client, daily_minutes="15")
    clock.set(2026, 2, 20, 9, 0)
    seed(member, clock.moment, 14)
    clock.set(2026, 2, 20, 12, 0)
    page = group.get_absolute_url()

    answers = use_site(member_client, clock, 0.5, group=group.slug, path=page)
    assert answers[-1]["nudge"] is None  # 14 minutes and a half

    answer = beat(member_client, group=group.slug, path=page)
    assert answer["nudge"] == "daily"
    assert answer["url"] == f"{BREAK}?next={quote(page, safe='')}"

    screen = member_client.get(answer["url"])
    assert screen.status_code == 200
    body = screen.content.decode()
    assert "You asked for a nudge at 15 minutes. How are you doing?" in body
    assert "Take a break" in body and "Keep going" in body
    assert "Get help now" in body
    assert "data-no-interrupt" in body


def test_keep_going_goes_back_and_the_nudge_rests_until_tomorrow(
    member_client, member, clock
):
    set_limits(member_client, daily_minutes="15")
    clock.set(2026, 2, 20, 9, 0)
    seed(member, clock.moment, 20)
    clock.set(2026, 2, 20, 12, 0)
    assert beat(member_client, path="/groups/")["nudge"] == "daily"

    response = member_client.post(BREAK, {"choice": "continue", "next": "/groups/"})

    assert response.status_code == 302
    assert response["Location"] == "/groups/"
    assert Limits.objects.get(member=member).limit_dismissed_on.isoformat() == (
        "2026-02-20"
    )
    for _answer in use_site(member_client, clock, 60):
        assert _answer["nudge"] is None
    # With nothing due, the break page sends the member straight back.
    assert member_client.get(f"{BREAK}?next=/groups/")["Location"] == "/groups/"

    # The next day starts afresh, at the member's own midnight.
    clock.set(2026, 2, 21, 0, 5)
    answers = use_site(member_client, clock, 15.5)
    assert [a["nudge"] for a in answers].count("daily") >= 1
    assert answers[28]["nudge"] is None
    assert answers[29]["nudge"] == "daily"


def test_take_a_break_leads_to_a_calm_page(member_client, member, clock):
    set_limits(member_client, daily_minutes="15")
    seed(member, clock.moment - timedelta(minutes=30), 20)

    response = member_client.post(BREAK, {"choice": "break", "next": "/groups/"})

    assert response["Location"] == reverse("wellbeing:break_taken")
    page = member_client.get(response["Location"]).content.decode()
    assert "Take your time" in page
    assert reverse("safety:help") in page
    assert "Sign out for now" in page
    assert Limits.objects.get(member=member).limit_dismissed_on is not None


@pytest.mark.parametrize(
    "where", ["https://elsewhere.example/", "//elsewhere.example/", "groups/", ""]
)
def test_the_break_page_only_leads_back_into_the_site(member_client, where):
    response = member_client.post(BREAK, {"choice": "continue", "next": where})
    assert response["Location"] == "/"


def test_nudges_never_take_the_member_from_help_or_their_own_threads(
    member_client, member, other_member, group, thread
):
    help_page = member_client.get(reverse("safety:help")).content.decode()
    own_thread = member_client.get(thread.get_absolute_url()).content.decode()
    others = start_thread(
        author=other_member, group=group, title="Flares", body="How do you cope?"
    )
    other_thread = member_client.get(others.get_absolute_url()).content.decode()

    assert "data-no-interrupt" in help_page
    assert "data-no-interrupt" in own_thread
    assert "data-no-interrupt" not in other_thread
    assert f'data-group="{group.slug}"' in other_thread


# ---------------------------------------------------------------------------
# Break reminders


def test_a_break_reminder_comes_after_the_chosen_stretch(member_client, member, clock):
    set_limits(member_client, break_after_minutes="20")

    answers = use_site(member_client, clock, 20.5)

    nudges = [a["nudge"] for a in answers]
    assert nudges[:39] == [None] * 39
    assert nudges[39] == "break"
    body = member_client.get(answers[39]["url"]).content.decode()
    assert "You asked for a nudge after 20 minutes without a break." in body


def test_answering_a_break_reminder_starts_the_stretch_again(
    member_client, member, clock
):
    set_limits(member_client, break_after_minutes="20")
    use_site(member_client, clock, 20)
    member_client.post(BREAK, {"choice": "continue", "next": "/"})

    answers = use_site(member_client, clock, 20.5)

    nudges = [a["nudge"] for a in answers]
    assert "break" not in nudges[:39]
    assert nudges[40] == "break"


def test_time_away_is_a_break(member_client, member, clock):
    set_limits(member_client, break_after_minutes="20")
    use_site(member_client, clock, 15)
    clock.advance(minutes=3)  # away from the screen, or the page left alone

    answers = use_site(member_client, clock, 15)

    assert all(a["nudge"] is None for a in answers)


def test_a_short_pause_is_not_a_break(member_client, member, clock):
    set_limits(member_client, break_after_minutes="20")
    use_site(member_client, clock, 12)
    clock.advance(seconds=90)

    answers = use_site(member_client, clock, 10)

    assert "break" in [a["nudge"] for a in answers]


# ---------------------------------------------------------------------------
# Quiet hours


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        (datetime(2026, 2, 20, 22, 59, tzinfo=UTC), False),
        (datetime(2026, 2, 20, 23, 0, tzinfo=UTC), True),
        (datetime(2026, 2, 21, 3, 0, tzinfo=UTC), True),
        (datetime(2026, 2, 21, 6, 59, tzinfo=UTC), True),
        (datetime(2026, 2, 21, 7, 0, tzinfo=UTC), False),
        (datetime(2026, 2, 21, 12, 0, tzinfo=UTC), False),
        # British summer time: 22:30 UTC is 23:30 in London.
        (datetime(2026, 6, 20, 22, 30, tzinfo=UTC), True),
        (datetime(2026, 6, 21, 6, 30, tzinfo=UTC), False),
    ],
)
def test_quiet_hours_over_midnight_follow_the_members_clock(
    member_client, member, moment, quiet
):
    set_limits(member_client, quiet_from="23:00", quiet_until="07:00")
    assert in_quiet_hours(member, moment) is quiet


def test_quiet_hours_within_a_day_and_in_another_time_zone(
    member_client, member, clock
):
    member.time_zone = "Asia/Tokyo"
    member.save()
    set_limits(member_client, quiet_from="13:00", quiet_until="15:30")

    assert in_quiet_hours(member, datetime(2026, 2, 20, 4, 0, tzinfo=UTC)) is True
    assert in_quiet_hours(member, datetime(2026, 2, 20, 6, 30, tzinfo=UTC)) is False
    assert in_quiet_hours(member, datetime(2026, 2, 20, 3, 59, tzinfo=UTC)) is False
    clock.set(2026, 2, 20, 5, 0)  # 2pm in Tokyo
    assert in_quiet_hours(member) is True


def test_no_quiet_hours_until_the_member_sets_them(member):
    assert in_quiet_hours(member, datetime(2026, 2, 20, 3, 0, tzinfo=UTC)) is False


@pytest.fixture
def meeting_at_half_past_eleven(group, facilitator, clock):
    clock.set(2026, 2, 20, 20, 0)
    schedule_meeting(
        scheduler=facilitator,
        group=group,
        plan=MeetingPlan(
            title="Late circle",
            starts_on=clock.moment.date(),
            start_time=time(23, 30),
            time_zone="Europe/London",
            duration_minutes=60,
        ),
    )


@pytest.mark.usefixtures("meeting_at_half_past_eleven")
def test_a_meeting_reminder_stays_quiet_in_the_members_quiet_hours(
    member_client, group
):
    for page in ("/", group.get_absolute_url()):
        assert "A meeting is starting now:" in member_client.get(page).content.decode()

    set_limits(member_client, quiet_from="23:00", quiet_until="07:00")

    for page in ("/", group.get_absolute_url()):
        body = member_client.get(page).content.decode()
        assert "A meeting is starting now:" not in body


@pytest.mark.usefixtures("meeting_at_half_past_eleven")
def test_a_meeting_reminder_outside_quiet_hours_still_shows(member_client):
    set_limits(member_client, quiet_from="06:00", quiet_until="09:00")
    assert "A meeting is starting now:" in member_client.get("/").content.decode()

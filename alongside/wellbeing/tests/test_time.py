"""Time on the site is counted from pages in use, once per slot, in the member's day."""

import pytest
from django.test import Client
from django.urls import reverse

from alongside.groups.actions import create_group
from alongside.wellbeing.models import ActiveSlot
from conftest import client_for

from .activity import beat, use_site


def table_row(response, day: str) -> str:
    """The "Show as table" row of the balance page for one day."""
    body = response.content.decode()
    start = body.index(f'<th scope="row">{day}</th>')
    return body[start : body.index("</tr>", start)]


def test_a_beat_from_a_page_in_use_counts_its_slot(member_client, member, clock):
    clock.set(2026, 2, 20, 12, 0, 10)
    answer = beat(member_client)

    assert answer == {"counted": True, "nudge": None, "url": None}
    slot = ActiveSlot.objects.get(member=member)
    assert slot.started_at == clock.moment.replace(second=0)


def test_two_tabs_in_the_same_slot_count_once(member, clock):
    first, second = client_for(member), client_for(member)
    clock.set(2026, 2, 20, 12, 0, 5)
    beat(first)
    clock.advance(seconds=10)
    beat(second)
    clock.advance(seconds=10)
    beat(first)

    assert ActiveSlot.objects.filter(member=member).count() == 1

    clock.advance(seconds=10)  # 12:00:35, the next slot
    beat(second)
    beat(first)
    assert ActiveSlot.objects.filter(member=member).count() == 2


def test_two_tabs_open_for_ten_minutes_count_ten_minutes(member, clock):
    first, second = client_for(member), client_for(member)
    for _ in range(20):
        beat(first)
        clock.advance(seconds=12)
        beat(second)
        clock.advance(seconds=18)

    response = first.get(reverse("wellbeing:balance"))
    assert "<td>10 minutes</td>" in table_row(response, "Today, Friday 20 February")


def test_an_idle_tab_stops_counting(member_client, member, clock):
    assert beat(member_client, idle=119)["counted"] is True
    clock.advance(seconds=30)
    assert beat(member_client, idle=120) == {
        "counted": False,
        "nudge": None,
        "url": None,
    }
    clock.advance(seconds=30)
    assert beat(member_client, idle=600)["counted"] is False

    assert ActiveSlot.objects.filter(member=member).count() == 1


@pytest.mark.parametrize("idle", ["", "soon", "-5"])
def test_a_beat_without_a_sensible_idle_time_does_not_count(
    member_client, member, idle
):
    response = member_client.post(reverse("wellbeing:beat"), {"idle": idle})
    assert response.json()["counted"] is False
    assert not ActiveSlot.objects.filter(member=member).exists()


def test_time_on_a_group_page_is_kept_with_the_group(member_client, member, group):
    beat(member_client, group=group.slug)
    assert ActiveSlot.objects.get(member=member).group == group


def test_a_group_the_member_is_not_in_is_never_recorded(
    member_client, member, facilitator, clock
):
    elsewhere = create_group(
        name="Carers Circle", slug="carers-circle", facilitator=facilitator
    )
    beat(member_client, group=elsewhere.slug)
    clock.advance(seconds=30)
    beat(member_client, group="no-such-group")

    assert list(
        ActiveSlot.objects.filter(member=member).values_list("group", flat=True)
    ) == [None, None]


def test_a_signed_out_page_counts_nothing(db):
    response = Client().post(reverse("wellbeing:beat"), {"idle": "0"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not ActiveSlot.objects.exists()


def test_a_beat_is_never_counted_on_get(member_client, member):
    response = member_client.get(reverse("wellbeing:beat"))
    assert response.status_code == 405
    assert not ActiveSlot.objects.exists()


def test_a_day_starts_at_midnight_where_the_member_lives(member_client, clock):
    # 23:50 UTC on 1 June is 00:50 on 2 June in London (summer time).
    clock.set(2026, 6, 1, 23, 50)
    use_site(member_client, clock, 5)
    clock.set(2026, 6, 2, 9, 0)

    response = member_client.get(reverse("wellbeing:balance"))

    assert "<td>5 minutes</td>" in table_row(response, "Today, Tuesday 2 June")
    assert "no time" in table_row(response, "Monday 1 June")


def test_time_late_at_night_is_counted_on_the_members_clock(
    member_client, member, clock
):
    member.time_zone = "America/New_York"
    member.save()
    # 04:30 UTC on 20 February is 23:30 on the 19th in New York.
    clock.set(2026, 2, 20, 4, 30)
    use_site(member_client, clock, 20)
    clock.set(2026, 2, 20, 15, 0)  # 10am in New York
    use_site(member_client, clock, 10)

    response = member_client.get(reverse("wellbeing:balance"))

    assert "20 minutes" in table_row(response, "Thursday 19 February")
    row = table_row(response, "Thursday 19 February")
    assert row.count("20 minutes") == 2  # all of it late at night
    assert "<td>10 minutes</td><td>no time</td>" in table_row(
        response, "Today, Friday 20 February"
    )
    assert "This week: about 30 minutes, mostly late at night." in (
        response.content.decode()
    )


def test_an_operator_can_turn_time_counting_off(member_client, member, settings):
    page = member_client.get("/").content.decode()
    assert "js/activity.js" in page

    settings.ALONGSIDE_ACTIVITY_SLOT = 0
    page = member_client.get("/").content.decode()
    assert "js/activity.js" not in page
    assert beat(member_client)["counted"] is False
    assert not ActiveSlot.objects.filter(member=member).exists()

"""The balance page: private, pictures with words, and the same cost for any week."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.groups.actions import create_group, set_role
from alongside.groups.models import Membership
from conftest import client_for, give_second_factor, make_user

from .activity import seed

BALANCE = reverse("wellbeing:balance")


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(BALANCE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={BALANCE}"


def test_the_page_says_it_is_private_and_links_to_more_support(member_client):
    body = member_client.get(BALANCE).content.decode()
    assert "<h1>Your balance</h1>" in body
    assert "Only you can see this page." in body
    assert "Find professional help" in body
    assert "This week: no time counted yet." in body


def test_the_nav_links_to_the_balance_page_for_signed_in_members(member_client, client):
    assert f'href="{BALANCE}"' in member_client.get("/").content.decode()
    assert f'href="{BALANCE}"' not in client.get("/").content.decode()


def test_the_week_is_drawn_with_a_sentence_a_description_and_a_table(
    member_client, member, group, clock
):
    clock.set(2026, 2, 20, 12, 0)  # a Friday
    # Tuesday: an hour in the group, 40 minutes of it after midnight on Monday.
    seed(member, datetime(2026, 2, 17, 0, 10, tzinfo=UTC), 40, group=group)
    seed(member, datetime(2026, 2, 17, 9, 0, tzinfo=UTC), 20, group=group)
    # Today: 90 minutes late last night (from 23:00 on Thursday is Thursday's).
    seed(member, datetime(2026, 2, 19, 23, 0, tzinfo=UTC), 60)
    seed(member, datetime(2026, 2, 20, 1, 0, tzinfo=UTC), 30)
    # Last week: not counted.
    seed(member, datetime(2026, 2, 13, 12, 0, tzinfo=UTC), 300)

    body = member_client.get(BALANCE).content.decode()

    assert "This week: about 3 hours, mostly late at night." in body
    svg = re.search(r"<svg class=\"chart__svg chart__svg--days\"[^>]*>", body).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="days-chart-title"' in svg
    assert 'aria-describedby="days-chart-desc"' in svg
    assert '<title id="days-chart-title">' in body
    desc = re.search(r'<desc id="days-chart-desc">(.*?)</desc>', body).group(1)
    assert "Tuesday 17 February: 1 hour, 40 minutes of it late at night" in desc
    assert "Thursday 19 February: 1 hour, 1 hour of it late at night" in desc
    assert "Today, Friday 20 February: 30 minutes, 30 minutes of it late" in desc
    assert "Saturday 14 February: no time" in desc
    assert "<summary>Show as table</summary>" in body
    assert (
        '<tr><th scope="row">Tuesday 17 February</th><td>1 hour</td>'
        "<td>40 minutes</td></tr>"
    ) in body
    assert body.count('<rect class="chart__bar"') >= 3
    assert "Hatched: late at night" in body


def test_where_the_time_goes_names_the_members_groups(
    member_client, member, group, private_group, clock
):
    seed(member, clock.moment - timedelta(hours=3), 45, group=private_group)
    seed(member, clock.moment - timedelta(hours=2), 20, group=group)
    seed(member, clock.moment - timedelta(hours=1), 50)

    body = member_client.get(BALANCE).content.decode()

    assert "The most time went to Recovery together." in body
    desc = re.search(r'<desc id="groups-chart-desc">(.*?)</desc>', body).group(1)
    assert desc == (
        "Recovery together: 45 minutes; Living with chronic pain: 20 minutes; "
        "Elsewhere on Alongside: 50 minutes."
    )


def test_a_member_never_sees_anyone_elses_time(
    member_client, member, other_member, facilitator, clock
):
    theirs = create_group(name="Night owls", slug="night-owls", facilitator=facilitator)
    set_role(group=theirs, member=other_member, role=Membership.Role.MEMBER)
    seed(other_member, clock.moment - timedelta(hours=2), 90, group=theirs)

    body = member_client.get(BALANCE).content.decode()

    assert "Night owls" not in body
    assert "This week: no time counted yet." in body


def test_staff_see_only_their_own_balance(member, group, clock):
    seed(member, clock.moment - timedelta(hours=2), 90, group=group)
    admin = make_user("ash", is_staff=True, is_superuser=True)
    give_second_factor(admin)

    body = client_for(admin).get(BALANCE).content.decode()

    assert group.name not in body
    assert "This week: no time counted yet." in body
    assert "no-such" not in body
    # There is no address for anyone else's balance to ask for.
    for name in ("balance", "limits", "break", "break_taken"):
        path = reverse(f"wellbeing:{name}")
        assert not re.search(r"\d", path), path


def test_the_page_has_no_scores_streaks_or_comparisons(member_client, member, clock):
    for day in range(6):
        seed(member, clock.moment - timedelta(days=day, hours=1), 30)

    body = member_client.get(BALANCE).content.decode().lower()

    for word in ("streak", "in a row", "score", "average", "than last week", "%"):
        assert word not in body, word


@pytest.mark.parametrize("days", [7])
def test_the_page_costs_the_same_whatever_the_week_holds(
    member_client, member, group, private_group, clock, days
):
    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert member_client.get(BALANCE).status_code == 200
        return len(queries)

    quiet = cost()
    for day in range(days):
        start = clock.moment - timedelta(days=day, hours=6)
        seed(member, start, 120, group=group if day % 2 else private_group)
        seed(member, start + timedelta(hours=3), 60)
    assert cost() == quiet

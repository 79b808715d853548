"""Check-ins: quick, optional, sealed at rest, deletable, charted for the member
alone, and never seen by anyone else."""

import io
import json
import re
import zipfile

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.moderation.models import Flag
from alongside.privacy.export import build_export
from alongside.wellbeing.models import CheckBack, CheckIn, Limits, SupportContact
from conftest import client_for, give_second_factor, make_user

from .helpers import (
    BALANCE,
    CHECKINS,
    WATCHED_WORDS,
    add_contact,
    check_in,
    page_of,
)

CRISIS_NOTE = "Honestly I just wish I could fall asleep and not wake up."


def test_the_page_asks_how_the_member_is_in_their_own_words(member_client):
    page = page_of(member_client.get(CHECKINS))
    assert "How are you today?" in page
    for word in ("Low", "Wobbly", "Okay", "Good", "Really good"):
        assert f">{word}</label>" in page
    assert "Did you connect with someone offline today?" in page
    assert "Only you can see this page." in page


def test_a_check_in_is_saved_with_its_note_sealed_at_rest(member, member_client):
    response = check_in(member_client, 2, "Tired after the clinic.", "yes")
    assert response.status_code == 302
    assert response["Location"] == CHECKINS
    checkin = CheckIn.objects.get(member=member)
    assert (checkin.mood, checkin.connected_offline) == (2, True)
    assert "clinic" not in checkin.sealed_note
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT sealed_note FROM {CheckIn._meta.db_table}")  # noqa: S608
        assert "clinic" not in cursor.fetchone()[0]
    page = page_of(member_client.get(CHECKINS))
    assert "Tired after the clinic." in page
    assert "You connected with someone offline." in page


def test_the_note_and_the_offline_question_are_optional(member, member_client):
    assert check_in(member_client, 4).status_code == 302
    checkin = CheckIn.objects.get(member=member)
    assert (checkin.mood, checkin.sealed_note, checkin.connected_offline) == (
        4,
        "",
        None,
    )


def test_a_check_in_from_the_balance_page_goes_back_there(member_client):
    response = check_in(member_client, 3, next=BALANCE)
    assert response["Location"] == BALANCE
    response = check_in(member_client, 3, next="https://elsewhere.example/")
    assert response["Location"] == CHECKINS


def test_a_check_in_without_a_mood_keeps_what_was_typed(member, member_client):
    response = check_in(member_client, 0, "Words I don't want to lose.", "no")
    assert response.status_code == 422
    page = page_of(response)
    assert "<title>Error: " in page
    assert "One thing to fix" in page
    assert "Words I don't want to lose." in page
    assert re.search(r'<input[^>]*value="no"[^>]*checked', page)
    assert not CheckIn.objects.exists()


def test_a_hard_note_offers_its_writer_support_and_tells_nobody(
    member, member_client, crisis_directory
):
    response = check_in(member_client, 1, CRISIS_NOTE)
    checkin = CheckIn.objects.get(member=member)
    assert response["Location"] == f"{CHECKINS}?support={checkin.pk}#support"
    page = page_of(member_client.get(response["Location"]))
    assert "You don't have to hold this on your own." in page
    assert "only you can see it" in page
    assert "moderator" not in page.lower()
    assert not Flag.objects.exists()


def test_the_support_panel_opens_only_for_its_writer(
    member_client, other_member_client, member, crisis_directory
):
    response = check_in(member_client, 1, CRISIS_NOTE)
    page = page_of(other_member_client.get(response["Location"]))
    assert "hold this on your own" not in page


def test_any_check_in_can_be_deleted(member, member_client):
    check_in(member_client, 2, "Delete me later.")
    checkin = CheckIn.objects.get(member=member)
    url = f"/balance/checkins/{checkin.pk}/delete/"
    confirm = page_of(member_client.get(url))
    assert "Delete this check-in?" in confirm
    assert "Delete me later." in confirm
    response = member_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == CHECKINS
    assert not CheckIn.objects.exists()
    assert "That check-in is deleted." in page_of(member_client.get(CHECKINS))


@pytest.mark.parametrize(
    "viewer", ["other_member_client", "moderator_client", "facilitator_client"]
)
def test_nobody_else_can_see_or_delete_a_check_in(
    request, member, member_client, group, viewer
):
    check_in(member_client, 1, "Mine alone.")
    checkin = CheckIn.objects.get(member=member)
    client = request.getfixturevalue(viewer)
    url = f"/balance/checkins/{checkin.pk}/delete/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert CheckIn.objects.filter(pk=checkin.pk).exists()
    assert "Mine alone." not in page_of(client.get(CHECKINS))


def test_staff_with_a_second_factor_get_404_on_another_members_check_in(
    member, member_client
):
    check_in(member_client, 1, "Mine alone.")
    checkin = CheckIn.objects.get(member=member)
    staff = make_user("ops", is_staff=True, is_superuser=True)
    give_second_factor(staff)
    client = client_for(staff)
    url = f"/balance/checkins/{checkin.pk}/delete/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert CheckIn.objects.filter(pk=checkin.pk).exists()


def test_nothing_of_it_is_in_the_admin():
    for model in (CheckIn, SupportContact, CheckBack, Limits):
        assert not admin.site.is_registered(model), model


def test_the_trend_is_a_chart_a_sentence_and_a_table(member_client, clock):
    clock.set(2026, 3, 2, 9, 0)
    check_in(member_client, 2, offline="no")
    clock.advance(days=2)
    check_in(member_client, 3, offline="yes")
    clock.advance(hours=3)
    check_in(member_client, 3)
    clock.advance(days=1)
    page = page_of(member_client.get(CHECKINS))
    assert 'role="img"' in page
    assert '<title id="checkins-chart-title">' in page
    assert '<desc id="checkins-chart-desc">' in page
    sentence = (
        "In the last 2 weeks you checked in 3 times: Wobbly once and Okay 2 times."
    )
    assert f'<p class="chart-sentence">{sentence}</p>' in page
    assert page.count("<circle ") == 3
    assert "<summary>Show as table</summary>" in page
    table = page[page.index("<table>") : page.index("</table>")]
    assert table.count("<tr>") == 4  # the heading and one row per check-in
    assert "Not that day" in table and "Not answered" in table


def test_the_trend_leaves_out_check_ins_older_than_two_weeks(member_client, clock):
    clock.set(2026, 3, 1, 9, 0)
    check_in(member_client, 2)
    clock.advance(days=14)
    page = page_of(member_client.get(CHECKINS))
    assert "You haven't checked in during the last 2 weeks." in page
    assert "<circle " not in page
    assert "Wobbly" in page  # still listed, and still deletable


@pytest.mark.parametrize("count", [1, 60])
def test_the_check_ins_page_costs_the_same_however_many_there_are(
    member, member_client, count, django_assert_num_queries
):
    CheckIn.objects.bulk_create(CheckIn(member=member, mood=3) for _ in range(count))
    # Session and member, the page of check-ins, the chart's, the list of support,
    # whether suggestions are on, posts that sounded hard, and the week's check-ins.
    with django_assert_num_queries(8):
        response = member_client.get(CHECKINS)
    assert response.status_code == 200
    assert page_of(response).count('<li class="card" id="checkin-') == min(count, 50)


def test_older_check_ins_are_a_page_away(member, member_client):
    CheckIn.objects.bulk_create(CheckIn(member=member, mood=3) for _ in range(51))
    page = page_of(member_client.get(CHECKINS))
    oldest = CheckIn.objects.order_by("pk").first()
    match = re.search(r'href="\?before=(\d+)">Older check-ins', page)
    assert match
    older = page_of(member_client.get(f"{CHECKINS}?before={match.group(1)}"))
    assert older.count('<li class="card" id="checkin-') == 1
    assert f'id="checkin-{oldest.pk}"' in older


def test_the_balance_page_asks_and_skip_hides_the_question_without_writing(
    member, member_client
):
    page = page_of(member_client.get(BALANCE))
    assert "How are you today?" in page
    assert 'href="?checkin=skip#checkins">Skip</a>' in page
    with CaptureQueriesContext(connection) as queries:
        page = page_of(member_client.get(f"{BALANCE}?checkin=skip"))
    assert "How are you today?" not in page
    assert not [q for q in queries.captured_queries if "INSERT" in q["sql"]]
    check_in(member_client, 4, next=BALANCE)
    page = page_of(member_client.get(BALANCE))
    assert "How are you today?" not in page
    assert "You checked in today." in page


def _queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_balance_pages_support_part_costs_the_same_however_much_there_is(
    member, member_client, clock
):
    def add(count: int) -> None:
        for _ in range(count):
            check_in(member_client, 2, "A note.")
            clock.advance(minutes=30)
            add_contact(member_client, "Someone", "Every evening")

    add(1)
    few = _queries_for(member_client, BALANCE)
    add(30)
    page = page_of(member_client.get(BALANCE))
    assert page.count("Every evening") == 31
    assert _queries_for(member_client, BALANCE) == few


def test_the_pages_never_say_the_member_was_watched(member_client, clock):
    for mood in (1, 2, 1):
        check_in(member_client, mood)
        clock.advance(hours=6)
    for url in (CHECKINS, BALANCE):
        page = page_of(member_client.get(url)).lower()
        for word in WATCHED_WORDS:
            assert word not in page.replace("data-autofocus", ""), (url, word)


def test_the_copy_of_the_members_data_holds_their_check_ins_with_notes(
    member, member_client, other_member, other_member_client
):
    check_in(member_client, 2, "Slept badly.", "yes")
    check_in(other_member_client, 5, "Someone else's day.")
    data = json.loads(
        zipfile.ZipFile(io.BytesIO(build_export(member))).read("alongside-export.json")
    )
    [entry] = data["checkins"]
    assert entry["mood"] == 2
    assert entry["mood_label"] == "Wobbly"
    assert entry["note"] == "Slept badly."
    assert entry["connected_offline"] is True
    assert "Someone else's day." not in json.dumps(data)

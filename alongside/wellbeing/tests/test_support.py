"""Bridges to care: the member's own list of support outside Alongside, and the
suggestion to reach out to professional help, under exactly its conditions."""

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from alongside.accounts.models import User
from alongside.moderation.models import Flag
from alongside.privacy.export import build_export
from alongside.privacy.sealing import keyring, new_key
from alongside.wellbeing.models import (
    ActiveSlot,
    CheckBack,
    CheckIn,
    Limits,
    SupportContact,
)
from alongside.wellbeing.sealed import contact_context, note_context
from conftest import PASSWORD, client_for

from .helpers import (
    BALANCE,
    CHECKINS,
    CONCERN,
    SUPPORT,
    WATCHED_WORDS,
    add_contact,
    check_in,
    page_of,
    post_reply,
)

SUGGESTION = "Someone to talk to"


# ---------------------------------------------------------------------------
# The list


def test_the_member_keeps_a_list_with_names_sealed_at_rest(member, member_client):
    response = add_contact(
        member_client, "Dr Okafor", "Surgery 01632 960 123", kind="professional"
    )
    assert response.status_code == 302
    assert response["Location"] == SUPPORT
    contact = SupportContact.objects.get(member=member)
    assert contact.kind == "professional"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT sealed_name, sealed_how FROM {SupportContact._meta.db_table}"  # noqa: S608
        )
        row = " ".join(cursor.fetchone())
    assert "Okafor" not in row and "960" not in row
    for url in (SUPPORT, BALANCE):
        page = page_of(member_client.get(url))
        assert "Dr Okafor" in page
        assert "Surgery 01632 960 123" in page
        assert "A professional (therapist, GP, nurse)" in page


def test_an_entry_can_be_changed_and_removed(member, member_client):
    add_contact(member_client, "Mum", "Sundays")
    contact = SupportContact.objects.get(member=member)
    edit = f"/balance/support/{contact.pk}/"
    form = page_of(member_client.get(edit))
    assert 'value="Mum"' in form and "Sundays" in form
    response = member_client.post(
        edit, {"kind": "person", "name": "Mum", "how": "Any evening, 07700 900 456"}
    )
    assert response["Location"] == SUPPORT
    assert "Any evening, 07700 900 456" in page_of(member_client.get(SUPPORT))
    delete = f"/balance/support/{contact.pk}/delete/"
    assert "Take them off your list?" in page_of(member_client.get(delete))
    assert member_client.post(delete)["Location"] == SUPPORT
    assert not SupportContact.objects.exists()


def test_a_rejected_entry_keeps_what_was_typed(member_client):
    response = member_client.post(
        SUPPORT, {"kind": "helpline", "name": "", "how": "Text SHOUT to 85258"}
    )
    assert response.status_code == 422
    page = page_of(response)
    assert "<title>Error: " in page
    assert "Add a name, so you know who this is." in page
    assert "Text SHOUT to 85258" in page
    assert not SupportContact.objects.exists()


@pytest.mark.parametrize(
    "viewer", ["other_member_client", "moderator_client", "facilitator_client"]
)
def test_nobody_else_can_see_change_or_remove_an_entry(
    request, member, member_client, group, viewer
):
    add_contact(member_client, "My sister Ada", "07700 900 789")
    contact = SupportContact.objects.get(member=member)
    client = request.getfixturevalue(viewer)
    for url in (
        f"/balance/support/{contact.pk}/",
        f"/balance/support/{contact.pk}/delete/",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"kind": "person", "name": "X"}).status_code == 404
    assert "My sister Ada" not in page_of(client.get(SUPPORT))
    assert "My sister Ada" not in page_of(client.get(BALANCE))
    contact.refresh_from_db()
    assert SupportContact.objects.filter(pk=contact.pk).exists()


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_costs_the_same_however_long_it_is(
    member, member_client, count, django_assert_num_queries
):
    for n in range(count):
        add_contact(member_client, f"Person {n}")
    # Session and member, the list, and the three reads behind the suggestion.
    with django_assert_num_queries(6):
        response = member_client.get(SUPPORT)
    assert page_of(response).count("/delete/") == count


# ---------------------------------------------------------------------------
# The suggestion: check-ins low for a week, or a hard post in the last 14 days


def low_checkins(client, clock, moods):
    for mood in moods:
        check_in(client, mood)
        clock.advance(days=1)


@pytest.mark.parametrize(
    ("moods", "shown"),
    [
        ((1, 2), False),  # two low check-ins are not a week
        ((1, 2, 2), True),  # three, every one Low or Wobbly
        ((1, 3, 2), False),  # one Okay among them
        ((2, 2, 1, 1, 2, 1), True),
        ((2, 2, 1, 1, 2, 4), False),
    ],
)
def test_the_suggestion_follows_a_week_of_low_check_ins(
    member_client, clock, moods, shown
):
    clock.set(2026, 3, 2, 9, 0)
    low_checkins(member_client, clock, moods)
    for url in (BALANCE, CHECKINS):
        assert (SUGGESTION in page_of(member_client.get(url))) is shown, url


def test_only_the_last_seven_days_count(member_client, clock):
    clock.set(2026, 3, 2, 9, 0)
    check_in(member_client, 4)
    clock.advance(days=1)
    low_checkins(member_client, clock, (1, 1, 1))
    # The Good check-in is 4 days old: not yet a low week.
    assert SUGGESTION not in page_of(member_client.get(BALANCE))
    clock.set(2026, 3, 9, 9, 0, 1)  # a week and a second after the Good one
    assert SUGGESTION in page_of(member_client.get(BALANCE))
    clock.set(2026, 3, 10, 9, 0, 1)  # the first low one is now 8 days old
    assert SUGGESTION not in page_of(member_client.get(BALANCE))


def test_the_suggestion_follows_a_hard_post_for_fourteen_days(
    member_client, thread, clock
):
    clock.set(2026, 3, 2, 9, 0)
    assert SUGGESTION not in page_of(member_client.get(BALANCE))
    post_reply(member_client, thread, CONCERN)
    assert Flag.objects.filter(source="safety").exists()
    clock.advance(days=14)
    assert SUGGESTION in page_of(member_client.get(BALANCE))
    clock.advance(seconds=1)
    assert SUGGESTION not in page_of(member_client.get(BALANCE))


def test_someone_elses_hard_post_or_a_report_does_not_count(
    member, member_client, other_member_client, thread, reply, clock
):
    post_reply(other_member_client, thread, CONCERN)
    flag = Flag.objects.get()
    Flag.objects.create(
        group=flag.group,
        content_type=flag.content_type,
        object_id=flag.object_id,
        subject=member,
        severity=Flag.Severity.CONCERN,
        source=Flag.Source.REPORT,
        created_at=clock.moment,
    )
    assert SUGGESTION not in page_of(member_client.get(BALANCE))


def test_the_suggestion_links_to_help_where_the_member_lives_and_their_list(
    member, member_client, clock
):
    add_contact(member_client, "Dr Okafor", kind="professional")
    low_checkins(member_client, clock, (1, 1, 1))
    page = page_of(member_client.get(CHECKINS))
    panel = page[page.index(SUGGESTION) : page.index("Don't suggest this")]
    assert (
        f'href="/help/professional/gb/">Find professional help in {member.country_name}'
        in panel
    )
    assert 'href="/help/">Get help now</a>' in panel
    assert "Dr Okafor" in panel
    User.objects.filter(pk=member.pk).update(country="")
    page = page_of(member_client.get(CHECKINS))
    assert 'href="/help/professional/">Find professional help</a>' in page


def test_the_suggestion_never_says_why(member_client, thread, clock):
    post_reply(member_client, thread, CONCERN)
    low_checkins(member_client, clock, (1, 1, 1))
    for url in (BALANCE, CHECKINS, SUPPORT):
        page = page_of(member_client.get(url))
        panel = page[page.index(SUGGESTION) : page.index("Don't suggest this")].lower()
        for word in WATCHED_WORDS:
            assert word not in panel, (url, word)


def test_turning_suggestions_off_hides_them_and_on_brings_them_back(
    member, member_client, clock
):
    low_checkins(member_client, clock, (1, 1, 1))
    page = page_of(member_client.get(BALANCE))
    assert SUGGESTION in page
    assert 'name="suggest_support" id="id_suggest_support" checked' in page
    response = member_client.post(
        "/balance/support/suggestions/", {"next": BALANCE}
    )  # "Don't suggest this": the box left empty
    assert response["Location"] == BALANCE
    assert Limits.objects.get(member=member).suggest_support is False
    page = page_of(member_client.get(BALANCE))
    assert SUGGESTION not in page
    assert "Your choice is saved." in page
    member_client.post("/balance/support/suggestions/", {"suggest_support": "on"})
    assert SUGGESTION in page_of(member_client.get(BALANCE))


def test_suggestions_are_on_until_the_member_turns_them_off(member):
    assert not Limits.objects.filter(member=member).exists()
    assert Limits(member=member).suggest_support is True


# ---------------------------------------------------------------------------
# Export, deletion, key rotation


def test_the_copy_of_the_members_data_holds_their_list_choices_and_time(
    member, member_client, clock
):
    clock.set(2026, 3, 2, 23, 30)  # 11:30pm in London
    add_contact(member_client, "Dr Okafor", "Surgery", kind="professional")
    member_client.post("/balance/support/suggestions/", {})
    start = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    ActiveSlot.objects.bulk_create(
        ActiveSlot(member=member, started_at=start + timedelta(seconds=30 * n))
        for n in range(80)  # 40 minutes, over midnight
    )
    data = json.loads(
        zipfile.ZipFile(io.BytesIO(build_export(member))).read("alongside-export.json")
    )
    [contact] = data["support_contacts"]
    assert contact["name"] == "Dr Okafor"
    assert contact["how_to_reach"] == "Surgery"
    assert contact["kind"] == "professional"
    assert data["balance_choices"]["suggest_support"] is False
    assert [
        (d["day"], d["active_slots"], d["minutes"]) for d in data["activity_per_day"]
    ] == [("2026-03-02", 60, 30), ("2026-03-03", 20, 10)]
    assert data["activity_per_day"][0]["time_zone"] == "Europe/London"


def test_deleting_the_account_deletes_all_of_it(member, member_client, thread, clock):
    post_reply(member_client, thread, CONCERN)
    check_in(member_client, 1, "A note.")
    add_contact(member_client, "Mum")
    member_client.post("/balance/support/suggestions/", {})
    ActiveSlot.objects.create(member=member, started_at=clock.moment)
    clock.advance(days=4)
    member_client.post("/balance/support/suggestions/", {"suggest_support": "on"})
    member_client.post("/balance/check-back/", {"answer": "yes"})
    assert CheckBack.objects.filter(member=member).exists()

    browser = Client()
    browser.post("/accounts/login/", {"login": "rowan", "password": PASSWORD})
    response = browser.post(
        "/accounts/delete/", {"posts": "delete", "password": PASSWORD}
    )
    assert response.status_code == 302
    clock.advance(days=7, minutes=1)
    call_command("purge_deleted_accounts", stdout=io.StringIO())

    assert not User.objects.filter(pk=member.pk).exists()
    for model in (CheckIn, SupportContact, CheckBack, Limits, ActiveSlot):
        assert not model.objects.filter(member_id=member.pk).exists(), model


KEY_A, KEY_B = new_key(), new_key()


def test_key_rotation_reseals_notes_and_the_list_too(settings, member, member_client):
    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_A]
    check_in(member_client, 2, "Under the first key.")
    check_in(member_client, 3)  # no note: nothing to seal
    add_contact(member_client, "Mum", "Sundays")
    add_contact(member_client, "A line")  # no way to reach written down
    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_B, KEY_A]

    out = io.StringIO()
    call_command("rotate_keys", "--batch-size", "1", stdout=out)
    assert "Re-sealed 1 check-in notes; 0 were already under the current key." in (
        out.getvalue()
    )
    assert "Re-sealed 2 support contacts; 0 were already under the current key." in (
        out.getvalue()
    )

    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_B]  # the old key can go
    current = keyring().current_id
    for checkin in CheckIn.objects.exclude(sealed_note=""):
        assert checkin.sealed_note.startswith(f"{current}:")
        assert keyring().open(checkin.sealed_note, context=note_context(checkin.pk))
    for contact in SupportContact.objects.all():
        assert contact.sealed_name.startswith(f"{current}:")
        assert keyring().open(
            contact.sealed_name, context=contact_context(contact.pk, "name")
        )
    assert CheckIn.objects.filter(sealed_note="").count() == 1
    assert SupportContact.objects.filter(sealed_how="").count() == 1
    page = page_of(member_client.get(CHECKINS))
    assert "Under the first key." in page
    assert "can't be opened" not in page
    assert "Sundays" in page_of(member_client.get(SUPPORT))

    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "Re-sealed 0 check-in notes; 1 were already under the current key." in (
        out.getvalue()
    )


def test_a_note_no_key_opens_is_said_so_and_rotation_leaves_it(
    settings, member, member_client
):
    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_A]
    check_in(member_client, 2, "Under a key that goes.")
    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_B]
    page = page_of(member_client.get(CHECKINS))
    assert "This note can't be opened at the moment." in page
    with pytest.raises(CommandError, match="1 check-in notes"):
        call_command("rotate_keys", stdout=io.StringIO())
    settings.ALONGSIDE_MESSAGE_KEYS = [KEY_B, KEY_A]
    assert "Under a key that goes." in page_of(member_client.get(CHECKINS))


def test_a_sealed_name_copied_to_another_entry_does_not_open(member, member_client):
    add_contact(member_client, "First")
    add_contact(member_client, "Second")
    first, second = SupportContact.objects.order_by("pk")
    SupportContact.objects.filter(pk=second.pk).update(sealed_name=first.sealed_name)
    page = page_of(member_client.get(SUPPORT))
    assert "This entry can't be opened at the moment." in page
    assert page.count("<h3>First</h3>") == 1


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(SUPPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_member_without_anything_gets_an_empty_list_not_an_error(outsider):
    page = page_of(client_for(outsider).get(SUPPORT))
    assert "Nobody here yet." in page

"""Private messages between members: who may write, blocks, the pages, the form."""

import re

import pytest
from django.urls import reverse

from alongside.groups.actions import set_role
from alongside.groups.models import Membership
from alongside.moderation.models import Block, Flag
from alongside.privacy.models import Conversation, PrivateMessage
from alongside.resources.actions import apply_as_professional, verify_professional
from conftest import client_for, give_second_factor, make_user

from .helpers import choose, only_message, reply, text, write

REFUSED = "You can't send Rowan a private message at the moment."
LINK = "Send a private message"


def conversation_url(conversation_id: int) -> str:
    return reverse("privacy:conversation", args=[conversation_id])


# ---------------------------------------------------------------------------
# Who may write to whom


def test_by_default_the_leaders_of_ones_groups_may_write_and_other_members_not(
    group, member, facilitator_client, moderator_client, other_member_client
):
    """The protective default: facilitators and moderators of a shared group."""
    response = write(facilitator_client, "rowan", "Checking in after Tuesday.")
    assert response.status_code == 302
    response = write(moderator_client, "rowan", "How are you getting on?")
    assert response.status_code == 302

    page = other_member_client.get(reverse("privacy:write", args=["rowan"]))
    assert page.status_code == 200
    assert REFUSED in text(page)
    assert 'name="body"' not in text(page)
    refused = write(other_member_client, "rowan", "Hi, it's Sam from the group.")
    assert refused.status_code == 422
    assert REFUSED in text(refused)
    assert "Hi, it's Sam from the group." in text(refused)
    assert PrivateMessage.objects.filter(author__username="sam").count() == 0


def test_members_of_my_groups_lets_anyone_who_shares_a_group_write(
    group, member_client, other_member_client
):
    choose(member_client, "members")
    response = write(other_member_client, "rowan", "Hi, it's Sam from the group.")
    assert response.status_code == 302
    assert PrivateMessage.objects.filter(author__username="sam").count() == 1


def test_nobody_refuses_even_the_groups_leaders(
    group, member_client, facilitator_client, moderator_client
):
    choose(member_client, "nobody")
    for client in (facilitator_client, moderator_client):
        response = write(client, "rowan", "Checking in after Tuesday.")
        assert response.status_code == 422
        assert REFUSED in text(response)
    assert not PrivateMessage.objects.exists()


def test_someone_you_wrote_to_can_write_back_whatever_your_choice(
    group, member_client, other_member_client
):
    choose(member_client, "nobody")
    choose(other_member_client, "members")
    assert (
        write(member_client, "sam", "Your post about pacing helped.").status_code == 302
    )
    conversation = Conversation.objects.get()
    response = reply(other_member_client, conversation.pk, "I'm glad it did.")
    assert response.status_code == 302
    assert PrivateMessage.objects.filter(author__username="sam").count() == 1


def test_people_who_share_no_group_cannot_even_find_the_form(
    group, member_client, outsider_client, outsider
):
    assert (
        outsider_client.get(reverse("privacy:write", args=["rowan"])).status_code == 404
    )
    assert write(outsider_client, "rowan", "Hello").status_code == 404
    assert (
        member_client.get(reverse("privacy:write", args=["quinn"])).status_code == 404
    )
    assert (
        member_client.get(reverse("privacy:write", args=["rowan"])).status_code == 404
    )
    assert not PrivateMessage.objects.exists()


def test_once_they_share_no_group_the_conversation_stays_but_sending_stops(
    group, member, facilitator, member_client, facilitator_client
):
    write(facilitator_client, "rowan", "Checking in after Tuesday.")
    conversation = Conversation.objects.get()
    Membership.objects.filter(group=group, member=member).delete()
    page = member_client.get(conversation_url(conversation.pk))
    assert page.status_code == 200
    assert "Checking in after Tuesday." in text(page)
    assert 'name="body"' not in text(page)
    refused = reply(facilitator_client, conversation.pk, "Are you still there?")
    assert refused.status_code == 422
    assert PrivateMessage.objects.count() == 1


def test_nobody_can_write_to_a_closed_account(group, member, facilitator_client):
    write(facilitator_client, "rowan", "Checking in after Tuesday.")
    conversation = Conversation.objects.get()
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert reply(facilitator_client, conversation.pk, "Still there?").status_code == 422
    assert write(facilitator_client, "rowan", "Hello?").status_code == 404
    assert PrivateMessage.objects.count() == 1


@pytest.mark.parametrize("who_blocks", ["recipient", "sender"])
def test_a_block_either_way_stops_messages_and_hides_the_profile_link(
    who_blocks, group, member, other_member, member_client, other_member_client
):
    choose(member_client, "members")
    profile = reverse("accounts:profile", args=["rowan"])
    assert LINK in text(other_member_client.get(profile))
    write(other_member_client, "rowan", "First message.")
    conversation = Conversation.objects.get()

    if who_blocks == "recipient":
        Block.objects.create(blocker=member, blocked=other_member)
    else:
        Block.objects.create(blocker=other_member, blocked=member)

    assert LINK not in text(other_member_client.get(profile))
    refused = write(other_member_client, "rowan", "Why won't you answer?")
    assert refused.status_code == 422
    assert REFUSED in text(refused)
    assert "Why won't you answer?" in text(refused)
    answer = reply(member_client, conversation.pk, "Please stop.")
    assert answer.status_code == 422
    page = other_member_client.get(conversation_url(conversation.pk))
    assert 'name="body"' not in text(page)
    assert PrivateMessage.objects.count() == 1


def test_the_profile_link_shows_only_where_writing_is_allowed(
    group, member_client, other_member_client, facilitator_client
):
    profile = reverse("accounts:profile", args=["rowan"])
    assert LINK in text(facilitator_client.get(profile))
    assert LINK not in text(other_member_client.get(profile))
    assert LINK not in text(member_client.get(profile))


# ---------------------------------------------------------------------------
# Verified professionals: the middle choice lets them in while their badge stands


def make_professional(group, *, months: int = 1):
    """Ada, a plain member of the group whose badge an admin granted today."""
    ada = make_user("ada", display_name="Ada", country="IE")
    set_role(group=group, member=ada, role=Membership.Role.MEMBER)
    admin = make_user("operator", is_staff=True, display_name="Operator")
    give_second_factor(admin)
    credential = apply_as_professional(
        member=ada,
        profession="Physiotherapist",
        registration_number="PH-12345",
        issuing_body="CORU",
        country="IE",
        conflicts="None",
    )
    verify_professional(
        admin=admin, credential=credential, method="CORU register", months=months
    )
    return ada


def test_a_verified_professional_in_a_shared_group_may_write_under_the_default(
    clock, group
):
    ada = client_for(make_professional(group))
    page = ada.get(reverse("privacy:write", args=["rowan"]))
    assert 'name="body"' in text(page)
    response = write(ada, "rowan", "Happy to talk through pacing if it helps.")
    assert response.status_code == 302
    assert PrivateMessage.objects.filter(author__username="ada").count() == 1


def test_a_professional_whose_badge_lapsed_may_not(clock, group):
    person = make_professional(group, months=1)
    clock.advance(days=40)
    ada = client_for(person)
    page = ada.get(reverse("privacy:write", args=["rowan"]))
    assert REFUSED in text(page)
    refused = write(ada, "rowan", "Happy to talk through pacing if it helps.")
    assert refused.status_code == 422
    assert REFUSED in text(refused)
    assert not PrivateMessage.objects.exists()


def test_a_plain_member_may_not_where_a_professional_may(
    clock, group, other_member_client
):
    make_professional(group)
    refused = write(other_member_client, "rowan", "Hi, it's Sam from the group.")
    assert refused.status_code == 422
    assert not PrivateMessage.objects.exists()


def test_a_professional_is_still_refused_by_nobody(clock, group, member_client):
    ada = client_for(make_professional(group))
    choose(member_client, "nobody")
    assert write(ada, "rowan", "Hello from Ada.").status_code == 422
    assert not PrivateMessage.objects.exists()


def test_the_choice_names_verified_professionals(member_client):
    page = text(member_client.get(reverse("privacy:preference")))
    assert (
        "Only facilitators, moderators and verified professionals in my groups" in page
    )


# ---------------------------------------------------------------------------
# The pages


def test_a_conversation_is_found_only_by_its_two_members(
    group, member_client, facilitator_client, moderator_client, other_member_client,
    outsider_client, client,
):  # fmt: skip
    write(facilitator_client, "rowan", "Checking in after Tuesday.")
    url = conversation_url(Conversation.objects.get().pk)
    for reader in (member_client, facilitator_client):
        response = reader.get(url)
        assert response.status_code == 200
        assert "Checking in after Tuesday." in text(response)
    # A moderator of the group they share, with no report: not found either.
    for stranger in (moderator_client, other_member_client, outsider_client):
        assert stranger.get(url).status_code == 404
        assert reply(stranger, Conversation.objects.get().pk, "Hi").status_code == 404
    assert client.get(url).status_code == 302
    assert PrivateMessage.objects.count() == 1


def test_the_conversation_shows_every_message_in_order_with_earlier_pages(
    settings, group, member_client, facilitator_client
):
    settings.ALONGSIDE_PAGE_SIZE = 3
    write(facilitator_client, "rowan", "One")
    conversation = Conversation.objects.get()
    for n, (client, word) in enumerate(
        [(member_client, "Two"), (facilitator_client, "Three"), (member_client, "Four")]
    ):
        assert reply(client, conversation.pk, word).status_code == 302, n
    body = text(member_client.get(conversation_url(conversation.pk)))
    words = re.findall(r"<p>(One|Two|Three|Four)</p>", body)
    assert words == ["Two", "Three", "Four"]
    earlier = re.search(r'href="\?before=(\d+)"', body)
    assert earlier
    older = member_client.get(
        f"{conversation_url(conversation.pk)}?before={earlier[1]}"
    )
    assert re.findall(r"<p>(One|Two|Three|Four)</p>", text(older)) == ["One"]


def test_the_messages_page_lists_conversations_latest_first(
    clock, group, member, member_client, facilitator_client, moderator_client
):
    write(facilitator_client, "rowan", "From Alex")
    clock.advance(minutes=5)
    write(moderator_client, "rowan", "From Morgan")
    body = text(member_client.get(reverse("privacy:messages")))
    assert body.index("Morgan") < body.index("Alex")
    assert "From Morgan" not in body  # the list names people, not words
    clock.advance(minutes=5)
    with_alex = Conversation.objects.get(messages__author__username="alex")
    assert reply(member_client, with_alex.pk, "Thanks").status_code == 302
    body = text(member_client.get(reverse("privacy:messages")))
    assert body.index("Alex") < body.index("Morgan")


def test_the_preference_page_shows_and_saves_the_choice(member_client):
    url = reverse("privacy:preference")
    page = text(member_client.get(url))
    assert re.search(r'value="leaders"[^>]*checked', page)
    choose(member_client, "nobody")
    page = text(member_client.get(url))
    assert re.search(r'value="nobody"[^>]*checked', page)
    refused = member_client.post(url, {"messages_from": "everyone"})
    assert refused.status_code == 422


# ---------------------------------------------------------------------------
# Sending: once per form, at a human pace, never losing words


def test_a_form_sent_twice_is_stored_once(group, facilitator_client):
    token = "3f1d3c8e-8a7b-4c4c-9b1f-0d5f4a3e2c11"
    first = write(facilitator_client, "rowan", "Checking in.", token=token)
    again = write(facilitator_client, "rowan", "Checking in.", token=token)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert PrivateMessage.objects.count() == 1


def test_sending_fast_is_paused_with_the_words_kept_then_allowed_again(
    settings, clock, group, facilitator_client
):
    settings.ALONGSIDE_MESSAGE_RATE = (3, 600)
    for n in range(3):
        assert write(facilitator_client, "rowan", f"Message {n}").status_code == 302
    refused = write(facilitator_client, "rowan", "One more thing to say.")
    assert refused.status_code == 422
    body = text(refused)
    assert "You've sent a lot of messages in the last few minutes." in body
    assert "One more thing to say." in body
    clock.advance(minutes=10)
    assert (
        write(facilitator_client, "rowan", "One more thing to say.").status_code == 302
    )
    assert PrivateMessage.objects.count() == 4


def test_an_empty_message_is_refused_kindly(group, facilitator_client):
    response = write(facilitator_client, "rowan", "   ")
    assert response.status_code == 422
    assert "Write something before sending." in text(response)


def test_hostile_markup_in_a_message_never_becomes_markup(
    group, member_client, facilitator_client
):
    write(
        facilitator_client,
        "rowan",
        "<script>alert(1)</script> [x](javascript:alert(1))",
    )
    page = member_client.get(conversation_url(Conversation.objects.get().pk))
    body = page.content.decode()
    assert "<script>alert" not in body
    assert 'href="javascript:' not in body


# ---------------------------------------------------------------------------
# Screening: help for the writer; nothing flagged, because it is private


def test_crisis_words_show_the_writer_help_and_flag_nothing(
    crisis_directory, group, member_client, facilitator_client
):
    choose(facilitator_client, "members")
    response = write(member_client, "alex", "I want to end my life tonight.")
    assert response.status_code == 302
    assert "?support=" in response["Location"]
    page = text(member_client.get(response["Location"]))
    assert "You don't have to hold this on your own." in page
    assert "only Alex can read it" in page
    assert "We've let a moderator know" not in page
    assert not Flag.objects.exists()
    # The help is for the writer only, and only after their own message.
    message = only_message()
    other = facilitator_client.get(
        f"{conversation_url(message.conversation_id)}?support={message.pk}"
    )
    assert "You don't have to hold this on your own." not in text(other)


def test_everyday_words_show_no_help_panel(group, member_client, facilitator_client):
    response = write(facilitator_client, "rowan", "See you on Tuesday.")
    assert "?support=" not in response["Location"]
    message = only_message()
    page = facilitator_client.get(
        f"{conversation_url(message.conversation_id)}?support={message.pk}"
    )
    assert "You don't have to hold this on your own." not in text(page)


def test_personal_details_are_asked_about_once_then_sent(group, facilitator_client):
    words = "Ring me any time on 07700 900123."
    asked = write(facilitator_client, "rowan", words)
    assert asked.status_code == 200
    body = text(asked)
    assert "This may identify you" in body
    assert "a phone number" in body
    assert words in body
    assert 'name="pii_seen" value="True"' in body
    assert not PrivateMessage.objects.exists()
    sent = write(facilitator_client, "rowan", words, pii_seen="True")
    assert sent.status_code == 302
    assert PrivateMessage.objects.count() == 1


# ---------------------------------------------------------------------------
# A fixed cost, however long the conversation


@pytest.mark.parametrize("count", [1, 30])
def test_the_conversation_page_costs_the_same_whatever_its_length(
    count, clock, group, member_client, facilitator_client,
    django_assert_num_queries,
):  # fmt: skip
    for n in range(count):
        clock.advance(minutes=1)
        sender = facilitator_client if n % 2 == 0 else member_client
        target = "rowan" if n % 2 == 0 else "alex"
        assert write(sender, target, f"Message number {n}").status_code == 302
    url = conversation_url(Conversation.objects.get().pk)
    # Session, member, conversation with both people, the page of messages, and
    # whether the member may write: preference, shared roles, blocks, answered,
    # their badge.
    with django_assert_num_queries(9):
        response = member_client.get(url)
    assert response.status_code == 200
    assert text(response).count('class="post"') == count

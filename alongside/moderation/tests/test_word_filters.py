"""Each group's moderators keep a list of words and phrases to hold or flag."""

import pytest
from django.urls import reverse

from alongside.chat.models import ChatMessage
from alongside.moderation.models import Flag, ModerationLog, WordFilter
from alongside.threads.models import Reply

URGENT = "I've written my goodbye letters and I'm going to end my life tonight."


@pytest.fixture
def filters_url(group):
    return reverse("moderation:filters", args=[group.slug])


def _add(client, url, phrase, action):
    return client.post(url, {"phrase": phrase, "action": action})


def _reply(client, thread, body):
    return client.post(reverse("threads:reply", args=[thread.pk]), {"body": body})


def test_moderators_add_and_remove_phrases_and_each_change_is_logged(
    group, moderator, moderator_client, filters_url
):
    page = moderator_client.get(filters_url).content.decode()
    assert "Nothing on the list yet." in page
    assert 'type="radio"' in page and "<legend>" in page

    response = _add(moderator_client, filters_url, "  Miracle   cure ", "hold")
    assert response.status_code == 302
    word_filter = WordFilter.objects.get()
    assert (word_filter.phrase, word_filter.action) == ("Miracle cure", "hold")
    assert word_filter.created_by == moderator
    page = moderator_client.get(filters_url).content.decode()
    assert "Miracle cure" in page

    # The same phrase again, in other capitals: refused, and what was typed stays.
    again = _add(moderator_client, filters_url, "MIRACLE CURE", "flag")
    assert again.status_code == 422
    assert "already on the list" in again.content.decode()
    assert 'value="MIRACLE CURE"' in again.content.decode()

    remove = reverse("moderation:filter_remove", args=[group.slug, word_filter.pk])
    assert moderator_client.post(remove).status_code == 302
    assert not WordFilter.objects.exists()
    actions = list(
        ModerationLog.objects.order_by("created_at", "pk").values_list(
            "action", "actor"
        )
    )
    assert actions == [
        ("word_filter_added", moderator.pk),
        ("word_filter_removed", moderator.pk),
    ]


def test_the_filter_page_is_for_the_groups_moderators_only(
    group, member_client, facilitator_client, filters_url
):
    assert member_client.get(filters_url).status_code == 404
    assert facilitator_client.get(filters_url).status_code == 404
    assert _add(member_client, filters_url, "spam", "hold").status_code == 404
    assert not WordFilter.objects.exists()


def test_a_hold_phrase_holds_the_post_and_names_the_phrase_not_the_text(
    group, thread, moderator_client, filters_url, other_member_client, member_client
):
    _add(moderator_client, filters_url, "miracle cure", "hold")
    _reply(other_member_client, thread, "This MIRACLE cure fixed my back!")
    reply = Reply.objects.get(body="This MIRACLE cure fixed my back!")
    assert reply.held_at is not None and reply.held_reason == "word filter"
    flag = Flag.objects.get()
    assert (flag.source, flag.severity) == (Flag.Source.FILTER, Flag.Severity.HELD)
    assert flag.findings["phrases"] == ["miracle cure"]
    assert "fixed my back" not in str(flag.findings)
    writer_page = other_member_client.get(thread.get_absolute_url()).content.decode()
    assert "A moderator will look at this post before others see it" in writer_page
    assert (
        "fixed my back"
        not in member_client.get(thread.get_absolute_url()).content.decode()
    )
    queue = moderator_client.get(
        reverse("moderation:queue", args=[group.slug])
    ).content.decode()
    assert "on the group's filter list" in queue
    assert "miracle cure" in queue


def test_a_flag_phrase_publishes_the_post_and_tells_the_moderators(
    group, thread, moderator_client, filters_url, other_member_client, member_client
):
    _add(moderator_client, filters_url, "scam", "flag")
    _reply(other_member_client, thread, "That clinic is a Scam, I think.")
    assert (
        "That clinic is a Scam"
        in member_client.get(thread.get_absolute_url()).content.decode()
    )
    flag = Flag.objects.get()
    assert (flag.source, flag.severity) == (Flag.Source.FILTER, Flag.Severity.OTHER)
    assert flag.findings["phrases"] == ["scam"]


def test_only_whole_words_match(
    group, thread, moderator_client, filters_url, other_member_client
):
    _add(moderator_client, filters_url, "scam", "hold")
    _reply(other_member_client, thread, "My dog scampered off again.")
    assert Reply.objects.get(body__startswith="My dog").held_at is None
    assert not Flag.objects.exists()


def test_a_post_in_crisis_is_never_held_by_a_filter_but_still_flagged(
    group, thread, moderator_client, filters_url, other_member_client, member_client
):
    _add(moderator_client, filters_url, "goodbye letters", "hold")
    _reply(other_member_client, thread, URGENT)
    assert Reply.objects.get(body=URGENT).held_at is None
    assert (
        "end my life tonight"
        in member_client.get(thread.get_absolute_url()).content.decode()
    )
    sources = set(Flag.objects.values_list("source", "severity"))
    assert sources == {
        (Flag.Source.SAFETY, Flag.Severity.URGENT),
        (Flag.Source.FILTER, Flag.Severity.OTHER),
    }


def test_a_new_thread_is_checked_title_and_all(
    group, moderator_client, filters_url, other_member_client
):
    _add(moderator_client, filters_url, "miracle cure", "hold")
    other_member_client.post(
        reverse("threads:new", args=[group.slug]),
        {"title": "A miracle cure?", "body": "Has anyone tried it?"},
    )
    opening = Reply.objects.get(body="Has anyone tried it?")
    assert opening.held_reason == "word filter"


def test_chat_messages_are_flagged_never_held_because_the_room_is_live(
    group, moderator_client, filters_url, other_member_client
):
    _add(moderator_client, filters_url, "miracle cure", "hold")
    response = other_member_client.post(
        reverse("chat:send", args=[group.slug]),
        {
            "body": "Try this miracle cure!",
            "client_id": "6f1c2a8e-63a4-4f7e-9d25-2f1b1c0e8a01",
        },
    )
    assert response.status_code == 302
    message = ChatMessage.objects.get()
    assert message.hidden_at is None
    flag = Flag.objects.get()
    assert (flag.source, flag.severity) == (Flag.Source.FILTER, Flag.Severity.OTHER)
    assert flag.object_id == message.pk


def test_moderators_own_posts_are_not_filtered(
    group, thread, moderator_client, filters_url
):
    _add(moderator_client, filters_url, "miracle cure", "hold")
    _reply(moderator_client, thread, "Please don't promise a miracle cure here.")
    assert Reply.objects.get(body__startswith="Please").held_at is None
    assert not Flag.objects.exists()


def test_an_edit_that_adds_a_phrase_is_flagged_and_stays_up(
    group, reply, moderator_client, filters_url, other_member_client, member_client
):
    _add(moderator_client, filters_url, "miracle cure", "hold")
    other_member_client.post(
        reverse("threads:edit", args=[reply.pk]), {"body": "Found a miracle cure!"}
    )
    reply.refresh_from_db()
    assert reply.held_at is None
    assert (
        "Found a miracle cure!"
        in member_client.get(reply.thread.get_absolute_url()).content.decode()
    )
    flag = Flag.objects.get()
    assert (flag.source, flag.severity) == (Flag.Source.FILTER, Flag.Severity.OTHER)

from django.urls import reverse

from alongside.moderation.models import Flag, ModerationLog, SupportMessage
from alongside.threads.actions import add_reply

URGENT = "I've written my goodbye letters and I'm going to end my life tonight."


def test_group_page_links_moderators_to_the_queue_with_a_count(
    moderator_client, member_client, member, thread, group
):
    add_reply(author=member, thread=thread, body=URGENT)
    body = moderator_client.get(group.get_absolute_url()).content.decode()
    assert "Moderation: 1 waiting" in body
    assert (
        "Moderation:"
        not in member_client.get(group.get_absolute_url()).content.decode()
    )


def test_leaving_a_post_up_closes_the_flag_and_logs_it(
    moderator_client, moderator, member, thread, group
):
    add_reply(author=member, thread=thread, body=URGENT)
    flag = Flag.objects.get()
    moderator_client.post(
        reverse("moderation:resolve", args=[group.slug, flag.pk]),
        {"reason": "Spoke with them in chat; they are safe."},
    )
    flag.refresh_from_db()
    assert flag.resolution == "left_up"
    log = ModerationLog.objects.get()
    assert (log.actor, log.action) == (moderator, "flag_left_up")
    assert log.reason == "Spoke with them in chat; they are safe."
    queue = moderator_client.get(reverse("moderation:queue", args=[group.slug]))
    assert "Nothing is waiting" in queue.content.decode()


def test_the_member_sees_the_support_message_on_their_home_page(
    moderator_client, member_client, member, thread, group
):
    add_reply(author=member, thread=thread, body=URGENT)
    flag = Flag.objects.get()
    moderator_client.post(
        reverse("moderation:reach_out", args=[group.slug, flag.pk]),
        {"body": "We're thinking of you."},
    )
    home = member_client.get(reverse("home")).content.decode()
    assert "Messages from your moderators" in home
    assert "thinking of you" in home


def test_an_empty_support_message_keeps_the_form(
    moderator_client, member, thread, group
):
    add_reply(author=member, thread=thread, body=URGENT)
    flag = Flag.objects.get()
    response = moderator_client.post(
        reverse("moderation:reach_out", args=[group.slug, flag.pk]), {"body": ""}
    )
    assert "Write a message before sending." in response.content.decode()
    flag.refresh_from_db()
    assert flag.resolved_at is None


def test_flags_from_another_group_are_not_reachable(
    moderator_client, member, group, private_group
):
    from alongside.threads.actions import open_thread

    open_thread(author=member, group=private_group, title="hard night", body=URGENT)
    flag = Flag.objects.get()
    # The moderator of chronic-pain cannot reach a flag raised in another group.
    url = reverse("moderation:reach_out", args=[group.slug, flag.pk])
    assert moderator_client.get(url).status_code == 404
    resolve = reverse("moderation:resolve", args=[group.slug, flag.pk])
    assert moderator_client.post(resolve).status_code == 404


def test_reaching_out_sends_the_message_closes_the_item_and_logs_it(
    moderator_client, moderator, member, thread, group
):
    add_reply(author=member, thread=thread, body=URGENT)
    flag = Flag.objects.get()

    response = moderator_client.post(
        reverse("moderation:reach_out", args=[group.slug, flag.pk]),
        {"body": "We're thinking of you. We're here if you want to talk."},
    )

    assert response["Location"] == reverse("moderation:queue", args=[group.slug])
    message = SupportMessage.objects.get()
    assert (message.recipient, message.sender, message.group) == (
        member,
        moderator,
        group,
    )
    assert message.body == "We're thinking of you. We're here if you want to talk."
    flag.refresh_from_db()
    assert (flag.resolution, flag.resolved_by) == ("reached_out", moderator)
    log = ModerationLog.objects.get()
    assert (log.actor, log.action, log.group, log.subject) == (
        moderator,
        "flag_reached_out",
        group,
        member,
    )
    assert (log.target_type.model_class(), log.target_id) == (Flag, flag.pk)
    # The message is between the moderators and the member: the log keeps that
    # one was sent, never its words.
    assert log.reason == ""


def test_showing_an_edited_post_again_from_the_queue_closes_it_and_logs_why(
    moderator_client, moderator, other_member_client, other_member, member_client,
    thread, reply, group,
):  # fmt: skip
    moderator_client.post(
        reverse("threads:hide", args=[reply.pk]), {"reason": "Names a person."}
    )
    other_member_client.post(
        reverse("threads:edit", args=[reply.pk]), {"body": "Every time, for me too."}
    )
    flag = Flag.objects.get(source=Flag.Source.RESUBMITTED)

    response = moderator_client.post(
        reverse("moderation:restore", args=[group.slug, flag.pk]),
        {"reason": "The name is gone now."},
    )

    assert response["Location"] == reverse("moderation:queue", args=[group.slug])
    reply.refresh_from_db()
    assert not reply.is_hidden
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert "Every time, for me too." in page
    flag.refresh_from_db()
    assert (flag.resolution, flag.resolved_by) == ("restored", moderator)
    log = ModerationLog.objects.get(action="flag_restored")
    assert (log.actor, log.group, log.subject, log.reason) == (
        moderator,
        group,
        other_member,
        "The name is gone now.",
    )
    assert (log.target_type.model_class(), log.target_id) == (Flag, flag.pk)
    restored = ModerationLog.objects.get(action="reply_restored")
    assert (restored.actor, restored.target_id, restored.reason) == (
        moderator,
        reply.pk,
        "The name is gone now.",
    )
